"""A site's administrators set their site up and launch it from its workspace."""

import re

import pytest
from django.contrib.auth import get_user_model

from tenants.models import Site
from tenants.services.provisioning import provision
from tests.factories.accounts import make_staff
from tests.factories.files import fake, png
from tests.tenants.test_provisioning import korea_spec

HOST = {"HTTP_HOST": "cn-kr.localhost"}


@pytest.fixture
def korea_admin(client, in_site):
    """A new China–Korea draft, and its administrator signed in."""
    site = provision(korea_spec(languages="ko,zh-hans,en")).site
    with in_site(site):
        client.force_login(get_user_model().objects.get(is_superuser=True))
    return site


def settings_post(**overrides) -> dict:
    data = {
        "name__ko": "한중 경제무역 협력",
        "name__zh-hans": "中韩经贸合作",
        "name__en": "China–Korea Economic and Trade Cooperation",
        "tagline__ko": "정책, 무역 기회, 기업 협력",
        "tagline__zh-hans": "政策、商机、企业合作",
        "tagline__en": "Policies, trade leads and partners",
        "contact_details__ko": "서울특별시 종로구 1",
        "contact_details__zh-hans": "首尔市钟路区1号",
        "contact_details__en": "1 Jongno-gu, Seoul",
        "contact_email": "contact@cn-kr.example.org",
        "primary_color": "#003478",
        "accent_color": "#c60c30",
        "response_days": "7",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_checklist_fills_as_the_settings_are_saved(client, korea_admin):
    page = client.get("/ko/editor/launch/", **HOST).content.decode()
    assert page.count("checklist__item--done") == 0
    assert "사이트의 모든 언어로 된 표어" in page

    response = client.post(
        "/ko/editor/site/", {**settings_post(), "logo": png("seoul.png")}, **HOST
    )

    assert response.status_code == 302
    site = Site.objects.get(code="cn-kr")
    assert site.tagline_zh_hans == "政策、商机、企业合作" and site.contact_details_en
    assert site.logo.name.startswith("logos/cn-kr-") and site.logo.name.endswith(".png")
    assert site.response_days == 7 and site.primary_color == "#003478"
    page = client.get("/ko/editor/launch/", **HOST).content.decode()
    assert page.count("checklist__item--done") == 3  # tagline, contact, logo
    footer = client.get("/en/", **HOST).content.decode()
    assert "1 Jongno-gu, Seoul" in footer


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("primary_color", "red", "#rrggbb"),
        ("contact_email", "nobody", "이메일"),
        ("name__ko", "", "필수"),
        ("tagline__en", "x" * 301, "300"),
        ("tagline__ko", "a\x00b", "form__error"),
    ],
)
def test_bad_settings_come_back_in_the_admins_language(client, korea_admin, field, value, message):
    response = client.post("/ko/editor/site/", settings_post(**{field: value}), **HOST)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Site.objects.get(code="cn-kr").tagline_ko == ""


@pytest.mark.django_db
def test_a_logo_that_is_not_an_image_is_refused(client, korea_admin):
    response = client.post(
        "/ko/editor/site/",
        {**settings_post(), "logo": fake("logo.png", b"<svg onload=alert(1)>", "image/png")},
        **HOST,
    )

    assert response.status_code == 400
    assert not Site.objects.get(code="cn-kr").logo


@pytest.mark.django_db
def test_the_admin_launches_the_site_now_or_on_a_date(client, korea_admin):
    import datetime

    from tenants.services.launch import local_today

    today = local_today(korea_admin)
    past = client.post(
        "/ko/editor/launch/",
        {"launch_on": (today - datetime.timedelta(days=1)).isoformat()},
        **HOST,
    )
    assert past.status_code == 400 and "오늘이나 그 이후 날짜" in past.content.decode()

    later = today + datetime.timedelta(days=5)
    client.post(
        "/ko/editor/launch/", {"launch_on": later.isoformat(), "confirm_unfinished": "1"}, **HOST
    )
    assert Site.objects.get(code="cn-kr").launched_on == later

    response = client.post(
        "/ko/editor/launch/", {"launch_on": "", "confirm_unfinished": "1"}, **HOST, follow=True
    )
    site = Site.objects.get(code="cn-kr")
    assert site.status == Site.Status.ACTIVE and site.launched_on == today
    assert "사이트가 출시되었습니다" in response.content.decode()
    client.logout()
    assert client.get("/ko/", **HOST).status_code == 200


@pytest.mark.django_db
def test_editors_may_not_change_or_launch_the_site(client, korea_admin, in_site):
    with in_site(korea_admin):
        client.force_login(make_staff("editor"))

    assert client.get("/ko/editor/site/", **HOST).status_code == 403
    assert client.post("/ko/editor/launch/", {}, **HOST).status_code == 403
    assert Site.objects.get(code="cn-kr").is_draft


@pytest.mark.django_db
def test_another_sites_admin_cannot_reach_these_pages(client, site_vn, in_site):
    """Accounts belong to one site: a China–Vietnam session means nothing on China–Korea."""
    provision(korea_spec())
    with in_site(site_vn):
        client.force_login(get_user_model().objects.filter(is_superuser=True).first())

    response = client.get("/ko/editor/site/", **HOST)

    # Not signed in here: the draft's closed page, with the way to sign in.
    page = response.content.decode()
    assert response.status_code == 403 and "이 사이트는 아직 열리지 않았습니다" in page
    assert "/ko/account/login/?next=/ko/editor/site/" in page and "contact_details" not in page


@pytest.mark.django_db
def test_the_admin_is_the_sites_own(client, korea_admin):
    client.logout()
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ko", **HOST).content.decode()
    assert "Django" not in login
    assert "한중 경제무역 협력" in login or "중국–대한민국" in login
    assert '<label for="id_username" class="required">이메일:</label>' in login
    assert 'type="email"' in login

    from django_tenants.utils import schema_context

    with schema_context(korea_admin.schema_name):
        client.force_login(get_user_model().objects.get(is_superuser=True))
    home = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ko", **HOST).content.decode()
    assert "사이트를 열기 전에" in home  # the launch checklist
    assert re.search(r'href="/branding/[0-9a-f]{12}/admin.css"', home)
    css = client.get("/branding/admin.css", **HOST).content.decode()
    assert "--header-bg: #9f1d20;" in css


@pytest.mark.django_db
def test_the_hubs_admin_keeps_its_own_sign_in(client):
    """Django's login view puts its own "site" in the context: the hub's admin
    must not take it for a country-pair site."""
    page = client.get("/admin/login/", HTTP_HOST="localhost")

    text = page.content.decode()
    assert page.status_code == 200 and "/branding/logo" not in text
    # Its colours are the hub's own (tests/tenants/test_branding.py).
    assert re.search(r'href="/branding/[0-9a-f]{12}/admin.css"', text)


@pytest.mark.django_db
def test_the_checklist_asks_for_the_about_and_privacy_pages_in_every_language(
    client, korea_admin, in_site, django_assert_max_num_queries
):
    """Until a site writes its own about and privacy pages, readers get the
    portal's default text (English for Korean, which has none): the
    checklist named neither page."""
    from cooperation.models import SitePage

    def items() -> dict[str, tuple[bool, str]]:
        import re

        page = client.get("/ko/editor/launch/", **HOST).content.decode()
        found = re.findall(
            r'<li class="checklist__item( checklist__item--done)?">.*?<a href="([^"]+)">([^<]+)</a>',
            page,
            re.S,
        )
        return {label: (bool(done), href) for done, href, label in found}

    first = items()
    assert first["사이트의 모든 언어로 된 소개 페이지"] == (
        False, "/admin/cooperation/sitepage/add/?kind=about",
    )  # fmt: skip
    assert first["사이트의 모든 언어로 된 개인정보 보호 페이지"] == (
        False, "/admin/cooperation/sitepage/add/?kind=privacy",
    )  # fmt: skip
    # The add form opens with its kind chosen.
    add = client.get("/admin/cooperation/sitepage/add/?kind=about", **HOST).content.decode()
    assert '<option value="about" selected>' in add

    with in_site(korea_admin):
        about = SitePage.objects.create(kind="about", body_ko="<p>소개</p>", body_en="<p>About</p>")
    half = items()["사이트의 모든 언어로 된 소개 페이지"]
    assert half == (False, f"/admin/cooperation/sitepage/{about.pk}/change/")  # zh-hans missing

    with in_site(korea_admin):
        about.body_zh_hans = "<p>关于</p>"
        about.save()
    assert items()["사이트의 모든 언어로 된 소개 페이지"][0] is True
    assert items()["사이트의 모든 언어로 된 개인정보 보호 페이지"][0] is False
    with django_assert_max_num_queries(30):
        client.get("/ko/editor/launch/", **HOST)


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["", "in five days"])
def test_launching_with_the_checklist_unfinished_asks_first_naming_what_is_open(
    client, korea_admin, when
):
    import datetime

    from tenants.services.launch import local_today

    page = client.get("/ko/editor/launch/", **HOST).content.decode()
    # Said before anyone presses the button.
    assert "체크리스트를 다 채우지 않아도 사이트를 열 수 있지만, 먼저 확인을 요청합니다." in page
    client.post("/ko/editor/site/", {**settings_post(), "logo": png("seoul.png")}, **HOST)
    date = (local_today(korea_admin) + datetime.timedelta(days=5)).isoformat() if when else ""

    asked = client.post("/ko/editor/launch/", {"launch_on": date}, **HOST)

    page = asked.content.decode()
    assert asked.status_code == 200
    assert (
        Site.objects.get(code="cn-kr").is_draft and not Site.objects.get(code="cn-kr").launched_on
    )
    assert "출시 체크리스트가 끝나지 않았습니다. 남은 항목:" in page
    question = page[page.index('class="launch-confirm') :]
    for open_item in ("사이트의 모든 언어로 된 소개 페이지", "번역자 한 명 이상"):
        assert open_item in question
    for done_item in ("사이트 로고",):
        assert done_item not in question
    assert 'name="confirm_unfinished" value="1"' in question
    assert f'name="launch_on" value="{date}"' in question  # the date chosen, asked about
    assert "그래도 출시" in question

    client.post(
        "/ko/editor/launch/", {"launch_on": date, "confirm_unfinished": "1"}, **HOST, follow=True
    )
    site = Site.objects.get(code="cn-kr")
    assert (site.launched_on.isoformat() == date) if date else site.status == Site.Status.ACTIVE
