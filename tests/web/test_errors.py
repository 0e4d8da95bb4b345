"""Error pages speak the reader's language and wear the site's branding."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from tests.factories.accounts import make_staff

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_mistyped_address_gets_the_sites_page_not_found_in_the_readers_language(client, site_vn):
    response = client.get("/vi/tin-tuc-khong-co/", HTTP_HOST="cn-vn.localhost")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<html lang="vi"' in page and "Không tìm thấy trang" in page
    assert site_vn.name in page and 'href="/vi/search/"' in page
    assert "URLconf" not in page and "Django" not in page


@pytest.mark.django_db
def test_a_language_the_site_does_not_offer_is_a_404_in_its_default_language(client, site_vn):
    response = client.get("/id/news/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 404
    assert '<html lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "host", "title", "allowed"),
    [
        # A function view (require_safe) and a class-based one (LogoutView).
        ("options", "/vi/news/", "cn-vn.localhost", "Không thể thực hiện trên trang này", "GET"),
        (
            "get",
            "/id/account/logout/",
            "cn-id.localhost",
            "Tidak dapat dilakukan di halaman ini",
            "POST",
        ),
        ("put", "/fr/", "localhost", "Impossible sur cette page", "GET"),
    ],
)
def test_a_method_a_page_does_not_take_gets_a_page_in_the_readers_language(
    client, site_vn, site_id, method, path, host, title, allowed
):
    """Django's answer is an empty 405: no page, in no language (attack
    review, session 27). Its Allow header stays."""
    response = getattr(client, method)(path, HTTP_HOST=host)

    assert response.status_code == 405
    assert allowed in response["Allow"]
    page = response.content.decode()
    assert title in page and "<main" in page
    assert response["Content-Language"] == path.split("/")[1]


@pytest.mark.django_db
def test_the_hub_has_its_own_404(client):
    response = client.get("/fr/nulle-part/", HTTP_HOST="localhost")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_a_staff_page_refused_says_why_in_the_readers_language(client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(make_staff("translator"))

    response = client.get("/vi/editor/matchmaking/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_security_token_explains_how_to_send_it_again(site_vn):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/vi/questions/ask/", {"name": "Lan"}, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_shows_a_branded_page_in_the_readers_language(settings, site_id):
    settings.ROOT_URLCONF = "tests.web.boom_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/boom/", HTTP_HOST="cn-id.localhost", HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
    assert site_id.name in response.content.decode()


@pytest.mark.django_db
def test_too_many_requests_has_a_page_and_says_when_to_retry(rf, site_vn):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from web.errors import too_many_requests

    request = rf.get("/vi/", HTTP_HOST="cn-vn.localhost")
    request.tenant, request.user = site_vn, AnonymousUser()
    with schema_context(site_vn.schema_name), translation.override("vi"):
        response = too_many_requests(request, retry_after=120)

    assert response.status_code == 429 and response["Retry-After"] == "120"
    assert "Quá nhiều yêu cầu" in response.content.decode()


def test_the_demo_runs_without_debug_and_without_configuration(subprocess_env):
    env = {**subprocess_env, "LOCAL_HTTP": "1"}
    for name in ("DEBUG", "SECRET_KEY", "PUBLIC_URL_PORT"):
        env.pop(name, None)
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.PUBLIC_URL_SCHEME, len(s.SECRET_KEY) >= 50, "
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE, s.EMAIL_BACKEND.split('.')[-2], "
        "s.PUBLIC_URL_PORT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    # Links printed or mailed by commands run beside the demo open on its port.
    assert result.stdout.split() == ["False", "False", "http", "True", "True", "console", "8000"]
