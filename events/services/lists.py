"""The public lists of events (upcoming, past), through their type filter."""

from collections.abc import Sequence

from django.db import models
from django.db.models import QuerySet

from events.models import Event
from translations.prepared import Given, PreparedObjects, PreparedRows, given_values

# Built once: the enum's values are a list built on each access (~10 µs a
# list page), the same every time.
_KINDS = frozenset(Event.Kind.values)


def asked_kind(query) -> str:
    """The ``type`` asked for in ``query`` (a QueryDict), if one of the
    events' types; "" otherwise: the list, its calendar and its feed."""
    kind = query.get("type", "")
    return kind if kind in _KINDS else ""


def _events(given: Given, *, archive: bool) -> QuerySet:
    """One definition for the list's QuerySet and its prepared rows."""
    now = given("now", models.DateTimeField())
    events = Event.objects.past(now) if archive else Event.objects.upcoming(now)
    if (kind := given("kind", models.CharField())) is not None:
        events = events.filter(kind=kind)
    return events


def listed_events(*, archive: bool, kind: str = "") -> QuerySet:
    """Upcoming events, or past ones for the ``archive``, of ``kind`` if given."""
    return _events(given_values(kind=kind or None), archive=archive)


_EVENT_ROWS = PreparedRows(
    Event,
    lambda given, archive: _events(given, archive=archive).values_list(
        "pk", "starts_at", "ends_at", named=True
    ),
)


def event_rows(*, archive: bool, kind: str, now) -> Sequence:
    """The list's keys with their times (pk, starts_at, ends_at), in its
    order: a Sequence for web.pagination.numbered (``len()`` counts, a
    slice reads a page), its queries compiled once per process and shape
    (translations.prepared.PreparedRows), run with ``now`` and ``kind``."""
    return _EVENT_ROWS.bind(fixed={"archive": archive}, now=now, kind=kind or None)


_EVENT_OBJECTS = PreparedObjects(Event, _events)


def events_by_pk(pks: list[int], *, archive: bool, kind: str, now) -> dict[int, Event]:
    """The events of ``pks`` still in the list (as ``event_rows`` gives it),
    by id, as ``listed_events(...).in_bulk(pks)`` loads them: the items not
    kept rendered, with a query compiled once per process and shape."""
    return _EVENT_OBJECTS.in_bulk(pks, fixed={"archive": archive}, now=now, kind=kind or None)
