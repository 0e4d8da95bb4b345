"""``{% fragment "name" value… %}…{% endfragment %}``: a part of a page kept
rendered, per site, language and the values named, for as long as a stored
page would be (``web.page_cache.fragment_scope``): any committed write to the
site or to the public schema, or the site's next scheduled change, ends it.

For parts that many pages and visitors share and that cost most of a list's
render: one item of a list, keyed by the object's primary key. What is inside
must depend only on the values named, the site, the language and the data
(never on who is looking, the address, a form or the CSRF token), and every
variable it sets must be used inside it only.
"""

import hashlib
import re
from collections.abc import Callable

from django import template
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from languages.rendering import rendering_language
from web.fragment_store import FragmentStore
from web.fragment_store import fragments as kept
from web.page_cache import fragment_scope

register = template.Library()
#: Values that go into a key as they are; anything else is hashed.
_PLAIN = re.compile(r"[A-Za-z0-9_.:-]{0,100}")


class FragmentNode(template.Node):
    def __init__(self, name: str, values: list, nodelist: template.NodeList) -> None:
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        scope = fragment_scope(request)
        if scope is None:
            return self.nodelist.render(context)
        prefix, until = scope
        values = [value.resolve(context) for value in self.values]
        key = _key(prefix, self.name, values, rendering_language(context))
        read = getattr(request, "_kept_fragments", None) or {}
        html = read[key] if key in read else kept.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if keyed_as_rendered(key, prefix):
                kept.set(key, str(html), until=until)
        return mark_safe(html)


def _key(prefix: str, name: str, values: list, language: str | None) -> str:
    return key_head(prefix, name, language) + _varying(values)


def key_head(prefix: str, name: str, language: str | None) -> str:
    """What keys of fragment ``name`` share here: the language it renders in
    (a template's: languages.rendering, read from its context; a view's: the
    active one) and the time zone active there (a page may switch either for
    a part). Read once for a whole list's keys: each costs ~3 µs
    (thread-local state)."""
    return f"{prefix}:{language}:{timezone.get_current_timezone_name()}:{name}:"


def keyed_as_rendered(key: str, prefix: str) -> bool:
    """Whether the language in ``key`` (a template's, from its context) is
    the one active, which rendered the part: checked only for a part not
    kept yet, so that no key ever holds another language's HTML."""
    return key.startswith(f"{prefix}:{translation.get_language()}:")


def _varying(values: list) -> str:
    if len(values) == 1 and type(values[0]) is int:  # a primary key: plain, no join
        varying = str(values[0])
        if len(varying) <= 100:
            return varying
    varying = ":".join(str(value) for value in values)
    if not _PLAIN.fullmatch(varying):  # long, or a visitor's odd input
        varying = hashlib.sha256(varying.encode("utf-8", "surrogatepass")).hexdigest()
    return varying


class KeptItems(list):
    """What :func:`kept_items` answers: the items, with the key each kept
    item's fragment was read under (``None`` for an item loaded), so that
    ``{% fragment_for %}`` over them works no key out a second time (two
    per item were ~60 of a list's calls per request, cProfile)."""

    __slots__ = ("attrs", "head", "keys")

    def __init__(self, items: list, head: str, attrs: tuple[str, ...], keys: list) -> None:
        super().__init__(items)
        self.head, self.attrs, self.keys = head, attrs, keys


def kept_items(
    request: HttpRequest, name: str, rows: list, load: Callable, *, key: tuple[str, ...] = ("pk",)
) -> list:
    """The items of a page of a list whose template shows each item as
    ``{% fragment name item.pk %}`` (or with the further values ``key``
    names, in that order), in the order of ``rows``: the pager's
    ``values_list(..., named=True)`` rows, which hold those values. An item
    whose fragment is kept is its row, its HTML read here at once (one
    ``get_many``) and handed to the tag; only the others are loaded, whole,
    by ``load(pks) -> {pk: object}`` (a row deleted meanwhile is left out).
    Loading 25 articles of the news list with every language's columns was
    a fifth of its render (1.3 of 5.6 ms of CPU)."""
    scope = fragment_scope(request)
    if scope is None:
        loaded = load([row.pk for row in rows]) if rows else {}
        return [loaded[row.pk] for row in rows if row.pk in loaded]
    head = key_head(scope[0], name, translation.get_language())
    keys = {head + _varying([getattr(row, v) for v in key]): row.pk for row in rows}
    found = kept.get_many(list(keys))
    if found:
        _hand_to_tags(request, found)
    hits = {keys[found_key]: found_key for found_key in found}
    missing = [row.pk for row in rows if row.pk not in hits]
    loaded = load(missing) if missing else {}
    shown = [row for row in rows if row.pk in hits or row.pk in loaded]
    return KeptItems(
        [row if row.pk in hits else loaded[row.pk] for row in shown],
        head,
        key,
        [hits.get(row.pk) for row in shown],
    )


def kept_value(
    request: HttpRequest,
    name: str,
    values: list,
    compute: Callable[[], object],
    *,
    store: FragmentStore = kept,
):
    """``compute()``'s result, kept as ``{% fragment %}`` parts are (per
    site, language, time zone and ``values``, until the site changes), or
    computed afresh when fragments must be. For figures a page works out
    from the data alone, never from who is looking: a list's count of
    matches, whose query cost a list page ~1 ms of its ~14 (bench/http.py
    --profile). None is never kept (a detail page's object not found).
    ``store``: another bounded store than the fragments' (values many
    addresses make, that must not push the fragments out)."""
    scope = fragment_scope(request)
    if scope is None:
        return compute()
    key = _key(scope[0], name, values, translation.get_language())
    value = store.get(key)
    if value is None:
        value = compute()
        if value is not None:
            store.set(key, value, until=scope[1])
    return value


def kept_fragment(request: HttpRequest, name: str, *values) -> bool:
    """Whether this request's page has ``{% fragment name values… %}`` kept:
    its HTML is read here (and handed to the tag, so it cannot expire in
    between), and the view may skip building what only that fragment shows.
    The values must render in the key as the template's do (``str()``)."""
    scope = fragment_scope(request)
    if scope is None:
        return False
    key = _key(scope[0], name, list(values), translation.get_language())
    html = kept.get(key)
    if html is None:
        return False
    _hand_to_tags(request, {key: html})
    return True


def _hand_to_tags(request: HttpRequest, found: dict[str, str]) -> None:
    """Kept HTML read by a view, for the tags to use as read (it cannot
    expire between the view and the template)."""
    read = getattr(request, "_kept_fragments", None) or {}
    read.update(found)
    request._kept_fragments = read


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('{% fragment "name" value… %} needs a quoted name')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


class FragmentForNode(template.Node):
    """``{% fragment_for "name" item in items [by attr…] %}…{% after_each %}…{% endfragment_for %}``:
    the loop ``{% for item in items %}{% fragment "name" item.attr… %}…{% endfragment %}…{% endfor %}``
    renders, byte for byte and with the same keys, in one node. A list's
    fragments share the scope, language and zone, so they are worked out
    once for the list and its kept items fetched in one ``get_many``: twenty
    tags each doing that for itself, inside a loop, cost a list page
    1.2–1.9 ms of CPU (bench/http.py --cpu, before and after: news list
    6.9 → 5.5, events list 8.0 → 6.1, directory 8.0 → 6.6)."""

    def __init__(
        self,
        name: str,
        var: str,
        sequence: template.base.FilterExpression,
        attrs: tuple[str, ...],
        nodelist: template.NodeList,
        after: template.NodeList,
    ) -> None:
        self.name, self.var, self.sequence, self.attrs = name, var, sequence, attrs
        self.nodelist, self.after = nodelist, after
        # A separator of text alone (a list's newline) is the same after
        # every item: joined once here, not rendered per item.
        self.after_text = None
        if all(isinstance(node, template.base.TextNode) for node in after):
            self.after_text = "".join(node.s for node in after)

    def render(self, context: template.Context) -> str:
        items = self.sequence.resolve(context, ignore_failures=True) or ()
        if not hasattr(items, "__len__"):  # read twice below, as {% for %} takes it
            items = list(items)
        if not items:
            return ""
        request = context.get("request")
        scope = fragment_scope(request)
        after = self.after_text
        parts: list[str] = []
        with context.push():
            if scope is None:
                for item in items:
                    context[self.var] = item
                    parts.append(self.nodelist.render(context))
                    parts.append(self.after.render(context) if after is None else after)
                return mark_safe("".join(parts))
            prefix, until = scope
            head = key_head(prefix, self.name, rendering_language(context))
            keep = None  # whether the keys' language is the active one, asked once
            keys = self._keys(items, head)
            read = getattr(request, "_kept_fragments", None) or {}
            unread = [key for key in keys if key not in read]
            found = {**kept.get_many(unread), **read} if unread else read
            for item, key in zip(items, keys, strict=True):
                html = found.get(key)
                if html is None or after is None:
                    context[self.var] = item
                if html is None:
                    html = str(self.nodelist.render(context))
                    if keep is None:
                        keep = keyed_as_rendered(head, prefix)
                    if keep:
                        kept.set(key, html, until=until)
                parts.append(html)
                parts.append(self.after.render(context) if after is None else after)
        return mark_safe("".join(parts))

    def _keys(self, items, head: str) -> list[str]:
        """Each item's key: as :func:`kept_items` read it where it did (same
        name, language, zone and values), else worked out here."""
        known = None
        if isinstance(items, KeptItems) and items.head == head and items.attrs == self.attrs:
            known = items.keys
        if known is None:
            return [head + _varying([getattr(item, a, "") for a in self.attrs]) for item in items]
        return [
            key if key is not None else head + _varying([getattr(item, a, "") for a in self.attrs])
            for item, key in zip(items, known, strict=True)
        ]


@register.tag
def fragment_for(parser: template.base.Parser, token: template.base.Token) -> FragmentForNode:
    bits = token.split_contents()
    usage = '{% fragment_for "name" item in items [by attr…] %} needs a quoted name'
    if len(bits) < 5 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0] or bits[3] != "in":
        raise template.TemplateSyntaxError(usage)
    attrs = ("pk",)
    if len(bits) > 5:
        if bits[5] != "by" or len(bits) < 7:
            raise template.TemplateSyntaxError(usage)
        attrs = tuple(bits[6:])
    nodelist = parser.parse(("after_each", "endfragment_for"))
    after = template.NodeList()
    if parser.next_token().contents == "after_each":
        after = parser.parse(("endfragment_for",))
        parser.delete_first_token()
    return FragmentForNode(
        bits[1][1:-1], bits[2], parser.compile_filter(bits[4]), attrs, nodelist, after
    )
