"""Absolute links come from configuration and the site's primary domain,
never from the request's Host header or port."""

import pytest

from tenants.addresses import hub_url, origin, site_url
from tests.factories.events import make_event


@pytest.mark.django_db
def test_e_mailed_links_ignore_the_port_in_the_host_header(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_event(slug="port-check", titles={"vi": "Kiểm tra cổng"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/events/port-check/",
            {"name": "Lan", "email": "lan@example.com"},
            HTTP_HOST="cn-vn.localhost:9999",
        )

    assert response.status_code == 302
    (message,) = mailoutbox
    assert "http://cn-vn.localhost/vi/events/registration/" in message.body
    assert "9999" not in message.body


@pytest.mark.django_db
def test_hub_links_to_sites_on_the_configured_port_whatever_the_request_says(
    client, settings, site_vn
):
    settings.PUBLIC_URL_PORT = "8000"

    page = client.get("/en/", HTTP_HOST="localhost:1234").content.decode()

    # In the hub visitor's language, which the site offers.
    assert 'href="http://cn-vn.localhost:8000/en/"' in page
    assert "1234" not in page


@pytest.mark.django_db
def test_scheme_and_default_ports(settings, site_vn):
    settings.PUBLIC_URL_SCHEME, settings.PUBLIC_URL_PORT = "https", "443"
    assert site_url(site_vn, "/vi/") == "https://cn-vn.localhost/vi/"
    settings.PUBLIC_URL_PORT = "8443"
    assert hub_url() == "https://localhost:8443/"
    assert origin("cn-id.localhost") == "https://cn-id.localhost:8443"
