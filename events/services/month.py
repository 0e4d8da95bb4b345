"""The month grid of a site's calendar, in the site's time zone."""

import calendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from events.models import Event
from i18n.languages import babel_locale


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
