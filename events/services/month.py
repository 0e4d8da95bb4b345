"""The month grid of a site's calendar, in the site's time zone."""

import calendar
import copy
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from events.models import Event
from languages.registry import babel_locale


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


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


def month_weeks(
    year: int, month: int, events: list[Event], *, zone_name: str, language: str
) -> list[list[Day]]:
    first_weekday = babel_locale(language).first_week_day  # Monday in most, Sunday in some
    weeks = [
        [Day(date=d, in_month=d.month == month) for d in week]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    for event in events:
        first, last = event_days(event, zone_name)
        current = max(first, weeks[0][0].date)
        while current <= min(last, weeks[-1][-1].date):
            by_date[current].events.append(event)
            current += datetime.timedelta(days=1)
    return weeks


def weekday_names(language: str) -> list[str]:
    locale = babel_locale(language)
    names = locale.days["stand-alone"]["abbreviated"]
    return [names[(locale.first_week_day + offset) % 7] for offset in range(7)]
