"""``{{ text|rich_text }}``: stored rich text, shown safely.

Text saved since the editor came is clean already; older plain text (an
event description typed before) becomes paragraphs, and anything else is
cleaned on the way out too, so no template marks raw text safe.

Each table is put in a box that scrolls sideways on its own when the table
is wider than the column (a phone): the page itself never does. The box
can take the keyboard's focus (so it can be scrolled without a mouse) and
is a named region, "Table 1", "Table 2", for screen readers.
"""

import functools
import itertools
import re

from django import template
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from web.rich_text import clean_html

register = template.Library()

# nh3 writes tags in lower case and keeps no attribute on a table.
_TABLE = re.compile(r"<table>|</table>")


def boxed_tables(html: str) -> str:
    """``html`` (cleaned) with each table in its scrolling box."""
    numbers = itertools.count(1)

    def box(match: re.Match) -> str:
        if match.group(0) == "</table>":
            return "</table></div>"
        label = escape(gettext("Table %(number)s") % {"number": next(numbers)})
        return f'<div class="rich-table" role="region" tabindex="0" aria-label="{label}"><table>'

    return _TABLE.sub(box, html)


#: Texts shown are remembered up to this many (per process, least recently
#: used first out) and this long: at most ~4–8 MB of remembered text.
KEPT, KEPT_LENGTH = 64, 16_000


@functools.lru_cache(maxsize=KEPT)
def _shown(text: str, language: str, schema: str) -> str:
    # The boxes' names are in ``language``; images are kept only from the
    # uploads of the site whose ``schema`` is in use (clean_html).
    return boxed_tables(clean_html(text))


@register.filter
def rich_text(text: str) -> SafeString:
    # What a text shows depends on the text, the language and the site
    # alone: cleaning it again for every reader (nh3, with an attribute
    # filter in Python) was ~0.1 ms of an article page's CPU (bench/http.py,
    # a 2 kB body).
    if type(text) is str and len(text) <= KEPT_LENGTH:
        return mark_safe(_shown(text, get_language(), connection.schema_name))  # cleaned by nh3
    return mark_safe(boxed_tables(clean_html(text or "")))  # cleaned by nh3 just now
