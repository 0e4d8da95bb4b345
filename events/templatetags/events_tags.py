"""Showing events: when (in the site's zone, and the event's own where it differs)."""

import datetime
import functools
from zoneinfo import ZoneInfo

from django import template
from django.template.base import render_value_in_context
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from events.models import Event
from languages.formatting import blocktranslated, format_range, format_time, zone_name

register = template.Library()


def _when(
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    all_day: bool,
    event_zone: str,
    zone: str,
    language: str,
) -> str:
    if all_day:
        own = ZoneInfo(event_zone)  # an all-day event's days are its own
        first, last = starts_at.astimezone(own).date(), ends_at.astimezone(own).date()
        return format_range(first, last, language)
    return format_range(starts_at, ends_at, language, zone)


PLACES_LEFT = gettext_noop("Places left: %(places)s")


@register.simple_tag(takes_context=True)
def places_left(context: template.Context, places: int) -> SafeString:
    """What ``{% blocktranslate trimmed with places=places_left %}Places left:
    {{ places }}{% endblocktranslate %}`` wrote (tests/events/test_places_left.py):
    the tag trimmed its message and pushed a context on every render, ~60 µs
    of the event page's CPU (timeit) for one sentence."""
    return mark_safe(  # the translation as written; the number rendered as {{ }} does
        blocktranslated(PLACES_LEFT, lambda: {"places": render_value_in_context(places, context)})
    )


@register.simple_tag
def event_when(event: Event) -> str:
    """``17–20 Sep 2027``, or ``10 Dec 2026, 09:00–17:00 · Vietnam Time`` plus,
    when the event's zone differs, `` / `` and its time in its own zone."""
    # In UTC: two instants of a zone's repeated hour (fold 0 and 1) hash and
    # compare equal in that zone; in UTC they are two keys.
    return _event_when(
        event.starts_at.astimezone(datetime.UTC),
        event.ends_at.astimezone(datetime.UTC),
        event.all_day,
        event.time_zone,
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )


@functools.lru_cache(maxsize=4096)
def _event_when(
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    all_day: bool,
    event_zone: str,
    site_zone: str,
    language: str,
) -> str:
    # Remembered: the text depends on nothing but these (two instants, zones
    # and CLDR's data for the language), and writing it through Babel was
    # ~0.15 ms of an event page's ~3.2 ms of CPU (thread time of the tag's
    # node on bench/http.py's event page; more for an event abroad: two
    # intervals, two zone names). The instants come in UTC (event_when).
    # ~4,096 short texts: <1 MB.
    text = _when(starts_at, ends_at, all_day, event_zone, site_zone, language)
    if all_day:
        return text
    text = f"{text} · {zone_name(site_zone, language)}"
    if (
        starts_at.astimezone(ZoneInfo(event_zone)).utcoffset()
        != starts_at.astimezone(ZoneInfo(site_zone)).utcoffset()
    ):
        text += f" / {_when(starts_at, ends_at, False, event_zone, event_zone, language)} · {zone_name(event_zone, language)}"
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
