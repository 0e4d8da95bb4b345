"""The month grid reads each event's local days from ``CalendarDay`` rows,
written with the index entry: they follow the event when it moves, goes or
is co-hosted, and an event too long for rows of its own still shows on each
of its days."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.index import LONG_SPAN, calendar_days
from coordination.models import CalendarDay, CalendarEntry
from tests.factories.events import make_event

SHANGHAI = ZoneInfo("Asia/Shanghai")


def later_month() -> datetime.date:
    """The first day of a month two months on (the tests run on any day)."""
    today = timezone.now().astimezone(SHANGHAI).date()
    return (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)


def days_of(event) -> list[datetime.date]:
    entry = CalendarEntry.objects.get(event_uid=event.uid, is_copy=False)
    return list(
        CalendarDay.objects.filter(entry=entry).order_by("day").values_list("day", flat=True)
    )


@pytest.mark.django_db
def test_an_events_days_are_its_local_days_and_follow_it_when_it_moves(site_vn, in_site):
    month = later_month()
    with in_site(site_vn):
        # 23:00 in Shanghai to 01:00 two days later: three local days, though
        # UTC sees it start the day before.
        event = make_event(
            starts=datetime.datetime(month.year, month.month, 10, 23, tzinfo=SHANGHAI),
            hours=26,
        )
        assert days_of(event) == [month.replace(day=n) for n in (10, 11, 12)]

        event.starts_at += datetime.timedelta(days=5)
        event.ends_at = event.starts_at + datetime.timedelta(minutes=30)
        event.save()
        assert days_of(event) == [month.replace(day=15)]

        uid = event.uid
        event.delete()
    assert not CalendarDay.objects.filter(entry__event_uid=uid).exists()
    assert not CalendarDay.objects.exclude(entry__in=CalendarEntry.objects.all()).exists()


@pytest.mark.django_db
def test_an_event_longer_than_the_stored_span_shows_on_each_of_its_days(site_vn, in_site):
    """An exhibition of half a year has no day rows (an event of years would
    write hundreds) and is still counted and named on every day."""
    month = later_month()
    starts = datetime.datetime(month.year, month.month, 1, 9, tzinfo=SHANGHAI) - datetime.timedelta(
        days=60
    )
    with in_site(site_vn):
        event = make_event(
            slug="half-year-exhibition",
            titles={"en": "Half-year exhibition"},
            starts=starts,
            ends_at=starts + datetime.timedelta(days=180),
        )
    assert CalendarEntry.objects.get(event_uid=event.uid).long_span
    assert datetime.timedelta(days=180) > LONG_SPAN and days_of(event) == []

    last = month.replace(day=28)
    days = calendar_days(month, last, per_day=100)
    for number in (1, 14, 28):
        day = month.replace(day=number)
        assert "half-year-exhibition" in [entry.slug for entry in days.entries[day]], day
        assert days.totals[day] >= 1
    # Named in the window's order: it began before anything else that day.
    assert days.entries[month][0].slug == "half-year-exhibition" or any(
        entry.starts_at < starts for entry in days.entries[month]
    )


@pytest.mark.django_db
def test_a_co_hosted_event_counts_once_on_its_days(site_vn, site_id, in_site):
    """Its copy's day rows carry the origin's site: with both sites listed
    the event is counted once, with the origin's site alone not at all on
    the partner's side, and the partner alone shows the copy."""
    month = later_month()
    with in_site(site_vn):
        event = make_event(
            slug="grid-cohosted",
            starts=datetime.datetime(month.year, month.month, 12, 10, tzinfo=SHANGHAI),
            cohost_codes=[site_id.code],
        )
    rows = CalendarDay.objects.filter(entry__event_uid=event.uid, day=month.replace(day=12))
    assert sorted(rows.values_list("is_copy", flat=True)) == [False, True]
    assert rows.get(is_copy=True).origin_site_id == site_vn.pk

    day = month.replace(day=12)

    def slugs(codes) -> list[str]:
        found = calendar_days(day, day, per_day=100, site_codes=codes)
        return [entry.slug for entry in found.entries.get(day, [])]

    assert slugs(None).count("grid-cohosted") == 1
    assert slugs([site_vn.code, site_id.code]).count("grid-cohosted") == 1
    assert slugs([site_id.code]).count("grid-cohosted") == 1


@pytest.mark.django_db
def test_the_grid_is_one_index_only_read_without_a_sort(site_vn, in_site):
    """At 200 sites × 500 events the grid spread 5,225 entries over their
    days and sorted 10,443 rows twice on every view (~20 ms); it now reads
    the day rows' index in its order."""
    month = later_month()
    with in_site(site_vn):
        make_event(starts=datetime.datetime(month.year, month.month, 3, 10, tzinfo=SHANGHAI))
    with CaptureQueriesContext(connection) as queries:
        calendar_days(month, month.replace(day=28), per_day=3)
    counting = [query["sql"] for query in queries if "array_agg" in query["sql"]]
    assert len(counting) == 1 and "coordination_calendarentry" not in counting[0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE coordination_calendarday")
        # A tiny table: ask for the plan a big one gets.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + counting[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using calendar_day_order" in plan, plan
    assert "Sort" not in plan, plan
