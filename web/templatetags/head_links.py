"""What the frame reads of ``pager`` (web.pagination.Pager) when the page has
one: the head's links to a list's other pages, its canonical query, and
whether the page asked for was past the end.

base.html asked ``pager.canonical_query``, ``pager.previous_url``,
``pager.next_url`` and ``pager.asked`` on every page. Most pages have no
pager, and a variable that is not there costs Django's lookup four
exceptions raised and caught: the head's three cost such a page ~20 µs of
CPU more than these tags (timeit with process_time, 9 × 1,000 renders in a
request of the benchmark's site, machine under load). Here each is one
``context.get``; the HTML is the template's, character for character, each
value written out by Django's own ``render_value_in_context``, as ``{{ }}``
writes it.
"""

from django import template
from django.template.base import Variable, render_value_in_context
from django.utils.safestring import SafeString, mark_safe

from web.pagination import Pager

register = template.Library()


def _read(context: template.Context, name: str) -> object:
    """``pager.<name>`` as the template read it ("" when there is no pager)."""
    pager = context.get("pager")
    if pager is None and "pager" not in context:
        return ""
    if type(pager) is Pager:
        return getattr(pager, name)
    # Anything else a view may name pager: the template engine's own lookup.
    try:
        return Variable(f"pager.{name}").resolve(context)
    except template.VariableDoesNotExist:
        return context.template.engine.string_if_invalid if context.template else ""


@register.simple_tag(takes_context=True)
def canonical_query(context: template.Context) -> SafeString:
    """``?<the page's canonical query>``, or nothing."""
    query = _read(context, "canonical_query")
    return mark_safe(f"?{render_value_in_context(query, context)}" if query else "")


@register.simple_tag(takes_context=True)
def pager_links(context: template.Context) -> SafeString:
    """``<link rel="prev">`` and ``<link rel="next">`` where the list has them."""
    previous, following = _read(context, "previous_url"), _read(context, "next_url")
    previous_link = (
        f'<link rel="prev" href="{render_value_in_context(previous, context)}">' if previous else ""
    )
    next_link = (
        f'<link rel="next" href="{render_value_in_context(following, context)}">'
        if following
        else ""
    )
    return mark_safe(f"{previous_link}\n  {next_link}")


@register.simple_tag(takes_context=True)
def pager_value(context: template.Context, name: str) -> object:
    """``{% pager_value "asked" as asked %}``: ``pager.asked`` as the template
    read it, without the failed lookup's cost on a page without a pager."""
    return _read(context, name)
