"""What the calendar's own statements read (``coordination.index``): the
window's entries from a lower bound on their start, the sites listed as "none
of the others", and the clash rows' own copy of their events' kinds. Each
must give what the page showed before they were written so."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.index import (
    LONG_SPAN,
    calendar_days,
    clash_earliest,
    coordination_window,
    earliest_start,
    entries_between,
    store_days,
    window_count,
)
from coordination.models import CalendarClash, CalendarEntry
from tenants.models import Site
from tests.factories.events import make_event

SHANGHAI = ZoneInfo("Asia/Shanghai")


def month_ahead() -> tuple[datetime.datetime, datetime.datetime]:
    """A month that starts three months from now (the tests run on any day)."""
    today = timezone.now().astimezone(SHANGHAI).date()
    first = (today.replace(day=1) + datetime.timedelta(days=93)).replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        datetime.datetime(first.year, first.month, 1, tzinfo=datetime.UTC),
        datetime.datetime(last.year, last.month, 1, tzinfo=datetime.UTC),
    )


@pytest.mark.django_db
def test_an_event_begun_long_before_the_window_is_listed_counted_and_flagged(
    site_vn, site_id, in_site
):
    """A year-long exhibition that opened ten months before the month is on
    in it: listed, counted, and flagged with the forum it clashes with, on
    the list and on the grid. The lower bound on the start is the longest
    entry's length, not a fixed span."""
    start, end = month_ahead()
    with in_site(site_vn):
        make_event(
            slug="year-long-exhibition",
            starts=start - datetime.timedelta(days=300),
            ends_at=start + datetime.timedelta(days=65),
            organisers=["Long Organiser"],
        )
        make_event(slug="ended-before", starts=start - datetime.timedelta(days=40), hours=5)
    with in_site(site_id):
        make_event(
            slug="forum-in-the-month",
            starts=start + datetime.timedelta(days=9, hours=2),
            organisers=["long organiser"],
        )
    assert earliest_start(start) <= start - datetime.timedelta(days=365) < start - LONG_SPAN

    window = coordination_window(start, end)
    slugs = [entry.slug for entry in window.entries]
    assert "year-long-exhibition" in slugs and "forum-in-the-month" in slugs
    assert "ended-before" not in slugs
    by_slug = {entry.slug: entry for entry in window.entries}
    assert {by_slug["year-long-exhibition"].event_uid, by_slug["forum-in-the-month"].event_uid} <= (
        window.flagged
    )
    assert window.clash_count >= 1
    assert window_count(start, end) == len(window.entries)
    assert "year-long-exhibition" in [entry.slug for entry in entries_between(start, end)]

    days = calendar_days(start.date(), (end - datetime.timedelta(days=1)).date(), per_day=100)
    shown = {entry.slug: entry for entries in days.entries.values() for entry in entries}
    assert shown["year-long-exhibition"].event_uid in days.flagged


@pytest.mark.django_db
def test_a_page_of_the_window_is_the_same_slice_of_the_whole_list(site_vn, in_site):
    start, end = month_ahead()
    with in_site(site_vn):
        for number in range(7):
            make_event(starts=start + datetime.timedelta(days=number, hours=3))
    whole = [entry.pk for entry in coordination_window(start, end).entries]
    assert len(whole) >= 7
    assert [e.pk for e in coordination_window(start, end, page_slice=slice(2, 5)).entries] == (
        whole[2:5]
    )
    assert coordination_window(start, end, page_slice=slice(500, 600)).entries == []


@pytest.mark.django_db
def test_a_copy_whose_origin_site_is_gone_is_listed_by_its_copy(site_vn):
    """A co-hosted event's copy shows once its origin's site is not listed:
    archived, or gone altogether (its id on the copy names no site)."""
    start, end = month_ahead()
    moment = start + datetime.timedelta(days=3)
    copy = CalendarEntry.objects.create(
        site=site_vn, event_id=900_001, event_uid=uuid.uuid4(), slug="orphan-copy",
        titles={"en": "Orphan copy"}, kind="forum", status="scheduled", starts_at=moment,
        ends_at=moment + datetime.timedelta(hours=2), time_zone="Asia/Shanghai",
        url_path="/en/events/orphan-copy/", updated_at=moment, is_copy=True,
        origin_site_id=Site.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000,
    )  # fmt: skip
    store_days([copy.pk])

    assert "orphan-copy" in [entry.slug for entry in coordination_window(start, end).entries]
    days = calendar_days(moment.date(), moment.date(), per_day=100)
    assert "orphan-copy" in [entry.slug for entry in days.entries[moment.date()]]


@pytest.mark.django_db
def test_an_archived_sites_events_and_clashes_leave_the_calendar(site_vn, site_id, in_site):
    start, end = month_ahead()
    moment = start + datetime.timedelta(days=12, hours=1)
    with in_site(site_vn):
        make_event(slug="vn-side", starts=moment, organisers=["Archive Organiser"])
    with in_site(site_id):
        make_event(slug="id-side", starts=moment, organisers=["Archive Organiser"])
    before = coordination_window(start, end)
    assert {"vn-side", "id-side"} <= {entry.slug for entry in before.entries}

    Site.objects.filter(pk=site_id.pk).update(status=Site.Status.ARCHIVED)
    after = coordination_window(start, end)
    slugs = {entry.slug for entry in after.entries}
    assert "vn-side" in slugs and "id-side" not in slugs
    assert after.clash_count == before.clash_count - 1
    vn_side = next(entry for entry in after.entries if entry.slug == "vn-side")
    assert vn_side.event_uid not in after.flagged
    days = calendar_days(moment.date(), moment.date(), per_day=100)
    assert "id-side" not in [entry.slug for entry in days.entries.get(moment.date(), [])]
    # Chosen by the reader, the archived site lists nothing either.
    assert coordination_window(start, end, site_codes=[site_id.code]).entries == []


@pytest.mark.django_db
def test_a_calendar_of_one_type_counts_clashes_between_events_of_that_type(
    site_vn, site_id, in_site
):
    """Each clash row keeps its two events' kinds; they follow an event whose
    type changes."""
    start, end = month_ahead()
    moment = start + datetime.timedelta(days=5, hours=4)
    with in_site(site_vn):
        forum = make_event(slug="kind-forum", kind="forum", starts=moment, organisers=["Kind Org"])
    with in_site(site_id):
        fair = make_event(
            slug="kind-fair", kind="trade_fair", starts=moment, organisers=["Kind Org"]
        )
    stored = CalendarClash.objects.get(low_uid__in=[forum.uid, fair.uid])
    assert {stored.first_kind, stored.second_kind} == {"forum", "trade_fair"}

    def flagged(kinds: list[str]) -> tuple[int, set]:
        window = coordination_window(start, end, kinds=kinds)
        return window.clash_count, {entry.slug for entry in window.entries if entry.flagged}

    assert flagged(["forum"]) == (0, set())
    assert flagged(["forum", "trade_fair"]) == (1, {"kind-forum", "kind-fair"})

    with in_site(site_id):
        fair.kind = "forum"
        fair.save()
    assert flagged(["forum"]) == (1, {"kind-forum", "kind-fair"})
    assert flagged(["trade_fair"]) == (0, set())


@pytest.mark.django_db
def test_a_clash_begun_months_before_the_window_is_counted_and_flagged(site_vn, site_id, in_site):
    """The window's clashes are read from a lower bound on their start, the
    longest stored overlap before it (``clash_earliest``): two seasons of
    one organiser that overlap from five months before the month into it
    clash in it, on the list and on the grid."""
    start, end = month_ahead()
    with in_site(site_vn):
        make_event(
            slug="long-season",
            starts=start - datetime.timedelta(days=200),
            ends_at=start + datetime.timedelta(days=12),
            organisers=["Season Organiser"],
        )
    with in_site(site_id):
        make_event(
            slug="other-season",
            starts=start - datetime.timedelta(days=150),
            ends_at=start + datetime.timedelta(days=20),
            organisers=["season organiser"],
        )
    # Longer than the span entries are read back by (LONG_SPAN): only the
    # clashes' own length finds it.
    assert start - clash_earliest(start) >= datetime.timedelta(days=162) > LONG_SPAN

    window = coordination_window(start, end)
    assert window.clash_count == 1
    assert {entry.slug for entry in window.entries if entry.flagged} == {
        "long-season",
        "other-season",
    }
    days = calendar_days(start.date(), start.date() + datetime.timedelta(days=3), per_day=100)
    assert {entry.slug for entry in days.entries[start.date()] if entry.flagged} == {
        "long-season",
        "other-season",
    }
    # A month after both ended: nothing, however long the bound.
    later = end + datetime.timedelta(days=31)
    assert coordination_window(end, later).clash_count == 0


@pytest.mark.django_db
def test_a_windows_open_clashes_are_counted_from_their_index_alone(site_vn, site_id, in_site):
    """Counting a month's open clashes read its 8,000 rows from the table
    and the clashes of the three months before it: it reads the open
    clashes' own index from the longest clash's length before the month."""
    start, end = month_ahead()
    moment = start + datetime.timedelta(days=3, hours=4)
    with in_site(site_vn):
        make_event(slug="counted-a", starts=moment, hours=5, organisers=["Count Org"])
    with in_site(site_id):
        make_event(slug="counted-b", starts=moment, hours=3, organisers=["count org"])
    longest = max(clash.overlap_end - clash.overlap_start for clash in CalendarClash.objects.all())
    assert start - clash_earliest(start) == longest < LONG_SPAN
    with CaptureQueriesContext(connection) as queries:
        assert coordination_window(start, end).clash_count == 1
    (counting,) = [query["sql"] for query in queries if "COUNT(DISTINCT" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE coordination_calendarclash")
        # A tiny table: ask for the plan a big one gets.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + counting)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using calendar_clash_open_period" in plan, plan
