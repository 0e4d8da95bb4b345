"""The demo content: its data files hold together, and the demo sites look alive.

The demo sites are provisioned once per run (tests/conftest.py), on the run's
day; nothing here assumes a date.
"""

import datetime
import re
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cooperation.demo import load_demo_content
from cooperation.models import Article, Enterprise, MatchRequest, Opportunity, Question
from cooperation.models.question import Topic
from cooperation.sectors import SECTOR_CODES
from cooperation.services.matchmaking import unreachable
from events.demo import load_demo_events
from events.models import Event
from languages.columns import text_in
from tenants.services.demo_data import DemoDataError, day, moment

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cooperation" / "demo_data"
SITES = {"cn-vn": ("zh-hans", "vi", "en"), "cn-id": ("zh-hans", "id", "en")}
TODAY = {"today": datetime.date(2031, 3, 10)}  # any day: only the parsing is checked here


def read(folder: str, kind: str) -> dict:
    path = DATA / folder / f"{kind}.toml"
    return tomllib.loads(path.read_text()) if path.is_file() else {}


def items(site: str, kind: str, key: str) -> list[dict]:
    return read("shared", kind).get(key, []) + read(site, kind).get(key, [])


def texts(item: dict, languages) -> dict[str, dict]:
    return {language: item[language] for language in languages if language in item}


@pytest.mark.parametrize("site", SITES)
def test_the_demo_data_files_hold_together(site):
    languages = SITES[site]
    taxonomy = read("shared", "taxonomy")
    enterprises = {e["slug"]: e for e in items(site, "enterprises", "enterprise")}
    listings = items(site, "listings", "listing")
    refs = {listing["ref"] for listing in listings if "ref" in listing}

    articles = items(site, "articles", "article")
    assert len({a["slug"] for a in articles}) == len(articles)
    for article in articles:
        assert article["kind"] in Article.Kind.values, article["slug"]
        assert article["category"] in taxonomy["category"], article["slug"]
        assert set(article.get("tags", [])) <= set(taxonomy["tag"]), article["slug"]
        moment(article["published"], TODAY, "UTC")
        shown = texts(article, languages)
        assert shown, article["slug"]
        for text in shown.values():
            assert {"title", "summary", "body"} <= set(text), article["slug"]
    for enterprise in enterprises.values():
        assert set(enterprise["sectors"]) <= set(SECTOR_CODES), enterprise["slug"]
        assert all("name" in t for t in texts(enterprise, languages).values()), enterprise["slug"]
    for listing in listings:
        assert listing["kind"] in Opportunity.Kind.values
        assert listing["sector"] in SECTOR_CODES
        assert listing["language"] in listing, listing["company"]  # written in its own language
        assert listing.get("enterprise", next(iter(enterprises))) in enterprises
        assert day(listing["valid"], TODAY) > day(listing.get("posted", "today"), TODAY)
    for question in items(site, "questions", "question"):
        assert question["topic"] in Topic.values
        assert moment(question["asked"], TODAY, "UTC") < moment(question["answered"], TODAY, "UTC")
    for match in items(site, "matches", "match"):
        assert {match["sender"], match["recipient"]} <= set(enterprises)
        assert match.get("listing", next(iter(refs))) in refs
        assert match.get("status", "pending") in MatchRequest.Status.values


@pytest.mark.parametrize(
    ("kind", "key", "model"),
    [
        ("articles", "article", Article),
        ("listings", "listing", Opportunity),
        ("enterprises", "enterprise", Enterprise),
        ("questions", "question", Question),
    ],
)
@pytest.mark.parametrize("site", SITES)
def test_demo_texts_fit_their_columns(site, kind, key, model):
    # The loaders write in bulk, past the forms' checks: a text too long for
    # its column would stop provisioning with a database error.
    limits = {f.name: f.max_length for f in model._meta.fields if f.max_length}
    for item in items(site, kind, key):
        for name, value in item.items():
            if isinstance(value, str) and name in limits:
                assert len(value) <= limits[name], (name, value)
        for language in SITES[site]:
            for name, value in item.get(language, {}).items():
                assert limits.get(name) is None or len(value) <= limits[name], (name, value)


@pytest.mark.parametrize("site", SITES)
def test_demo_texts_are_varied_not_one_sentence_with_numbers_changed(site):
    for kind, key, field in (
        ("articles", "article", "title"),
        ("articles", "article", "body"),
        ("listings", "listing", "title"),
        ("enterprises", "enterprise", "description"),
    ):
        for language in SITES[site]:
            found = [
                re.sub(r"[\d.,]+", "#", item[language][field])
                for item in items(site, kind, key)
                if item.get(language, {}).get(field)
            ]
            assert len(set(found)) == len(found), (kind, field, language)


def test_demo_dates_are_relative_or_real_and_bad_ones_are_named():
    days = {"today": datetime.date(2031, 3, 10), "expo": datetime.date(2031, 9, 17)}

    assert day("today -3", days) == datetime.date(2031, 3, 7)
    assert day("expo +1", days) == datetime.date(2031, 9, 18)
    assert day("2006-10-06", days) == datetime.date(2006, 10, 6)
    assert moment("today +2 15:30", days, "Asia/Jakarta") == datetime.datetime(
        2031, 3, 12, 15, 30, tzinfo=ZoneInfo("Asia/Jakarta")
    )
    for bad in ("yesterday", "today -3 25:00", "today+-3", "06/10/2006", "x" * 300, "today\x00"):
        with pytest.raises(DemoDataError):
            day(bad, days)


@pytest.mark.django_db
@pytest.mark.parametrize("code", SITES)
def test_each_demo_site_looks_alive(code, site_vn, site_id, in_site):
    site = site_vn if code == "cn-vn" else site_id
    now = timezone.now()
    today = now.astimezone(ZoneInfo(site.time_zone)).date()
    with in_site(site):
        articles = Article.objects.published()
        listings = Opportunity.objects.open()
        events = Event.objects.published()
        requests = MatchRequest.objects.all()

        # News across categories and kinds, enough for three pages of twenty.
        assert articles.count() >= 60
        assert articles.values("category").distinct().count() >= 5
        assert set(articles.values_list("kind", flat=True)) == set(Article.Kind.values)
        # The newest news is from the last few days, whatever the day of the run.
        newest = articles.first().published_at.astimezone(ZoneInfo(site.time_zone)).date()
        assert today - datetime.timedelta(days=3) <= newest <= today
        assert articles.filter(tags__isnull=False).distinct().count() >= 40
        # Listings of every type, from several countries, some in one language only.
        assert listings.count() >= 40
        assert set(listings.values_list("kind", flat=True)) == set(Opportunity.Kind.values)
        assert listings.values("country").distinct().count() >= 2
        assert listings.values("sector").distinct().count() >= 6
        one_language = [
            listing
            for listing in listings
            if sum(bool(text_in(listing, "title", lang)) for lang in site.languages) == 1
        ]
        assert len(one_language) >= 3
        # The directory, some of it verified.
        assert Enterprise.objects.listed().count() >= 30
        assert Enterprise.objects.listed().filter(verified=True).count() >= 10
        # Each can be asked for a meeting: the request reaches someone.
        assert [e.slug for e in Enterprise.objects.listed() if unreachable(e)] == []
        # Events ahead and behind (a site shows its own and those it co-hosts).
        assert events.count() >= 15
        assert Event.objects.upcoming(now).count() >= 8
        assert Event.objects.past(now).count() >= 3
        # Answered questions and matchmaking in every state.
        assert Question.objects.published().count() >= 8
        assert {"accepted", "pending", "declined"} <= set(requests.values_list("status", flat=True))
        assert all(
            r.proposed_date >= today for r in requests.filter(status="pending") if r.proposed_date
        )


@pytest.mark.django_db
def test_a_listing_in_one_language_shows_the_fallback_note(client, site_vn, in_site):
    with in_site(site_vn):
        listing = Opportunity.objects.open().get(title_vi="Xoài tròn Yên Châu chính vụ")
        assert not listing.title_en and not listing.title_zh_hans

    page = client.get(f"/en/opportunities/{listing.pk}/", HTTP_HOST="cn-vn.localhost")

    assert page.status_code == 200
    assert "Not yet available in English — shown in Vietnamese." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("code", SITES)
def test_loading_the_demo_again_the_same_day_changes_nothing(code, site_vn, site_id, in_site):
    site = site_vn if code == "cn-vn" else site_id
    models = (Article, Opportunity, Enterprise, Question, MatchRequest, Event)
    with in_site(site):
        before = {model: model.objects.count() for model in models}
        added = [load_demo_content(site), load_demo_events(site)]
        after = {model: model.objects.count() for model in models}

    assert added == ["", ""]
    assert after == before
