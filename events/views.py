"""Calendar pages, registration and iCalendar feeds of one site."""

import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from events.alert_topics import EVERY
from events.forms import RegistrationForm
from events.models import Event, Registration, Speaker
from events.models.event import EVENT_PAGE, EVENT_SESSIONS, EVENT_SPEAKERS
from events.services import cohosting
from events.services import registration as registrations
from events.services.attendees import attendees_csv_response
from events.services.ical import site_calendar
from events.services.lists import asked_kind, event_rows, events_by_pk
from events.services.month import (
    Month,
    has_own_events,
    has_repeats,
    month_bounds,
    month_events,
    month_weeks,
    next_event_after,
    opening_month,
    weekday_names,
)
from languages.formatting import format_skeleton
from tenants.addresses import site_url
from tenants.models import Site
from translations.fallback import shown_texts
from translations.site_columns import in_site_languages
from web import ratelimit
from web.pagination import numbered
from web.panels import member_details
from web.permissions import object_for
from web.public_forms import response_status, submitted
from web.templatetags.fragments import kept_fragment, kept_items, kept_value
from web.templatetags.memo_url import memo_reverse

EVENTS_PER_PAGE = 20


def _sessions(event: Event) -> list:
    """The event's agenda, each session with its speakers."""
    sessions = EVENT_SESSIONS.list(event=event.pk)
    prefetch_related_objects(
        sessions, Prefetch("speakers", queryset=in_site_languages(Speaker.objects.all()))
    )
    return sessions


def get_event(slug: str, *, page: HttpRequest | None = None) -> Event:
    """The published event at ``slug`` (404 otherwise); for its ``page``
    (the request), with what EventQuerySet.for_page marks."""
    if page is not None:
        return EVENT_PAGE.kept_or_404(page, slug=slug)
    return get_object_or_404(in_site_languages(Event.objects.published()), slug=slug)


def _by_kind(request: HttpRequest, events):
    kind = _asked_kind(request)
    return (events.filter(kind=kind) if kind else events), kind


# Built once: the choices are a list built on each access (~10 µs a list
# page), the same every time (the labels stay lazy).
KIND_CHOICES = Event.Kind.choices


def _asked_kind(request: HttpRequest) -> str:
    return asked_kind(request.GET)


def _opening_month(
    request: HttpRequest, today: datetime.date, zone: str, *, busy: bool
) -> tuple[int, int]:
    """Where the calendar's link opens (opening_month), kept until the site
    changes when it takes queries (one or two; ~1.5 ms of CPU each)."""
    if busy:
        return opening_month(today, zone, busy=True)
    return kept_value(request, "opening-month", [today], lambda: opening_month(today, zone))


def _list(request: HttpRequest, *, archive: bool) -> HttpResponse:
    kind = _asked_kind(request)
    # The page's keys first (a query compiled once per process, event_rows);
    # events are loaded only where their item is not kept rendered
    # (web.templatetags.fragments.kept_items), as the news list.
    # With their times: an item of this month tells the calendar link where
    # to open without a query of its own (opening_month).
    now = timezone.now()
    pager = numbered(
        request,
        event_rows(archive=archive, kind=kind, now=now),
        per_page=EVENTS_PER_PAGE,
        kept_as="events",
    )
    today, zone = timezone.localdate(), timezone.get_current_timezone_name()
    start, end = month_bounds(today.year, today.month, zone)
    busy = any(row.starts_at < end and row.ends_at > start for row in pager.items)
    return render(
        request,
        "events/event_list.html",
        {
            "events": kept_items(
                request,
                "event-item",
                pager.items,
                lambda pks: events_by_pk(pks, archive=archive, kind=kind, now=now),
            ),
            "pager": pager,
            "archive": archive,
            "kind": kind,
            "kinds": KIND_CHOICES,
            "this_month": _opening_month(request, today, zone, busy=busy),
            # Worked out only if drawn: the section is kept rendered per type
            # ({% fragment "events-subscribe" %}); ~0.25 ms of CPU otherwise.
            "subscribe": SimpleLazyObject(lambda: subscription_addresses(request.tenant, kind)),
            # The alert follows the events of the type shown, as the list does.
            "alert_query": urlencode({"topic": "events", "value": kind or EVERY}),
            # The feed follows the upcoming events (events.feeds), of the type shown.
            "feed_url": ""
            if archive
            else memo_reverse("event_feed") + (f"?{urlencode({'type': kind})}" if kind else ""),
        },
    )


def subscription_addresses(site: Site, kind: str = "") -> dict[str, str]:
    """Where calendar apps subscribe to the site's events (of one type, if
    ``kind``): the https address to paste, and links that hand it to Apple
    Calendar or Outlook for Windows (webcal), Google Calendar and Outlook on
    the web. Built from the site's configured address, never the request's."""
    path = reverse("calendar_ics") + (f"?{urlencode({'type': kind})}" if kind else "")
    https = site_url(site, path)
    webcal = "webcal://" + https.split("://", 1)[1]
    name = f"{site.name} · {Event.Kind(kind).label}" if kind else str(site.name)
    return {
        "https": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
        "office": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
    }


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    return _list(request, archive=False)


@require_safe
def event_archive(request: HttpRequest) -> HttpResponse:
    return _list(request, archive=True)


@require_safe
def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        raise Http404
    zone = timezone.get_current_timezone_name()
    start, end = month_bounds(year, month, zone)
    kind = _asked_kind(request)

    # Built only where a query runs: with the grid kept, none does, and
    # building it through modeltranslation was ~0.2 of the page's ~4.6 ms
    # of CPU (bench/http.py --profile).
    def published():
        return _by_kind(request, Event.objects.published())[0]

    language = translation.get_language()
    # The grid is kept rendered ({% fragment "month-grid" %}): then its events
    # are neither loaded nor laid out, and whether there are any is kept too.
    if kept_fragment(request, "month-grid", start.date(), kind):

        def what_is_on() -> tuple[bool, bool]:
            events = published()
            own = has_own_events(events, start, end)
            return own, not own and not has_repeats(events, start, end)

        # Its query was ~1.5 of the page's ~7 ms of CPU (bench/http.py).
        own, empty = kept_value(request, "month-on", [start.date(), kind], what_is_on)
        # Laid out only if something reads them (the template does not).
        weeks = SimpleLazyObject(
            lambda: month_weeks(
                year,
                month,
                month_events(published(), start, end),
                zone_name=zone,
                language=language,
            )
        )
    else:
        events = month_events(published(), start, end)
        own = any(not event.is_repeat for event in events)
        empty = not events
        kept_value(request, "month-on", [start.date(), kind], lambda: (own, empty))  # for the above
        weeks = month_weeks(year, month, events, zone_name=zone, language=language)
    today = timezone.localdate()
    # This month's grid, of every type, has its own events: the calendar's
    # link opens on it without asking the database again.
    busy = own and not kind and (year, month) == (today.year, today.month)
    previous = (start - datetime.timedelta(days=1)).date()
    following = next_event_after(end) if empty else None
    if following is not None:
        local = following.starts_at.astimezone(ZoneInfo(zone))
        following = {"event": following, "month": Month(local.year, local.month)}
    return render(
        request,
        "events/event_month.html",
        {
            # Remembered per month and language: Babel matches the skeleton
            # against every pattern of the locale on each call.
            "month_label": format_skeleton(start.date(), "yMMMM", language),
            "this_month": _opening_month(request, today, zone, busy=busy),
            "next_event": following,
            "weeks": weeks,
            "weekdays": weekday_names(language),
            "month_start": start.date(),
            "previous": Month(previous.year, previous.month),
            "next": Month(end.year, end.month),
            "kind": kind,
            "kinds": KIND_CHOICES,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug, page=request)
    refusal = registrations.registration_refusal(event)
    own = registrations.own_registration(request, event)
    form = _registration_form(request, refusal=refusal)
    if not refusal and submitted(request, form, "event-registration"):
        if form.is_robot():
            return redirect(event.get_absolute_url())  # say nothing to robots
        try:
            registration = registrations.register(
                event=event,
                language=translation.get_language(),
                **{k: form.cleaned_data[k] for k in ("name", "email", "organisation", "country")},
            )
        except registrations.AlreadyRegistered as already:
            # The owner of the address hears again by e-mail (their
            # registration and its cancel link); the page reads exactly as for
            # a new registration, so nobody learns who is registered.
            email = already.registration.email
            if ratelimit.address_mail_allowed(request, "registration-mail", email):
                registrations.remind(already.registration)
            status = (
                Registration.Status.WAITLISTED if already.full else Registration.Status.CONFIRMED
            )
            return _registered(request, event, form.cleaned_data["email"], status)
        except registrations.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            return _registered(request, event, form.cleaned_data["email"], registration.status)
    status = 200 if form is None or not form.is_bound else response_status(form)
    # Shown only inside the kept "event-article" part: not read when it is kept.
    shown_in_article = (
        {}
        if kept_fragment(request, "event-article", event.pk, request.path)
        else {
            # In the site's languages only: 32 columns each, as the event
            # has, cost as much to compile as the event's own query.
            "sessions": _sessions(event) if event.has_sessions else (),
            "speakers": EVENT_SPEAKERS.list(event=event.pk) if event.has_speakers else (),
            "partners": cohosting.partners(event, request.tenant, translation.get_language()),
        }
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            # Its texts as shown, each worked out once for the blocks that show it.
            **shown_texts(
                request.tenant, event, "title", "summary", "description", "venue", "address"
            ),
            "form": form,
            # Asked outside the kept fields without building a deferred form.
            "form_bound": form is not None and form.is_bound,
            "refusal": refusal,
            **shown_in_article,
            "places_left": _places_left(event),
            "own_registration": own,
            "waitlist_place": registrations.waitlist_place(own) if own else None,
            "announced": None if own else registrations.announced(request, event),
            "origin_url": _origin_url(request, event),
        },
        status=status,
    )


def _registration_form(request: HttpRequest, *, refusal: str | None) -> RegistrationForm | None:
    """The registration form, or None where the page does not draw it (an
    event that takes no registrations); a visitor's empty form is built only
    if used while its fields are kept rendered ({% fragment "registration-fields" %}). Building
    it (its fields copied, the country choices) was ~0.1–0.3 ms of the
    page's CPU (bench/http.py). Always built for a post, whose errors set
    the answer's status."""
    posted = request.method == "POST"
    if not posted and refusal:
        return None

    def build() -> RegistrationForm:
        details = member_details(request.user)
        return RegistrationForm(
            request.POST or None,
            initial={key: details[key] for key in RegistrationForm.base_fields if key in details},
        )

    if (
        not posted
        and not request.user.is_authenticated
        and kept_fragment(request, "registration-fields")
    ):
        # Built only if the tag renders the fields after all (no longer
        # kept when the template renders: review), never None.
        return _UnboundForm(build)
    return build()


class _UnboundForm(SimpleLazyObject):
    """A visitor's empty form, built on first use: the page asks whether it
    is bound without building it."""

    is_bound = False


def _registered(request: HttpRequest, event: Event, email: str, status: str) -> HttpResponse:
    """The answer to a registration, new or repeated alike."""
    registrations.announce(request.session, event, email=email, status=status)
    if status == Registration.Status.CONFIRMED:
        messages.success(
            request, _("You are registered. A confirmation is on its way to your inbox.")
        )
    else:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list. We will e-mail you if a place frees up."
            ),
        )
    return redirect(event.get_absolute_url())


def _origin_url(request: HttpRequest, event: Event) -> str | None:
    """Where a co-hosted copy's registration happens: the event on its origin site."""
    if not event.is_copy:
        return None
    origin = (
        Site.objects.active().filter(code=event.origin_code).prefetch_related("domains").first()
    )
    if origin is None or origin.primary_domain_name() is None:
        return None
    # In the reader's language when the origin offers it, else in its default.
    language = translation.get_language()
    with translation.override(
        language if language in origin.languages else origin.default_language
    ):
        path = event.get_absolute_url()
    return site_url(origin, path)


def _places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed_count, 0)


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    return _ics_response(request, [event], name=str(event), filename=f"{event.slug}.ics")


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The site's calendar, or the events of one type (``?type=trade_fair``)."""
    site = request.tenant
    events, _kind = _by_kind(request, Event.objects.published().order_by("starts_at", "pk"))
    name = f"{site.name} · {_('Events')}"
    return _ics_response(
        request, events, name=name, filename=f"{site.code}-{translation.get_language()}.ics"
    )


def _ics_response(request: HttpRequest, events, *, name: str, filename: str) -> HttpResponse:
    body = site_calendar(
        events, site=request.tenant, language=translation.get_language(), name=name
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Opened by a link only its addressee holds, and shows their data: never stored.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        registrations.cancel(registration)
        registrations.forget(request.session, registration.event)
        messages.success(
            request,
            _(
                "Your registration has been cancelled. If you change your mind, you can register again on this page while places are left."
            ),
        )
        return redirect(registration.event.get_absolute_url())
    return render(
        request,
        "events/registration_cancel.html",
        {
            "registration": registration,
            "waitlist_place": registrations.waitlist_place(registration),
        },
    )


@require_safe
@login_required(login_url="account_login")
def attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = object_for(request, Event, "events.view_registration", slug=slug)
    return attendees_csv_response(event.registrations.all(), f"{event.slug}-attendees.csv")
