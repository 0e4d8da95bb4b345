"""Article bodies as safe HTML: what editors paste is cleaned with nh3 before it
is stored, so templates can show it as is and no script ever survives."""

import html
import re

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
TAG = re.compile(r"<[^>]*>")
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}


def clean_html(text: str) -> str:
    """Safe HTML from an editor's text: HTML is cleaned, plain text gets paragraphs."""
    if not text:
        return ""
    if "<" not in text:
        return linebreaks(escape(text))
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(text: str) -> str:
    """The words of stored HTML, for search and summaries."""
    # Tags become spaces, so "<p>end</p><p>start" does not glue two words.
    return " ".join(html.unescape(TAG.sub(" ", text)).split())
