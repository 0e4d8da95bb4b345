"""The coordination calendar on the hub: clashes first, then every site's events.

- ``coordination``: the clashes to come (the next 12 months, then the
  months after), open ones by default, with links to both events;
- ``clash_detail``: one clash, its history, and what coordinators do about it;
- ``coordination_calendar``: a month grid beside a list of any range of dates;
- ``coordination_ics``: the coordinators' feed of all sites.
"""

import calendar
import datetime
import re
from collections.abc import Iterable

from babel import dates as babel_dates
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coordination import clashes
from coordination.feed import coordinators_calendar
from coordination.index import (
    active_sites,
    calendar_days,
    coordination_window,
    entries_between,
    window_count,
)
from coordination.models import ClashCase, ClashNote, ProgrammeLink
from coordination.sources import kind_choices, kind_label
from languages.formatting import format_number, format_range, format_skeleton
from languages.registry import babel_locale
from tenants.addresses import hub_url
from tenants.models import Site
from tenants.naming import name_in, short_name_in
from web.pagination import address, uncounted
from web.permissions import require_perm

PERMISSION = "coordination.coordinate"
FEED_SALT = "coordination-feed"
ROWS_PER_PAGE = 100
CLASHES_PER_PAGE = 25
# The clash list looks this far ahead, then offers the months after.
CLASH_MONTHS = 12
# A day of the month grid names this many events, then "n more".
EVENTS_PER_DAY = 3
# The combined feed covers the recent past and the coming year.
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Dates the pages accept; beyond them a window's end would leave Python's dates.
YEARS = range(1900, 3000)
STATES = {
    "open": clashes.OPEN_STATES,
    "resolved": (ClashCase.Status.RESOLVED,),
    "all": tuple(ClashCase.Status.values),
}


def _month(raw: str) -> datetime.date:
    """The first day of the month ``raw`` (``YYYY-MM``) names; this month when
    it is empty. Anything else is a 400 page, not an error."""
    if not raw:
        return timezone.now().date().replace(day=1)
    match = MONTH.fullmatch(raw)
    if match is None or int(match[1]) not in YEARS or not 1 <= int(match[2]) <= 12:
        raise BadRequest("month must be YYYY-MM between 1900 and 2999")
    return datetime.date(int(match[1]), int(match[2]), 1)


def _day(raw: str, default: datetime.date) -> datetime.date:
    if not raw:
        return default
    match = DAY.fullmatch(raw)
    try:
        if match is None or int(match[1]) not in YEARS:
            raise ValueError
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadRequest("dates must be YYYY-MM-DD between 1900 and 2999") from None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


LAST_DAY = datetime.date(2999, 12, 31)


def clash_window_end(after: datetime.date) -> datetime.date:
    """The last day of the clash list's window from ``after``: twelve months,
    to a month's end (30 Nov → 30 Nov next year; 1 Jan → 31 Dec)."""
    months = CLASH_MONTHS + (1 if after.day > 1 else 0)
    return min(_add_months(after, months) - datetime.timedelta(days=1), LAST_DAY)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _query(request: HttpRequest, **changes) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value not in (None, ""):
            query[name] = value
    return query.urlencode()


def _site_codes(request: HttpRequest) -> list[str]:
    return [code for code in request.GET.getlist("site") if code][:200]


def author_of(user) -> tuple[str, str]:
    """(name, e-mail) as an action records them."""
    email = getattr(user, "email", "") or ""
    return (user.get_full_name() or email or user.get_username()), email


def site_choices(language: str, sites: Iterable[Site] | None = None) -> list[dict]:
    """The open sites (or ``sites``) for the filters, each by its short name
    in ``language``, as the grid, the lists and the feed name them (two sites
    of one pair share a full name, never a short one). The open sites are
    the calendar's own (``active_sites``, in the same order, by code), kept
    between requests: read anew, 200 sites were a query and 200 model
    instances on every calendar page, ~9 ms of Python of its ~58
    (bench/coordination.py's data, the whole view, cProfile)."""
    sites = active_sites().values() if sites is None else sites
    return [
        {"code": site.code, "name": short_name_in(site, language), "title": name_in(site, language)}
        for site in sites
    ]


def event_row(side: clashes.EventSide, language: str) -> dict:
    """What a page shows of one event of a clash."""
    entry = side.entry
    return {
        "uid": entry.event_uid,
        "title": entry.title(language),
        "url": clashes.entry_url(entry, language),
        "when": clashes.entry_when(entry, language),
        "venue": entry.venue(language),
        "kind": kind_label(entry.kind),
        "site": entry.site,
        "site_name": short_name_in(entry.site, language),
        "cohosts": [short_name_in(site, language) for site in side.cohosts],
        "organisers": entry.organisers,
        "contact": entry.site.contact_email,
    }


def clash_rows(views: list[clashes.ClashView], language: str, *, on_hub: bool = True) -> list[dict]:
    return [
        {
            "case": view.case,
            "events": [event_row(side, language) for side in view.events],
            "reasons": view.described(language),
            "when": view.when(language),
            "url": reverse("clash_detail", kwargs={"pk": view.case.pk}) if on_hub else "",
        }
        for view in views
    ]


def with_author_sites(notes: Iterable[ClashNote], language: str) -> list[ClashNote]:
    """A clash's notes, each author's site named as the calendar names sites:
    ``site_label`` its short name in ``language``, ``site_title`` its full
    name (none for the hub's coordinators). A site archived since is read in
    one query; one gone keeps its code."""
    notes = list(notes)
    by_code = {site.code: site for site in active_sites().values()}
    missing = {note.author_site for note in notes if note.author_site not in by_code}
    missing.discard("")
    if missing:
        by_code.update((site.code, site) for site in Site.objects.filter(code__in=missing))
    for note in notes:
        site = by_code.get(note.author_site)
        note.site_label = short_name_in(site, language) if site else note.author_site
        note.site_title = name_in(site, language) if site else ""
    return notes


def _fingerprint(user) -> str:
    """Changes when the coordinator's password does, or when they are deactivated."""
    state = f"{user.pk}|{user.password}|{user.is_active}"
    return salted_hmac(FEED_SALT, state, algorithm="sha256").hexdigest()[:32]


def feed_token(user, language: str | None = None) -> str:
    """The coordinator's feed address stands for them: it stops working when
    their password changes (a leaked address is closed by changing it). It
    carries the language of the page it was taken from: calendar apps send
    no Accept-Language, and the feed is written in that language."""
    data = {"u": user.pk, "f": _fingerprint(user), "l": language or translation.get_language()}
    return signing.dumps(data, salt=FEED_SALT)


def _feed_reader(token: str) -> tuple[object, str] | None:
    """(the coordinator, their language) of a feed address, or None."""
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not constant_time_compare(_fingerprint(user), str(data.get("f", ""))):
        return None
    # Addresses made before they carried one read in the hub's default.
    language = data.get("l")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return user, language


@require_safe
@login_required(login_url="/admin/login/")
def coordination(request: HttpRequest) -> HttpResponse:
    """The first screen: the clashes to come, soonest first."""
    require_perm(request, PERMISSION)
    language = translation.get_language()
    state = request.GET.get("state", "open")
    if state not in STATES:
        raise BadRequest("state must be open, resolved or all")
    today = timezone.now().date()
    after = _day(request.GET.get("after", ""), today)
    until = clash_window_end(after)
    site_codes = _site_codes(request)
    found = clashes.clash_query(
        _moment(after),
        _moment(until + datetime.timedelta(days=1)),
        statuses=STATES[state],
        site_codes=site_codes,
    )
    pager = uncounted(
        request,
        lambda part: list(found.case_ids[part]),
        per_page=CLASHES_PER_PAGE,
        count=found.case_ids.count,
    )
    locale = babel_locale(language)
    feed_path = reverse("coordination_ics") + "?token=" + feed_token(request.user)
    sites = site_choices(language)
    return render(
        request,
        "coordination/coordination.html",
        {
            "clashes": clash_rows(found.views(pager.items), language),
            "pager": pager,
            "state": state,
            "states": [
                ("open", _("Open")),
                ("resolved", _("Resolved")),
                ("all", _("All")),
            ],
            "period": babel_dates.format_interval(after, until, "yMMMd", locale=locale),
            # Only when a clash lies beyond: the link used to lead on forever
            # through empty years.
            "later_url": address(
                request, after=(until + datetime.timedelta(days=1)).isoformat(), page=None
            )
            if not pager.next_url
            and clashes.any_clash_between(
                _moment(until + datetime.timedelta(days=1)),
                _moment(LAST_DAY),
                statuses=STATES[state],
                site_codes=site_codes,
            )
            else None,
            "later_from": babel_dates.format_date(
                until + datetime.timedelta(days=1), "long", locale=locale
            ),
            "sites": sites,
            "site_codes": site_codes,
            # For the folded filters' line: how many of the sites are ticked.
            "chosen_sites": len({choice["code"] for choice in sites} & set(site_codes)),
            "links": [
                (
                    link,
                    part and event_row(part, language),
                    whole and event_row(whole, language),
                )
                for link, part, whole in clashes.programme_links(limit=10)
            ],
            "calendar_url": reverse("coordination_calendar"),
            "feed_url": hub_url(feed_path),
            "webcal_url": "webcal://" + hub_url(feed_path).split("://", 1)[1],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="/admin/login/")
def clash_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One clash: both events, why, its history; acknowledge, resolve,
    reopen, comment, or mark one event as part of the other."""
    require_perm(request, PERMISSION)
    case = get_object_or_404(ClashCase, pk=pk)
    language = translation.get_language()
    error = ""
    if request.method == "POST":
        name, email = author_of(request.user)
        action = request.POST.get("action", "")
        note = request.POST.get("note", "")
        try:
            if action == "programme":
                part = request.POST.get("part", "")
                part_uid = next(
                    (uid for uid in (case.low_uid, case.high_uid) if str(uid) == part), None
                )
                if part_uid is None:
                    raise clashes.ActionRefused("part")
                clashes.make_part(case, part_uid, note=note, author_name=name, author_email=email)
                messages.success(
                    request,
                    _("The events are marked as one programme: they no longer clash."),
                )
                return redirect("coordination")
            clashes.act(case, action, note=note, author_name=name, author_email=email)
        except clashes.ActionRefused as refusal:
            error = refusal_message(str(refusal), note)
        else:
            messages.success(request, _("Saved."))
            return redirect("clash_detail", pk=case.pk)
    views = clashes.views_of([case.pk], active_sites())
    if not views:
        raise Http404
    view = views[0]
    row = clash_rows(views, language)[0]
    first, second = row["events"]
    return render(
        request,
        "coordination/clash_detail.html",
        {
            "clash": row,
            "options": [(first, second), (second, first)],
            "view": view,
            "notes": with_author_sites(case.notes.all(), language),
            "error": error,
            "note": note_to_show(request.POST.get("note", "")) if error else "",
            "note_limit": note_limit(),
        },
        status=400 if error else 200,
    )


TOO_LONG = gettext_lazy("Write at most %(limit)s characters (this text has %(count)s).")


def _limit() -> str:
    """The note's limit as the reader writes numbers (Babel), as the count beside it is."""
    return format_number(clashes.NOTE_LENGTH, translation.get_language())


def refusal_message(reason: str, note: str = "") -> str:
    """Why ``clashes.act``/``make_part`` refused, in the active language."""
    if reason == "long":
        count = format_number(len(clashes.clean_breaks(note).strip()), translation.get_language())
        return TOO_LONG % {"limit": _limit(), "count": count}
    return {
        "empty": _("Write a comment first."),
        "character": _("Remove the invisible control character (NUL) from the text."),
        "cycle": _("That event already contains the other one."),
        "part": _("Choose which event is part of the other."),
    }.get(reason, _("This action is not possible."))


def note_limit() -> dict:
    """What a note field says of its length: its limit, stated beside it,
    and the server's refusal (``%(count)s`` to fill), which
    web/note-length.js shows as soon as the typed text is longer. The
    field has no ``maxlength``: a browser cuts a pasted note there without a
    word; the server refuses it whole and shows it again."""
    return {
        "limit": clashes.NOTE_LENGTH,
        "too_long": TOO_LONG % {"limit": _limit(), "count": "%(count)s"},
    }


def note_to_show(note: str) -> str:
    """A refused note as the form shows it again: a NUL, which HTML cannot
    carry, becomes the replacement mark browsers show for it."""
    return note.replace("\x00", "\ufffd")


@require_POST
@login_required(login_url="/admin/login/")
def programme_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a "part of": the two events may clash again."""
    require_perm(request, PERMISSION)
    name, email = author_of(request.user)
    clashes.remove_part(
        get_object_or_404(ProgrammeLink, pk=pk), author_name=name, author_email=email
    )
    messages.success(request, _("The events are no longer one programme."))
    return redirect("coordination")


@require_safe
@login_required(login_url="/admin/login/")
def coordination_calendar(request: HttpRequest) -> HttpResponse:
    """A month grid beside the list of any range of dates, of every site."""
    require_perm(request, PERMISSION)
    language = translation.get_language()
    locale = babel_locale(language)
    date_problem = ""
    try:
        month = _month(request.GET.get("month", ""))
    except BadRequest:
        date_problem = _("That month could not be read. This month is shown instead.")
        month = _month("")
    month_end = _add_months(month, 1) - datetime.timedelta(days=1)
    try:
        first = _day(request.GET.get("from", ""), month)
        last = _day(request.GET.get("to", ""), month_end if not request.GET.get("from") else first)
    except BadRequest:
        # Typed in the form: shown again with the month's dates, and why.
        date_problem = _("Those dates could not be read. The whole month is shown instead.")
        first, last = month, month_end
    if last < first:
        first, last = last, first
    site_codes = _site_codes(request)
    known_kinds = dict(kind_choices())
    kinds = [kind for kind in request.GET.getlist("type") if kind in known_kinds]
    windows = []

    def fetch(part: slice) -> list:
        windows.append(
            coordination_window(
                _moment(first),
                _moment(last + datetime.timedelta(days=1)),
                site_codes=site_codes,
                kinds=kinds,
                page_slice=part,
            )
        )
        return windows[-1].entries

    pager = uncounted(
        request,
        fetch,
        per_page=ROWS_PER_PAGE,
        count=lambda: window_count(
            _moment(first),
            _moment(last + datetime.timedelta(days=1)),
            site_codes=site_codes,
            kinds=kinds,
        ),
    )
    window = windows[-1]
    rows = [
        _calendar_row(entry, window.cohosts.get(entry.event_uid, []), window.flagged, language)
        for entry in pager.items
    ]
    filter_query = _query(request, page=None, month=None, **{"from": None, "to": None})
    grid = _month_grid(month, site_codes, kinds, language, locale, filter_query)
    return render(
        request,
        "coordination/calendar.html",
        {
            "rows": rows,
            "grid": grid,
            "grid_has_events": any(day["total"] for week in grid for day in week),
            "weekdays": [
                locale.days["format"]["abbreviated"][(locale.first_week_day + n) % 7]
                for n in range(7)
            ],
            "month_name": format_skeleton(month, "yMMMM", language),
            "month": month,
            "previous_month": _add_months(month, -1).strftime("%Y-%m"),
            "next_month": _add_months(month, 1).strftime("%Y-%m"),
            "first": first,
            "last": last,
            "range": format_range(first, last, language),
            "clash_count": window.clash_count,
            "pager": pager,
            "sites": site_choices(language),
            "site_codes": site_codes,
            "kinds": kind_choices(),
            "selected_kinds": kinds,
            "filter_query": filter_query,
            "date_problem": date_problem,
        },
        status=400 if date_problem else 200,
    )


def _calendar_row(entry, cohosts: list, flagged: set, language: str) -> dict:
    side = clashes.EventSide(entry, cohosts)
    row = event_row(side, language)
    row.update(
        {
            "entry": entry,
            "sites": [_site_label(site, language) for site in side.sites()],
            "clash": entry.event_uid in flagged,
        }
    )
    return row


def _site_label(site: Site, language: str) -> dict:
    """A site as the calendar's rows and days name it: its short name, the full one on hover."""
    return {"label": short_name_in(site, language), "name": name_in(site, language)}


def _month_grid(
    month: datetime.date, site_codes, kinds, language: str, locale, filter_query: str
) -> list[list]:
    """Weeks of the month, each day with its events (a few named, the rest
    counted), each event with its site's short label and full name; a day's
    full name ("Thứ 6, 17 tháng 9") heads it where the grid is a list (a phone)."""
    weeks = calendar.Calendar(firstweekday=locale.first_week_day).monthdatescalendar(
        month.year, month.month
    )
    days = calendar_days(
        weeks[0][0], weeks[-1][-1], per_day=EVENTS_PER_DAY, site_codes=site_codes, kinds=kinds
    )
    # Each day links to its own dates in the list, the filters kept.
    tail = (f"&{filter_query}" if filter_query else "") + "#range-heading"
    return [
        [
            {
                "date": day,
                "url": f"?month={month:%Y-%m}&from={day}&to={day}{tail}",
                "label": format_skeleton(day, "MMMMEEEEd", language),
                "in_month": day.month == month.month,
                "total": days.totals.get(day, 0),
                "events": [
                    {
                        "title": entry.title(language),
                        "url": clashes.entry_url(entry, language),
                        "site": short_name_in(entry.site, language),
                        "site_name": name_in(entry.site, language),
                        # A co-hosted event is named once, under all its sites, as in the list.
                        "cohosts": [
                            _site_label(site, language)
                            for site in days.cohosts.get(entry.event_uid, [])
                        ],
                        "clash": entry.event_uid in days.flagged,
                    }
                    for entry in days.entries.get(day, [])
                ],
                "more": max(0, days.totals.get(day, 0) - EVENTS_PER_DAY),
            }
            for day in week
        ]
        for week in weeks
    ]


@require_safe
def coordination_ics(request: HttpRequest) -> HttpResponse:
    """The coordinators' feed of all sites; calendar apps cannot log in, so a
    signed token in the address stands for the coordinator."""
    reader = _feed_reader(request.GET.get("token", ""))
    if reader is None or not reader[0].has_perm(PERMISSION):
        raise Http404
    _user, language = reader
    now = timezone.now()
    start = now - datetime.timedelta(days=FEED_PAST_DAYS)
    end = now + datetime.timedelta(days=FEED_FUTURE_DAYS)
    with translation.override(language):
        body = coordinators_calendar(
            entries_between(start, end), start=start, end=end, language=language
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Language"] = language
    response["Content-Disposition"] = 'inline; filename="coordination.ics"'
    return response
