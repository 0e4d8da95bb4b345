"""``{% pager_summary %}``: the pager's summary ("Showing 1–20 of 345"),
rendered once a page although a list shows it twice, above its items and
again beside the links below them (``includes/pager.html``). Rendered twice,
with three numbers formatted by Babel each time, it cost the news list about
0.3 ms of CPU a request (bench/http.py --profile)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString

from web.pagination import Pager

register = template.Library()


@register.simple_tag(takes_context=True)
def pager_summary(context: template.Context) -> SafeString:
    pager = context.get("pager")
    html = getattr(pager, "summary_html", None)
    if html is None:
        # The active language is part of the text: a page renders in one.
        html = get_template("includes/pager_summary.html").render({"pager": pager})
        if isinstance(pager, Pager):
            pager.summary_html = html
    return html
