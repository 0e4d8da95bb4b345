"""The coordinators' calendar feed: every site's events as iCalendar.

Each event appears once (a co-hosted event under its origin, its co-hosts
named in the title); an event in a clash that is still open carries the
category "Clash" and says in its description with what and why, so a
calendar app can colour or filter them.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext

from coordination.clashes import OPEN_STATES, entry_url
from coordination.index import active_sites, cohosts_of
from coordination.models import CalendarClash, CalendarEntry
from coordination.sources import kind_label
from web.ical import FeedItem, build_calendar, uid_of


def _reason(reason: str) -> str:
    return {
        "venue": gettext("same venue"),
        "speaker": gettext("same speaker"),
        "organiser": gettext("same organiser"),
        "major": gettext("two major events of one site"),
    }.get(reason, reason)


def item_from_entry(
    entry: CalendarEntry, *, language: str, cohosts=(), clash_lines: list[str] = ()
) -> FeedItem:
    """An index entry (its ``site`` attached), linking to the event's page on its site."""
    codes = ", ".join([entry.site.code, *(site.code for site in cohosts)])
    return FeedItem(
        uid=uid_of(entry.event_uid),
        sequence=entry.sequence,
        updated_at=entry.updated_at,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        time_zone=entry.time_zone,
        all_day=entry.all_day,
        yearly=False,
        title=f"[{codes}] {entry.title(language)}",
        description="\n".join(clash_lines),
        location=entry.venue(language),
        status=entry.status,
        category=kind_label(entry.kind),
        url=entry_url(entry, language),
        extra_categories=(gettext("Clash"),) if clash_lines else (),
    )


def _clash_lines(
    entries: list[CalendarEntry], start: datetime.datetime, end: datetime.datetime, language: str
) -> dict:
    """uid → one line per open clash of that event in the period."""
    by_uid = {entry.event_uid: entry for entry in entries}
    lines: dict = {}
    stored = (
        CalendarClash.objects.filter(
            overlap_start__lt=end, overlap_end__gt=start, case__status__in=OPEN_STATES
        )
        .filter(Q(low_uid__in=list(by_uid)) | Q(high_uid__in=list(by_uid)))
        .values_list("low_uid", "high_uid", "reason")
        .distinct()
    )
    for low, high, reason in stored:
        for mine, other in ((low, high), (high, low)):
            if mine in by_uid:
                other_entry = by_uid.get(other)
                name = other_entry.title(language) if other_entry else ""
                lines.setdefault(mine, []).append(
                    gettext("Clash (%(reason)s): %(event)s")
                    % {"reason": _reason(reason), "event": name}
                )
    return lines


def coordinators_calendar(
    entries: Iterable[CalendarEntry],
    *,
    language: str,
    start: datetime.datetime,
    end: datetime.datetime,
) -> bytes:
    entries = list(entries)
    cohosts = cohosts_of(entries, active_sites())
    lines = _clash_lines(entries, start, end, language)
    items = [
        item_from_entry(
            entry,
            language=language,
            cohosts=cohosts.get(entry.event_uid, []),
            clash_lines=sorted(lines.get(entry.event_uid, [])),
        )
        for entry in entries
    ]
    return build_calendar(items, name=gettext("Coordination calendar"))
