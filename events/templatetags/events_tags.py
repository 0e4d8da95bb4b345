"""Showing events: when (in the site's zone, and the event's own where it differs)."""

from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event
from languages.registry import babel_locale

register = template.Library()


def _when(event: Event, zone_name: str, language: str) -> str:
    locale = babel_locale(language)
    zone = ZoneInfo(zone_name)
    if event.all_day:
        zone = ZoneInfo(event.time_zone)  # an all-day event's days are its own
        first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
        if first == last:
            return babel_dates.format_date(first, "long", locale=locale)
        return babel_dates.format_interval(first, last, "yMMMd", locale=locale)
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    if start.date() == end.date():
        return _("%(date)s, %(times)s") % {
            "date": babel_dates.format_date(start.date(), "long", locale=locale),
            "times": babel_dates.format_interval(start, end, "Hm", tzinfo=zone, locale=locale),
        }
    return " – ".join(
        babel_dates.format_datetime(moment, "short", tzinfo=zone, locale=locale)
        for moment in (start, end)
    )


def zone_label(zone_name: str, language: str) -> str:
    # The generic name ("China Time"), not the location, which can carry a
    # city in parentheses ("China (Shanghai) Time").
    return babel_dates.get_timezone_name(
        ZoneInfo(zone_name), "long", zone_variant="generic", locale=babel_locale(language)
    )


@register.simple_tag
def event_when(event: Event) -> str:
    """``17–20 Sep 2027``, or ``10 Dec 2026, 09:00–17:00 · Vietnam Time`` plus,
    when the event's zone differs, `` / `` and its time in its own zone."""
    language = translation.get_language()
    site_zone = timezone.get_current_timezone_name()
    text = _when(event, site_zone, language)
    if event.all_day:
        return text
    text = f"{text} · {zone_label(site_zone, language)}"
    if (
        event.starts_at.astimezone(ZoneInfo(event.time_zone)).utcoffset()
        != event.starts_at.astimezone(ZoneInfo(site_zone)).utcoffset()
    ):
        text += f" / {_when(event, event.time_zone, language)} · {zone_label(event.time_zone, language)}"
    return text
