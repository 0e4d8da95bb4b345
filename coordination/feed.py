"""The coordinators' calendar feed: every site's events as iCalendar, in the
coordinator's language (the one their feed address was made in).

Each event appears once (a co-hosted event under its origin), titled in the
coordinator's language where it has a title in it; its description names its
sites. An event in a clash still open carries the category "Clash", says in
its description with which event and why, and has an alarm a week before, so
a calendar app can colour, filter or remind. Every word comes from the
catalog; names come from the sites and events, with their fallbacks.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext

from coordination.clashes import entry_url, entry_when, views_of
from coordination.index import active_sites, cohosts_of
from coordination.models import CalendarClash, CalendarEntry, ClashCase
from coordination.sources import kind_label
from languages.formatting import format_names
from tenants.models import Site
from tenants.naming import short_name_in
from web.ical import FeedItem, build_calendar, uid_of

#: A clash's alarm rings this long before the event begins.
CLASH_ALARM = datetime.timedelta(days=7)


def item_from_entry(
    entry: CalendarEntry,
    *,
    language: str,
    cohosts: Iterable[Site] = (),
    clashes: list[list[str]] = (),
    changed_at: datetime.datetime | None = None,
) -> FeedItem:
    """An index entry (its ``site`` attached), linking to the event's page on
    its site; ``clashes`` holds each open clash's lines (with which event
    first), and ``changed_at`` the last change of its clashes, which stamps
    the item when it is later than the event's own."""
    clash_lines = [line for clash in clashes for line in clash]
    lines = [gettext("Site: %(site)s") % {"site": short_name_in(entry.site, language)}]
    cohosts = list(cohosts)
    if cohosts:
        lines.append(
            gettext("Co-hosted with: %(sites)s")
            % {"sites": format_names([short_name_in(site, language) for site in cohosts], language)}
        )
    return FeedItem(
        uid=uid_of(entry.event_uid),
        # The sequence stays the event's own: RFC 5545 counts changes of
        # its times and status there, and a clash changes neither; the
        # stamps say the description changed.
        sequence=entry.sequence,
        updated_at=max(entry.updated_at, changed_at or entry.updated_at),
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        time_zone=entry.time_zone,
        all_day=entry.all_day,
        yearly=False,
        title=entry.title(language),
        description="\n".join([*clash_lines, *([""] if clash_lines else []), *lines]),
        location=entry.venue(language),
        status=entry.status,
        category=kind_label(entry.kind),
        url=entry_url(entry, language),
        extra_categories=(gettext("Clash"),) if clash_lines else (),
        alarms=((CLASH_ALARM, "\n".join(clash[0] for clash in clashes)),) if clashes else (),
    )


def _clashes(
    entries: list[CalendarEntry], start: datetime.datetime, end: datetime.datetime, language: str
) -> tuple[dict, dict]:
    """uid → what the description says of each open clash of that event in
    the period (with which event, on which site, then when and why, as on
    the pages), and uid → when its clashes last changed (found, acted on,
    resolved, or the other event of an open one edited)."""
    uids = [entry.event_uid for entry in entries]
    if not uids:
        return {}, {}
    involving = Q(low_uid__in=uids) | Q(high_uid__in=uids)
    changed: dict = {}

    def note_change(uid, moment: datetime.datetime) -> None:
        if uid not in changed or changed[uid] < moment:
            changed[uid] = moment

    for low, high, moment in ClashCase.objects.filter(involving).values_list(
        "low_uid", "high_uid", "updated_at"
    ):
        note_change(low, moment)
        note_change(high, moment)
    case_ids = list(
        CalendarClash.objects.filter(overlap_start__lt=end, overlap_end__gt=start, case_open=True)
        .filter(involving)
        .values_list("case_id", flat=True)
        .distinct()
    )
    blocks: dict = {}
    for view in views_of(sorted(case_ids)):
        reasons = view.described(language)
        first, second = view.events
        for mine, other in ((first, second), (second, first)):
            note_change(mine.entry.event_uid, other.entry.updated_at)
            blocks.setdefault(mine.entry.event_uid, []).append(
                [
                    gettext("Clash with %(event)s (%(site)s)")
                    % {
                        "event": other.entry.title(language),
                        "site": short_name_in(other.entry.site, language),
                    },
                    f"– {entry_when(other.entry, language)}",
                    *(f"– {reason}" for reason in reasons),
                ]
            )
    return blocks, changed


def coordinators_calendar(
    entries: Iterable[CalendarEntry],
    *,
    language: str,
    start: datetime.datetime,
    end: datetime.datetime,
) -> bytes:
    """The feed, written in the active language (``language``'s)."""
    entries = list(entries)
    cohosts = cohosts_of(entries, active_sites())
    blocks, changed = _clashes(entries, start, end, language)
    items = [
        item_from_entry(
            entry,
            language=language,
            cohosts=cohosts.get(entry.event_uid, []),
            clashes=blocks.get(entry.event_uid, []),
            changed_at=changed.get(entry.event_uid),
        )
        for entry in entries
    ]
    return build_calendar(items, name=gettext("Coordination calendar"))
