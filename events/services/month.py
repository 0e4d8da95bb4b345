"""The month grid of a site's calendar, in the site's time zone."""

import calendar
import copy
import datetime
import functools
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from events.models import Event
from events.models.event import EventQuerySet
from languages.registry import babel_locale
from translations.site_columns import in_site_languages

#: What the grid (events/event_month.html, the event_when tag) and the empty
#: month's next event show of an event. Whole rows (summaries, descriptions,
#: venues and addresses in the site's languages, 41 columns) made loading the
#: 32 events of the benchmark's month 7.8 of its 24 ms of CPU.
GRID_FIELDS = (
    "slug", "kind", "status", "title", "starts_at", "ends_at", "all_day", "time_zone", "recurrence",
)  # fmt: skip


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)
    weekday: str = ""  # its name in the page's language ("Thứ Hai", "星期一")


@dataclass
class Bar:
    """One event across the days of one week row: shown once, not under each day."""

    event: Event
    start: int  # the column it starts in (0–6)
    span: int  # how many days of this week it covers
    continues_before: bool  # it began in an earlier week
    continues_after: bool  # it goes on into the next week
    first: Day | None = None  # its first and last day in this week
    last: Day | None = None


@dataclass
class Gap:
    span: int
    event = None


@dataclass
class Week:
    days: list[Day]
    # Rows of bars under the dates, each a run of bars and gaps of 7 days in
    # all; events that do not overlap share a row.
    lanes: list[list[Bar | Gap]] = field(default_factory=list)

    # A week reads as the sequence of its days.
    def __iter__(self):
        return iter(self.days)

    def __getitem__(self, index: int) -> Day:
        return self.days[index]

    def __len__(self) -> int:
        return len(self.days)


def month_bounds(
    year: int, month: int, zone_name: str
) -> tuple[datetime.datetime, datetime.datetime]:
    """The UTC instants where the month begins and ends in that zone."""
    zone = ZoneInfo(zone_name)
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return start, following


def event_days(event: Event, zone_name: str) -> tuple[datetime.date, datetime.date]:
    """First and last local date an event occupies (an all-day event's own dates)."""
    zone = ZoneInfo(event.time_zone if event.all_day else zone_name)
    first = event.starts_at.astimezone(zone).date()
    end = event.ends_at.astimezone(zone)
    last = end.date()
    if not event.all_day and end.time() == datetime.time(0) and last > first:
        last -= datetime.timedelta(days=1)  # ends at midnight: not on the next day
    return first, last


def yearly_occurrences(
    events: list[Event], start: datetime.datetime, end: datetime.datetime
) -> list[Event]:
    """Later years' occurrences of yearly events that overlap [start, end).

    Each is a copy of the event moved by whole years in the event's own time
    zone (so 09:00 stays 09:00 across summer time), marked ``is_repeat``. A
    29 February event has no occurrence in other years, as in the feed's RRULE.
    """
    found = []
    for event in events:
        zone = ZoneInfo(event.time_zone)
        local_start = event.starts_at.astimezone(zone)
        length = event.ends_at - event.starts_at
        for year in sorted({start.year - 1, start.year, end.year}):
            if year <= local_start.year:
                continue
            try:
                moved = local_start.replace(year=year)
            except ValueError:  # 29 February
                continue
            if moved < end and moved + length > start:
                occurrence = copy.copy(event)
                occurrence.starts_at, occurrence.ends_at = moved, moved + length
                occurrence.is_repeat = True
                found.append(occurrence)
    return found


def month_events(
    events: EventQuerySet, start: datetime.datetime, end: datetime.datetime
) -> list[Event]:
    """Those of ``events`` (published, of the type asked for) on in [start,
    end), with later years' occurrences of yearly ones, by start; loaded
    with the grid's columns only."""
    shown = in_site_languages(events.only(*GRID_FIELDS))
    on = shown.overlapping(start, end).order_by("starts_at")
    earlier_yearly = _earlier_yearly(shown, start)
    return sorted(
        [*on, *yearly_occurrences(list(earlier_yearly), start, end)],
        key=lambda event: event.starts_at,
    )


def has_own_events(events: EventQuerySet, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether any of ``events`` is on in [start, end) (yearly repeats aside)."""
    return events.overlapping(start, end).exists()


def has_repeats(events: EventQuerySet, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether a yearly one of ``events`` comes back in [start, end)."""
    yearly = _earlier_yearly(events.only("starts_at", "ends_at", "time_zone"), start)
    return bool(yearly_occurrences(list(yearly), start, end))


def _earlier_yearly(events: EventQuerySet, start: datetime.datetime) -> EventQuerySet:
    return events.filter(recurrence=Event.Recurrence.YEARLY, starts_at__lt=start)


def month_weeks(
    year: int, month: int, events: list[Event], *, zone_name: str, language: str
) -> list[Week]:
    locale = babel_locale(language)
    first_weekday = locale.first_week_day  # Monday in most, Sunday in some
    names = locale.days["format"]["wide"]
    weeks = [
        Week(
            days=[Day(date=d, in_month=d.month == month, weekday=names[d.weekday()]) for d in week]
        )
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    spans = [(event, *event_days(event, zone_name)) for event in events]
    for event, first, last in spans:
        current = max(first, weeks[0].days[0].date)
        while current <= min(last, weeks[-1].days[-1].date):
            by_date[current].events.append(event)
            current += datetime.timedelta(days=1)
    for week in weeks:
        week.lanes = _lanes(week, spans)
    return weeks


def _lanes(week: Week, spans) -> list[list[Bar | Gap]]:
    week_first, week_last = week.days[0].date, week.days[-1].date
    bars = []
    for event, first, last in spans:
        if last < week_first or first > week_last:
            continue
        start, end = max(first, week_first), min(last, week_last)
        bars.append(
            Bar(
                event=event,
                start=(start - week_first).days,
                span=(end - start).days + 1,
                continues_before=first < week_first,
                continues_after=last > week_last,
                first=week.days[(start - week_first).days],
                last=week.days[(end - week_first).days],
            )
        )
    # Longest first at each start, then each bar into the first row it fits.
    bars.sort(key=lambda bar: (bar.start, -bar.span))
    rows: list[list[Bar]] = []
    for bar in bars:
        row = next((r for r in rows if r[-1].start + r[-1].span <= bar.start), None)
        if row is None:
            rows.append([bar])
        else:
            row.append(bar)
    lanes = []
    for row in rows:
        cells, column = [], 0
        for bar in row:
            if bar.start > column:
                cells.append(Gap(bar.start - column))
            cells.append(bar)
            column = bar.start + bar.span
        if column < 7:
            cells.append(Gap(7 - column))
        lanes.append(cells)
    return lanes


@functools.lru_cache(maxsize=64)
def weekday_names(language: str) -> tuple[str, ...]:
    # Remembered per language: Babel's locale data is read through wrappers
    # made on each access (~15 µs of the month page's CPU, cProfile).
    locale = babel_locale(language)
    names = locale.days["stand-alone"]["abbreviated"]
    return tuple(names[(locale.first_week_day + offset) % 7] for offset in range(7))


class Month(NamedTuple):
    """A month as the calendar's links name it. Named for templates:
    ``month.0`` on a plain tuple fails a key and an attribute look-up and
    calls ``dir()`` before it indexes (Django's ``_resolve_lookup``)."""

    year: int
    month: int


def opening_month(today: datetime.date, zone_name: str, *, busy: bool = False) -> Month:
    """The month the calendar opens on: this one, or, when nothing is on in
    it, the month of the next event (a visitor should not land on an empty
    grid). ``busy``: the caller already found a published event on this
    month (yearly repeats do not count)."""
    start, end = month_bounds(today.year, today.month, zone_name)
    if busy or has_own_events(Event.objects.published(), start, end):
        return Month(today.year, today.month)
    following = next_event_after(end)
    if following is None:
        return Month(today.year, today.month)
    local = following.starts_at.astimezone(ZoneInfo(zone_name))
    return Month(local.year, local.month)


def next_event_after(moment: datetime.datetime) -> Event | None:
    return (
        in_site_languages(Event.objects.published().only(*GRID_FIELDS))
        .filter(starts_at__gte=moment)
        .order_by("starts_at", "pk")
        .first()
    )
