import pytest

from web.security import POLICY


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, site_vn):
    page = client.get("/vi/", HTTP_HOST="cn-vn.localhost")
    hub = client.get("/en/", HTTP_HOST="localhost")
    unknown = client.get("/", HTTP_HOST="nowhere.localhost")
    admin = client.get("/admin/login/", HTTP_HOST="cn-vn.localhost")

    for response in (page, hub, unknown):
        assert response["Content-Security-Policy"] == POLICY
    assert "default-src 'self'" in POLICY and "unsafe-inline" not in POLICY
    assert "Content-Security-Policy" not in admin  # Django's admin keeps its own ways
