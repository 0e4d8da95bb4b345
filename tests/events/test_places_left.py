"""``{% places_left %}`` writes what the event page's {% blocktranslate %}
wrote (kept below): each language, thousands, a zero, escaped or not, and
a translation that lost its placeholder."""

import pytest
from django.template import Context, Template
from django.utils import translation

BLOCK = (
    "{% load i18n %}{% blocktranslate trimmed with places=places_left %}"
    "Places left: {{ places }}{% endblocktranslate %}"
)
TAG = "{% load events_tags %}{% places_left places_left %}"


@pytest.mark.parametrize("language", ["en", "vi", "zh-hans", "id", "ar", "de"])
def test_the_tag_writes_what_blocktranslate_did(language, settings):
    for thousands in (False, True):
        settings.USE_THOUSAND_SEPARATOR = thousands
        for places in (0, 7, 12345):
            for autoescape in (True, False):
                context = {"places_left": places}
                with translation.override(language):
                    ours = Template(TAG).render(Context(context, autoescape=autoescape))
                    theirs = Template(BLOCK).render(Context(context, autoescape=autoescape))
                assert ours == theirs


def test_a_broken_translation_falls_back_as_blocktranslate_does(monkeypatch):
    real = translation._trans.gettext

    def lost(message: str) -> str:
        vietnamese = translation.get_language() == "vi"
        return "Còn %(chỗ)s" if vietnamese and message.startswith("Places") else real(message)

    monkeypatch.setattr(translation._trans, "gettext", lost)
    with translation.override("vi"):
        ours = Template(TAG).render(Context({"places_left": 3}))
        theirs = Template(BLOCK).render(Context({"places_left": 3}))
    assert ours == theirs == "Places left: 3"
