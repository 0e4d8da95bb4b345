"""The hub's staff launch a site from the browser, as provision_site would."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_tenants.utils import schema_context

from tenants.models import Site
from tenants.services.provisioning import provision
from tests.tenants.test_provisioning import korea_spec

HUB = {"HTTP_HOST": "localhost"}


@pytest.fixture
def official(client):
    user = get_user_model().objects.create_user(
        "official@hub.example", "official@hub.example", "x-long-password-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_site"))
    client.force_login(user)
    return user


def form(**overrides) -> dict:
    data = {
        "code": "cn-kr2", "country_a": "CN", "country_b": "KR", "default_language": "ko",
        "other_languages": ["zh-hans", "en"], "domain": "cn-kr2.localhost",
        "time_zone": "Asia/Seoul", "currency": "KRW", "name": "",
        "admin_email": "Admin@cn-kr2.example.org", "contact_email": "", "launched_on": "",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_preview_then_confirm_creates_a_draft_and_invites_its_administrator(
    client, official, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_URL_PORT = "8443"
    preview = client.post("/en/sites/launch/", {**form(), "preview": "1"}, **HUB)

    page = preview.content.decode()
    assert preview.status_code == 200
    assert (
        "Create site cn-kr2 (China–South Korea (CN–KR)) in schema site_cn_kr2, "
        "a draft until it is launched" in page
    )
    assert (
        "Offer Korean (ko), Chinese (zh-hans), English (en); "
        "time zone South Korea — Seoul (Asia/Seoul); currency South Korean Won (KRW)" in page
    )
    assert not Site.objects.filter(code="cn-kr2").exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/en/sites/launch/", {**form(), "confirm": "1"}, **HUB)

    assert done.status_code == 302 and done["Location"] == "/en/sites/launch/cn-kr2/"
    site = Site.objects.get(code="cn-kr2")
    assert site.is_draft and site.languages == ["ko", "zh-hans", "en"]
    (invitation,) = mailoutbox
    assert invitation.to == ["admin@cn-kr2.example.org"]
    assert "http://cn-kr2.localhost:8443/ko/account/password/" in invitation.body
    assert "http://cn-kr2.localhost:8443/ko/editor/launch/" in invitation.body
    assert (
        "출시" in invitation.body
    )  # in the site's language: the hub spoke English, the site doesn't
    result = client.get(done["Location"], **HUB).content.decode()
    assert "http://cn-kr2.localhost:8443/" in result and "admin@cn-kr2.example.org" in result


@pytest.mark.django_db
def test_a_second_site_for_a_pair_needs_the_box_ticked(client, official):
    provision(korea_spec())

    refused = client.post("/zh-hans/sites/launch/", {**form(), "preview": "1"}, **HUB)

    assert refused.status_code == 400
    assert "已有网站：cn-kr (cn-kr.localhost)" in refused.content.decode()
    allowed = client.post(
        "/zh-hans/sites/launch/", {**form(), "same_countries": "on", "confirm": "1"}, **HUB
    )
    assert allowed.status_code == 302 and Site.objects.filter(code="cn-kr2").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "cn_kr"}, "lower-case letters, digits and hyphens"),
        ({"code": "cn-vn"}, "A site with the code cn-vn exists already."),
        ({"code": "template"}, "A site with the code template exists already."),
        # Beside the field, as a sentence (the commands print it as a clause).
        (
            {"domain": "cn-vn.localhost"},
            "Domain &#x27;cn-vn.localhost&#x27; is already used by site cn-vn.",
        ),
        ({"domain": "no such host"}, "not a valid host name"),
        ({"country_b": "CN"}, "The two countries of a site must differ."),
        ({"country_b": "XX"}, "Select a valid choice"),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice"),
        ({"other_languages": ["xx"]}, "Select a valid choice"),
        ({"admin_email": "nobody"}, "Enter a valid email address"),
        # A valid address, longer than an account's name holds.
        ({"admin_email": "a" * 160 + "@example.org"}, "at most 150 characters"),
        ({"code": "cn\x00kr"}, "Null characters are not allowed"),
        ({"name": "x" * 201}, "at most 200 characters"),
        # China–Indonesia's Chinese name, as the new site's default-language name.
        ({"name": "中国印尼经贸合作网"}, "is already used by site cn-id"),
    ],
)
def test_bad_requests_come_back_readable_and_create_nothing(client, official, overrides, message):
    before = Site.objects.count()

    response = client.post("/en/sites/launch/", {**form(**overrides), "confirm": "1"}, **HUB)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Site.objects.count() == before


@pytest.mark.django_db
def test_only_the_hubs_staff_with_the_permission_launch_sites(client, site_vn):
    assert client.get("/en/sites/launch/", **HUB)["Location"].startswith("/admin/login/")
    plain = get_user_model().objects.create_user("plain@hub.example", is_staff=True)
    client.force_login(plain)
    assert client.get("/en/sites/launch/", **HUB).status_code == 403
    assert client.post("/en/sites/launch/", {**form(), "confirm": "1"}, **HUB).status_code == 403
    # A site's own administrator has no such page on the site.
    with schema_context(site_vn.schema_name):
        admin = get_user_model().objects.filter(is_superuser=True).first()
        client.force_login(admin)
    assert client.get("/en/sites/launch/", HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
def test_the_hub_admins_add_site_opens_the_launch_form(client, official):
    """Adding a Site row in the admin would skip the spec's checks, the schema
    and the administrator: the admin sends people to the form instead."""
    official.user_permissions.add(Permission.objects.get(codename="view_site"))

    response = client.get("/admin/tenants/site/add/", **HUB)

    assert response.status_code == 302 and response["Location"] == "/en/sites/launch/"
    before = Site.objects.count()
    client.post("/admin/tenants/site/add/", {"code": "cn-kr9", "schema_name": "x"}, **HUB)
    assert Site.objects.count() == before


@pytest.mark.django_db
def test_the_hub_admin_signs_people_in_by_e_mail(client, official):
    client.logout()

    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr", **HUB).content.decode()

    assert '<label for="id_username" class="required">E-mail' in login
    assert 'inputmode="email"' in login and "Nom d’utilisateur" not in login
    signed_in = client.post(
        "/admin/login/?next=/en/sites/launch/",
        {"username": " Official@Hub.example ", "password": "x-long-password-1"},
        **HUB,
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/en/sites/launch/"


@pytest.mark.django_db
def test_nothing_is_chosen_for_the_official_before_they_choose(client, official):
    """The form opened on Afghanistan twice, Africa/Abidjan and the Andorran
    peseta (the first of each list): a hurried official launched that."""
    import re

    page = client.get("/id/sites/launch/", **HUB).content.decode()
    for name in ("country_a", "country_b", "time_zone", "currency"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        first = re.search(r"<option[^>]*>", select).group(0)
        assert 'value=""' in first and "selected" in first, (name, first)

    left = client.post(
        "/id/sites/launch/",
        {**form(country_a="", time_zone="", currency=""), "preview": "1"},
        **HUB,
    )
    assert left.status_code == 400  # the form again, with what is missing
    assert set(left.context["form"].errors) >= {"country_a", "time_zone", "currency"}
    assert not Site.objects.filter(code="cn-kr2").exists()


def _options(page: str, name: str) -> list:
    """``[(value, label) or (group, [(value, label), …])]`` of a select."""
    import html
    import re

    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    found = []
    parts = re.split(r'(<optgroup label="[^"]*">|</optgroup>)', select)
    current = None
    for part in parts:
        opened = re.match(r'<optgroup label="([^"]*)">', part)
        if opened:
            current = (html.unescape(opened.group(1)), [])
            found.append(current)
            continue
        if part == "</optgroup>":
            current = None
            continue
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', part):
            item = (html.unescape(value), html.unescape(label))
            (current[1] if current else found).append(item)
    return found


@pytest.mark.django_db
def test_zones_and_currencies_are_places_and_money_in_use_named_for_the_official(client, official):
    """~600 raw zone names with aliases (US/Pacific, Etc/GMT+5) and ~300
    currencies with test and historic codes (XTS, XXX, DEM) were offered."""
    page = client.get("/vi/sites/launch/", **HUB).content.decode()

    zones = [value for value, _label in _options(page, "time_zone")]
    currencies = dict(_options(page, "currency"))
    assert 400 < len(zones) < 460
    for alias in ("US/Pacific", "Etc/GMT+5", "Asia/Saigon", "EST5EDT", "Factory"):
        assert alias not in zones
    assert ("Asia/Ho_Chi_Minh", "Việt Nam — TP Hồ Chí Minh (Asia/Ho_Chi_Minh)") in _options(
        page, "time_zone"
    )
    for gone in ("XTS", "XXX", "DEM", "XDR"):
        assert gone not in currencies
    assert currencies["VND"] == "Đồng Việt Nam (VND)" and len(currencies) < 170

    # Sent back for a change, the pair's zones and currencies come first.
    back = client.post("/vi/sites/launch/", {**form(), "edit": "1"}, **HUB).content.decode()
    zone_options = _options(back, "time_zone")
    assert [value for value, _label in zone_options[1:4]] == [
        "Asia/Shanghai", "Asia/Urumqi", "Asia/Seoul",
    ]  # fmt: skip
    assert _options(back, "currency")[1:3] == [
        ("CNY", "Nhân dân tệ (CNY)"), ("KRW", "Won Hàn Quốc (KRW)"),
    ]  # fmt: skip
    assert '<option value="Asia/Seoul" selected data-countries="KR">' in back


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"time_zone": "US/Pacific"}, "US/Pacific không phải là một trong các lựa chọn"),
        ({"currency": "XTS"}, "XTS không phải là một trong các lựa chọn"),
    ],
)
def test_what_the_form_does_not_offer_is_refused(client, official, overrides, message):
    response = client.post("/vi/sites/launch/", {**form(**overrides), "preview": "1"}, **HUB)

    assert response.status_code == 400 and message in response.content.decode()


@pytest.mark.django_db
def test_the_preview_names_countries_languages_zone_and_currency_in_the_officials_language(
    client, official
):
    page = client.post("/ko/sites/launch/", {**form(), "preview": "1"}, **HUB).content.decode()

    assert "중국–대한민국 (CN–KR)" in page
    assert "한국어 (ko), 중국어 (zh-hans), 영어 (en)" in page
    assert "대한민국 — 서울 (Asia/Seoul)" in page
    assert "대한민국 원 (KRW)" in page
    assert "cn-kr2.localhost 추가" in page or "도메인 cn-kr2.localhost 추가" in page
    assert page.count("cn-kr2.localhost</") + page.count("cn-kr2.localhost<") <= 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("cn-vn.localhost", "đã được trang cn-vn dùng"),
        ("no such host", "không phải tên máy chủ hợp lệ"),
        ("cn-kr2.example.com", "nằm ngoài ALLOWED_HOSTS"),
        ("localhost", "tên miền công khai của cổng chung"),
    ],
)
@pytest.mark.parametrize("button", ["preview", "confirm"])
def test_a_domain_error_is_shown_once_beside_the_field_in_the_officials_language(
    client, official, domain, message, button
):
    response = client.post("/vi/sites/launch/", {**form(domain=domain), button: "1"}, **HUB)

    page = response.content.decode()
    assert response.status_code == 400
    assert page.count(message) == 1
    assert (
        response.context["form"].errors["domain"]
        and not response.context["form"].non_field_errors()
    )
    assert not Site.objects.filter(code="cn-kr2").exists()


@pytest.mark.django_db
def test_created_is_said_only_to_the_official_who_launched_the_site(client, official, site_vn):
    """/vi/sites/launch/cn-vn/ said "Site cn-vn is created" of a site
    launched years ago, to anyone holding the permission."""
    assert client.get("/vi/sites/launch/cn-vn/", **HUB).status_code == 404
    assert client.get("/vi/sites/launch/no-such/", **HUB).status_code == 404

    done = client.post("/en/sites/launch/", {**form(), "confirm": "1"}, **HUB)
    assert client.get(done["Location"], **HUB).status_code == 200

    colleague = get_user_model().objects.create_user(
        "colleague@hub.example", "colleague@hub.example", is_staff=True
    )
    colleague.user_permissions.add(Permission.objects.get(codename="add_site"))
    client.force_login(colleague)
    assert client.get(done["Location"], **HUB).status_code == 404
    # Signed out and in again, the launcher's new session knows nothing of it either.
    client.force_login(official)
    assert client.get(done["Location"], **HUB).status_code == 404


@pytest.mark.django_db
def test_a_name_too_long_is_refused_in_the_officials_language_and_kept_as_typed(client, official):
    """A 400-character name was cut to 200 without a word: the browser
    stopped at the field's maxlength, and the form never saw the rest."""
    typed = "한중경제무역협력포털" * 40  # 400 characters
    page = client.get("/ko/sites/launch/", **HUB).content.decode()
    assert "maxlength" not in page  # no field is cut short by the browser
    assert "최대 200자" in page  # the limit, said before typing

    response = client.post("/ko/sites/launch/", {**form(name=typed), "preview": "1"}, **HUB)

    page = response.content.decode()
    assert response.status_code == 400
    assert "이름은 최대 200자까지 쓸 수 있습니다. 지금은 400자입니다." in page
    assert f'value="{typed}"' in page  # kept, to be shortened where the official chooses
    assert not Site.objects.filter(code="cn-kr2").exists()


@pytest.mark.django_db
def test_the_preview_shows_the_name_typed_and_the_names_composed_for_the_other_languages(
    client, official
):
    typed = "한중 무역 협력 포털 <시범>"
    page = client.post(
        "/ko/sites/launch/", {**form(name=typed), "preview": "1"}, **HUB
    ).content.decode()

    assert "한국어 이름: 한중 무역 협력 포털 &lt;시범&gt;" in page
    # The other languages' names, made from the countries' names, said so.
    assert "중국어 이름: 中国–韩国经贸合作 (두 나라 이름으로 만듦)" in page
    assert (
        "영어 이름: China–South Korea Economic and Trade Cooperation (두 나라 이름으로 만듦)"
        in page
    )
    # Sent back with the confirmation exactly as typed.
    assert f'name="name" value="{typed.replace("<", "&lt;").replace(">", "&gt;")}"' in page


@pytest.mark.django_db
def test_a_launch_date_is_said_to_open_the_site_whatever_its_checklist(client, official):
    import datetime

    day = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    page = client.get("/ko/sites/launch/", **HUB).content.decode()
    assert "출시 체크리스트를 다 채우지 않았어도 그날 저절로 열립니다." in page

    preview = client.post(
        "/ko/sites/launch/", {**form(launched_on=day), "preview": "1"}, **HUB
    ).content.decode()

    assert f"출시 체크리스트 완료 여부와 관계없이 {day}에 엽니다" in preview


@pytest.mark.django_db
def test_the_default_language_is_not_offered_again_among_the_other_languages(client, official):
    # Ticked there as well, on the first screen, it is simply the default.
    sent = form(other_languages=["ko", "zh-hans", "en"])
    page = client.post("/en/sites/launch/", {**sent, "preview": "1"}, **HUB).content.decode()

    assert "Offer Korean (ko), Chinese (zh-hans), English (en);" in page
    assert 'name="other_languages" value="zh-hans"' in page
    assert 'name="other_languages" value="ko"' not in page
