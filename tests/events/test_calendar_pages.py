import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories.events import make_event

SITE_LANGUAGES = [
    ("cn-vn.localhost", "zh-hans"),
    ("cn-vn.localhost", "vi"),
    ("cn-vn.localhost", "en"),
    ("cn-id.localhost", "zh-hans"),
    ("cn-id.localhost", "id"),
    ("cn-id.localhost", "en"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "language"), SITE_LANGUAGES)
def test_list_month_and_archive_render_in_every_site_language(
    client, site_vn, site_id, host, language
):
    upcoming = client.get(f"/{language}/events/", HTTP_HOST=host)
    month = client.get(f"/{language}/events/2027/9/", HTTP_HOST=host)
    archive = client.get(f"/{language}/events/past/", HTTP_HOST=host)

    for response in (upcoming, month, archive):
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.content.decode()
    # The Expo runs 17–20 September 2027: it is on the month grid.
    assert "china-asean-expo-2027" in month.content.decode()
    assert "online-farm-products-fair-2027" in upcoming.content.decode()


@pytest.mark.django_db
def test_month_grid_starts_on_the_locales_first_weekday(client, site_vn):
    vietnamese = client.get("/vi/events/2026/12/", HTTP_HOST="cn-vn.localhost").context
    english = client.get("/en/events/2026/12/", HTTP_HOST="cn-vn.localhost").context

    assert vietnamese["weekdays"][0] == "Th 2"  # Monday
    assert english["weekdays"][0] == "Mon"
    assert vietnamese["month_label"] == "tháng 12 năm 2026"


@pytest.mark.django_db
def test_times_follow_the_site_zone_and_show_the_events_own(client, site_vn, site_id):
    # The demo webinar: 15:00–16:30 in Shanghai, which is 14:00 in Hanoi and Jakarta.
    vn = client.get(
        "/vi/events/customs-rules-webinar/", HTTP_HOST="cn-vn.localhost"
    ).content.decode()
    id_ = client.get(
        "/id/events/customs-rules-webinar/", HTTP_HOST="cn-id.localhost"
    ).content.decode()
    zh = client.get(
        "/zh-hans/events/customs-rules-webinar/", HTTP_HOST="cn-vn.localhost"
    ).content.decode()

    assert (
        "3 tháng 12, 2026, 14:00–15:30 · Giờ Việt Nam / 3 tháng 12, 2026, 15:00–16:30 · Giờ Trung Quốc"
        in vn
    )
    assert (
        "3 Desember 2026, 14.00–15.30 · Waktu Indonesia (Jakarta) / 3 Desember 2026, 15.00–16.30 · Waktu Tiongkok"
        in id_
    )
    assert "2026年12月3日 14:00–15:30 · 越南时间 / 2026年12月3日 15:00–16:30 · 中国时间" in zh


@pytest.mark.django_db
def test_event_in_the_site_zone_shows_one_time(client, site_vn):
    page = client.get(
        "/en/events/vietnam-china-investment-forum-2026/", HTTP_HOST="cn-vn.localhost"
    ).content.decode()

    when = page.split("<dt>When</dt><dd>")[1].split("</dd>")[0]
    assert when == "December 10, 2026, 09:00\u2009–\u200917:00 · Vietnam Time"


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
def test_filter_by_type(client, site_vn):
    page = client.get("/en/events/?type=webinar", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "customs-rules-webinar" in page and "vietnam-china-investment-forum-2026" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/events/2026/13/", "/en/events/0/1/", "/en/events/no-such-event/"]
)
def test_bad_addresses_are_404(client, site_vn, path):
    assert client.get(path, HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
def test_multi_week_all_day_event_fills_its_days(client, site_vn):
    october = client.get("/en/events/2027/10/", HTTP_HOST="cn-vn.localhost").context
    days = {day.date: [e.slug for e in day.events] for week in october["weeks"] for day in week}

    assert "online-farm-products-fair-2027" in days[datetime.date(2027, 10, 1)]
    assert "online-farm-products-fair-2027" in days[datetime.date(2027, 10, 31)]
    assert "online-farm-products-fair-2027" not in days.get(datetime.date(2027, 11, 1), [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/vi/events/", "/vi/events/2026/12/", "/vi/events/vietnam-china-investment-forum-2026/"],
)
def test_calendar_pages_use_a_bounded_number_of_queries(
    client, site_vn, in_site, django_assert_max_num_queries, path
):
    with in_site(site_vn):
        start = datetime.datetime(2026, 12, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        for number in range(25):
            make_event(slug=f"bulk-{number}", starts=start + datetime.timedelta(days=number % 20))

    # Each query is preceded by django-tenants' SET search_path (see settings).
    with django_assert_max_num_queries(12):
        response = client.get(path, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200


@pytest.mark.django_db
def test_yearly_events_appear_in_later_years_of_the_month_grid(client, site_vn, in_site):
    with in_site(site_vn):
        # 09:00 in Hanoi on 2 March 2026, repeating; and a leap-day event.
        make_event(
            slug="spring-fair", recurrence="yearly", time_zone="Asia/Ho_Chi_Minh",
            starts=datetime.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            titles={"en": "Spring fair"},
        )  # fmt: skip
        make_event(
            slug="leap-day", recurrence="yearly",
            starts=datetime.datetime(2028, 2, 29, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
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
    # The expo (17–20 September 2027 in the demo) comes back in 2028.
    assert "china-asean-expo-2027" in slugs_on("/en/events/2028/9/", datetime.date(2028, 9, 18))
