"""What events contribute to shared pages (web.panels): the dashboard's
registrations, the home page's upcoming events and its events figure."""

import datetime

from django.db.models import DateTimeField
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from events.services import registration as registrations
from translations.prepared import PreparedList, PreparedRows

HOME_EVENTS = 4


def dashboard_registrations(request: HttpRequest) -> dict | None:
    if not request.user.is_authenticated or not request.user.email:
        return None
    now = timezone.now()
    rows = [
        {"registration": r, "place": registrations.waitlist_place(r), "past": r.event.ends_at < now}
        for r in registrations.registrations_of(request.user.email)
    ]
    # Upcoming first (soonest on top), then the past ones, most recent first.
    upcoming = [row for row in rows if not row["past"]]
    past = [row for row in rows if row["past"]][::-1]
    return {"upcoming": upcoming, "past": past[:10]}


# Compiled once per process (translations.prepared): each worker builds a
# site's home afresh after every write to the site (cooperation.panels).
_HOME_EVENTS = PreparedList(
    Event, lambda slot: Event.objects.upcoming(now=slot("now", DateTimeField()))[:HOME_EVENTS]
)
_STARTING_BETWEEN = PreparedRows(
    Event,
    lambda given: (
        Event.objects.published()
        .filter(
            starts_at__gte=given("start", DateTimeField()),
            starts_at__lt=given("end", DateTimeField()),
        )
        .values_list("pk", named=True)
    ),
)


def home_events(request: HttpRequest) -> dict:
    return {"events": _HOME_EVENTS.list(now=timezone.now())}


def figures(request: HttpRequest) -> list[tuple[str, int, str]]:
    """Events this calendar year (in the site's zone), past and coming."""
    year = timezone.localdate().year
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    count = _STARTING_BETWEEN.bind(start=start, end=end).count()
    return [(_("events this year"), count, reverse("event_list"))]
