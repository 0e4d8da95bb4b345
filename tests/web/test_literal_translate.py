"""``{% load i18n %}`` gives web.templatetags.literal_translate, whose
``{% translate %}`` renders what Django's does: every form, each language,
with autoescaping on and off."""

import pytest
from django.template import Context, Engine, engines
from django.templatetags import i18n as django_i18n
from django.utils import translation
from django.utils.safestring import mark_safe

from languages.registry import get_language
from web.templatetags import literal_translate
from web.templatetags.literal_translate import LiteralTranslateNode

FORMS = [
    '{% translate "News and policies" %}',
    "{% translate 'Enterprise directory' %}",
    '{% trans "Filter" %}',
    '{% translate "No such message in any catalog <b>&" %}',
    "{% translate 'A \"quoted\" message, <i>HTML</i> & all' %}",
    '{% translate "Get e-mail alerts for this list" %}',
    '{% translate "Showing %(first)s" %}',
    '{% translate "100%% sure" %}',
    '{% translate "Filter" noop %}',
    '{% translate "Filter" as word %}[{{ word }}]',
    "{% translate 'Trade opportunities' as section %}{{ section }}|{{ section|upper }}",
    '{% translate "No such message <b>&" as odd %}[{{ odd }}]',
    '{% translate "Fair" context "event type" %}',
    '{% translate "Filter"|upper %}',
    "{% translate message %}",
    "{% translate safe_message %}",
    "{% blocktranslate %}Filter{% endblocktranslate %}",
    "{% get_current_language as code %}{{ code }} {{ code|language_name_local }}",
]
#: Django's own i18n library: an engine without the project's override.
DJANGO = Engine(libraries={"i18n": "django.templatetags.i18n"})


def render(source: str, autoescape: bool, engine: Engine) -> str:
    template = engine.from_string("{% load i18n %}" + source)
    return template.render(
        Context(
            {"message": "Filter <i>", "safe_message": mark_safe("Filter <i>")},
            autoescape=autoescape,
        )
    )


def test_load_i18n_gives_the_fast_tag_and_all_of_djangos_library():
    library = engines["django"].engine.template_libraries["i18n"]
    assert library is literal_translate.register
    assert library.filters == django_i18n.register.filters
    assert library.tags.keys() == django_i18n.register.tags.keys()
    for tag in ('{% translate "Filter" %}', '{% translate "Filter" as word %}'):
        template = engines["django"].from_string("{% load i18n %}" + tag)
        assert isinstance(template.template.nodelist[-1], LiteralTranslateNode), tag


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("language", ["en", "vi", "zh-hans", "ar"])
def test_the_tag_renders_what_djangos_does(language, autoescape):
    ours = engines["django"].engine
    assert DJANGO.template_libraries["i18n"] is django_i18n.register
    with translation.override(language):
        for source in FORMS:
            assert render(source, autoescape, ours) == render(source, autoescape, DJANGO), source
    with translation.override("vi"):
        assert render(FORMS[0], autoescape, ours) != "News and policies"


def test_no_other_template_library_name_is_given_twice():
    """settings silence Django's check for one deliberate override; the
    check itself still holds for every other name."""
    from django.template import engines

    twice = engines["django"]._check_for_template_tags_with_the_same_name()

    assert [warning.msg for warning in twice] == [
        "'i18n' is used for multiple template tag modules:"
        " 'django.templatetags.i18n', 'web.templatetags.literal_translate'"
    ]


def test_a_language_block_gives_its_tags_the_language_it_renders_in():
    """Tags read the page's language from ``current_language`` (once a page,
    languages.rendering); inside ``{% language %}`` it is the block's."""
    template = engines["django"].from_string(
        "{% load i18n %}{{ current_language.code }}"
        '{% language "en" %}{{ current_language.code }}{% translate "Home" %}{% endlanguage %}'
        '{% language "xx-unknown" %}[{{ current_language.code }}]{% endlanguage %}'
        "{{ current_language.code }}"
    )
    with translation.override("vi"):
        assert template.render({"current_language": get_language("vi")}) == "vienHome[]vi"


def test_a_literal_is_translated_once_per_language(monkeypatch):
    """In a page (``current_language`` in its context) a quoted message is
    looked up once per language, then remembered: ~7-18 a page."""
    asked = []
    real = literal_translate.gettext
    monkeypatch.setattr(literal_translate, "gettext", lambda m: asked.append(m) or real(m))
    literal_translate._translated.cache_clear()
    template = engines["django"].from_string('{% load i18n %}{% translate "Sign in" %}')
    rendered = []
    for language in ("vi", "en", "vi"):
        with translation.override(language):
            rendered.append(template.render({"current_language": get_language(language)}))
            assert rendered[-1] == render('{% translate "Sign in" %}', True, DJANGO)
    assert asked == ["Sign in", "Sign in"] and rendered[0] != rendered[1]
