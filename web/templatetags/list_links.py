"""``{% follow_link query %}`` and ``{% feed_link url %}``: a list's e-mail
alert and Atom feed links, what ``{% include "alerts/includes/follow_link.html"
with query=… %}`` and ``{% include "includes/feed_link.html" %}`` render,
byte for byte, in one call each. The two includes were ~0.2 and ~0.13 ms of
a list page's ~4.5 ms of CPU (the include's template look-up, a context
pushed, a ``{% url %}``, an ``{% if %}`` and a ``{% translate %}``: measured
per node, /vi/enterprises/ of bench/http.py's site). The templates stay the
reference (tests/web/test_list_links.py renders both) and what pages with a
label of their own (search, the bulletin) include.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from web.templatetags.memo_url import memo_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_link(context: template.Context, query: str) -> SafeString:
    """The list's "Get e-mail alerts" link, to subscribe with ``query``."""
    escape = conditional_escape if context.autoescape else str
    address = escape(memo_reverse("alert_subscribe"))
    label = escape(_("Get e-mail alerts for this list"))
    return mark_safe(
        f'<p class="follow-link"><a href="{address}?{escape(query)}">{label}</a></p>\n'
    )


@register.simple_tag(takes_context=True)
def feed_link(context: template.Context, url: str) -> SafeString:
    """The list's "Follow this list (Atom feed)" link, to ``url``."""
    escape = conditional_escape if context.autoescape else str
    label = escape(_("Follow this list (Atom feed)"))
    return mark_safe(
        f'<p class="feed-link"><a href="{escape(url)}" type="application/atom+xml">'
        f'<span class="feed-link__icon" aria-hidden="true"></span>{label}</a></p>\n'
    )
