"""Pages of long lists: one helper for every list of the portal.

Two kinds, one template (``includes/pager.html``) and one set of head links
(``rel="prev"``/``rel="next"`` in ``base.html``):

- :func:`numbered` — page numbers and the total count. ``OFFSET`` grows with
  the page number, so it is for lists that stay short or count cheaply
  (enterprises, questions, events, a site's search results, the hub).
- :func:`keyset` — "newer" and "older" from a cursor (the last item's date
  and key): page 5,000 of 100,000 articles costs what page 1 costs. The
  total is counted only up to :data:`COUNT_LIMIT` ("more than 10,000").
  A page number given to such a list (``?page=2``: a bookmark, a guess) is
  answered by the same rules, with a redirect (:attr:`Pager.moved_to`):
  page 1 to the list without it, another to that page's cursor, one past
  the end to the last page's; never page 1 under page 2's address.

Both keep every other query parameter (the filters) in their links, answer
404 for a page number or cursor that is not one, and show the last page for
a number past the end (a bookmark from when the list was longer), saying so
above the list (``Pager.asked``, shown by ``base.html``): the reader who
followed an old link learns why the page holds other items than expected.
"""

import datetime
import functools
import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote_plus

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from web.fragment_store import kept_rows
from web.templatetags.fragments import kept_value

PER_PAGE = 20
COUNT_LIMIT = 10_000
PAGE_PARAMETER = "page"
OLDER, NEWER = "older", "newer"
#: A "more than N" total as the first page of a search counted it, carried
#: in its pager's links so it stays the same from page to page.
SHOWN_TOTAL = "n"
#: The page number a reader asked for past a cursor list's end (its last page says so).
ASKED = "asked"
NEIGHBOURS = 2  # page numbers shown either side of the current one
_CURSOR = re.compile(r"^(-?\d{1,18})\.(\d{1,18})$", re.ASCII)  # not "１.２"


@dataclass
class Pager:
    """One page of a list: its items and how to reach the others."""

    items: list
    per_page: int
    count: int | None  # None: not counted
    count_is_lower_bound: bool = False  # "more than" count
    number: int | None = None  # numbered pages only
    num_pages: int | None = None
    previous_url: str = ""
    next_url: str = ""
    first_url: str = ""  # the list's start, when this page is not it
    page_links: list[tuple[int | None, str]] = field(default_factory=list)  # None: a gap
    canonical_query: str = ""  # what identifies this page in its address
    keyset: bool = False
    #: Where a page number given to a cursor list leads (the view redirects):
    #: the list itself for page 1 (``moved_permanently``), else the cursor
    #: of that page.
    moved_to: str = ""
    moved_permanently: bool = False
    asked: int | None = None  # the number asked for, when past the end (this is the last)
    #: Its summary as rendered, once for the page (``{% pager_summary %}``).
    summary_html: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_paginated(self) -> bool:
        return bool(self.previous_url or self.next_url)

    @property
    def start_index(self) -> int:
        if self.number is None or not self.items:
            return 0
        return (self.number - 1) * self.per_page + 1

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.items) - 1 if self.items else 0


def page_number(request: HttpRequest, parameter: str = PAGE_PARAMETER) -> int:
    """The page asked for: 1 when absent, 404 when not a positive number."""
    raw = request.GET.get(parameter, "")
    if raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise Http404("No such page")
    return int(raw)


def address(request: HttpRequest, **changes: str | int | None) -> str:
    """This page's address with ``changes`` to its query (None removes one)."""
    query = _encoded_query(request).copy()
    encoding = request.GET.encoding
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = f"{_quoted(name, encoding)}={_quoted(str(value), encoding)}"
    encoded = "&".join(part for part in query.values() if part)
    return f"{request.path}?{encoded}" if encoded else request.path


def list_query(request: HttpRequest) -> str:
    """This list's filters as a query string ("?type=demand&product=0801"),
    without its page: for the list's feed, which follows the same filters."""
    query = _encoded_query(request)
    left_out = (PAGE_PARAMETER, OLDER, NEWER, ASKED)
    encoded = "&".join(part for name, part in query.items() if part and name not in left_out)
    return f"?{encoded}" if encoded else ""


def _encoded_query(request: HttpRequest) -> dict[str, str]:
    """What ``QueryDict.urlencode()`` gives for the request's query, a part
    per name (its values joined), in its order: read once a request and
    changed per link (:func:`address`). Each link encoding every parameter
    again, one ``quote_plus`` per name and value, was ~0.15 ms of a
    directory page's five links (timeit, two filters)."""
    query = request.GET
    encoded = getattr(request, "_encoded_query", None)
    if encoded is None or encoded[0] is not query:
        parts = {
            name: "&".join(
                f"{_quoted(name, query.encoding)}={_quoted(str(value), query.encoding)}"
                for value in values
            )
            for name, values in query.lists()
        }
        encoded = (query, parts)
        request._encoded_query = encoded
    return encoded[1]


#: What ``quote_plus`` leaves as it is, whatever the (ASCII-compatible) encoding.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


def _quoted(text: str, encoding: str) -> str:
    if _UNQUOTED.fullmatch(text) and encoding.lower().replace("-", "") in ("utf8", "latin1"):
        return text  # a page number, a cursor: nothing to quote
    return quote_plus(text.encode(encoding))


def numbered(
    request: HttpRequest,
    items: QuerySet | Sequence,
    *,
    per_page: int = PER_PAGE,
    count: int | None = None,
    count_is_lower_bound: bool = False,
    kept_as: str | None = None,
) -> Pager:
    """Page numbers over ``items`` (a queryset is counted and sliced in SQL).

    Give ``count`` when it is known already (search counts its own matches,
    capped; ``count_is_lower_bound`` then says "more than"). A public list
    whose items depend only on the site's data and the address (its path
    and filters) names itself in ``kept_as``: its count and its page's
    items are then kept until the site changes (``kept_value``).
    """
    number = page_number(request)
    if count is not None:
        total = count
    elif kept_as:
        total = _kept_count(request, kept_as, lambda: _count(items))
    else:
        total = _count(items)
    number = min(number, max(1, math.ceil(total / per_page)))
    start = (number - 1) * per_page
    page = slice(start, start + per_page)
    return page_of(
        request,
        _kept_rows(request, kept_as, [number], lambda: list(items[page])),
        number=number,
        count=total,
        per_page=per_page,
        count_is_lower_bound=count_is_lower_bound,
    )


def page_of(
    request: HttpRequest,
    items: list,
    *,
    number: int,
    count: int,
    per_page: int = PER_PAGE,
    count_is_lower_bound: bool = False,
    has_next: bool | None = None,
) -> Pager:
    """The pager of page ``number`` whose ``items`` were fetched already (the
    search page gets one page of results and their count in one go).

    A "more than" count (``count_is_lower_bound``) grows as deeper pages
    read further: the first page's figure is carried in the links
    (:data:`SHOWN_TOTAL`) and shown on every page, never above what this
    page counted nor below what it shows; ``has_next`` (results after this
    page) then leads on past it."""
    carried: dict[str, int | None] = {SHOWN_TOTAL: None}
    if count_is_lower_bound:
        count = _stable_total(request, count)
        carried[SHOWN_TOTAL] = count
        # Past the figure (a reader who paged on): at least what is shown.
        count = max(count, (number - 1) * per_page + len(items))
    num_pages = max(1, math.ceil(count / per_page))
    # Callers clamp a number past the end to the last page (search, the
    # hub, numbered()); the address still holds what the reader asked for.
    asked = page_number(request)
    pager = Pager(
        items=items,
        per_page=per_page,
        count=count,
        count_is_lower_bound=count_is_lower_bound,
        number=number,
        num_pages=num_pages,
        canonical_query=f"{PAGE_PARAMETER}={number}" if number > 1 else "",
        asked=asked if asked > number else None,
    )

    def link(n: int) -> str:
        return address(request, **{PAGE_PARAMETER: n if n > 1 else None, **carried})

    if number > 1:
        pager.previous_url = link(min(number - 1, num_pages))
        pager.first_url = link(1)
    if number < num_pages or (count_is_lower_bound and has_next):
        pager.next_url = link(number + 1)
    if num_pages > 1:
        pager.page_links = _page_links(number, num_pages, link)
    return pager


def _stable_total(request: HttpRequest, counted: int) -> int:
    """The "more than" figure to show: the one the links carry (the first
    page's), if any and no greater than ``counted``, else ``counted``."""
    raw = request.GET.get(SHOWN_TOTAL, "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 9 and 0 < int(raw) <= counted:
        return int(raw)
    return counted


def uncounted(
    request: HttpRequest,
    fetch: Callable[[slice], Sequence],
    *,
    per_page: int = PER_PAGE,
    count: Callable[[], int] | None = None,
) -> Pager:
    """Numbered pages without a total, for lists whose size is costly to know
    (the hub's calendar and clashes across every site): ``fetch(slice)``
    returns the rows of a slice; one row more than a page says there is a
    next page. A number past the end (a bookmark from when the list was
    longer) shows the last page, found with ``count()`` only then; without
    ``count`` it is a 404."""
    number = asked = page_number(request)
    start = (number - 1) * per_page
    rows = list(fetch(slice(start, start + per_page + 1)))
    if number > 1 and not rows:
        if count is None:
            raise Http404("No such page")
        number = max(1, math.ceil(count() / per_page))
        start = (number - 1) * per_page
        rows = list(fetch(slice(start, start + per_page + 1)))
    pager = Pager(
        items=rows[:per_page],
        per_page=per_page,
        count=None,
        number=number,
        canonical_query=f"{PAGE_PARAMETER}={number}" if number > 1 else "",
        asked=asked if asked > number else None,
    )
    if number > 1:
        pager.previous_url = address(
            request, **{PAGE_PARAMETER: number - 1 if number > 2 else None}
        )
        pager.first_url = address(request, **{PAGE_PARAMETER: None})
    if len(rows) > per_page:
        pager.next_url = address(request, **{PAGE_PARAMETER: number + 1})
    return pager


def _kept_count(request: HttpRequest, name: str, compute: Callable[[], int]) -> int:
    """A public list's count, kept per address: its path (two lists may share
    a view) and its filters."""
    return kept_value(
        request, f"count:{name}", [request.path, list_query(request)], compute, store=kept_rows
    )


def _kept_rows(
    request: HttpRequest, name: str | None, values: list, fetch: Callable[[], list]
) -> list:
    """A public list's page of rows (``values`` say which: a number, a
    cursor), kept per address as its count is: the page's one query ran on
    every request, ~0.3 of a list's ~1.4 ms of CPU (bench/http.py --cpu).
    Rows that hold the clock's effect (published by now, open today) change
    at the site's next scheduled change, which ends what is kept."""
    if name is None:
        return fetch()
    return kept_value(
        request,
        f"rows:{name}",
        [request.path, list_query(request), *values],
        fetch,
        store=kept_rows,
    )


def _count(items: QuerySet | Sequence) -> int:
    return items.count() if isinstance(items, QuerySet) else len(items)


def _page_links(number: int, num_pages: int, link) -> list[tuple[int | None, str]]:
    """1 … 4 5 [6] 7 8 … 20: the ends, and the neighbours of the current page."""
    shown = {1, num_pages, *range(number - NEIGHBOURS, number + NEIGHBOURS + 1)}
    links: list[tuple[int | None, str]] = []
    previous = 0
    for n in sorted(p for p in shown if 1 <= p <= num_pages):
        if n - previous > 1:
            links.append((None, ""))
        links.append((n, link(n)))
        previous = n
    return links


class ListRows(Protocol):
    """A list's rows as :func:`keyset` reads them: a QuerySet (wrapped in
    :class:`QuerySetRows`), or one prepared once per process and run with
    the request's values (``translations.prepared.PreparedRows``)."""

    def rows(self, variant: Hashable, shaped: Callable, **values: Any) -> list:
        """The rows of ``shaped(queryset, slot)``, ``slot(name, field)``
        being ``values[name]``; ``variant`` names the shaping."""

    def count(self, *, limit: int | None = None) -> int:
        """``queryset.order_by()[:limit].count()``."""

    def queryset(self) -> QuerySet:
        """The list's QuerySet, for what is not prepared."""


class QuerySetRows:
    """:class:`ListRows` of a QuerySet: each query built and compiled anew."""

    def __init__(self, queryset: QuerySet) -> None:
        self._queryset = queryset

    def rows(self, variant: Hashable, shaped: Callable, **values: Any) -> list:
        return list(shaped(self._queryset, lambda name, field: values[name]))

    def count(self, *, limit: int | None = None) -> int:
        unordered = self._queryset.order_by()
        return (unordered[:limit] if limit else unordered).count()

    def queryset(self) -> QuerySet:
        return self._queryset


def _cursor_slots(queryset: QuerySet, slot: Callable, key: str) -> tuple:
    """The cursor's moment and id, as values or as slots of a prepared query."""
    meta = queryset.model._meta
    return slot("cursor_when", meta.get_field(key)), slot("cursor_pk", meta.pk)


def _newer_page(queryset: QuerySet, slot: Callable, *, key: str, limit: int) -> QuerySet:
    """The ``limit`` rows after a cursor, oldest first (a "newer" page).

    Each cursor condition is repeated as a plain range on ``key`` (">=",
    "<="): PostgreSQL starts the index scan there, where the OR alone would
    have it read every row before the cursor and drop them one by one."""
    when, pk = _cursor_slots(queryset, slot, key)
    after = Q(**{f"{key}__gte": when}) & (
        Q(**{f"{key}__gt": when}) | Q(**{key: when, "pk__gt": pk})
    )
    return queryset.filter(after).order_by(key, "pk")[:limit]


def _older_page(
    queryset: QuerySet, slot: Callable, *, key: str, limit: int, cursor: bool
) -> QuerySet:
    """The ``limit`` newest rows, before a cursor if ``cursor`` (an "older" page)."""
    newest_first = queryset.order_by(f"-{key}", "-pk")
    if cursor:
        when, pk = _cursor_slots(queryset, slot, key)
        newest_first = newest_first.filter(
            Q(**{f"{key}__lte": when})
            & (Q(**{f"{key}__lt": when}) | Q(**{key: when, "pk__lt": pk}))
        )
    return newest_first[:limit]


def keyset(
    request: HttpRequest,
    queryset: QuerySet | ListRows,
    *,
    key: str,
    per_page: int = PER_PAGE,
    count: bool = True,
    kept_as: str | None = None,
) -> Pager:
    """Newest first by ``key`` (a non-null date-time field), then by primary
    key, one page at a time from a cursor: ``?older=…`` (the page after an
    item) or ``?newer=…`` (the page before one). One query for the page,
    and one bounded count unless ``count`` is false.

    The queryset's own ordering is replaced. An index on the filter columns
    and ``key`` keeps every page as cheap as the first. ``kept_as`` keeps
    the count and the page's rows, as :func:`numbered` does. A prepared
    list (:class:`ListRows`) runs the page's query and the count compiled
    once per process.
    """
    source = QuerySetRows(queryset) if isinstance(queryset, QuerySet) else queryset
    older = _cursor(request.GET.get(OLDER))
    newer = _cursor(request.GET.get(NEWER))
    if older and newer:
        raise Http404("No such page")
    if PAGE_PARAMETER in request.GET:
        if older or newer:
            raise Http404("No such page")
        newest_first = source.queryset().order_by(f"-{key}", "-pk")
        return _numbered_to_cursor(request, newest_first, key=key, per_page=per_page)
    limit = per_page + 1
    if newer:
        when, pk = newer
        rows = _kept_rows(
            request,
            kept_as,
            [NEWER, when.isoformat(), pk],
            lambda: source.rows(
                (NEWER, key, limit),
                functools.partial(_newer_page, key=key, limit=limit),
                cursor_when=when,
                cursor_pk=pk,
            ),
        )
        more_newer = len(rows) > per_page
        items = list(reversed(rows[:per_page]))
        more_older = True
    else:
        at = {"cursor_when": older[0], "cursor_pk": older[1]} if older else {}
        rows = _kept_rows(
            request,
            kept_as,
            [OLDER, older[0].isoformat(), older[1]] if older else [OLDER],
            lambda: source.rows(
                (OLDER, key, limit, bool(older)),
                functools.partial(_older_page, key=key, limit=limit, cursor=bool(older)),
                **at,
            ),
        )
        items = rows[:per_page]
        more_older = len(rows) > per_page
        more_newer = older is not None
    total = None
    capped = False
    if count:

        def bounded_count() -> int:
            return source.count(limit=COUNT_LIMIT + 1)

        total = _kept_count(request, kept_as, bounded_count) if kept_as else bounded_count()
        capped = total > COUNT_LIMIT
        total = min(total, COUNT_LIMIT)
    pager = Pager(items=items, per_page=per_page, count=total, count_is_lower_bound=capped)
    pager.keyset = True
    if items:
        first, last = items[0], items[-1]
        if more_newer:
            pager.previous_url = address(
                request,
                **{NEWER: cursor_token(first, key), OLDER: None, PAGE_PARAMETER: None, ASKED: None},
            )
        if more_older:
            pager.next_url = address(
                request,
                **{OLDER: cursor_token(last, key), NEWER: None, PAGE_PARAMETER: None, ASKED: None},
            )
    _say_past_the_end(request, pager)
    if older or newer:
        pager.first_url = address(
            request, **{OLDER: None, NEWER: None, PAGE_PARAMETER: None, ASKED: None}
        )
        pager.canonical_query = (
            f"{NEWER if newer else OLDER}={request.GET.get(NEWER if newer else OLDER)}"
        )
    return pager


def _say_past_the_end(request: HttpRequest, pager: Pager) -> None:
    """On the last page of a cursor list reached from a page number past the
    end (``?asked=N``, which :func:`_numbered_to_cursor` adds), the note the
    numbered lists show: page N does not exist, this is the last, M. Said
    only when true of this page: an ``asked`` on another is ignored."""
    asked = request.GET.get(ASKED, "")
    if not (asked.isascii() and asked.isdigit() and len(asked) <= 9) or pager.next_url:
        return
    if pager.count is None or pager.count_is_lower_bound:
        return
    last = max(1, math.ceil(pager.count / pager.per_page))
    if int(asked) > last:
        pager.asked, pager.number = int(asked), last


def _numbered_to_cursor(
    request: HttpRequest, newest_first: QuerySet, *, key: str, per_page: int
) -> Pager:
    """Where ``?page=N`` of a cursor list leads (a pager with ``moved_to``).

    The rows before page N are skipped with OFFSET, as a numbered list
    would: bounded by :data:`COUNT_LIMIT`, past which a number is a 404
    (its own "older" links reach every page at the cost of the first)."""
    number = page_number(request)
    start = address(request, **{PAGE_PARAMETER: None})
    if number > 1:
        skipped = (number - 1) * per_page
        if skipped > COUNT_LIMIT:
            total = newest_first.order_by()[: COUNT_LIMIT + 1].count()
            if total > COUNT_LIMIT:
                raise Http404("No such page")
            skipped = (max(1, math.ceil(total / per_page)) - 1) * per_page
        # The last item of the page before, and one more: page N has items.
        rows = list(newest_first[max(0, skipped - 1) : skipped + 1]) if skipped else []
        past_the_end = False
        if skipped and len(rows) < 2:  # past the end: the last page
            total = newest_first.order_by()[: COUNT_LIMIT + 1].count()
            skipped = (max(1, math.ceil(total / per_page)) - 1) * per_page
            rows = list(newest_first[max(0, skipped - 1) : skipped + 1]) if skipped else []
            past_the_end = True
        # The last page says that the page asked for does not exist.
        asked = number if past_the_end else None
        if skipped and rows:
            start = address(
                request,
                **{PAGE_PARAMETER: None, OLDER: cursor_token(rows[0], key), ASKED: asked},
            )
        elif asked:
            start = address(request, **{PAGE_PARAMETER: None, ASKED: asked})
    return Pager(
        items=[],
        per_page=per_page,
        count=None,
        keyset=True,
        moved_to=start,
        moved_permanently=number == 1,
    )


def cursor_token(item, key: str) -> str:
    """The cursor of ``item`` in a list ordered by ``key`` then primary key,
    as ``?older=`` and ``?newer=`` carry it: microseconds since 1970, a dot,
    the key."""
    when: datetime.datetime = getattr(item, key)
    stamp = when - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    micros = (stamp.days * 86_400 + stamp.seconds) * 1_000_000 + stamp.microseconds
    return f"{micros}.{item.pk}"


def _cursor(raw: str | None) -> tuple[datetime.datetime, int] | None:
    if raw is None:
        return None
    found = _CURSOR.match(raw)
    if not found:
        raise Http404("No such page")
    try:
        when = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            microseconds=int(found.group(1))
        )
    except OverflowError:
        raise Http404("No such page") from None
    return when, int(found.group(2))
