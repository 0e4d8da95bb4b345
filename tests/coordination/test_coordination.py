import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db.models.signals import post_init
from django.utils.html import escape
from icalendar import Calendar

from coordination.clashes import clash_page
from coordination.index import coordination_window, entries_between
from coordination.models import CalendarEntry
from events.models import Event
from tests.factories.events import make_event


@pytest.fixture
def expo_month(site_vn, demo_event) -> tuple[datetime.datetime, datetime.datetime]:
    """The month of the coming China–ASEAN Expo in the demo (UTC bounds)."""
    opening = demo_event(site_vn, "china-asean-expo").starts_at.astimezone(datetime.UTC)
    start = opening.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return start, (start + datetime.timedelta(days=32)).replace(day=1)


@pytest.fixture
def expo_from(expo_month) -> str:
    """The coordination page's ``from`` parameter for the Expo's month."""
    return f"{expo_month[0]:%Y-%m}"


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user("coord", password="pw-123456789", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    return user


@pytest.mark.django_db
def test_cohosted_event_appears_on_both_sites_in_each_sites_languages(client, site_vn, site_id):
    vn = client.get("/vi/events/asean-china-investment-forum/", HTTP_HOST="cn-vn.localhost")
    id_ = client.get("/id/events/asean-china-investment-forum/", HTTP_HOST="cn-id.localhost")

    assert "Diễn đàn hợp tác đầu tư ASEAN – Trung Quốc" in vn.content.decode()
    assert "Forum kerja sama investasi ASEAN–Tiongkok" in id_.content.decode()
    assert "Việc đăng ký" not in vn.content.decode()  # the origin takes registrations
    assert "ditangani oleh situs penyelenggara" in id_.content.decode()
    # China–Vietnam has no Indonesian: the link opens its default language.
    assert (
        'href="http://cn-vn.localhost/zh-hans/events/asean-china-investment-forum/"'
        in id_.content.decode()
    )
    english = client.get("/en/events/asean-china-investment-forum/", HTTP_HOST="cn-id.localhost")
    assert (
        'href="http://cn-vn.localhost/en/events/asean-china-investment-forum/"'
        in english.content.decode()
    )


@pytest.mark.django_db
def test_editing_the_origin_updates_the_copy_and_dropping_a_cohost_removes_it(
    site_vn, site_id, in_site
):
    with in_site(site_vn):
        origin = Event.objects.get(slug="asean-china-investment-forum")
        origin.title_ind = "Forum investasi ASEAN–Tiongkok (diperbarui)"
        origin.save()
    with in_site(site_id):
        assert (
            Event.objects.get(uid=origin.uid).title_ind
            == "Forum investasi ASEAN–Tiongkok (diperbarui)"
        )

    with in_site(site_vn):
        origin.cohost_codes = []
        origin.save()
    with in_site(site_id):
        assert not Event.objects.filter(uid=origin.uid).exists()
    assert not CalendarEntry.objects.filter(site=site_id, event_uid=origin.uid).exists()


@pytest.mark.django_db
def test_index_lists_events_of_all_sites_and_follows_changes(site_vn, site_id, in_site, expo_month):
    codes = {entry.site.code for entry in entries_between(*expo_month)}
    assert codes == {"cn-vn", "cn-id"}

    with in_site(site_id):
        event = make_event(slug="new-one", starts=expo_month[0] + datetime.timedelta(days=4))
    assert CalendarEntry.objects.filter(site=site_id, slug="new-one").exists()
    with in_site(site_id):
        event.delete()
    assert not CalendarEntry.objects.filter(site=site_id, slug="new-one").exists()


@pytest.mark.django_db
def test_clashes_are_flagged_for_shared_venue_speaker_organiser_and_major_events(
    site_vn, site_id, in_site
):
    # Years before any demo event, whatever day the demo was loaded: only
    # these events can clash here.
    start = datetime.datetime(2001, 3, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with in_site(site_vn):
        make_event(
            slug="vn-talk",
            starts=start,
            venue={"en": "Hall 5, Nanning"},
            organisers=["Guangxi Trade Office"],
        )
        make_event(slug="vn-fair", starts=start, kind="trade_fair")
        make_event(
            slug="vn-commission",
            starts=start + datetime.timedelta(hours=1),
            kind="joint_commission",
        )
        make_event(
            slug="vn-later",
            starts=start + datetime.timedelta(days=1),
            venue={"en": "Hall 5, Nanning"},
        )
    with in_site(site_id):
        make_event(
            slug="id-talk",
            starts=start + datetime.timedelta(hours=2),
            venue={"en": "hall 5,  NANNING"},
        )
        make_event(slug="id-meeting", starts=start, organisers=["guangxi trade office"])
        make_event(
            slug="id-cancelled", starts=start, venue={"en": "Hall 5, Nanning"}, status="cancelled"
        )

    window = (start - datetime.timedelta(days=1), start + datetime.timedelta(days=3))
    clashes = {
        (frozenset(side.entry.slug for side in c.events), tuple(r for r, _key in c.reasons))
        for c in clash_page(*window).clashes
    }

    assert clashes == {
        (frozenset(("vn-talk", "id-talk")), ("venue",)),
        (frozenset(("vn-talk", "id-meeting")), ("organiser",)),
        (frozenset(("vn-fair", "vn-commission")), ("major",)),
    }


@pytest.mark.django_db
def test_copies_of_one_cohosted_event_do_not_clash_with_each_other(expo_month):
    clashes = clash_page(*expo_month).clashes
    pairs = [{side.entry.event_uid for side in c.events} for c in clashes]

    assert all(len(pair) == 2 for pair in pairs)
    assert len(pairs) == len({frozenset(pair) for pair in pairs})  # each pair of events once
    # The planted demo clash: the Indonesia pavilion at the Expo's venue, one
    # clash with both reasons, the Expo shown once with its co-host.
    planted = next(
        c
        for c in clashes
        if {s.entry.slug for s in c.events} == {"china-asean-expo", "indonesia-trade-expo-nanning"}
    )
    assert [reason for reason, _key in planted.reasons] == ["venue", "major"]
    expo = next(s for s in planted.events if s.entry.slug == "china-asean-expo")
    assert expo.entry.site.code == "cn-vn" and [s.code for s in expo.cohosts] == ["cn-id"]


@pytest.mark.django_db
def test_coordination_page_needs_the_coordinator_permission(client, coordinator, expo_from):
    anonymous = client.get("/en/coordination/", HTTP_HOST="localhost")
    plain = get_user_model().objects.create_user("plain", password="x", is_staff=True)
    client.force_login(plain)
    refused = client.get("/en/coordination/", HTTP_HOST="localhost")
    client.force_login(coordinator)
    page = client.get("/en/coordination/", HTTP_HOST="localhost")

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    assert refused.status_code == 403
    body = page.content.decode()
    assert (
        "Coordination calendar" in body
        and "Same venue: Nanning International Convention and Exhibition Center" in body
    )
    # In the coordinator's language, where the site offers it.
    assert "http://cn-id.localhost/en/events/indonesia-trade-expo-nanning/" in body


@pytest.mark.django_db
def test_coordination_page_filters_by_site_and_type(client, coordinator, expo_from):
    client.force_login(coordinator)

    page = client.get(
        f"/en/coordination/calendar/?month={expo_from}&site=cn-id&type=exhibition",
        HTTP_HOST="localhost",
    )
    rows = [row["entry"].slug for row in page.context["rows"]]

    assert rows == ["indonesia-trade-expo-nanning"]


@pytest.mark.django_db
def test_combined_feed_for_coordinators_needs_a_valid_token(client, coordinator):
    client.force_login(coordinator)
    feed_url = client.get("/en/coordination/", HTTP_HOST="localhost").context["feed_url"]
    client.logout()
    path = feed_url.split("localhost", 1)[1]

    calendar = Calendar.from_ical(client.get(path, HTTP_HOST="localhost").content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}

    assert "Site: China–Vietnam" in str(events["Vietnam–China investment forum"]["description"])
    assert "Site: China–Indonesia" in str(events["Indonesia–China investment forum"]["description"])
    assert (
        client.get("/coordination/calendar.ics?token=forged", HTTP_HOST="localhost").status_code
        == 404
    )


@pytest.mark.django_db
def test_rebuild_command_restores_a_lost_index(site_vn, site_id, expo_month, in_site):
    def published(site) -> set:
        with in_site(site):
            return set(Event.objects.published().values_list("uid", flat=True))

    events = {site.code: published(site) for site in (site_vn, site_id)}
    CalendarEntry.objects.all().delete()
    out = StringIO()

    call_command("rebuild_calendar_index", stdout=out)

    for site in (site_vn, site_id):  # every published event of each site, once
        entries = CalendarEntry.objects.filter(site=site).values_list("event_uid", flat=True)
        assert sorted(entries) == sorted(events[site.code])
    # China–Indonesia shows its own and the four China–Vietnam co-hosts with it.
    with in_site(site_id):
        assert Event.objects.exclude(origin_code="").count() == 4
    total = sum(len(uids) for uids in events.values())
    assert f"indexed {total} events" in out.getvalue()
    # The planted clash: the same venue, and two major events of China–Indonesia.
    (planted,) = [
        c
        for c in clash_page(*expo_month).clashes
        if "indonesia-trade-expo-nanning" in {s.entry.slug for s in c.events}
    ]
    assert [reason for reason, _key in planted.reasons] == ["venue", "major"]
    assert coordination_window(*expo_month).clash_count == 1


@pytest.mark.django_db
def test_sites_never_serve_the_coordination_calendar(client):
    assert client.get("/en/coordination/", HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
def test_cohosted_event_is_one_row_listing_both_sites_and_the_page_queries_are_bounded(
    client, coordinator, django_assert_max_num_queries, expo_from
):
    client.force_login(coordinator)
    client.get(f"/en/coordination/calendar/?month={expo_from}", HTTP_HOST="localhost")

    # Host, session, user, permissions (2); the page's rows with their
    # co-hosts and flags, its clash count; the month grid's days, then its
    # entries with their flags: none per event. The sites with their domains
    # and the longest entry's length are kept between requests, but read at
    # each use here (3 and 2 times, 8 queries), as the test's transaction
    # holds writes: a production page runs 4 queries after the first 6.
    with django_assert_max_num_queries(19):
        page = client.get(f"/en/coordination/calendar/?month={expo_from}", HTTP_HOST="localhost")

    rows = {row["entry"].slug: row["sites"] for row in page.context["rows"]}
    assert [site["label"] for site in rows["asean-china-investment-forum"]] == [
        "China–Vietnam",
        "China–Indonesia",
    ]
    assert len(page.context["rows"]) == len({row["uid"] for row in page.context["rows"]})


@pytest.mark.django_db
def test_the_calendar_shows_its_entries_without_building_a_model_instance_of_each(
    client, coordinator, expo_from
):
    """A page names ~200 entries (a hundred rows, three a day on the grid):
    built as CalendarEntry instances they were half the page data's Python
    time at 200 sites × 500 events (bench/coordination.py). They are read as
    rows (``index.ShownEntry``); the page still shows them."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    client.force_login(coordinator)
    post_init.connect(count, sender=CalendarEntry)
    try:
        page = client.get(f"/en/coordination/calendar/?month={expo_from}", HTTP_HOST="localhost")
    finally:
        post_init.disconnect(count, sender=CalendarEntry)

    assert page.context["rows"] and any(
        day["events"] for week in page.context["grid"] for day in week
    )
    assert built == []


@pytest.mark.django_db
def test_coordinators_find_the_calendar_in_the_hubs_navigation(client, coordinator):
    client.force_login(coordinator)

    page = client.get("/en/", HTTP_HOST="localhost").content.decode()

    assert 'href="/en/coordination/">Coordination calendar</a>' in page


@pytest.mark.django_db
def test_the_month_grid_names_a_cohosted_events_cohosts_within_the_same_queries(
    client, coordinator, django_assert_max_num_queries, site_vn, site_id, demo_event
):
    """The list's row names every site of a co-hosted event; its day in the
    grid did only the organiser's. Counted as the list's test above."""
    forum = demo_event(site_vn, "asean-china-investment-forum")
    month = f"{forum.starts_at.astimezone(datetime.UTC):%Y-%m}"
    client.force_login(coordinator)
    client.get(f"/en/coordination/calendar/?month={month}", HTTP_HOST="localhost")

    with django_assert_max_num_queries(19):
        page = client.get(f"/en/coordination/calendar/?month={month}", HTTP_HOST="localhost")

    shown = [
        event
        for week in page.context["grid"]
        for day in week
        for event in day["events"]
        if event["title"] == forum.title_en
    ]
    assert shown, "the forum is named on its days"
    assert all(event["site"] == "China–Vietnam" for event in shown)
    assert all(
        event["cohosts"] == [{"label": "China–Indonesia", "name": site_id.name_en}]
        for event in shown
    )
    # Under both short names, both full names on hover, on one line of text
    # that wraps in a narrow day (tests/e2e/test_coordination_grid.py).
    grid = page.content.decode().split('class="month-grid"', 1)[1].split("</table>", 1)[0]
    assert (
        f'title="{escape(site_vn.name_en)}, {escape(site_id.name_en)}: {escape(forum.title_en)}">'
        '<span class="month-grid__site">China–Vietnam, China–Indonesia'
    ) in grid


@pytest.mark.django_db
def test_each_rows_site_shows_its_full_name_on_hover(client, coordinator, expo_from):
    """The date list names a site by its short name, the full one in its
    title (session 17's rewrite to site_texts left that title empty: the
    hub has no site of its own)."""
    client.force_login(coordinator)
    page = client.get(f"/vi/coordination/calendar/?month={expo_from}", HTTP_HOST="localhost")

    html = page.content.decode()
    sites = [site for row in page.context["rows"] for site in row["sites"]]
    assert sites
    for site in sites:
        assert site["name"] and f'<span title="{site["name"]}">{site["label"]}</span>' in html
    assert '<span title="">' not in html
