"""The frame's language links (web/templatetags/language_links.py): the HTML
the templates gave, values escaped as ``{{ }}`` escapes them."""

from django.template import Context
from django.utils.translation import override

from web.templatetags.language_links import alternate_links, language_switcher


def entry(code: str, *, current: bool = False, name: str = "", url: str = "") -> dict:
    path = f"/{code}/news/"
    return {
        "code": code,
        "name": name or code,
        "path": path,
        "url": url or path,
        "current": current,
    }


def test_one_language_gets_no_switcher_and_a_few_get_a_list():
    assert language_switcher(Context({"page_languages": [entry("vi")]})) == "\n"
    assert language_switcher(Context({})) == "\n"  # an unknown host's page
    languages = [entry("vi", current=True), entry("en", name='A "<&>', url="/en/?q=a&b=<")]
    with override("en"):
        html = language_switcher(Context({"page_languages": languages}))
    assert html == (
        '\n<nav class="languages" aria-label="Language">\n  \n  <ul>\n  '
        '\n  <li><a href="/vi/news/" lang="vi" hreflang="vi" aria-current="true">vi</a></li>\n  '
        '\n  <li><a href="/en/?q=a&amp;b=&lt;" lang="en" hreflang="en">A &quot;&lt;&amp;&gt;</a></li>\n  '
        "\n</ul>\n\n  \n</nav>\n\n"
    )


def test_many_languages_fold_under_the_current_ones_name():
    languages = [entry(code, current=code == "id") for code in ("vi", "en", "id", "th", "ko")]
    with override("en"):
        html = language_switcher(Context({"page_languages": languages}))
    assert '<summary><span lang="id">id</span> · Languages</summary>\n    <ul>' in html
    assert html.count("<li>") == 5


def test_alternates_name_each_languages_path_on_the_sites_origin():
    context = Context({"page_origin": "https://a.example", "page_languages": [entry("vi")]})
    assert alternate_links(context) == (
        '<link rel="alternate" hreflang="vi" href="https://a.example/vi/news/">\n  '
    )
