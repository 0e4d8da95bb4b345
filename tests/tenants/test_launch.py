"""Launching: site codes, a second site for a pair, drafts and their launch."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import Site
from tenants.services.launch import LaunchError, launch
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SpecError
from tests.factories.accounts import PASSWORD
from tests.tenants.test_provisioning import korea_spec, snapshot

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def seoul_today() -> datetime.date:
    return timezone.localtime(timezone.now(), SEOUL).date()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["cn-kr2", "cn-kr-pilot", "kr", "2cn-kr", "cn-kr-2026-pilot"])
def test_codes_that_are_dns_labels_are_accepted(code):
    steps = plan(korea_spec(code=code, domains=[f"{code}.localhost"]))

    assert steps[0].startswith(f"create site {code} (China–South Korea (CN–KR))")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["-cn-kr", "cn-kr-", "cn_kr", "CN KR", "c", "cn.kr", "한국", "x" * 21, "cn-kr\x00"]
)
def test_other_codes_are_refused_with_the_rule_stated(code):
    before = snapshot()

    with pytest.raises(SpecError) as refused:
        provision(korea_spec(code=code))

    message = str(refused.value)
    assert "lower-case letters, digits and hyphens" in message
    assert "cn-kr2" in message and "cn-kr-pilot" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_the_template_schemas_code_is_reserved():
    with pytest.raises(SpecError, match="'template' is reserved"):
        provision(korea_spec(code="template", domains=["template.localhost"]))


@pytest.mark.django_db
@pytest.mark.parametrize("countries", ["CN,KR", "KR,CN"])
def test_a_second_site_for_a_pair_needs_the_flag_and_names_the_first(countries):
    provision(korea_spec())
    before = snapshot()

    with pytest.raises(SpecError) as refused:
        provision(korea_spec(code="cn-kr2", countries=countries, domains=["kr2.localhost"]))

    assert str(refused.value) == (
        f"{countries.replace(',', '–')} already has a site: cn-kr (cn-kr.localhost, not yet "
        "launched); to launch another one for the same countries, say so with --same-countries"
    )
    assert snapshot() == before

    second = korea_spec(code="cn-kr2", countries=countries, domains=["kr2.localhost"])
    second.same_countries = True
    assert provision(second).created


@pytest.mark.django_db
def test_the_command_takes_the_flag():
    provision(korea_spec())
    args = dict(
        code="cn-kr-pilot",
        countries="CN,KR",
        languages="ko,en",
        domain=["pilot.localhost"],
        stdout=StringIO(),
    )
    with pytest.raises(CommandError, match="already has a site: cn-kr"):
        call_command("provision_site", **args)

    call_command("provision_site", same_countries=True, **args)

    assert Site.objects.get(code="cn-kr-pilot").is_draft


@pytest.mark.django_db
def test_a_new_site_is_a_draft_hidden_from_the_public(client):
    out = StringIO()
    call_command(
        "provision_site",
        code="cn-kr",
        countries="CN,KR",
        languages="ko,en",
        domain=["cn-kr.localhost"],
        timezone="Asia/Seoul",
        stdout=out,
    )
    site = Site.objects.get(code="cn-kr")
    assert site.status == Site.Status.DRAFT and site.is_draft
    assert "manage.py launch_site cn-kr" in out.getvalue()
    assert site not in Site.objects.public()

    hub = client.get("/en/", HTTP_HOST="localhost").content.decode()
    assert "cn-kr.localhost" not in hub

    home = client.get("/ko/", HTTP_HOST="cn-kr.localhost")
    assert home.status_code == 403
    assert "아직 열리지 않았습니다" in home.content.decode()
    assert home["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/ko/news/", HTTP_HOST="cn-kr.localhost").status_code == 403

    robots = client.get("/robots.txt", HTTP_HOST="cn-kr.localhost").content.decode()
    assert robots.splitlines() == ["User-agent: *", "Disallow: /"]
    assert client.get("/sitemap.xml", HTTP_HOST="cn-kr.localhost").status_code == 404
    # The ways in for its staff stay open.
    assert client.get("/ko/account/login/", HTTP_HOST="cn-kr.localhost").status_code == 200
    assert client.get("/admin/login/", HTTP_HOST="cn-kr.localhost").status_code == 200


@pytest.mark.django_db
def test_staff_see_a_draft_with_a_notice_and_no_indexing(client):
    site = provision(korea_spec()).site
    with schema_context(site.schema_name):
        get_user_model().objects.create_user(
            "editor@example.org", "editor@example.org", PASSWORD, is_staff=True
        )
    client.post(
        "/ko/account/login/",
        {"username": "editor@example.org", "password": PASSWORD},
        HTTP_HOST="cn-kr.localhost",
    )

    page = client.get("/ko/", HTTP_HOST="cn-kr.localhost")

    html = page.content.decode()
    assert page.status_code == 200
    assert "아직 출시되지 않았습니다" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_launch_site_makes_it_public(client):
    site = provision(korea_spec()).site
    out = StringIO()

    call_command("launch_site", "cn-kr", "--force", stdout=out)

    site.refresh_from_db()
    assert out.getvalue().strip() == "site cn-kr launched: http://cn-kr.localhost/"
    assert site.status == Site.Status.ACTIVE and site.launched_on == seoul_today()
    assert "cn-kr.localhost" in client.get("/en/", HTTP_HOST="localhost").content.decode()
    home = client.get("/ko/", HTTP_HOST="cn-kr.localhost")
    assert home.status_code == 200 and "X-Robots-Tag" not in home
    assert "Sitemap:" in client.get("/robots.txt", HTTP_HOST="cn-kr.localhost").content.decode()

    call_command("launch_site", "cn-kr", stdout=out)
    assert (
        out.getvalue().splitlines()[-1] == "site cn-kr is launched already: http://cn-kr.localhost/"
    )


@pytest.mark.django_db
def test_a_launch_date_opens_the_site_that_day_in_its_time_zone(client):
    launch_day = seoul_today() + datetime.timedelta(days=3)
    site = provision(korea_spec(launched_on=launch_day.isoformat())).site
    assert site.is_draft and site not in Site.objects.public()

    # One minute before midnight in Seoul on the eve, and one minute after.
    midnight = datetime.datetime.combine(launch_day, datetime.time(0, 0), tzinfo=SEOUL)
    with time_machine.travel(midnight - datetime.timedelta(minutes=1), tick=False):
        assert site.is_draft and not Site.objects.public().filter(pk=site.pk).exists()
    with time_machine.travel(midnight + datetime.timedelta(minutes=1), tick=False):
        assert not site.is_draft and Site.objects.public().filter(pk=site.pk).exists()
        assert client.get("/ko/", HTTP_HOST="cn-kr.localhost").status_code == 200


@pytest.mark.django_db
def test_launch_site_can_schedule_a_date():
    provision(korea_spec())
    day = seoul_today() + datetime.timedelta(days=10)
    out = StringIO()

    call_command("launch_site", "cn-kr", "--on", day.isoformat(), "--force", stdout=out)

    site = Site.objects.get(code="cn-kr")
    assert site.launched_on == day and site.is_draft
    assert f"will be launched on {day.isoformat()}" in out.getvalue()
    listing = StringIO()
    call_command("list_sites", stdout=listing)
    assert f"draft until {day.isoformat()}" in listing.getvalue()


@pytest.mark.django_db
def test_launch_refusals_are_readable(site_vn):
    with pytest.raises(CommandError, match="no site with code 'cn-zz'"):
        call_command("launch_site", "cn-zz")
    with pytest.raises(CommandError, match="is not a date"):
        call_command("launch_site", "cn-vn", "--on", "tomorrow")
    call_command("archive_site", "cn-vn", stdout=StringIO())
    with pytest.raises(CommandError, match="archived site cannot be launched"):
        call_command("launch_site", "cn-vn")
    with pytest.raises(LaunchError):
        launch(Site.objects.get(code="cn-vn"))


@pytest.mark.django_db
def test_the_demo_sites_are_launched(site_vn, site_id):
    assert set(Site.objects.public().values_list("code", flat=True)) >= {"cn-vn", "cn-id"}
    assert not site_vn.is_draft and site_vn.status == Site.Status.ACTIVE


@pytest.mark.django_db
def test_a_drafts_pages_never_reach_the_public_from_the_page_cache(client):
    """The page cache serves anonymous visitors only; a draft's pages, seen
    by its staff with the "not yet launched" notice, must not be among them."""
    from django.test import Client

    site = provision(korea_spec()).site
    with schema_context(site.schema_name):
        staff = get_user_model().objects.create_user(
            "ed@example.org", "ed@example.org", PASSWORD, is_staff=True
        )
        client.force_login(staff)
    visitor = Client()

    assert visitor.get("/ko/", HTTP_HOST="cn-kr.localhost").status_code == 403
    assert (
        "아직 출시되지 않았습니다"
        in client.get("/ko/", HTTP_HOST="cn-kr.localhost").content.decode()
    )
    again = visitor.get("/ko/", HTTP_HOST="cn-kr.localhost")
    assert again.status_code == 403 and "아직 출시되지 않았습니다" not in again.content.decode()

    launch(site, force=True)
    opened = visitor.get("/ko/", HTTP_HOST="cn-kr.localhost")
    assert opened.status_code == 200 and "아직 출시되지 않았습니다" not in opened.content.decode()


UNFINISHED = (
    "site cn-kr's launch checklist is unfinished, 8 things to do: "
    "a tagline in every language of the site; "
    "a contact address, and contact details in every language of the site; "
    "the site's logo; the about page, in every language of the site; "
    "the privacy page, in every language of the site; a first article, published; "
    "at least one translator; a first event in the calendar. "
    "Finish it, or launch anyway with --force"
)


@pytest.mark.django_db
@pytest.mark.parametrize("when", [[], ["--on", "in ten days"]])
def test_launch_site_refuses_an_unfinished_checklist_without_force(when):
    site = provision(korea_spec()).site
    args = [a if a != "in ten days" else (seoul_today() + datetime.timedelta(days=10)).isoformat()
            for a in when]  # fmt: skip

    with pytest.raises(CommandError) as refused:
        call_command("launch_site", "cn-kr", *args, stdout=StringIO())

    assert str(refused.value) == UNFINISHED
    site.refresh_from_db()
    assert site.is_draft and site.launched_on is None
    call_command("launch_site", "cn-kr", *args, "--force", stdout=StringIO())
    site.refresh_from_db()
    assert site.launched_on is not None


@pytest.mark.django_db
def test_the_service_names_the_open_items_in_the_askers_language():
    from django.utils import translation

    from tenants.services.launch import ChecklistUnfinished, open_steps

    site = provision(korea_spec()).site
    with schema_context(site.schema_name):
        make_logo_and_texts = [step.key for step in open_steps(site)]
    assert make_logo_and_texts[:3] == ["tagline", "contact", "logo"]
    with pytest.raises(ChecklistUnfinished) as refused, translation.override("ko"):
        launch(site)
    assert [step.key for step in refused.value.steps] == make_logo_and_texts
    with translation.override("ko"):
        assert str(refused.value.steps[2].label) == "사이트 로고"
    assert launch(site, force=True) == "launched"
