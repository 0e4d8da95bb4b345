import pytest

from tenants.services.inventory import set_status
from tests import cldr


@pytest.mark.django_db
def test_unknown_host_gets_branded_404_page(client, site_vn):
    response = client.get("/vi/", HTTP_HOST="nowhere.example")

    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no cooperation site at nowhere.example." in page
    assert "http://localhost/" in page  # link back to the hub
    assert site_vn.name_vi not in page


@pytest.mark.django_db
def test_unknown_host_page_speaks_the_visitors_language(client):
    response = client.get("/", HTTP_HOST="nowhere.example", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9")

    assert response.status_code == 404
    assert "Không có trang hợp tác nào tại nowhere.example." in response.content.decode()


@pytest.mark.django_db
def test_template_schema_is_never_served(client):
    from django.conf import settings

    from tenants.models import Domain, Site

    template = Site.objects.get(schema_name=settings.TEMPLATE_SCHEMA)
    Domain.objects.create(domain="template.localhost", tenant=template, is_primary=True)

    assert client.get("/en/", HTTP_HOST="template.localhost").status_code == 404


@pytest.mark.django_db
def test_hub_lists_active_sites_in_visitors_language(client, site_vn, site_id):
    response = client.get("/vi/", HTTP_HOST="localhost")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in page
    assert site_vn.name_vi in page  # names in Vietnamese where the site has them
    assert cldr.countries("CN", "VN", "vi") in page and cldr.countries("CN", "ID", "vi") in page
    assert "http://cn-vn.localhost/" in page and "http://cn-id.localhost/" in page
    assert "template" not in page.lower()


@pytest.mark.django_db
def test_hub_composes_a_name_where_a_site_has_none_in_the_visitors_language(
    client, site_vn, site_id
):
    page = client.get("/ru/", HTTP_HOST="localhost").content.decode()

    assert not site_vn.name_ru  # named in Chinese, Vietnamese and English only
    assert "Экономическое и торговое сотрудничество Китай–Вьетнам" in page
    assert "China–Vietnam" not in page


@pytest.mark.django_db
def test_hub_hides_archived_sites_and_the_site_says_it_is_archived(client, site_id):
    set_status("cn-id", "archived")

    hub = client.get("/en/", HTTP_HOST="localhost").content.decode()
    site_page = client.get("/en/", HTTP_HOST="cn-id.localhost").content.decode()

    assert "cn-id.localhost" not in hub
    assert "This site has been archived." in site_page


@pytest.mark.django_db
def test_hub_root_redirects_by_accept_language(client):
    response = client.get(
        "/", HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.5"
    )

    assert response.status_code == 302 and response["Location"] == "/ko/"


@pytest.mark.django_db
def test_site_logo_defaults_to_generated_monogram_in_site_colours(client, site_vn):
    response = client.get("/branding/logo.svg", HTTP_HOST="cn-vn.localhost")

    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert site_vn.primary_color in svg and "CN·VN" in svg


@pytest.mark.django_db
def test_sites_are_branded_distinctly(client, site_vn, site_id):
    vn = client.get("/branding/theme.css", HTTP_HOST="cn-vn.localhost").content.decode()
    id_ = client.get("/branding/theme.css", HTTP_HOST="cn-id.localhost").content.decode()

    assert f"--primary: {site_vn.primary_color}" in vn
    assert f"--primary: {site_id.primary_color}" in id_
    assert site_vn.primary_color != site_id.primary_color


@pytest.mark.django_db
def test_the_host_lookup_is_remembered_and_forgotten_when_a_site_changes(client, site_vn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/vi/", HTTP_HOST="cn-vn.localhost")
    with CaptureQueriesContext(connection) as remembered:
        client.get("/vi/", HTTP_HOST="cn-vn.localhost")
    assert not any('"tenants_domain"' in q["sql"] for q in remembered.captured_queries)

    site_vn.status = site_vn.Status.ARCHIVED
    site_vn.save()
    archived = client.get("/vi/", HTTP_HOST="cn-vn.localhost").content.decode()
    site_vn.languages = ["zh-hans", "en"]  # Vietnamese withdrawn
    site_vn.save()

    assert "notice--archived" in archived
    assert client.get("/vi/", HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
def test_many_languages_fold_into_one_disclosure_and_a_few_stay_in_view(client, site_vn):
    hub = client.get("/en/", HTTP_HOST="localhost").content.decode()
    site = client.get("/vi/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert '<details class="languages__more">' in hub and 'hreflang="hi"' in hub
    assert "languages__more" not in site and 'hreflang="zh-hans"' in site


@pytest.mark.django_db
def test_a_host_outside_allowed_hosts_gets_the_same_page_without_a_query(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert ".localhost" in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/", HTTP_HOST="cn-vn.localhost.attacker.example:8000")

    assert response.status_code == 404
    assert "There is no cooperation site at cn-vn.localhost.attacker.example." in (
        response.content.decode()
    )
    assert [q["sql"] for q in queries if not q["sql"].startswith("SET ")] == []


@pytest.mark.django_db
def test_a_host_checked_once_is_checked_again_when_allowed_hosts_change(client, settings):
    # Each worker remembers the Host headers it checked (tenants.middleware).
    assert client.get("/en/", HTTP_HOST="cn-vn.localhost").status_code == 200

    settings.ALLOWED_HOSTS = ["localhost"]
    response = client.get("/en/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 404
    assert "There is no cooperation site at cn-vn.localhost." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("a" * 5000, "a" * 253),
        ("cn-vn.localhost\x00.evil", "cn-vn.localhost.evil"),
        ("<script>alert(1)</script>.example", "scriptalert1script.example"),
        ("[::1]x", "[::1]x"),
        ("exa mple.org:80", "example.org"),
    ],
)
def test_malformed_hosts_get_the_no_such_site_page_with_a_clean_name(client, host, shown):
    response = client.get("/en/", HTTP_HOST=host)

    assert response.status_code == 404
    page = response.content.decode()
    assert f"There is no cooperation site at {shown}." in page
    assert "<script>" not in page and "\x00" not in page


@pytest.mark.django_db
def test_the_common_middlewares_steps_hold_without_its_second_host_check(client, settings, site_vn):
    # tenants.middleware.CommonMiddleware skips Django's get_host() (the site
    # middleware checked the Host); every step of Django's still answers.
    import re

    fresh = {"HTTP_HOST": "cn-vn.localhost", "HTTP_CACHE_CONTROL": "no-cache"}
    page = client.get("/en/news/", **fresh)
    assert int(page["Content-Length"]) == len(page.content)
    slashless = client.get("/en/news", **fresh)
    assert (slashless.status_code, slashless["Location"]) == (301, "/en/news/")
    settings.DISALLOWED_USER_AGENTS = [re.compile("EvilBot")]
    assert client.get("/en/news/", HTTP_USER_AGENT="EvilBot/1.0", **fresh).status_code == 403
    settings.PREPEND_WWW = True
    www = client.get("/en/news/", **fresh)
    assert (www.status_code, www["Location"]) == (301, "http://www.cn-vn.localhost/en/news/")
