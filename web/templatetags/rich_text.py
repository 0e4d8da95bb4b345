"""``{{ text|rich_text }}``: stored rich text, shown safely.

Text saved since the editor came is clean already; older plain text (an
event description typed before) becomes paragraphs, and anything else is
cleaned on the way out too, so no template marks raw text safe.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from web.rich_text import clean_html

register = template.Library()


@register.filter
def rich_text(text: str) -> SafeString:
    return mark_safe(clean_html(text or ""))  # cleaned by nh3 just now
