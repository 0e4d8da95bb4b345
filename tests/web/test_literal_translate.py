"""``{% translate %}`` of ``literal_translate`` renders what Django's does:
every form, each language, with autoescaping on and off."""

import pytest
from django.template import Context, engines
from django.utils import translation

FORMS = [
    '{% translate "News and policies" %}',
    "{% translate 'Enterprise directory' %}",
    '{% trans "Filter" %}',
    '{% translate "No such message in any catalog <b>&" %}',
    '{% translate "Get e-mail alerts for this list" %}',
    '{% translate "Showing %(first)s" %}',
    '{% translate "Filter" noop %}',
    '{% translate "Filter" as word %}[{{ word }}]',
    '{% translate "Fair" context "event type" %}',
    '{% translate "Filter"|upper %}',
    "{% translate message %}",
]


def render(source: str, autoescape: bool, *libraries: str) -> str:
    loads = "{% load " + " ".join(("i18n", *libraries)) + " %}"
    template = engines["django"].from_string(loads + source).template
    return template.render(Context({"message": "Filter <i>"}, autoescape=autoescape))


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("language", ["en", "vi", "zh-hans", "ar"])
def test_the_tag_renders_what_djangos_does(language, autoescape):
    with translation.override(language):
        for source in FORMS:
            assert render(source, autoescape, "literal_translate") == render(source, autoescape)
    with translation.override("vi"):
        assert render(FORMS[0], autoescape, "literal_translate") != "News and policies"
