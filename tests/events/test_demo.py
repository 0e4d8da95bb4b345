"""The demo calendar is dated from the day it is loaded: any day has events ahead."""

import datetime
import itertools
import zoneinfo
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from cooperation.demo import load_demo_content
from cooperation.models import Opportunity
from coordination.index import normalise
from events.demo import event_specs, load_demo_events, next_expo_opening
from events.models import Event

# Three years of days from a fixed start: every day of the year, leap day included.
DAYS = [datetime.date(2027, 1, 1) + datetime.timedelta(days=n) for n in range(3 * 366)]


def overlap(first: dict, second: dict) -> bool:
    return first["starts_at"] < second["ends_at"] and second["starts_at"] < first["ends_at"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["cn-vn", "cn-id"])
def test_on_any_day_the_demo_has_events_ahead_this_month_and_behind(code, site_vn, site_id):
    site = site_vn if code == "cn-vn" else site_id
    for today in DAYS:
        now = datetime.datetime.combine(today, datetime.time(12), tzinfo=ZoneInfo(site.time_zone))
        own = event_specs(site, today)
        # A site also shows the events other sites co-host with it.
        cohosted = [
            spec
            for other in (site_vn, site_id)
            if other != site
            for spec in event_specs(other, today)
            if site.code in spec.get("cohost_codes", [])
        ]
        specs = own + cohosted
        ahead = [spec for spec in specs if spec["ends_at"] > now]
        slugs_ahead = {spec["slug"] for spec in ahead}

        assert all(spec["starts_at"] <= spec["ends_at"] for spec in specs), today
        assert len(ahead) >= 3, today
        # Something on this very day (so on this month's grid): the online fair.
        assert any(spec["starts_at"] <= now <= spec["ends_at"] for spec in specs), today
        assert any(spec["ends_at"] < now for spec in specs), today  # the archive has some
        # The coming Expo (co-hosted: on both sites), at most a year ahead.
        expo = next(spec for spec in specs if spec["slug"] == "china-asean-expo")
        assert "china-asean-expo" in slugs_ahead, today
        assert expo["starts_at"] - now < datetime.timedelta(days=366), today


def clash_keys(spec: dict, origin: str) -> set[str]:
    """What the coordination calendar compares (coordination.index)."""
    keys = {f"venue:{normalise(v)}" for v in spec.get("venue", {}).values()}
    keys |= {f"organiser:{normalise(o)}" for o in spec.get("organisers", [])}
    keys |= {f"speaker:{normalise(name)}" for name, _org in spec.get("speakers", [])}
    if spec["kind"] in Event.MAJOR_KINDS:  # major on each site that shows it
        keys |= {f"major:{code}" for code in (origin, *spec.get("cohost_codes", []))}
    return keys


@pytest.mark.django_db
def test_on_any_day_the_only_clash_is_the_planted_one(site_vn, site_id):
    # The Indonesia pavilion at the Expo's venue, on the Expo's days, is the
    # clash coordinators are shown. No other may come and go with the day the
    # demo is loaded.
    for today in DAYS:
        events = [
            (spec, clash_keys(spec, site.code))
            for site in (site_vn, site_id)
            for spec in event_specs(site, today)
        ]
        clashes = {
            frozenset((a["slug"], b["slug"]))
            for (a, a_keys), (b, b_keys) in itertools.combinations(events, 2)
            if a_keys & b_keys and overlap(a, b)
        }
        assert clashes == {frozenset(("china-asean-expo", "indonesia-trade-expo-nanning"))}, today


def test_the_expo_is_the_coming_one_or_the_one_on_now():
    assert next_expo_opening(datetime.date(2027, 3, 1)) == datetime.date(2027, 9, 17)
    assert next_expo_opening(datetime.date(2027, 9, 20)) == datetime.date(2027, 9, 17)  # last day
    assert next_expo_opening(datetime.date(2027, 9, 21)) == datetime.date(2028, 9, 17)


@pytest.mark.django_db
def test_history_keeps_its_real_date(site_id, demo_event):
    commission = demo_event(site_id, "joint-commission-2006")

    assert commission.starts_at.astimezone(ZoneInfo("Asia/Jakarta")).date() == datetime.date(
        2006, 10, 6
    )


@pytest.mark.django_db
def test_loading_the_demo_a_year_later_adds_nothing_twice_and_moves_ended_events_ahead(
    client, site_vn, site_id, in_site
):
    def own_events(site) -> dict[str, Event]:
        with in_site(site):
            return {event.slug: event for event in Event.objects.filter(origin_code="")}

    def open_listings(site) -> int:
        with in_site(site):
            return Opportunity.objects.open().count()

    before = {site.code: own_events(site) for site in (site_vn, site_id)}
    listings = {site.code: open_listings(site) for site in (site_vn, site_id)}
    a_year_on = timezone.now() + datetime.timedelta(days=365)

    with time_machine.travel(a_year_on):
        for site in (site_id, site_vn):  # as provisioning does: China–Indonesia first
            with in_site(site):
                load_demo_events(site)
                load_demo_content(site)
        after = {site.code: own_events(site) for site in (site_vn, site_id)}
        again = []
        for site in (site_id, site_vn):
            with in_site(site):
                again += [load_demo_events(site), load_demo_content(site)]
        pages = {
            host: (
                client.get("/en/events/", HTTP_HOST=host).context["events"],
                client.get(
                    f"/en/events/{a_year_on.year}/{a_year_on.month}/", HTTP_HOST=host
                ).context["weeks"],
            )
            for host in ("cn-vn.localhost", "cn-id.localhost")
        }
        still_open = {site.code: open_listings(site) for site in (site_vn, site_id)}

    for site in (site_vn, site_id):
        code = site.code
        then = a_year_on.astimezone(ZoneInfo(site.time_zone)).date()
        planned = {spec["slug"]: spec for spec in event_specs(site, then)}
        assert after[code].keys() == before[code].keys()  # nothing twice
        for slug, event in after[code].items():
            was, spec = before[code][slug], planned[slug]
            assert event.uid == was.uid
            if was.ends_at < a_year_on < spec["ends_at"]:  # ended, and due again: moved
                assert (event.starts_at, event.ends_at) == (spec["starts_at"], spec["ends_at"])
                assert event.sequence > was.sequence  # calendar apps see the change
            else:  # still ahead, or history, or behind the day it was placed on
                assert (event.starts_at, event.ends_at) == (was.starts_at, was.ends_at)
        assert still_open[code] == listings[code] > 0  # renewed, not duplicated
    assert after["cn-vn"]["guangxi-delegation-lang-son"].ends_at < a_year_on  # past stays past
    assert after["cn-vn"]["online-farm-products-fair"].ends_at > a_year_on
    assert again == ["", "", "", ""]  # a second run that day changes nothing
    for upcoming, weeks in pages.values():
        assert {"china-asean-expo", "online-farm-products-fair"} <= {e.slug for e in upcoming}
        on_grid = {event.slug for week in weeks for day in week for event in day.events}
        assert "online-farm-products-fair" in on_grid
    with in_site(site_id):  # China–Indonesia's copy of the fair moved with it
        copy = Event.objects.get(slug="online-farm-products-fair")
    assert copy.ends_at == after["cn-vn"]["online-farm-products-fair"].ends_at


@pytest.mark.django_db
def test_every_demo_event_is_complete_and_the_sites_show_fifteen(site_vn, site_id):
    today = datetime.date(2027, 5, 20)
    shown = {site.code: 0 for site in (site_vn, site_id)}
    for site in (site_vn, site_id):
        for spec in event_specs(site, today):
            assert spec["kind"] in Event.Kind.values, spec["slug"]
            assert spec["time_zone"] in zoneinfo.available_timezones(), spec["slug"]
            assert spec["title"].get("en") and spec["summary"].get("en"), spec["slug"]
            assert set(spec["title"]) <= {"en", "zh-hans", "vi", "id"}, spec["slug"]
            for code in [site.code, *spec["cohost_codes"]]:
                shown[code] += 1
    assert min(shown.values()) >= 15


def test_the_demo_shows_the_online_fairs_site_and_keeps_meeting_links_for_participants(
    site_vn, site_id, demo_event
):
    """A fair's own site is for everyone; a webinar's meeting link only for
    those who have a place (tests/events/test_join_link.py)."""
    fair = demo_event(site_vn, "online-farm-products-fair")
    webinar = demo_event(site_vn, "customs-rules-webinar")

    assert fair.online_url and not fair.join_link_is_private
    assert webinar.online_url and webinar.join_link_is_private
    assert not demo_event(site_id, "online-farm-products-fair").join_link_is_private  # its copy


def test_the_demo_speakers_organisations_are_named_in_each_sites_languages(
    site_vn, site_id, demo_event
):
    """A Chinese reader of the demo read "Ministry of Investment" in English."""
    forum = demo_event(site_vn, "vietnam-china-investment-forum")
    jakarta = demo_event(site_id, "jakarta-investment-forum")
    with schema_context(site_vn.schema_name):
        an = forum.speakers.get(name="Nguyễn Văn An")
        assert (an.organisation_vi, an.organisation_zh_hans) == ("Bộ Công Thương", "越南工贸部")
        assert an.organisation_en == "Ministry of Industry and Trade"
    with schema_context(site_id.schema_name):
        siti = jakarta.speakers.get(name="Siti Rahmawati")
        assert siti.organisation_ind == "Kementerian Investasi"
        assert not siti.organisation_vi  # not a language of the site's
