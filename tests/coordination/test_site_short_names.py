"""Two sites of one country pair (cn-kr and cn-kr2) can be told apart in the
coordination calendar: every site has a short name (typed at launch, else
made from the two countries in the reader's language and what its code adds
to the pair: "China–South Korea 2"), unique among sites, and the calendar's
filter, month grid, list, clash list and feed all name sites by it."""

import datetime
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from django_tenants.utils import schema_context
from icalendar import Calendar

from tenants.models import Site
from tenants.naming import default_short_name, short_name_in
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SpecError
from tests.factories.events import make_event
from tests.tenants.test_provisioning import korea_spec, snapshot
from tests.web.test_hub_launch import HUB, form, official  # noqa: F401 (a fixture)

KR = ("CN", "KR")


@pytest.mark.parametrize(
    ("code", "countries", "language", "expected"),
    [
        ("cn-kr", KR, "en", "China–South Korea"),
        ("cn-kr2", KR, "en", "China–South Korea 2"),
        ("cn-kr-2", KR, "en", "China–South Korea 2"),
        ("kr-cn-pilot", KR, "en", "China–South Korea pilot"),
        ("seoul-expo", KR, "en", "China–South Korea seoul-expo"),
        ("cn-kr2", KR, "zh-hans", "中国–韩国 2"),
        ("cn-kr2", KR, "de", "China–Südkorea 2"),
        ("cn-vn", ("CN", "VN"), "vi", "Trung Quốc–Việt Nam"),
    ],
)
def test_a_short_name_is_made_from_the_pair_and_what_the_code_adds(
    code, countries, language, expected
):
    assert default_short_name(countries, code, language) == expected


@pytest.fixture
def korean_twins(db, in_site):
    """cn-kr and cn-kr2, launched from specs without short names, each with
    an event the same day by the same organiser (a clash)."""
    first = provision(korea_spec(launched_on="2024-03-01")).site
    second = provision(
        korea_spec(
            code="cn-kr2",
            domains=["cn-kr2.localhost"],
            same_countries=True,
            launched_on="2024-03-01",
        )
    ).site
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    for site, title in ((first, "Seoul trade week"), (second, "Busan trade week")):
        with in_site(site):
            make_event(slug="trade-week", starts=starts, titles={"en": title}, organisers=["KOTRA"])
    return first, second, starts


@pytest.mark.django_db
def test_both_sites_get_their_own_short_name_in_each_of_their_languages(korean_twins):
    first, second, _starts = korean_twins
    assert (first.short_name_ko, second.short_name_ko) == ("중국–대한민국", "중국–대한민국 2")
    assert second.short_name_zh_hans == "中国–韩国 2"
    # A language the site does not offer: made the same way when read.
    assert short_name_in(second, "de") == "China–Südkorea 2"


@pytest.mark.django_db
def test_the_calendar_names_the_two_sites_apart(client, coordinator, korean_twins):
    _first, _second, starts = korean_twins
    client.force_login(coordinator)

    page = client.get(f"/de/coordination/calendar/?month={starts:%Y-%m}", **HUB)

    html = page.content.decode()
    # The filter.
    assert '<input type="checkbox" name="site" value="cn-kr"> China–Südkorea</label>' in html
    assert '<input type="checkbox" name="site" value="cn-kr2"> China–Südkorea 2</label>' in html
    # The month grid.
    grid_sites = {
        event["title"]: event["site"]
        for week in page.context["grid"]
        for day in week
        for event in day["events"]
    }
    assert grid_sites["Seoul trade week"] == "China–Südkorea"
    assert grid_sites["Busan trade week"] == "China–Südkorea 2"
    # The list beside it.
    listed = {
        row["title"]: [site["label"] for site in row["sites"]] for row in page.context["rows"]
    }
    assert listed["Busan trade week"] == ["China–Südkorea 2"]


@pytest.mark.django_db
def test_the_clash_list_and_the_feed_name_the_two_sites_apart(client, coordinator, korean_twins):
    client.force_login(coordinator)

    response = client.get("/de/coordination/", **HUB)

    (clash,) = [
        clash
        for clash in response.context["clashes"]
        if {event["title"] for event in clash["events"]} == {"Seoul trade week", "Busan trade week"}
    ]
    assert sorted(event["site_name"] for event in clash["events"]) == [
        "China–Südkorea",
        "China–Südkorea 2",
    ]
    html = response.content.decode()
    assert "Website: China–Südkorea 2" in html
    feed = client.get(response.context["feed_url"].split("localhost", 1)[1], **HUB)
    events = {str(e["summary"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    assert "Website: China–Südkorea 2" in str(events["Busan trade week"]["description"]).split("\n")
    assert "Website: China–Südkorea" in str(events["Seoul trade week"]["description"]).split("\n")


@pytest.mark.django_db
def test_a_typed_short_name_is_kept_in_its_language_and_made_for_the_others():
    site = provision(
        korea_spec(
            code="cn-kr-busan", domains=["cn-kr-busan.localhost"], short_names={"ko": "부산"}
        )
    ).site

    assert site.short_name_ko == "부산"
    assert site.short_name_en == "China–South Korea busan"
    with translation.override("en"):
        steps = plan(korea_spec(short_names={"ko": "한중"}, same_countries=True))
    assert (
        "short name where space is short, as in the coordinators' calendar: "
        "한중 (ko), 中国–韩国 (zh-hans), China–South Korea (en)"
    ) in steps


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # Made from the code the same way as cn-kr2's: it needs a name of its own.
        (
            {"code": "cn-kr-2", "domains": ["cn-kr-2.localhost"]},
            "The short name 중국–대한민국 2 is already used by site cn-kr2; "
            "give this site another one.",
        ),
        # Typed, the same as another site's (spaces, case and dashes aside).
        (
            {
                "code": "cn-kr3",
                "domains": ["cn-kr3.localhost"],
                "short_names": {"en": "china-south KOREA  2"},
            },
            "The short name china-south KOREA  2 is already used by site cn-kr2; "
            "give this site another one.",
        ),
        (
            {"code": "cn-kr3", "domains": ["cn-kr3.localhost"], "short_names": {"ko": "x" * 41}},
            "short name in 'ko' has 41 characters; at most 40 are allowed",
        ),
        (
            {"code": "cn-kr3", "domains": ["cn-kr3.localhost"], "short_names": {"ko": "a\x00b"}},
            "short name in 'ko' holds a control character (U+0000)",
        ),
        (
            {"code": "cn-kr3", "domains": ["cn-kr3.localhost"], "short_names": {"ja": "日韓"}},
            "name, short name or tagline given in 'ja', which the site does not offer",
        ),
    ],
)
def test_a_short_name_must_tell_the_site_apart(korean_twins, overrides, message):
    before = snapshot()
    with translation.override("en"), pytest.raises(SpecError) as refused:
        provision(korea_spec(same_countries=True, **overrides))
    assert str(refused.value) == message
    assert snapshot() == before


@pytest.mark.django_db
def test_provision_site_takes_a_short_name_and_refuses_a_taken_one(korean_twins):
    common = ["--countries", "CN,KR", "--languages", "ko,en", "--same-countries"]
    call_command(
        "provision_site", "--code", "cn-kr-jeju", "--domain", "cn-kr-jeju.localhost",
        "--short-name", "ko=제주", "--short-name", "Jeju", *common, stdout=StringIO(),
    )  # fmt: skip
    site = Site.objects.get(code="cn-kr-jeju")
    assert (site.short_name_ko, site.short_name_en) == ("제주", "Jeju")

    with pytest.raises(CommandError, match="already used by site cn-kr-jeju"):
        call_command(
            "provision_site", "--code", "cn-kr-jj", "--domain", "cn-kr-jj.localhost",
            "--short-name", "JEJU", *common, stdout=StringIO(),
        )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.usefixtures("official")
def test_the_launch_form_asks_for_it_and_says_a_taken_one_beside_the_field(client, korean_twins):
    page = client.get("/pt/sites/launch/", **HUB).content.decode()
    assert "Nome abreviado" in page
    assert "China–Coreia do Sul 2" in page  # the example the help text gives

    taken = client.post(
        "/pt/sites/launch/",
        {**form(code="cn-kr4", domain="cn-kr4.localhost", short_name="중국–대한민국 2"),
         "same_countries": "on", "confirm": "1"},
        **HUB,
    )  # fmt: skip
    html = taken.content.decode()
    assert taken.status_code == 400
    message = "O nome abreviado 중국–대한민국 2 já é usado pelo site cn-kr2; dê outro a este site."
    assert message in html
    assert html.index('name="short_name"') < html.index(message)
    assert not Site.objects.filter(code="cn-kr4").exists()

    made = client.post(
        "/pt/sites/launch/",
        {**form(code="cn-kr4", domain="cn-kr4.localhost", short_name="부산 시범"),
         "same_countries": "on", "confirm": "1"},
        **HUB,
    )  # fmt: skip
    assert made.status_code == 302
    site = Site.objects.get(code="cn-kr4")
    assert (site.short_name_ko, site.short_name_en) == ("부산 시범", "China–South Korea 4")


@pytest.mark.django_db
def test_the_hub_admin_refuses_a_taken_short_name(korean_twins):
    _first, second, _starts = korean_twins
    second.short_name_ko = "중국–대한민국"
    with pytest.raises(ValidationError, match="already used by site cn-kr"):
        second.full_clean()


@pytest.mark.django_db
def test_existing_sites_get_one_from_the_data_migration(korean_twins):
    first, second, _starts = korean_twins
    Site.objects.filter(pk__in=[first.pk, second.pk]).update(
        short_name="", short_name_ko=None, short_name_zh_hans=None, short_name_en=None
    )
    migration = importlib.import_module("tenants.migrations.0010_site_short_names")

    migration.derive_short_names(apps, None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.short_name_ko, second.short_name_ko) == ("중국–대한민국", "중국–대한민국 2")
    assert (first.short_name_en, second.short_name_en) == (
        "China–South Korea",
        "China–South Korea 2",
    )
    # The demo sites too, in their languages.
    vn = Site.objects.get(code="cn-vn")
    assert (vn.short_name_vi, vn.short_name_zh_hans) == ("Trung Quốc–Việt Nam", "中国–越南")


def test_names_that_read_the_same_are_the_same():
    from tenants.naming import comparable

    assert comparable("China–South Korea 2") == comparable("china-south\u200b korea  2")
    assert comparable("China—South Korea\u200f 2") == comparable("CHINA-SOUTH KOREA 2")
    assert comparable("China–South Korea 2") != comparable("China–South Korea 3")


def test_a_short_name_that_shows_nothing_is_none():
    from tenants.naming import short_names_for

    made = short_names_for("cn-kr2", KR, ["ko", "en"], {"ko": "\u200b\u200b", "en": "Busan"})
    assert made == {"ko": "중국–대한민국 2", "en": "Busan"}


@pytest.mark.django_db
def test_another_sites_name_in_another_script_is_taken_too():
    """A coordinator reading Korean must not meet cn-kr2 as "中国–越南",
    China–Vietnam's short name in Chinese."""
    with translation.override("en"), pytest.raises(SpecError) as refused:
        plan(
            korea_spec(code="cn-kr2", domains=["cn-kr2.localhost"], short_names={"ko": "中国–越南"})
        )
    assert str(refused.value) == (
        "The short name 中国–越南 is already used by site cn-vn; give this site another one."
    )


@pytest.mark.django_db
def test_the_editors_e_mail_names_the_two_sites_apart(
    korean_twins, mailoutbox, django_capture_on_commit_callbacks
):
    from coordination.models import ClashCase
    from coordination.notify import notify

    first, second, _starts = korean_twins
    (case,) = ClashCase.objects.filter(
        low_uid__in=_uids(first, second), high_uid__in=_uids(first, second)
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        notify([case.pk])

    bodies = {message.to[0]: message.body for message in mailoutbox}
    # Each site's administrator, in the site's first language (Korean).
    assert "중국–대한민국 2" in bodies["admin@cn-kr.localhost"]
    assert "중국–대한민국 2" in bodies["admin@cn-kr2.localhost"]


def _uids(*sites) -> list:
    from events.models import Event

    uids = []
    for site in sites:
        with schema_context(site.schema_name):
            uids += list(Event.objects.values_list("uid", flat=True))
    return uids
