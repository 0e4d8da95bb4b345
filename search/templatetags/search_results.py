"""A page of search results as list items.

{% load search_results %}
<ol class="search-results">{% search_results found.results %}
  </ol>
"""

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from languages.templatetags.formatting import language_in_sentence, language_name, long_date
from search.query import Result
from web.escaping import escaped

register = template.Library()


@register.simple_tag
def search_results(results: Iterable[Result]) -> SafeString:
    """Each result's item, as the template loop that wrote them did, to the
    byte: the same filters, each value escaped as autoescape escapes it (the
    snippet is already safe), the untranslated note through the same
    message. Written here, not by a template loop: 20 results were ~260
    variable renders and ~2.8 ms of a search page's CPU (bench/http.py, in
    process), ~0.4 ms this way."""
    esc = escaped
    untranslated = gettext("Not yet translated into %(language)s")
    names: dict[str, str] = {}  # a page's results are in two or three languages
    parts = []
    for result in results:
        title_language = esc(result.title_language)
        name = names.get(result.title_language)
        if name is None:
            name = names[result.title_language] = esc(language_name(result.title_language))
        parts += [
            '\n    <li class="search-result">\n      <p class="search-result__meta"><span class="badge">',
            esc(result.label),
            '</span>\n        <span class="badge badge--language" lang="',
            title_language,
            '">',
            name,
            "</span>\n        ",
        ]
        if not result.is_translated:
            parts += [
                '<span class="search-result__translation">',
                untranslated % {"language": esc(language_in_sentence(result.language))},
                "</span>",
            ]
        parts.append("\n        ")
        if result.dated_at:
            parts += [
                '<span class="search-result__date">',
                esc(long_date(result.dated_at)),
                "</span>",
            ]
        parts += [
            '</p>\n      <a href="',
            esc(result.url),
            '" lang="',
            title_language,
            '">',
            esc(result.title),
            '</a>\n      <p lang="',
            esc(result.snippet_language),
            '">',
            esc(result.snippet),
            "</p>\n      ",
        ]
        if result.why:
            parts += ['<p class="search-result__why">', esc(result.why), "</p>"]
        parts.append("\n    </li>\n    ")
    return mark_safe("".join(parts))  # every value above is escaped
