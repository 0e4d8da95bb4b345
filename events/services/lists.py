"""The public lists of events (upcoming, past), through their type filter."""

from collections.abc import Sequence

from django.db import models
from django.db.models import QuerySet

from events.models import Event
from translations.prepared import Given, PreparedRows, given_values


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
