"""The coordination calendar on the hub: every site's events, and their clashes."""

import datetime
import re
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.http import require_safe

from coordination.feed import coordinators_calendar
from coordination.index import coordination_window, entries_between
from coordination.sources import kind_choices, kind_label
from languages.formatting import format_range
from languages.registry import babel_locale
from tenants.addresses import hub_url, site_url
from tenants.models import Site
from web.permissions import require_perm

PERMISSION = "coordination.coordinate"
FEED_SALT = "coordination-feed"
WINDOW_MONTHS = 1
ROWS_PER_PAGE = 100
# The combined feed covers the recent past and the coming year.
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365


MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# The months the calendar pages through; beyond them a window's end (or the
# previous month) would leave Python's dates.
YEARS = range(1900, 3000)


def _month_start(raw: str) -> datetime.datetime:
    """The first moment of the month ``raw`` (``YYYY-MM``) names; this month
    when it is empty. Anything else is a 400 page, not an error."""
    if not raw:
        today = timezone.now()
        return datetime.datetime(today.year, today.month, 1, tzinfo=datetime.UTC)
    match = MONTH.fullmatch(raw)
    if match is None or int(match[1]) not in YEARS or not 1 <= int(match[2]) <= 12:
        raise BadRequest("from= must be a month YYYY-MM between 1900 and 2999")
    return datetime.datetime(int(match[1]), int(match[2]), 1, tzinfo=datetime.UTC)


def _add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return 1


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _rows(entries, flagged: set[int], language: str) -> list[dict]:
    """One row per event: a co-hosted event's copies share a row listing its sites."""
    rows: dict[str, dict] = {}
    for entry in entries:
        row = rows.get(entry.event_uid)
        if row is not None:
            row["sites"].append(entry.site.code)
            row["clash"] = row["clash"] or entry.pk in flagged
            continue
        rows[entry.event_uid] = {
            "entry": entry,
            "sites": [entry.site.code],
            "title": entry.title(language),
            "kind": kind_label(entry.kind),
            # Days as the event's own place sees them.
            "when": format_range(
                entry.starts_at.astimezone(ZoneInfo(entry.time_zone)).date(),
                entry.ends_at.astimezone(ZoneInfo(entry.time_zone)).date(),
                language,
            ),
            "venue": entry.venue(language),
            "url": site_url(entry.site, entry.url_path),
            "clash": entry.pk in flagged,
        }
    return list(rows.values())


def _fingerprint(user) -> str:
    """Changes when the coordinator's password does, or when they are deactivated."""
    state = f"{user.pk}|{user.password}|{user.is_active}"
    return salted_hmac(FEED_SALT, state, algorithm="sha256").hexdigest()[:32]


def feed_token(user) -> str:
    """The coordinator's feed address stands for them: it stops working when
    their password changes (a leaked address is closed by changing it)."""
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=FEED_SALT)


def _feed_user(token: str):
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not constant_time_compare(_fingerprint(user), str(data.get("f", ""))):
        return None
    return user


@require_safe
@login_required(login_url="/admin/login/")
def coordination(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION)
    start = _month_start(request.GET.get("from", ""))
    end = _add_months(start, WINDOW_MONTHS)
    site_codes = [code for code in request.GET.getlist("site") if code]
    known_kinds = dict(kind_choices())
    kinds = [kind for kind in request.GET.getlist("type") if kind in known_kinds]
    page = _page_number(request)
    window = coordination_window(
        start,
        end,
        site_codes=site_codes,
        kinds=kinds,
        page_slice=slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE + 1),
    )
    has_next = len(window.entries) > ROWS_PER_PAGE
    entries = window.entries[:ROWS_PER_PAGE]
    language = translation.get_language()
    locale = babel_locale(language)
    feed_path = reverse("coordination_ics") + "?token=" + feed_token(request.user)
    return render(
        request,
        "coordination/coordination.html",
        {
            "entries": _rows(entries, window.flagged, language),
            "clash_count": window.clash_count,
            "page": page,
            "has_next": has_next,
            "query": _query_without_page(request),
            "clashes": [
                {
                    "reason": clash.reason,
                    "shared": clash.shared(language),
                    "pair": [
                        (entry.site.code, entry.title(language))
                        for entry in (clash.first, clash.second)
                    ],
                }
                for clash in window.clashes
            ],
            "sites": Site.objects.active(),
            "site_codes": site_codes,
            "kinds": kind_choices(),
            "selected_kinds": kinds,
            "window": babel_dates.format_interval(
                start, end - datetime.timedelta(days=1), "yMMM", locale=locale
            ),
            "previous": _add_months(start, -1).strftime("%Y-%m"),
            "next": _add_months(start, 1).strftime("%Y-%m"),
            "feed_url": hub_url(feed_path),
            "webcal_url": "webcal://" + hub_url(feed_path).split("://", 1)[1],
        },
    )


@require_safe
def coordination_ics(request: HttpRequest) -> HttpResponse:
    """The coordinators' feed of all sites; calendar apps cannot log in, so a
    signed token in the address stands for the coordinator."""
    user = _feed_user(request.GET.get("token", ""))
    if user is None or not user.has_perm(PERMISSION):
        raise Http404
    now = timezone.now()
    entries = entries_between(
        now - datetime.timedelta(days=FEED_PAST_DAYS),
        now + datetime.timedelta(days=FEED_FUTURE_DAYS),
    )
    body = coordinators_calendar(entries, language=translation.get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coordination.ics"'
    return response
