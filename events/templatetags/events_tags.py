"""Showing events: when (in the site's zone, and the event's own where it differs)."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone, translation

from events.models import Event
from languages.formatting import format_range, format_time, zone_name

register = template.Library()


def _when(event: Event, zone: str, language: str) -> str:
    if event.all_day:
        zone = ZoneInfo(event.time_zone)  # an all-day event's days are its own
        first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
        return format_range(first, last, language)
    return format_range(event.starts_at, event.ends_at, language, zone)


@register.simple_tag
def event_when(event: Event) -> str:
    """``17–20 Sep 2027``, or ``10 Dec 2026, 09:00–17:00 · Vietnam Time`` plus,
    when the event's zone differs, `` / `` and its time in its own zone."""
    language = translation.get_language()
    site_zone = timezone.get_current_timezone_name()
    text = _when(event, site_zone, language)
    if event.all_day:
        return text
    text = f"{text} · {zone_name(site_zone, language)}"
    if (
        event.starts_at.astimezone(ZoneInfo(event.time_zone)).utcoffset()
        != event.starts_at.astimezone(ZoneInfo(site_zone)).utcoffset()
    ):
        text += (
            f" / {_when(event, event.time_zone, language)} · {zone_name(event.time_zone, language)}"
        )
    return text


@register.simple_tag
def session_times(session) -> str:
    """An agenda session's times in the site's zone, in the page's clock style."""
    language, zone = translation.get_language(), timezone.get_current_timezone_name()
    if timezone.localtime(session.starts_at).date() != timezone.localtime(session.ends_at).date():
        return format_range(session.starts_at, session.ends_at, language, zone)
    return " – ".join(
        format_time(moment, language, zone) for moment in (session.starts_at, session.ends_at)
    )
