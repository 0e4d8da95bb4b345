"""A site's events as iCalendar feeds (written by ``web.ical``), in one of its languages."""

from collections.abc import Iterable

from django.utils import translation

from events.models import Event
from events.services.join_link import join_link_for, where_to_join
from tenants.addresses import site_origin
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from web.ical import FeedItem, build_calendar, uid_of


def item_from_event(
    event: Event, *, chain: list[str], base_url: str, participant: bool = False
) -> FeedItem:
    """``participant``: for a confirmed participant's own calendar (their
    e-mail's attachment), which holds a private online link too."""
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
        description="\n\n".join(
            text
            for text in (
                shown_text(event, "summary", chain).text,
                where_to_join(event, participant=participant),
            )
            if text
        ),
        location=location or join_link_for(event, participant=participant),
        conference=join_link_for(event, participant=participant),
        status=event.status,
        category=str(event.get_kind_display()),
        url=base_url + event.get_absolute_url(),
    )


def site_calendar(
    events: Iterable[Event], *, site: Site, language: str, name: str, participant: bool = False
) -> bytes:
    """The feed of a site's events in one of its languages (``participant``:
    a confirmed participant's own, with the private online links)."""
    chain = fallback_chain(site, language)
    base_url = site_origin(site)
    with translation.override(language):
        items = [
            item_from_event(event, chain=chain, base_url=base_url, participant=participant)
            for event in events
        ]
        return build_calendar(items, name=name, time_zone=site.time_zone)
