"""``striptags`` and ``truncatechars`` as Django's, without their work where
the text needs none: text without a ``<`` has no tag to strip, and text no
longer than the limit is not cut.

Every page's link-preview data (includes/meta.html) strips and cuts the
site's tagline or the object's text, and detail pages cut their title for
the breadcrumbs. Django's ``truncatechars`` asks the translation catalog
for its ellipsis and walks the text character by character even when
nothing is cut (~30 µs a call for a 44-character tagline on the benchmark
machine); its ``striptags`` runs a regular expression over the text first.
The results are Django's own, character for character: the fast paths return
what Django returns in those cases, and everything else goes to Django.
Registered as a builtin in settings.TEMPLATES, which overrides Django's
filters of the same names.
"""

import unicodedata

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import strip_tags
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def striptags(value: str) -> str:
    # Django's strip_tags returns its input unchanged when there is no "<".
    return value if "<" not in value else strip_tags(value)


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value: str, arg: object) -> str:
    try:
        length = int(arg)
    except ValueError:  # as Django: an invalid length leaves the text alone
        return value
    if length > 0:
        # Django counts only the non-combining characters of the NFC form and
        # returns that form whole when they are no more than the limit: no
        # more characters at all is the case of nearly every text here.
        text = unicodedata.normalize("NFC", value)
        if len(text) <= length:
            return text
        # A cut text without combining characters up to the cut (nearly every
        # longer description: NFC composes Vietnamese marks): Django's walk
        # counts every character, so the cut falls at the index its count
        # gives (Django's own functions, with its translated ellipsis). The
        # walk, in Python, was ~25 µs of a detail page's link-preview data
        # for a 200-character cut (two cuts a page); any(map(...)) runs in C.
        if not any(map(unicodedata.combining, text[: length + 1])):
            end = max(calculate_truncate_chars_length(length, None), 0)
            return add_truncation_text(text[:end])
    return Truncator(value).chars(length)
