import calendar
import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from babel import dates as babel_dates
from django.utils import timezone

from languages.formatting import format_time
from tests.cldr import locale
from tests.factories.events import make_event

SITE_LANGUAGES = [
    ("cn-vn.localhost", "zh-hans"),
    ("cn-vn.localhost", "vi"),
    ("cn-vn.localhost", "en"),
    ("cn-id.localhost", "zh-hans"),
    ("cn-id.localhost", "id"),
    ("cn-id.localhost", "en"),
]
HANOI, SHANGHAI = "Asia/Ho_Chi_Minh", "Asia/Shanghai"


def month_path(language: str, moment: datetime.datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"/{language}/events/{local.year}/{local.month}/"


def when_on(page: str) -> str:
    """The "When" fact of an event page, as text."""
    facts = page.split('<dl class="event__facts">')[1]
    return html.unescape(facts.split("<dd>")[1].split("</dd>")[0])


def zone_name(zone: str, language: str) -> str:
    return babel_dates.get_timezone_name(
        ZoneInfo(zone), "long", zone_variant="generic", locale=locale(language)
    )


def shows_times(text: str, event, zone: str, language: str) -> bool:
    """``text`` gives the event's date and times as read in ``zone``, and names the zone."""
    babel_locale = locale(language)
    start, end = (moment.astimezone(ZoneInfo(zone)) for moment in (event.starts_at, event.ends_at))
    return all(
        part in text
        for part in (
            babel_dates.format_date(start.date(), "long", locale=babel_locale),
            # The locale's own clock (9:00 AM in English, 09:00 in Vietnamese).
            format_time(start, language, zone),
            format_time(end, language, zone),
        )
    ) and text.endswith(f" · {zone_name(zone, language)}")


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "language"), SITE_LANGUAGES)
def test_list_month_and_archive_render_in_every_site_language(
    client, site_vn, site_id, demo_event, host, language
):
    expo = demo_event(site_vn, "china-asean-expo")
    upcoming = client.get(f"/{language}/events/", HTTP_HOST=host)
    month = client.get(month_path(language, expo.starts_at, SHANGHAI), HTTP_HOST=host)
    archive = client.get(f"/{language}/events/past/", HTTP_HOST=host)

    for response in (upcoming, month, archive):
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.content.decode()
    # The coming Expo is on its month's grid; the running online fair is upcoming.
    assert "china-asean-expo" in month.content.decode()
    assert "online-farm-products-fair" in upcoming.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["cn-vn.localhost", "cn-id.localhost"])
def test_the_demo_has_upcoming_events_and_fills_this_months_grid(client, host):
    # The demo is dated from the day it is loaded (for this run, the day it
    # started, moved ahead by PORTAL_TEST_CLOCK_SHIFT_DAYS when set): whatever
    # that day is, both sites show events to come and this month has some.
    today = timezone.localdate()
    upcoming = client.get("/en/events/", HTTP_HOST=host).context["events"]
    month = client.get(f"/en/events/{today.year}/{today.month}/", HTTP_HOST=host).context
    on_grid = {event.slug for week in month["weeks"] for day in week for event in day.events}

    assert len(upcoming) >= 4
    assert "china-asean-expo" in {event.slug for event in upcoming}
    assert "online-farm-products-fair" in on_grid


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_month_grid_starts_on_the_locales_first_weekday(client, site_vn, language):
    context = client.get(f"/{language}/events/2026/12/", HTTP_HOST="cn-vn.localhost").context
    babel_locale = locale(language)
    first = babel_locale.first_week_day  # 0 is Monday

    assert context["weeks"][0][0].date.weekday() == first
    assert context["weekdays"][0] == babel_locale.days["stand-alone"]["abbreviated"][first]
    assert context["month_label"] == babel_dates.format_skeleton(
        "yMMMM", datetime.date(2026, 12, 1), locale=babel_locale
    )
    assert "2026" in context["month_label"]
    if language == "vi":  # what a Vietnamese reader expects of a calendar
        assert context["weeks"][0][0].date.weekday() == calendar.MONDAY


@pytest.mark.django_db
def test_times_follow_the_site_zone_and_show_the_events_own(client, site_vn, site_id, demo_event):
    # The demo webinar is at 15:00–16:30 in Shanghai: an hour earlier in
    # Hanoi and Jakarta. Each site shows its own zone first, then Shanghai's.
    webinar = demo_event(site_vn, "customs-rules-webinar")
    pages = {
        (host, language): client.get(
            f"/{language}/events/customs-rules-webinar/", HTTP_HOST=host
        ).content.decode()
        for host, language in (
            ("cn-vn.localhost", "vi"),
            ("cn-id.localhost", "id"),
            ("cn-vn.localhost", "zh-hans"),
        )
    }

    for (host, language), page in pages.items():
        site_zone = HANOI if host == "cn-vn.localhost" else "Asia/Jakarta"
        in_site_zone, in_own_zone = when_on(page).split(" / ")
        assert shows_times(in_site_zone, webinar, site_zone, language)
        assert shows_times(in_own_zone, webinar, SHANGHAI, language)
    assert webinar.starts_at.astimezone(ZoneInfo(HANOI)).hour == 14


@pytest.mark.django_db
def test_event_in_the_site_zone_shows_one_time(client, site_vn, demo_event):
    forum = demo_event(site_vn, "vietnam-china-investment-forum")
    page = client.get(
        "/en/events/vietnam-china-investment-forum/", HTTP_HOST="cn-vn.localhost"
    ).content.decode()

    when = when_on(page)
    assert " / " not in when
    assert shows_times(when, forum, HANOI, "en")
    assert forum.starts_at.astimezone(ZoneInfo(HANOI)).time() == datetime.time(9)


@pytest.mark.django_db
def test_cancelled_events_stay_visible_and_marked(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="called-off", titles={"vi": "Hội nghị bị hủy"}, status="cancelled")

    listing = client.get("/vi/events/", HTTP_HOST="cn-vn.localhost").content.decode()
    detail = client.get("/vi/events/called-off/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "event-item--cancelled" in listing and "Hội nghị bị hủy" in listing
    assert "Sự kiện này đã bị hủy." in detail
    assert "<form" not in detail.split('id="register"')[1]


@pytest.mark.django_db
def test_filter_by_type(client, site_vn, in_site):
    with in_site(site_vn):  # a week from now, whenever now is
        make_event(slug="own-webinar", kind="webinar")
        make_event(slug="own-forum", kind="forum")

    page = client.get("/en/events/?type=webinar", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "own-webinar" in page and "own-forum" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/events/2026/13/", "/en/events/0/1/", "/en/events/no-such-event/"]
)
def test_bad_addresses_are_404(client, site_vn, path):
    assert client.get(path, HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
def test_multi_week_all_day_event_fills_its_days(client, site_vn, in_site):
    # Six weeks across two months; a month grid is the same on any day.
    with in_site(site_vn):
        make_event(
            slug="six-weeks", all_day=True, time_zone=SHANGHAI,
            starts=datetime.datetime(2025, 9, 15, tzinfo=ZoneInfo(SHANGHAI)),
            ends_at=datetime.datetime(2025, 10, 31, 23, 59, tzinfo=ZoneInfo(SHANGHAI)),
        )  # fmt: skip
    october = client.get("/en/events/2025/10/", HTTP_HOST="cn-vn.localhost").context
    days = {day.date: [e.slug for e in day.events] for week in october["weeks"] for day in week}

    assert "six-weeks" in days[datetime.date(2025, 9, 29)]  # the grid's first row
    assert "six-weeks" in days[datetime.date(2025, 10, 1)]
    assert "six-weeks" in days[datetime.date(2025, 10, 31)]
    assert "six-weeks" not in days.get(datetime.date(2025, 11, 1), [])


@pytest.mark.django_db
def test_calendar_pages_use_a_bounded_number_of_queries(
    client, site_vn, in_site, django_assert_max_num_queries
):
    with in_site(site_vn):
        start = timezone.now() + datetime.timedelta(days=1)
        for number in range(25):
            make_event(slug=f"bulk-{number}", starts=start + datetime.timedelta(days=number % 20))
    month = start.astimezone(ZoneInfo(HANOI))

    for path, shows_bulk in (
        ("/vi/events/", True),
        (f"/vi/events/{month.year}/{month.month}/", True),
        ("/vi/events/vietnam-china-investment-forum/", False),
    ):
        # Each query is preceded by django-tenants' SET search_path (see settings).
        with django_assert_max_num_queries(12):
            response = client.get(path, HTTP_HOST="cn-vn.localhost")
        assert response.status_code == 200
        assert ("/vi/events/bulk-0/" in response.content.decode()) is shows_bulk


@pytest.mark.django_db
def test_yearly_events_appear_in_later_years_of_the_month_grid(
    client, site_vn, in_site, demo_event
):
    with in_site(site_vn):
        # 09:00 in Hanoi on 2 March 2026, repeating; and a leap-day event.
        make_event(
            slug="spring-fair", recurrence="yearly", time_zone=HANOI,
            starts=datetime.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo(HANOI)),
            titles={"en": "Spring fair"},
        )  # fmt: skip
        make_event(
            slug="leap-day", recurrence="yearly",
            starts=datetime.datetime(2028, 2, 29, 9, tzinfo=ZoneInfo(SHANGHAI)),
        )  # fmt: skip

    def slugs_on(path, day):
        context = client.get(path, HTTP_HOST="cn-vn.localhost").context
        return [
            e.slug for week in context["weeks"] for d in week if d.date == day for e in d.events
        ]

    assert slugs_on("/en/events/2026/3/", datetime.date(2026, 3, 2)) == ["spring-fair"]
    assert slugs_on("/en/events/2029/3/", datetime.date(2029, 3, 2)) == ["spring-fair"]
    assert slugs_on("/en/events/2025/3/", datetime.date(2025, 3, 2)) == []  # not before it began
    page = client.get("/en/events/2029/3/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "Every year" in page
    assert slugs_on("/en/events/2029/2/", datetime.date(2029, 2, 28)) == []  # no 29 Feb
    assert slugs_on("/en/events/2032/2/", datetime.date(2032, 2, 29)) == ["leap-day"]
    # The demo's Expo (yearly) comes back the year after the coming one.
    opening = demo_event(site_vn, "china-asean-expo").starts_at.astimezone(ZoneInfo(HANOI))
    a_year_on = opening.date().replace(year=opening.year + 1) + datetime.timedelta(days=1)
    assert "china-asean-expo" in slugs_on(
        f"/en/events/{a_year_on.year}/{a_year_on.month}/", a_year_on
    )


@pytest.mark.django_db
def test_a_six_week_fair_shows_once_per_week_row_with_named_days(client, site_id, in_site):
    start = datetime.datetime(2031, 3, 3, 9, tzinfo=ZoneInfo("Asia/Jakarta"))  # a Monday
    with in_site(site_id):
        make_event(
            slug="six-week-fair", starts=start, ends_at=start + datetime.timedelta(weeks=6),
            titles={"id": "Pameran enam minggu"}, time_zone="Asia/Jakarta",
        )  # fmt: skip

    march = client.get("/id/events/2031/3/", HTTP_HOST="cn-id.localhost").content.decode()

    # March 2031 has five week rows from the 3rd on: one bar in each, not 29 copies.
    assert march.count(">Pameran enam minggu") == 5
    assert "Senin 3 – Minggu 9" in march  # CLDR's Indonesian weekday names
    assert "month__bar--goes-on" in march and "month__bar--from-before" in march


@pytest.mark.django_db
def test_the_calendar_opens_on_the_month_of_the_next_event_when_this_one_is_empty(
    client, site_vn, in_site
):
    import time_machine

    from events.models import Event

    with in_site(site_vn):
        Event.objects.all().delete()
        make_event(
            slug="far-forum", starts=datetime.datetime(2031, 9, 10, 9, tzinfo=ZoneInfo(HANOI)),
            titles={"vi": "Diễn đàn tháng Chín"}, time_zone=HANOI,
        )  # fmt: skip
    with time_machine.travel(datetime.datetime(2031, 6, 15, 12, tzinfo=ZoneInfo(HANOI))):
        upcoming = client.get("/vi/events/", HTTP_HOST="cn-vn.localhost").content.decode()
        june = client.get("/vi/events/2031/6/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert 'href="/vi/events/2031/9/"' in upcoming  # the "Month" view opens on September
    assert "Tháng này không có sự kiện nào." in june
    assert 'href="/vi/events/2031/9/"' in june and "Diễn đàn tháng Chín" in june


@pytest.mark.django_db
def test_a_kept_month_grid_is_read_not_rebuilt(
    site_vn, in_site, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from django.test import Client

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_event(
            slug="may-forum", starts=datetime.datetime(2033, 5, 10, 9, tzinfo=ZoneInfo(HANOI)),
            titles={"vi": "Diễn đàn tháng Năm"}, time_zone=HANOI,
        )  # fmt: skip
        make_event(
            slug="yearly-fair", recurrence="yearly", kind="trade_fair", time_zone=HANOI,
            starts=datetime.datetime(2032, 7, 1, 9, tzinfo=ZoneInfo(HANOI)),
            titles={"vi": "Hội chợ hằng năm"},
        )  # fmt: skip
        make_event(
            slug="sept-forum", starts=datetime.datetime(2033, 9, 10, 9, tzinfo=ZoneInfo(HANOI)),
            titles={"vi": "Diễn đàn tháng Chín"}, time_zone=HANOI,
        )  # fmt: skip

    def page(path):
        response = Client().get(path, HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache")
        assert response.status_code == 200
        return response.content.decode()

    # A month with an event, one with a yearly repeat only, one with nothing
    # of the type asked for (its notice names the next event), and one empty.
    for path, shows in (
        ("/vi/events/2033/5/", "Diễn đàn tháng Năm"),
        ("/vi/events/2033/7/", "Hội chợ hằng năm"),
        ("/vi/events/2033/5/?type=trade_fair", "Diễn đàn tháng Chín"),
        ("/vi/events/2033/6/", "Diễn đàn tháng Chín"),
    ):
        first = page(path)
        assert shows in first
        # Kept: whether the month has events (and yearly repeats), the
        # calendar link's month, the next event (one row): no event's row is
        # loaded again to be laid out.
        with django_assert_max_num_queries(6) as kept:
            assert page(path) == first
        rows = [q["sql"] for q in kept.captured_queries if '"title_vi"' in q["sql"]]
        assert all(sql.endswith("LIMIT 1") for sql in rows), rows


@pytest.mark.django_db
def test_a_kept_month_asks_nothing_of_its_events_until_they_change(
    site_vn, in_site, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Whether the month has events is kept with its grid: its query was
    ~1.5 ms of the month page's ~7 ms of CPU (bench/http.py)."""
    from django.test import Client

    def page(path):
        response = Client().get(path, HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache")
        return response.content.decode()

    def add(slug, month):
        with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
            make_event(
                slug=slug, starts=datetime.datetime(2034, month, 10, 9, tzinfo=ZoneInfo(HANOI)),
                titles={"vi": f"Diễn đàn {slug}"}, time_zone=HANOI,
            )  # fmt: skip

    add("march", 3)
    first = page("/vi/events/2034/3/")
    assert "Diễn đàn march" in first
    with django_assert_max_num_queries(2) as kept:
        assert page("/vi/events/2034/3/") == first
    assert not any('"events_event"' in q["sql"] for q in kept.captured_queries)

    assert "Tháng này không có sự kiện nào." in page("/vi/events/2034/2/")  # March's next
    page("/vi/events/2034/2/")  # kept
    add("february", 2)
    february = page("/vi/events/2034/2/")
    assert "Diễn đàn february" in february and "Tháng này không có sự kiện nào." not in february


@pytest.mark.django_db
def test_the_event_page_shows_its_agenda_and_speakers_and_asks_for_none_it_lacks(
    client, site_vn, in_site, django_assert_max_num_queries
):
    from events.models import AgendaSession, Speaker

    start = datetime.datetime(2033, 5, 10, 9, tzinfo=ZoneInfo(HANOI))
    with in_site(site_vn):
        bare = make_event(slug="bare-forum", starts=start, time_zone=HANOI)
        full = make_event(slug="full-forum", starts=start, time_zone=HANOI)
        speaker = Speaker.objects.create(
            name="Dr. Lan", organisation_vi="VCCI", bio_vi="Chuyên gia"
        )
        full.speakers.add(speaker)
        session = AgendaSession.objects.create(
            event=full, title_vi="Phiên khai mạc", room="Hall A",
            starts_at=start, ends_at=start + datetime.timedelta(hours=1),
        )  # fmt: skip
        session.speakers.add(speaker)

    page = client.get("/vi/events/full-forum/", HTTP_HOST="cn-vn.localhost").content.decode()
    agenda = page.split('<ol class="agenda">')[1].split("</ol>")[0]
    assert "Phiên khai mạc" in agenda and "Hall A" in agenda and "Dr. Lan" in agenda
    speakers = page.split('<ul class="speakers">')[1].split("</ul>")[0]
    organisation = '<span class="speakers__organisation" lang="vi">VCCI</span>'
    # On a line of its own: a comma read as a list ("An, BPJPH, the halal agency").
    assert f"<strong>Dr. Lan</strong><br>{organisation}" in speakers
    assert "Chuyên gia" in speakers

    with django_assert_max_num_queries(12) as asked:
        page = client.get(f"/vi/events/{bare.slug}/", HTTP_HOST="cn-vn.localhost")
    assert 'class="agenda"' not in page.content.decode()
    # Whether it has any is asked within the event's own query.
    rows = ('SELECT "events_agendasession".', 'SELECT "events_speaker".')
    assert not [q["sql"] for q in asked.captured_queries if q["sql"].startswith(rows)]


@pytest.mark.django_db
def test_a_speakers_organisation_is_shown_in_the_readers_language_or_says_its_own(
    client, site_vn, in_site
):
    """An organisation is named in each language as its biography is (a
    Chinese reader read "Bộ Công Thương"); where it is not translated it is
    shown in the language it was written in, marked as such."""
    from events.models import Speaker

    with in_site(site_vn):
        event = make_event(slug="trade-forum")
        event.speakers.add(
            Speaker.objects.create(
                name="Nguyễn Văn An",
                organisation_vi="Bộ Công Thương",
                organisation_zh_hans="越南工贸部",
            ),
            Speaker.objects.create(name="Lê Hà", organisation_vi="Phòng Thương mại Lạng Sơn"),
        )

    def speakers(language: str) -> str:
        page = client.get(f"/{language}/events/trade-forum/", HTTP_HOST="cn-vn.localhost")
        return page.content.decode().split('<ul class="speakers">')[1].split("</ul>")[0]

    chinese, vietnamese = speakers("zh-hans"), speakers("vi")
    assert "越南工贸部" in chinese and "Bộ Công Thương" not in chinese
    assert 'lang="vi">Phòng Thương mại Lạng Sơn</span>' in chinese
    assert "Bộ Công Thương" in vietnamese and "越南工贸部" not in vietnamese


@pytest.mark.django_db
def test_the_month_link_of_this_months_grid_counts_its_own_events_of_any_type(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    import time_machine
    from django.test import Client

    from events.models import Event

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        Event.objects.all().delete()
        make_event(
            slug="june-forum", starts=datetime.datetime(2031, 6, 20, 9, tzinfo=ZoneInfo(HANOI)),
            time_zone=HANOI,
        )  # fmt: skip
        make_event(
            slug="yearly-july", recurrence="yearly", kind="trade_fair", time_zone=HANOI,
            starts=datetime.datetime(2030, 7, 5, 9, tzinfo=ZoneInfo(HANOI)),
        )  # fmt: skip
        make_event(
            slug="far-forum", starts=datetime.datetime(2031, 9, 10, 9, tzinfo=ZoneInfo(HANOI)),
            time_zone=HANOI,
        )  # fmt: skip

    def month_link(path):
        for _ in range(2):  # the grid rendered, then kept
            page = Client().get(path, HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache")
            nav = page.content.decode().split('class="subnav"')[1].split("</nav>")[0]
        return nav.split('href="/vi/events/')[2].split('"')[0]

    with time_machine.travel(datetime.datetime(2031, 6, 15, 12, tzinfo=ZoneInfo(HANOI))):
        assert month_link("/vi/events/2031/6/") == "2031/6/"
        assert month_link("/vi/events/2031/6/?type=trade_fair") == "2031/6/"
    # July has only a yearly repeat: the link opens on the next event's month.
    with time_machine.travel(datetime.datetime(2031, 7, 15, 12, tzinfo=ZoneInfo(HANOI))):
        assert month_link("/vi/events/2031/7/") == "2031/9/"


@pytest.mark.django_db
def test_the_lists_month_link_uses_the_events_it_shows(
    client, site_vn, in_site, django_assert_max_num_queries
):
    import time_machine

    from events.models import Event

    with in_site(site_vn):
        Event.objects.all().delete()
        make_event(
            slug="june-2", starts=datetime.datetime(2031, 6, 2, 9, tzinfo=ZoneInfo(HANOI)),
            time_zone=HANOI,
        )  # fmt: skip
        make_event(
            slug="sept-10", starts=datetime.datetime(2031, 9, 10, 9, tzinfo=ZoneInfo(HANOI)),
            time_zone=HANOI,
        )  # fmt: skip

    def month_link(path):
        page = client.get(path, HTTP_HOST="cn-vn.localhost").content.decode()
        nav = page.split('class="subnav"')[1].split("</nav>")[0]
        return nav.split('href="/vi/events/')[2].split('"')[0]

    with time_machine.travel(datetime.datetime(2031, 6, 15, 12, tzinfo=ZoneInfo(HANOI))):
        # June's event is over, yet June has one: the calendar opens on it.
        assert month_link("/vi/events/") == "2031/6/"
        assert month_link("/vi/events/past/") == "2031/6/"
    with time_machine.travel(datetime.datetime(2031, 9, 1, 12, tzinfo=ZoneInfo(HANOI))):
        # The list shows September's event: no query asks about the month again.
        with django_assert_max_num_queries(12) as asked:
            assert month_link("/vi/events/") == "2031/9/"
        assert not [q for q in asked.captured_queries if q["sql"].startswith("SELECT 1 AS")]
