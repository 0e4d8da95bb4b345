"""The coordinators' calendar feed: every site's index entries as iCalendar."""

from collections.abc import Iterable

from django.utils.translation import gettext

from coordination.models import CalendarEntry
from coordination.sources import kind_label
from tenants.addresses import site_url
from web.ical import FeedItem, build_calendar, uid_of


def item_from_entry(entry: CalendarEntry, *, language: str) -> FeedItem:
    """An index entry (its ``site`` attached), linking to the event's page on its site."""
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
        category=kind_label(entry.kind),
        url=site_url(site, entry.url_path),
    )


def coordinators_calendar(entries: Iterable[CalendarEntry], *, language: str) -> bytes:
    items = [item_from_entry(entry, language=language) for entry in entries]
    return build_calendar(items, name=gettext("Coordination calendar"))
