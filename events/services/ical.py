"""iCalendar (RFC 5545) feeds, built with the icalendar library.

Times are written in each event's own time zone with a VTIMEZONE for every
zone used, so calendar apps show them right wherever the reader is. UIDs are
the events' permanent uids (shared by co-hosted copies), SEQUENCE grows with
every schedule change, and cancelled events stay in the feed as CANCELLED.

A site feed is built from its events; the coordinators' feed from the hub's
index entries. Both are first turned into :class:`FeedItem`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import Event
from i18n.fallback import fallback_chain, shown_text
from tenants.models import CalendarEntry, Site

PRODID = "-//Trade cooperation portals//Events//EN"
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


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
    status: str
    category: str
    url: str


def uid_of(event_uid) -> str:
    return f"{event_uid}@{settings.PUBLIC_DOMAIN}"


def item_from_event(event: Event, *, chain: list[str], base_url: str) -> FeedItem:
    location = ", ".join(
        text
        for text in (
            shown_text(event, "venue", chain).text,
            shown_text(event, "address", chain).text,
        )
        if text
    )
    return FeedItem(
        uid=uid_of(event.uid),
        sequence=event.sequence,
        updated_at=event.updated_at,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        all_day=event.all_day,
        yearly=event.recurrence == Event.Recurrence.YEARLY,
        title=shown_text(event, "title", chain).text,
        description=shown_text(event, "summary", chain).text,
        location=location or event.online_url,
        status=event.status,
        category=str(event.get_kind_display()),
        url=base_url + event.get_absolute_url(),
    )


def item_from_entry(entry: CalendarEntry, *, language: str, url: str) -> FeedItem:
    """A coordination index entry; ``url`` is the event's page on its site."""
    site = entry.site
    return FeedItem(
        uid=uid_of(entry.event_uid),
        sequence=entry.sequence,
        updated_at=entry.updated_at,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        time_zone=entry.time_zone,
        all_day=entry.all_day,
        yearly=False,
        title=f"[{site.code}] {entry.title(language)}",
        description="",
        location=entry.venue(language),
        status=entry.status,
        category=str(Event.Kind(entry.kind).label),
        url=url,
    )


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


def site_calendar(
    events: Iterable[Event], *, site: Site, language: str, name: str, base_url: str
) -> bytes:
    """The feed of a site's events in one of its languages."""
    chain = fallback_chain(site, language)
    with translation.override(language):
        items = [item_from_event(event, chain=chain, base_url=base_url) for event in events]
        return build_calendar(items, name=name, time_zone=site.time_zone)


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
    component.add("categories", [item.category])
    component.add("url", item.url)
    return component
