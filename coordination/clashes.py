"""Clashes as coordinators and editors work on them.

A clash between two events is one :class:`ClashCase` whatever its reasons
(the same venue, speaker or organiser, two major events of one site) and
however many copies a co-hosted event has: each event is shown once, by its
origin's entry, with the sites co-hosting it. Coordinators acknowledge,
resolve or reopen a case, each with a note, or mark one event as part of
the other (a pavilion at the Expo), after which the two no longer clash;
editors of the sites involved comment. Every action records who and when.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coordination.index import (
    OPEN_STATUSES,
    ShownEntry,
    active_sites,
    listed_sites,
    local_days,
    normalise,
    refresh_clashes,
    set_case_status,
)
from coordination.models import CalendarClash, CalendarEntry, ClashCase, ClashNote, ProgrammeLink
from languages.formatting import format_range, format_range_in_zone
from tenants.addresses import site_url
from tenants.models import Site
from tenants.naming import short_name_in
from translations.fallback import fallback_chain

#: Reasons in the order they are told.
REASONS = ("venue", "speaker", "organiser", "major")
OPEN_STATES = OPEN_STATUSES


def entry_url(entry: CalendarEntry | ShownEntry, language: str) -> str:
    """The event's page on its site in the language its title is read in
    (``fallback_chain``): the reader's own when the site offers it, else
    English where the site has it, else the site's default (in which the
    path is stored). A Malay coordinator followed an English title to the
    Chinese page before."""
    site = entry.site
    path = entry.url_path
    page_language = next(
        (code for code in fallback_chain(site, language) if code in site.languages),
        site.default_language,
    )
    default_prefix = f"/{site.default_language}/"
    if page_language != site.default_language and path.startswith(default_prefix):
        path = f"/{page_language}/" + path[len(default_prefix) :]
    return site_url(site, path)


def entry_when(entry: CalendarEntry | ShownEntry, language: str) -> str:
    """When one event takes place, as its own page says it: its days when
    it lasts whole days, else its times in its own zone, named. Pages,
    e-mails and the feed say it alike."""
    if entry.all_day:
        return format_range(*local_days(entry), language)
    return format_range_in_zone(entry.starts_at, entry.ends_at, language, entry.time_zone)


def reason_text(reason: str, shared: str) -> str:
    """Why two events clash, in the active language: pages, e-mails and the
    coordinators' feed say it in the same words."""
    if reason == "venue":
        return gettext("Same venue: %(shared)s") % {"shared": shared}
    if reason == "speaker":
        return gettext("Same speaker: %(shared)s") % {"shared": shared}
    if reason == "organiser":
        return gettext("Same organiser: %(shared)s") % {"shared": shared}
    return gettext("Two major events of %(shared)s on the same days") % {"shared": shared}


@dataclass
class EventSide:
    # The origin's entry (a copy's when the origin is not shown); as the
    # calendar reads it, a ShownEntry.
    entry: CalendarEntry | ShownEntry
    cohosts: list[Site] = field(default_factory=list)  # the other sites showing it

    def sites(self) -> list[Site]:
        return [self.entry.site, *self.cohosts]


@dataclass
class ClashView:
    case: ClashCase
    events: list[EventSide]  # two, in a stable order
    reasons: list[tuple[str, str]]  # (reason, normalised key)
    starts_at: datetime.datetime | None  # when the overlap begins
    ends_at: datetime.datetime | None

    def when(self, language: str) -> str:
        """When the two overlap, as the first event's place sees it: days
        when both last whole days, else moments with that place's zone named
        (the other event's own page gives its own zone's clock)."""
        if self.starts_at is None or self.ends_at is None:
            return ""
        first = self.events[0].entry
        if all(side.entry.all_day for side in self.events):
            zone = ZoneInfo(first.time_zone)
            # The overlap ends at the midnight after its last day.
            last = (self.ends_at - datetime.timedelta(microseconds=1)).astimezone(zone).date()
            return format_range(self.starts_at.astimezone(zone).date(), last, language)
        return format_range_in_zone(self.starts_at, self.ends_at, language, first.time_zone)

    @property
    def is_current(self) -> bool:
        """False once the events no longer clash (moved, cancelled, or one
        made part of the other): the case stays, with its history."""
        return bool(self.reasons)

    def shared(self, reason: str, key: str, language: str) -> str:
        """The shared thing as people wrote it, in ``language`` where it has one."""
        first, second = (side.entry for side in self.events)
        if reason == "major":
            site = next((s for s in (first.site, second.site) if str(s.pk) == key), first.site)
            return short_name_in(site, language)
        if reason == "venue":
            # The same place, named in the reader's language by whichever
            # event does (the key may be another language's name of it).
            holding = [
                entry
                for entry in (first, second)
                if key in {normalise(name) for name in entry.venues.values()}
            ]
            named = next((entry for entry in holding if entry.venues.get(language)), None)
            return (named or holding[0]).venue(language) if holding else key
        for entry in (first, second):
            names = entry.organisers if reason == "organiser" else entry.speakers
            found = next((name for name in names if normalise(name) == key), None)
            if found:
                return found
        return key

    def described(self, language: str) -> list[str]:
        """Each reason, said in the active language (``language``'s)."""
        return [
            reason_text(reason, self.shared(reason, key, language)) for reason, key in self.reasons
        ]


def _sides(uids: Iterable, sites_by_id: dict[int, Site]) -> dict:
    """uid → EventSide: the origin entry of each event, and its co-hosts."""
    entries = CalendarEntry.objects.filter(event_uid__in=list(uids)).order_by("is_copy", "site_id")
    sides: dict = {}
    for entry in entries:
        site = sites_by_id.get(entry.site_id)
        if site is None:  # a site that is not open (draft, archived)
            continue
        entry.site = site
        side = sides.get(entry.event_uid)
        if side is None:
            sides[entry.event_uid] = EventSide(entry)
        else:
            side.cohosts.append(site)
    return sides


def views_of(case_ids: list[int], sites_by_id: dict[int, Site] | None = None) -> list[ClashView]:
    """The cases, in the given order, with their events and current reasons:
    three queries whatever their number."""
    if not case_ids:
        return []
    sites_by_id = sites_by_id if sites_by_id is not None else active_sites()
    cases = ClashCase.objects.in_bulk(case_ids)
    rows = CalendarClash.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "reason", "key", "overlap_start", "overlap_end"
    )
    reasons: dict[int, set] = {}
    periods: dict[int, list] = {}
    for case_id, reason, key, starts, ends in rows:
        reasons.setdefault(case_id, set()).add((reason, key))
        period = periods.setdefault(case_id, [starts, ends])
        period[0], period[1] = min(period[0], starts), max(period[1], ends)
    uids = {uid for case in cases.values() for uid in (case.low_uid, case.high_uid)}
    sides = _sides(uids, sites_by_id)
    views = []
    for case_id in case_ids:
        case = cases.get(case_id)
        if case is None or case.low_uid not in sides or case.high_uid not in sides:
            continue
        events = sorted(
            (sides[case.low_uid], sides[case.high_uid]),
            key=lambda side: (side.entry.starts_at, side.entry.site.code),
        )
        starts, ends = periods.get(case_id, (None, None))
        views.append(
            ClashView(
                case=case,
                events=events,
                reasons=sorted(reasons.get(case_id, ()), key=lambda r: REASONS.index(r[0])),
                starts_at=starts,
                ends_at=ends,
            )
        )
    return views


@dataclass
class ClashPage:
    clashes: list[ClashView]
    has_next: bool


@dataclass
class ClashQuery:
    """The cases of a period, soonest first, as an unevaluated query of their
    ids (a pager slices it), and the sites their events are shown with."""

    case_ids: QuerySet
    sites_by_id: dict[int, Site]

    def views(self, case_ids: list[int]) -> list[ClashView]:
        return views_of(case_ids, self.sites_by_id)


def _stored_clashes(
    start: datetime.datetime,
    end: datetime.datetime,
    statuses: Iterable[str],
    site_codes: list[str] | None,
) -> QuerySet:
    statuses = set(statuses)
    # The cases still open are known from the clash rows (no join to the cases).
    state = (
        Q(case_open=True) if statuses == set(OPEN_STATES) else Q(case__status__in=list(statuses))
    )
    return CalendarClash.objects.filter(
        state,
        listed_sites("first_site_id", site_codes),
        listed_sites("second_site_id", site_codes),
        overlap_start__lt=end,
        overlap_end__gt=start,
    )


def any_clash_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    statuses: Iterable[str] = OPEN_STATES,
    site_codes: list[str] | None = None,
) -> bool:
    """Whether ``clash_query`` would find anything, in one statement."""
    return _stored_clashes(start, end, statuses, site_codes).exists()


def clash_query(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    statuses: Iterable[str] = OPEN_STATES,
    site_codes: list[str] | None = None,
    involving: Site | None = None,
) -> ClashQuery:
    """Cases whose events clash at some moment of [start, end), soonest
    first: one grouped indexed query per page. ``involving`` keeps those
    with an event shown on that site (whichever site the other is on)."""
    if involving is not None:
        site_codes = None
    sites_by_id = active_sites(site_codes)
    stored = _stored_clashes(start, end, statuses, site_codes)
    if involving is not None:
        stored = stored.filter(Q(first_site_id=involving.pk) | Q(second_site_id=involving.pk))
    case_ids = (
        stored.values("case_id")
        .annotate(begins=Min("overlap_start"))
        .order_by("begins", "case_id")
        .values_list("case_id", flat=True)
    )
    return ClashQuery(case_ids, sites_by_id)


def clash_page(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    statuses: Iterable[str] = OPEN_STATES,
    site_codes: list[str] | None = None,
    involving: Site | None = None,
    offset: int = 0,
    limit: int = 25,
) -> ClashPage:
    """One page of :func:`clash_query` with its events (pages shown to people
    go through ``web.pagination`` instead)."""
    query = clash_query(start, end, statuses=statuses, site_codes=site_codes, involving=involving)
    found = list(query.case_ids[offset : offset + limit + 1])
    return ClashPage(query.views(found[:limit]), has_next=len(found) > limit)


def open_count(site: Site, *, now: datetime.datetime | None = None) -> int:
    """Open or acknowledged clashes to come that involve an event shown on ``site``."""
    return (
        CalendarClash.objects.filter(
            Q(first_site_id=site.pk) | Q(second_site_id=site.pk),
            overlap_end__gt=now or timezone.now(),
            case_open=True,
        )
        .values("case_id")
        .distinct()
        .count()
    )


def involves(case: ClashCase, site: Site) -> bool:
    """Whether an event of the case is shown on ``site`` (its own or co-hosted)."""
    return CalendarEntry.objects.filter(
        site_id=site.pk, event_uid__in=[case.low_uid, case.high_uid]
    ).exists()


class ActionRefused(Exception):
    pass


ACTIONS = {
    "acknowledge": (ClashNote.Action.ACKNOWLEDGED, ClashCase.Status.ACKNOWLEDGED),
    "resolve": (ClashNote.Action.RESOLVED, ClashCase.Status.RESOLVED),
    "reopen": (ClashNote.Action.REOPENED, ClashCase.Status.OPEN),
    "comment": (ClashNote.Action.COMMENTED, None),
}
NOTE_LENGTH = 2000


def act(
    case: ClashCase,
    action: str,
    *,
    note: str,
    author_name: str,
    author_email: str = "",
    author_site: str = "",
) -> ClashNote:
    """Record what someone did about ``case`` (and change its status)."""
    if action not in ACTIONS:
        raise ActionRefused("unknown action")
    note = _clean_note(note)
    if action == "comment" and not note:
        raise ActionRefused("empty")
    kind, status = ACTIONS[action]
    with transaction.atomic():
        return _record(
            case, kind, status, note=note, author=(author_name, author_email, author_site)
        )


def clean_breaks(note: str) -> str:
    """Line breaks as one character each: browsers send a textarea's as CR
    LF, and count them as one against its limit."""
    return note.replace("\r\n", "\n").replace("\r", "\n")


def _clean_note(note: str) -> str:
    note = clean_breaks(note).strip()
    if "\x00" in note:  # PostgreSQL's text cannot hold it
        raise ActionRefused("character")
    if len(note) > NOTE_LENGTH:
        raise ActionRefused("long")
    return note


def _record(case: ClashCase, kind: str, status: str | None, *, note: str, author) -> ClashNote:
    name, email, site = author
    now = timezone.now()
    changes = {"updated_at": now, **({"status": status} if status else {})}
    set_case_status(case.pk, status, now)
    for attribute, value in changes.items():
        setattr(case, attribute, value)
    return ClashNote.objects.create(
        case=case,
        action=kind,
        note=note,
        author_name=name[:200],
        author_email=email[:254],
        author_site=site,
        created_at=now,
    )


def _root(uid) -> object:
    return (
        ProgrammeLink.objects.filter(part_uid=uid).values_list("whole_uid", flat=True).first()
        or uid
    )


def make_part(
    case: ClashCase, part_uid, *, note: str, author_name: str, author_email: str = ""
) -> ProgrammeLink:
    """Mark one event of ``case`` as part of the other: they stop clashing,
    and so do other events of the same programme."""
    if part_uid not in (case.low_uid, case.high_uid):
        raise ActionRefused("not an event of this clash")
    note = _clean_note(note)
    whole_uid = case.high_uid if part_uid == case.low_uid else case.low_uid
    root = _root(whole_uid)
    if root == part_uid:
        raise ActionRefused("cycle")
    with transaction.atomic():
        children = list(
            ProgrammeLink.objects.filter(whole_uid=part_uid).values_list("part_uid", flat=True)
        )
        link, _created = ProgrammeLink.objects.update_or_create(
            part_uid=part_uid,
            defaults={
                "whole_uid": root,
                "note": note,
                "author_name": author_name[:200],
                "created_at": timezone.now(),
            },
        )
        # One level only: what was part of the part is part of the whole now.
        ProgrammeLink.objects.filter(whole_uid=part_uid).update(whole_uid=root)
        moved = [part_uid, *children]
        CalendarEntry.objects.filter(event_uid__in=moved).update(programme_uid=root)
        for entry in CalendarEntry.objects.filter(event_uid__in=moved):
            refresh_clashes(entry)
        _record(
            case,
            ClashNote.Action.PROGRAMME,
            ClashCase.Status.RESOLVED,
            note=note,
            author=(author_name, author_email, ""),
        )
    return link


def remove_part(link: ProgrammeLink, *, author_name: str = "", author_email: str = "") -> None:
    """Undo :func:`make_part`: the event clashes again where it overlaps, and
    the clashes that marking had closed are open again (with who and when)."""
    with transaction.atomic():
        part = link.part_uid
        link.delete()
        CalendarEntry.objects.filter(event_uid=part).update(programme_uid=None)
        for entry in CalendarEntry.objects.filter(event_uid=part):
            refresh_clashes(entry)
        closed_by_it = ClashCase.objects.filter(
            Q(low_uid=part) | Q(high_uid=part), status=ClashCase.Status.RESOLVED
        )
        for case in closed_by_it:
            last = ClashNote.objects.filter(case=case).order_by("-created_at", "-pk").first()
            if last is not None and last.action == ClashNote.Action.PROGRAMME:
                _record(
                    case,
                    ClashNote.Action.REOPENED,
                    ClashCase.Status.OPEN,
                    note="",
                    author=(author_name, author_email, ""),
                )


def programme_links(
    limit: int = 50,
) -> list[tuple[ProgrammeLink, EventSide | None, EventSide | None]]:
    """The latest links, with the events they join (when still indexed)."""
    links = list(ProgrammeLink.objects.order_by("-created_at", "-pk")[:limit])
    sides = _sides(
        {uid for link in links for uid in (link.part_uid, link.whole_uid)}, active_sites()
    )
    return [(link, sides.get(link.part_uid), sides.get(link.whole_uid)) for link in links]
