"""The coordination pages are paged by the shared pager (``web.pagination``):
rel="prev"/"next" in the head, filters kept in the links, a page number that
is not one is a 404 and one past the end shows the last page; and their
queries do not grow with the number of sites."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.index import calendar_days, coordination_window, store_days
from tenants.models import Site
from tests.factories.accounts import make_staff
from tests.factories.events import make_event

HUB = {"HTTP_HOST": "localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


def head_link(html: str, rel: str) -> str:
    found = re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)
    return found[0].replace("&amp;", "&") if found else ""


@pytest.fixture
def three_clashes(site_vn, site_id, in_site) -> list[str]:
    """Three clashes between China–Vietnam and China–Indonesia in the coming
    months (one organiser each), soonest first: their events' slugs."""
    soon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    slugs = []
    for number in range(3):
        starts = soon + datetime.timedelta(days=25 * number)
        organiser = f"Pager organiser {number}"
        with in_site(site_vn):
            make_event(slug=f"pager-vn-{number}", starts=starts, organisers=[organiser])
        with in_site(site_id):
            make_event(slug=f"pager-id-{number}", starts=starts, organisers=[organiser.upper()])
        slugs.append(f"pager-vn-{number}")
    return slugs


def slugs_on(response) -> list[str]:
    return [
        event["url"].rstrip("/").rsplit("/", 1)[-1]
        for clash in response.context["clashes"]
        for event in clash["events"]
    ]


@pytest.mark.django_db
def test_the_clash_list_pages_with_the_shared_pager_and_keeps_its_filters(
    client, coordinator, three_clashes, monkeypatch
):
    from coordination import views

    monkeypatch.setattr(views, "CLASHES_PER_PAGE", 1)
    client.force_login(coordinator)
    filtered = "/en/coordination/?state=open&site=cn-vn&site=cn-id"

    pages, response = [], client.get(filtered, **HUB)
    while True:
        assert response.status_code == 200
        pages.append(slugs_on(response))
        following = head_link(response.content.decode(), "next")
        if not following:
            break
        assert "site=cn-vn" in following and "site=cn-id" in following and "state=open" in following
        response = client.get(following, **HUB)
    ours = [slug for page in pages for slug in page if slug.startswith("pager-vn-")]
    assert ours == three_clashes  # soonest first, none repeated or skipped
    assert all(len(page) == 2 for page in pages)  # one clash (two events) a page

    second = client.get(f"{filtered}&page=2", **HUB)
    html = second.content.decode()
    assert head_link(html, "prev") == "/en/coordination/?state=open&site=cn-vn&site=cn-id"
    assert 'class="pager"' in html and "Page 2" in html
    assert slugs_on(second) == pages[1]

    # Not a page number: 404. Past the end (an old bookmark): the last page.
    for bad in ("x", "0", "-1", "1.5", "２", "9" * 12):
        assert client.get(f"{filtered}&page={bad}", **HUB).status_code == 404, bad
    past = client.get(f"{filtered}&page=9999", **HUB)
    assert past.status_code == 200
    assert slugs_on(past) == pages[-1]
    assert head_link(past.content.decode(), "next") == ""
    assert f"Page 9,999 does not exist; this is the last page, {len(pages)}." in (
        past.content.decode()
    )


@pytest.mark.django_db
def test_the_calendar_list_pages_with_the_shared_pager(
    client, coordinator, three_clashes, monkeypatch
):
    from coordination import views

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    client.force_login(coordinator)
    first = timezone.now().date()
    last = first + datetime.timedelta(days=90)
    listing = f"/fr/coordination/calendar/?from={first}&to={last}&site=cn-vn"

    response = client.get(listing, **HUB)
    following = head_link(response.content.decode(), "next")
    assert following and f"from={first}" in following and "site=cn-vn" in following
    second = client.get(following, **HUB)
    assert second.context["pager"].number == 2
    assert 'rel="prev"' in second.content.decode()
    assert client.get(f"{listing}&page=abc", **HUB).status_code == 404
    past = client.get(f"{listing}&page=500", **HUB)
    assert past.status_code == 200 and past.context["pager"].items
    last = past.context["pager"].number
    assert f"La page 500 n’existe pas ; voici la dernière page, {last}." in past.content.decode()


@pytest.mark.django_db
def test_an_editors_clash_list_pages_with_the_shared_pager(
    client, site_id, in_site, three_clashes, monkeypatch
):
    from coordination import views_site

    monkeypatch.setattr(views_site, "PER_PAGE", 1)
    with in_site(site_id):
        editor = make_staff("editor")
        client.force_login(editor)
    response = client.get("/id/editor/clashes/?state=all", **ID)
    following = head_link(response.content.decode(), "next")
    assert following.startswith("/id/editor/clashes/?") and "state=all" in following
    second = client.get(following, **ID)
    assert second.status_code == 200
    assert head_link(second.content.decode(), "prev") == "/id/editor/clashes/?state=all"
    assert client.get("/id/editor/clashes/?page=x", **ID).status_code == 404
    assert client.get("/id/editor/clashes/?state=all&page=9999", **ID).status_code == 200


@pytest.mark.django_db
def test_the_window_queries_do_not_grow_with_the_number_of_sites(site_vn, site_id):
    """The active sites' ids are read by a subquery, not written into each
    statement as one parameter per site (200 sites made the statements
    longer than their work)."""
    start = timezone.now()
    end = start + datetime.timedelta(days=365)

    def statement_lengths() -> list[int]:
        with CaptureQueriesContext(connection) as queries:
            coordination_window(start, end, page_slice=slice(0, 101))
        return [len(query["sql"]) for query in queries if "coordination_" in query["sql"]]

    def add_sites(numbers: range) -> None:
        # Rows only (no schemas): the calendar reads nothing else of a site.
        Site.objects.bulk_create(
            Site(schema_name=f"pager_{n:03d}", code=f"pg-{n:03d}", country_a="CN",
                 country_b="TH", name=f"Pager {n}", languages=["en"], status=Site.Status.ACTIVE)
            for n in numbers
        )  # fmt: skip

    # Both counted with writes pending, so that both read what the index
    # remembers between requests (coordination.index._remembered) alike,
    # whatever an earlier test left remembered.
    add_sites(range(1))
    before = statement_lengths()
    add_sites(range(1, 61))
    after = statement_lengths()
    assert len(before) == len(after) and before
    assert max(b - a for a, b in zip(before, after, strict=True)) < 40, (before, after)


@pytest.mark.django_db
def test_the_clash_list_costs_the_same_queries_with_more_clashes(
    client, coordinator, site_vn, site_id, in_site, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)
    soon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)

    def queries_with(extra: int) -> int:
        for number in range(extra):
            starts = soon + datetime.timedelta(days=3 * number, hours=extra)
            with in_site(site_vn):
                make_event(starts=starts, organisers=[f"Count organiser {extra}-{number}"])
            with in_site(site_id):
                make_event(starts=starts, organisers=[f"count organiser {extra}-{number}"])
        for path in ("/en/coordination/", "/en/coordination/calendar/"):
            client.get(path, **HUB)  # per-worker memos filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/coordination/", **HUB).status_code == 200
        with CaptureQueriesContext(connection) as calendar:
            assert client.get("/en/coordination/calendar/", **HUB).status_code == 200
        return len(queries), len(calendar)

    assert queries_with(1) == queries_with(6)


@pytest.mark.django_db
def test_co_hosts_and_a_pages_clashes_are_found_by_uid_on_an_index(site_vn):
    """At 200 sites × 500 events the co-hosts of a page of 100 events were a
    scan of the whole index (69 ms under load, bench/coordination.py)."""
    from coordination.models import CalendarEntry

    uids = list(CalendarEntry.objects.values_list("event_uid", flat=True)[:100])
    query = CalendarEntry.objects.filter(event_uid__in=uids).values_list("event_uid", "site_id")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test index is small: ask
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "calendar_entry_event_uid" in plan, plan


@pytest.mark.django_db
def test_the_month_grid_names_three_events_a_day_and_counts_the_rest_on_every_day(
    client, coordinator, site_vn, site_id, in_site, settings
):
    """Each day of the grid is counted in SQL over the whole month: the grid
    used to load the month's first 2,000 events, so at 200 sites the last
    two weeks of a busy month showed none. A three-day event in Jakarta
    counts on each of its own days."""
    from zoneinfo import ZoneInfo

    settings.PAGE_CACHE_SECONDS = 0
    shanghai, jakarta = ZoneInfo("Asia/Shanghai"), ZoneInfo("Asia/Jakarta")
    today = timezone.now().astimezone(shanghai).date()
    month = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    busy = month.replace(day=10)
    with in_site(site_vn):
        for hour in range(9, 14):  # five events on the 10th
            make_event(
                slug=f"grid-busy-{hour}",
                titles={"en": f"Busy {hour}"},
                starts=datetime.datetime(busy.year, busy.month, 10, hour, tzinfo=shanghai),
            )
    with in_site(site_id):
        make_event(
            slug="grid-long-fair",
            titles={"en": "Long fair"},
            starts=datetime.datetime(busy.year, busy.month, 20, 9, tzinfo=jakarta),
            ends_at=datetime.datetime(busy.year, busy.month, 22, 18, tzinfo=jakarta),
            time_zone="Asia/Jakarta",
        )
    client.force_login(coordinator)

    page = client.get(f"/en/coordination/calendar/?month={month:%Y-%m}", **HUB)
    days = {day["date"]: day for week in page.context["grid"] for day in week}

    # Demo events of that day may come first (the tests run on any day).
    shown = days[busy]["events"]
    ours = [e["title"] for e in shown if e["title"].startswith("Busy")]
    assert len(shown) == 3 and ours == ["Busy 9", "Busy 10", "Busy 11"][: len(ours)]
    assert len(shown) + days[busy]["more"] >= 5
    for number in (20, 21, 22):
        titles = [e["title"] for e in days[month.replace(day=number)]["events"]]
        assert "Long fair" in titles, number
    assert "Long fair" not in [e["title"] for e in days[month.replace(day=23)]["events"]]
    html = page.content.decode()
    assert "and 2 more" in html or "and 3 more" in html


@pytest.mark.django_db
def test_a_month_of_thousands_of_events_shows_events_on_its_last_days(
    client, coordinator, site_vn, settings
):
    """2,100 events over four weeks (75 a day, as 200 sites hold): the grid
    read only the first 2,000, so its last days were empty."""
    import uuid

    from coordination.models import CalendarEntry

    settings.PAGE_CACHE_SECONDS = 0
    today = timezone.now().date()
    month = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    CalendarEntry.objects.bulk_create(
        CalendarEntry(
            site=site_vn, event_id=10_000_000 + n, event_uid=uuid.uuid4(), slug=f"crowd-{n}",
            titles={"en": f"Crowd {n}"}, kind="forum", status="scheduled",
            starts_at=datetime.datetime(month.year, month.month, 1 + n // 75, 2, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(month.year, month.month, 1 + n // 75, 4, tzinfo=datetime.UTC),
            time_zone="Asia/Shanghai", url_path=f"/zh-hans/events/crowd-{n}/", updated_at=timezone.now(),
        )
        for n in range(2100)
    )  # fmt: skip
    store_days()  # a bulk fill bypasses write_entry
    client.force_login(coordinator)

    page = client.get(f"/en/coordination/calendar/?month={month:%Y-%m}", **HUB)
    days = {day["date"]: day for week in page.context["grid"] for day in week}
    for number in (1, 14, 27, 28):
        day = days[month.replace(day=number)]
        crowd = [event for event in day["events"] if event["title"].startswith("Crowd")]
        assert len(day["events"]) == 3 and crowd and day["more"] >= 72, (number, day)


@pytest.mark.django_db
def test_the_calendar_reads_as_chinese_dates_do(client, coordinator, settings):
    """A date range's ends are "从 … 至", not the matchmaking table's
    "sender" and "receiver" (发起方, 接收方); the month is "2027年3月"."""
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)
    html = client.get("/zh-hans/coordination/calendar/?month=2027-03", **HUB).content.decode()
    assert '<h2 id="month-heading">2027年3月</h2>' in html
    assert "<label>从 <input" in html and "<label>至 <input" in html
    assert "发起方" not in html and "接收方" not in html
    vietnamese = client.get("/vi/coordination/calendar/?month=2027-03", **HUB).content.decode()
    assert '<h2 id="month-heading">Tháng 3 năm 2027</h2>' in vietnamese


@pytest.mark.django_db
def test_the_grids_first_day_holds_an_event_early_in_the_morning_in_asia(
    client, coordinator, site_vn, in_site, settings
):
    """02:00 in Shanghai on the grid's first day is 18:00 the day before in UTC."""
    from zoneinfo import ZoneInfo

    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)
    today = timezone.now().date()
    month = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    address = f"/en/coordination/calendar/?month={month:%Y-%m}"
    first = client.get(address, **HUB).context["grid"][0][0]["date"]
    with in_site(site_vn):
        make_event(
            slug="grid-dawn",
            titles={"en": "Dawn forum"},
            starts=datetime.datetime(first.year, first.month, first.day, 2,
                                     tzinfo=ZoneInfo("Asia/Shanghai")),
        )  # fmt: skip
    grid = client.get(address, **HUB).context["grid"]
    assert len(grid[0][0]["events"]) + grid[0][0]["more"] >= 1
    # Named or not on the page (demo events may come first), it is that day's.
    days = calendar_days(first, first, per_day=100)
    assert "grid-dawn" in [entry.slug for entry in days.entries.get(first, [])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dates", ["from=0001-01-01&to=9999-12-31", "from=abc", "to=2026-02-30", "from=1899-12-31"]
)
def test_dates_the_calendar_cannot_read_show_its_form_again_with_a_message(
    client, coordinator, dates
):
    """A coordinator typing a date the calendar cannot show (year 1, a 30
    February, text) gets the calendar back with a message in their language,
    the month's dates in the form and the other filters kept; a walk got the
    generic 400 page instead."""
    from django.utils.translation import gettext, override

    client.force_login(coordinator)
    response = client.get(f"/ms/coordination/calendar/?month=2026-03&{dates}&site=cn-vn", **HUB)

    assert response.status_code == 400
    page = response.content.decode()
    with override("ms"):
        message = gettext("Those dates could not be read. The whole month is shown instead.")
    assert message != "Those dates could not be read. The whole month is shown instead."
    assert message in page and 'role="alert"' in page
    assert 'name="from" value="2026-03-01"' in page and 'name="to" value="2026-03-31"' in page
    assert 'value="cn-vn" checked' in page
