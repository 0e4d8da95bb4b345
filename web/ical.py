"""iCalendar (RFC 5545) feeds, written with the icalendar library.

Times are written in each item's own time zone with a VTIMEZONE for every
zone used, so calendar apps show them right wherever the reader is. UIDs are
permanent (shared by copies of one event on several sites), SEQUENCE grows
with every schedule change, and cancelled items stay in the feed as CANCELLED.

Callers turn what they list (a site's events, the hub's index entries) into
:class:`FeedItem` and hand them to :func:`build_calendar`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

PRODID = "-//Trade cooperation portals//Events//EN"
#: A feed item's schedule state → iCalendar STATUS.
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


@dataclass
class FeedItem:
    uid: str
    sequence: int
    updated_at: datetime.datetime
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    all_day: bool
    yearly: bool
    title: str
    description: str
    location: str
    status: str  # a key of STATUS
    category: str
    url: str
    #: More CATEGORIES after ``category`` (the coordinators' feed marks clashes).
    extra_categories: tuple[str, ...] = ()
    #: Where it is joined online (RFC 7986 CONFERENCE), when the reader may know.
    conference: str = ""
    #: Display alarms: (how long before the start, what they say).
    alarms: tuple[tuple[datetime.timedelta, str], ...] = ()


def uid_of(event_uid) -> str:
    """The feed UID of an event, the same on every site that shows it."""
    return f"{event_uid}@{settings.PUBLIC_DOMAIN}"


def build_calendar(items: Iterable[FeedItem], *, name: str, time_zone: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if time_zone:
        calendar.add("x-wr-timezone", time_zone)
    for item in items:
        calendar.add_component(_component(item))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _component(item: FeedItem) -> VEvent:
    component = VEvent()
    component.add("uid", item.uid)
    component.add("dtstamp", item.updated_at)
    component.add("last-modified", item.updated_at)
    component.add("sequence", item.sequence)
    zone = ZoneInfo(item.time_zone)
    if item.all_day:
        component.add("dtstart", item.starts_at.astimezone(zone).date())
        # DTEND of an all-day event is the day after the last one.
        component.add("dtend", item.ends_at.astimezone(zone).date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", item.starts_at.astimezone(zone))
        component.add("dtend", item.ends_at.astimezone(zone))
    if item.yearly:
        component.add("rrule", {"freq": "yearly"})
    component.add("summary", item.title)
    if item.description:
        component.add("description", item.description)
    if item.location:
        component.add("location", item.location)
    component.add("status", STATUS[item.status])
    component.add("categories", [item.category, *item.extra_categories])
    component.add("url", item.url)
    if item.conference:
        component.add("conference", item.conference, parameters={"value": "URI"})
    for before, text in item.alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -before)
        alarm.add("description", text)
        component.add_component(alarm)
    return component
