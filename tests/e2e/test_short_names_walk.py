"""A second China–Korea site, walked in Portuguese on a phone and a desktop:
the official launching it from the hub gives it a short name and its
administrator's e-mail language, and is told in Portuguese that 1900 is no
launch date; the coordinator then sees the two Korean sites apart in the
calendar's filter and month grid."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from languages.formatting import format_date
from tenants.hub import hub_site
from tenants.launch_dates import launch_date_range
from tenants.models import Site
from tenants.services.provisioning import provision
from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, drop_sites, fill_launch_form, sign_in
from tests.e2e.test_launch_form_walk import _fits
from tests.e2e.test_officials import hub_official
from tests.factories.events import make_event
from tests.tenants.test_provisioning import korea_spec

_ = hub_official  # a fixture, used by name below

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [390, 1280])
def test_a_portuguese_official_launches_a_second_korean_site(
    browser, live_port, korea_site, hub_official, width, django_db_blocker
):
    hub = f"http://localhost:{live_port}"
    mail.outbox.clear()
    context = browser.new_context(locale="pt-PT", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, f"{hub}/admin/login/?next=/pt/sites/launch/", "official@hub.example")
        expect(page.get_by_role("heading", level=1)).to_have_text("Lançar um site")
        # Offered by name, the site's default first; the official picks English.
        admin_language = page.locator("#id_admin_language")
        expect(admin_language.locator("option:checked")).to_have_text("O idioma padrão do site")
        fill_launch_form(
            page, code="cn-kr2", countries=("CN", "KR"), default_language="ko",
            other_languages=("en",), time_zone="Asia/Seoul", currency="KRW", short_name="부산",
            admin_language="en", launched_on="1900-01-01",
        )  # fmt: skip
        page.get_by_label("É outro site para um par de países que já tem um").check()
        page.get_by_role("button", name="Ver o que será feito").click()

        # Today as the hub's form reads it, in the hub's zone: this thread's
        # active zone is whatever an earlier test left (from 15:00 UTC on,
        # Seoul's today is already tomorrow).
        with timezone.override(hub_site().time_zone):
            first, last = launch_date_range()
        said = (
            f"Escolha uma data de lançamento entre {format_date(first, 'pt')} "
            f"e {format_date(last, 'pt')}."
        )
        beside = page.locator(".form__row").filter(has=page.locator("#id_launched_on"))
        expect(beside.locator(".form__error")).to_have_text(said)
        expect(page.locator("#id_launched_on")).to_have_value("1900-01-01")
        _fits(page)
        page.screenshot(
            path=ARTIFACTS / f"launch-short-name-refused-pt-{width}.png", full_page=True
        )

        page.locator("#id_launched_on").fill("")
        # Sent back with the site's languages known: a short name field for
        # English beside the Korean one (the default's).
        expect(page.locator("label[for=id_short_name]")).to_contain_text(
            "Nome abreviado em coreano"
        )
        expect(page.locator("label[for=id_short_name_en]")).to_contain_text(
            "Nome abreviado em inglês"
        )
        page.locator("#id_short_name_en").fill("Busan")
        page.get_by_role("button", name="Ver o que será feito").click()
        plan = page.locator("ol.plan")
        expect(plan).to_contain_text(
            "Nome abreviado onde há pouco espaço, como no calendário de coordenação: "
            "부산 (ko), Busan (en)"
        )
        expect(plan).to_contain_text(
            "Criar a conta do administrador do site (admin@cn-kr2.example.org), "
            "com e-mails em inglês"
        )
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-short-name-plan-pt-{width}.png", full_page=True)
        page.get_by_role("button", name="Criar o site").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("O site cn-kr2 foi criado")

        with django_db_blocker.unblock():
            site = Site.objects.get(code="cn-kr2")
            assert (site.short_name_ko, site.short_name_en) == ("부산", "Busan")
        link = re.search(r"http://\S+/account/password/\S+/", mail.outbox[-1].body).group(0)
        assert link.startswith(f"http://cn-kr2.localhost:{live_port}/en/")
    finally:
        context.close()


@pytest.fixture
def korean_clash(korea_site, django_db_blocker):
    """cn-kr2 beside cn-kr, each with an event by the same organiser on the
    same day; a coordinator of the hub."""
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=12)
    with django_db_blocker.unblock():
        second = provision(
            korea_spec(
                code="cn-kr2",
                languages="ko,en",
                domains=["cn-kr2.localhost"],
                same_countries=True,
                launched_on="2024-03-01",
            )
        ).site
        for site, title in ((korea_site, "Semana do comércio de Seul"), (second, "Feira de Busan")):
            with schema_context(site.schema_name):
                make_event(
                    slug="semana", starts=starts, titles={"pt": title, "en": title},
                    organisers=["KOTRA"],
                )  # fmt: skip
        user = get_user_model().objects.create_user(
            "twins@hub.example", "twins@hub.example", E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    yield starts
    with django_db_blocker.unblock():
        user.delete()
        drop_sites("cn-kr2")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_coordinator_tells_the_two_korean_sites_apart(page_in, live_port, korean_clash, width):
    hub = f"http://localhost:{live_port}"
    page = page_in("pt-PT")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, f"{hub}/admin/login/", "twins@hub.example")
    page.goto(f"{hub}/pt/coordination/calendar/?month={korean_clash:%Y-%m}")
    filters = page.locator("label").filter(has=page.locator('input[name="site"]'))
    # The two Korean sites' events alone (the demo's fill the days otherwise).
    filters.filter(has=page.locator('[value="cn-kr"]')).locator("input").check()
    filters.filter(has=page.locator('[value="cn-kr2"]')).locator("input").check()
    page.get_by_role("button", name="Mostrar").click()

    expect(filters.filter(has=page.locator('[value="cn-kr"]'))).to_have_text("China–Coreia do Sul")
    expect(filters.filter(has=page.locator('[value="cn-kr2"]'))).to_have_text(
        "China–Coreia do Sul 2"
    )
    grid = page.locator(".month-grid")
    seoul = grid.locator(".month-grid__event").filter(has_text="Semana do comércio de Seul")
    busan = grid.locator(".month-grid__event").filter(has_text="Feira de Busan")
    expect(seoul.first.locator(".month-grid__site")).to_have_text(
        re.compile(r"^China–Coreia do Sul · \w+$")
    )
    expect(busan.first.locator(".month-grid__site")).to_have_text(
        re.compile(r"^China–Coreia do Sul 2 · \w+$")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=ARTIFACTS / f"calendar-korean-twins-pt-{width}.png", full_page=True)
