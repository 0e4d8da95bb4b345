"""A launch date far in the past (1900-01-01) or the future (9999) is a slip,
refused in the same words wherever it is typed: the hub's launch form,
``provision_site``, ``launch_site --on``, the site's launch page and the hub
admin. The bounds move with today: 40 years back (the demo's 2006 portals),
two years ahead."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tenants.launch_dates import launch_date_problem, launch_date_range
from tenants.models import Site
from tenants.services.launch import LaunchError, launch
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SpecError
from tests.tenants.test_provisioning import korea_spec, snapshot
from tests.web.test_hub_launch import HUB, form, official  # noqa: F401 (a fixture)

# A day of its own, so that the words the tests expect are fixed; the rule
# is relative to it.
TODAY = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
FIRST, LAST = datetime.date(1986, 12, 1), datetime.date(2028, 12, 1)


def test_the_bounds_move_with_today():
    assert launch_date_range(datetime.date(2026, 12, 1)) == (FIRST, LAST)
    # 29 February has no day in most years: the 28th stands in.
    assert launch_date_range(datetime.date(2028, 2, 29)) == (
        datetime.date(1988, 2, 29),
        datetime.date(2030, 2, 28),
    )
    with time_machine.travel(TODAY + datetime.timedelta(days=3650), tick=False):
        assert launch_date_range() == (datetime.date(1996, 11, 28), datetime.date(2038, 11, 28))


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (datetime.date(1900, 1, 1), True),
        (FIRST - datetime.timedelta(days=1), True),
        (FIRST, False),
        (datetime.date(2006, 11, 16), False),  # the demo's China–Vietnam portal
        (LAST, False),
        (LAST + datetime.timedelta(days=1), True),
        (datetime.date(9999, 12, 31), True),
        (None, False),
    ],
)
def test_a_launch_date_is_checked_against_today(day, refused):
    with time_machine.travel(TODAY, tick=False), translation.override("en"):
        problem = launch_date_problem(day)
    if refused:
        assert problem == "Choose a launch date between December 1, 1986 and December 1, 2028."
    else:
        assert problem == ""


def test_the_reason_is_given_in_the_readers_language():
    with time_machine.travel(TODAY, tick=False), translation.override("pt"):
        problem = launch_date_problem(datetime.date(1900, 1, 1))
    assert problem == (
        "Escolha uma data de lançamento entre 1 de dezembro de 1986 e 1 de dezembro de 2028."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["1900-01-01", "9999-12-31"])
def test_provisioning_refuses_it_and_writes_nothing(day):
    before = snapshot()
    with time_machine.travel(TODAY, tick=False):
        with pytest.raises(SpecError, match="between December 1, 1986 and December 1, 2028"):
            plan(korea_spec(launched_on=day))
        with pytest.raises(SpecError, match="between December 1, 1986 and December 1, 2028"):
            provision(korea_spec(launched_on=day))
    assert snapshot() == before


@pytest.mark.django_db
def test_provision_site_exits_with_one_line():
    before = snapshot()
    with time_machine.travel(TODAY, tick=False), pytest.raises(CommandError) as refused:
        call_command(
            "provision_site", "--code", "cn-kr", "--countries", "CN,KR", "--languages", "ko,en",
            "--domain", "cn-kr.localhost", "--launched-on", "1900-01-01", stdout=StringIO(),
        )  # fmt: skip
    assert str(refused.value) == (
        "Choose a launch date between December 1, 1986 and December 1, 2028."
    )
    assert snapshot() == before


@pytest.mark.django_db
def test_launch_site_on_a_far_date_is_refused_and_changes_nothing():
    site = provision(korea_spec()).site
    with time_machine.travel(TODAY, tick=False):
        with pytest.raises(CommandError, match="between December 1, 1986 and December 1, 2028"):
            call_command("launch_site", "cn-kr", "--on", "9999-01-01", "--force", stdout=StringIO())
        with pytest.raises(LaunchError):
            launch(site, on=datetime.date(2029, 1, 1), force=True)
        # The last day allowed is a plan like any other.
        assert launch(site, on=LAST, force=True) == "scheduled"
    site.refresh_from_db()
    assert site.launched_on == LAST and site.is_draft


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["1900-01-01", "9999-12-31"])
@pytest.mark.usefixtures("official")
def test_the_hub_form_says_so_beside_the_date_in_the_officials_language(client, day):
    before = snapshot()
    with time_machine.travel(TODAY, tick=False):
        response = client.post(
            "/pt/sites/launch/", {**form(launched_on=day), "confirm": "1"}, **HUB
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Escolha uma data de lançamento entre 1 de dezembro de 1986 e 1 de dezembro de 2028."
        in page
    )
    # Beside the field (its error list follows the date input), kept as typed.
    assert page.index('name="launched_on"') < page.index("Escolha uma data de lançamento")
    assert f'value="{day}"' in page
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.usefixtures("official")
def test_the_hub_forms_date_picker_offers_the_same_days(client):
    with time_machine.travel(TODAY, tick=False):
        page = client.get("/pt/sites/launch/", **HUB).content.decode()
    assert 'min="1986-12-01"' in page and 'max="2028-12-01"' in page


@pytest.mark.django_db
def test_the_sites_launch_page_refuses_a_date_years_ahead(client, in_site):
    site = provision(korea_spec()).site
    with in_site(site):
        client.force_login(get_user_model().objects.get(is_superuser=True))
    with time_machine.travel(TODAY, tick=False):
        response = client.post(
            "/ko/editor/launch/",
            {"launch_on": "9999-12-31", "confirm_unfinished": "1"},
            HTTP_HOST="cn-kr.localhost",
        )
    assert response.status_code == 400
    assert "2028년 12월 1일" in response.content.decode()
    assert Site.objects.get(code="cn-kr").launched_on is None


@pytest.mark.django_db
def test_the_hub_admin_refuses_it_too():
    site = provision(korea_spec()).site
    site.launched_on = datetime.date(1900, 1, 1)
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert "launched_on" in refused.value.message_dict


# --- Today, in the site's time zone, is a launch date (issue 16, s10) --------


def _first_step(spec, language: str = "en") -> str:
    with translation.override(language):
        return plan(spec)[0]


@pytest.mark.django_db
def test_todays_date_launches_at_once_and_is_not_said_to_have_passed():
    with time_machine.travel(TODAY, tick=False):  # 18:00 in Seoul, the same day
        today = datetime.date(2026, 12, 1)
        assert launch_date_problem(today) == ""
        step = _first_step(korea_spec(launched_on=today.isoformat()))
        yesterday = _first_step(korea_spec(launched_on="2026-11-30"))

    assert "passed" not in step
    assert "launched at once: its launch date is today in its time zone (Asia/Seoul)" in step
    assert "launched at once (its launch date has passed)" in yesterday


@pytest.mark.django_db
def test_near_midnight_today_is_the_sites_day_not_the_hubs():
    # 20:30 UTC on 1 December is 05:30 on 2 December in Seoul.
    with time_machine.travel(
        datetime.datetime(2026, 12, 1, 20, 30, tzinfo=datetime.UTC), tick=False
    ):
        seoul_today = _first_step(korea_spec(launched_on="2026-12-02"))
        hub_today = _first_step(korea_spec(launched_on="2026-12-01"))
        seoul_vi = _first_step(
            korea_spec(languages="ko,vi", names={}, launched_on="2026-12-02"), "vi"
        )
    # 02:30 UTC on 1 December is 23:30 on 30 November in Santiago de Chile
    # (UTC−3): the hub's today is the site's tomorrow, a draft until then.
    with time_machine.travel(
        datetime.datetime(2026, 12, 1, 2, 30, tzinfo=datetime.UTC), tick=False
    ):
        chile = _first_step(
            korea_spec(
                code="cn-cl", countries="CN,CL", languages="es,zh-hans", time_zone="America/Santiago",
                currency="CLP", domains=["cn-cl.localhost"], names={}, launched_on="2026-12-01",
            )
        )  # fmt: skip

    assert "its launch date is today in its time zone (Asia/Seoul)" in seoul_today
    assert "launched at once (its launch date has passed)" in hub_today
    assert "a draft until 2026-12-01" in chile
    assert "hôm nay là ngày ra mắt" in seoul_vi and "đã qua" not in seoul_vi


@pytest.mark.django_db
def test_the_plan_names_the_mail_language_in_the_sentence_in_vietnamese():
    spec = korea_spec(languages="ko,vi", names={}, admin_language="vi")
    with translation.override("vi"):
        steps = plan(spec)
    mail = next(step for step in steps if "gửi email bằng" in step)

    assert "gửi email bằng tiếng Việt" in mail, mail
