"""``{% fallback_note %}`` (translations/templatetags/translated.py): the HTML
its inclusion template gave, for every shape of the note."""

import itertools
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils.translation import override

from languages.formatting import format_names
from translations.fallback import ShownText
from translations.templatetags import translated

#: translations/fallback_note.html, as it was.
TEMPLATE = '{% load i18n %}{% if note %}<div class="fallback-note" role="note"><p>{% blocktranslate trimmed with requested=note.requested shown=note.shown %}Not yet available in {{ requested }} — shown in {{ shown }}.{% endblocktranslate %}</p>\n{% if note.asked %}<p class="fallback-note__request">{% blocktranslate trimmed with requested=note.requested %}A translation into {{ requested }} has been requested.{% endblocktranslate %}</p>\n{% elif note.item %}<form method="post" action="{% url \'ask_translation\' %}" class="fallback-note__request">{% csrf_token %}<input type="hidden" name="item" value="{{ note.item }}"><input type="hidden" name="next" value="{{ request.get_full_path }}"><button type="submit" class="link-button">{% blocktranslate trimmed with requested=note.requested %}Ask for a translation into {{ requested }}{% endblocktranslate %}</button></form>{% endif %}</div>{% endif %}\n'


# The template as it was holds Django's own {% csrf_token %}, which Django
# 5.2 renders for "NOTPROVIDED" with format_html("") and a deprecation
# warning of its own (36 in a run): Django's code, not this project's.
@pytest.mark.filterwarnings(
    "ignore:Calling format_html:django.utils.deprecation.RemovedInDjango60Warning"
)
def test_the_tag_writes_what_the_template_wrote(monkeypatch):
    engine = engines["django"]
    before = engine.from_string(TEMPLATE)
    now = engine.from_string("{% load translated %}{% fallback_note first second item=item %}")
    asked: dict = {}
    monkeypatch.setattr(translated, "_is_requested", lambda request, item, language: asked["is"])
    public = SimpleNamespace(is_public=lambda item: item.pk != 13)
    monkeypatch.setattr(translated.tasks, "registered", lambda model: public)
    texts = [
        ShownText("", "vi", "vi"),
        ShownText("Xin chào", "vi", "vi"),
        ShownText("你好 <b>", "zh-hans", "vi"),
        ShownText("Hello", "en", "zh-hans"),
    ]
    items = [None, SimpleNamespace(pk=7, _meta=SimpleNamespace(label_lower="a.b")),
             SimpleNamespace(pk=13, _meta=SimpleNamespace(label_lower="a.b"))]  # fmt: skip
    site = SimpleNamespace(schema_name="cn_vn")
    requests = [
        None,  # no site: the hub's, which takes no requests
        SimpleNamespace(tenant=None, get_full_path=lambda: "/"),
        SimpleNamespace(tenant=site, get_full_path=lambda: "/vi/news/x/?a=1&b=<2>"),
    ]
    checked = 0
    shapes = itertools.product(
        texts, texts, items, requests, [None, "", "NOTPROVIDED", "tok<en>"], [False, True]
    )
    for first, second, item, request, token, is_asked in shapes:
        asked["is"] = is_asked
        context = {"first": first, "second": second, "item": item, "request": request}
        if token is not None:
            context["csrf_token"] = token
        # The note as the inclusion tag made it for its template.
        fallbacks = [t for t in (first, second) if t.is_fallback]
        fallback = fallbacks[0] if fallbacks else None
        note = None
        if fallback is not None:
            reader = fallback.requested
            note = {
                "requested": translated.language_in_sentence(reader, reader),
                # Each language fallen back to, listed as the reader's language lists.
                "shown": format_names(
                    [
                        translated.language_in_sentence(code, reader)
                        for code in dict.fromkeys(t.language for t in fallbacks)
                    ],
                    reader,
                ),
            }
            if item is not None and item.pk != 13 and getattr(request, "tenant", None):
                note.update(item=f"a.b:{item.pk}", asked=is_asked)
        for language in ("vi", "en", "zh-hans"):
            with override(language):
                old = before.render({**context, "note": note})
                assert now.render(context) == old, (context, language)
        checked += 1
    assert checked == 4 * 4 * 3 * 3 * 4 * 2


def test_a_block_shown_in_two_other_languages_names_both():
    """An English reader of an article whose title is Chinese and whose text
    is Indonesian was told "shown in Chinese" only (newcomer walk-through)."""
    from languages.formatting import format_names, language_in_sentence

    engine = engines["django"]
    note = engine.from_string("{% load translated %}{% fallback_note title body %}")
    title, body = ShownText("苏门答腊咖啡", "zh-hans", "en"), ShownText("Ekspor naik", "id", "en")

    with override("en"):
        written = note.render({"title": title, "body": body})
        both = format_names([language_in_sentence(c, "en") for c in ("zh-hans", "id")], "en")

    assert f"shown in {both}." in written and both == "Chinese and Indonesian"
