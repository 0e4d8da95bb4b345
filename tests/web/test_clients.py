"""The client's address: from a trusted proxy's header only, for rate limits,
sign-in lockouts and logs alike."""

import logging
import subprocess
import sys

import pytest
from django.test import RequestFactory

from web.clients import ClientAddressFilter, client_address

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def request_from(remote: str, forwarded: str | None = None, header="HTTP_X_FORWARDED_FOR"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta[header] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("198.51.100.4", "203.0.113.7")) == "198.51.100.4"


def test_a_trusted_proxy_reports_the_client_and_a_spoofed_entry_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # The client typed "1.2.3.4"; nginx appended the address it saw.
    assert client_address(request_from("127.0.0.1", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    # Two proxies in a row: the first untrusted from the right is the client.
    assert client_address(request_from("127.0.0.1", "203.0.113.7, 10.1.2.3")) == "203.0.113.7"
    assert client_address(request_from("127.0.0.1", "2001:db8::5")) == "2001:db8::5"
    # Malformed header: fall back to the proxy, never to what the client wrote.
    assert client_address(request_from("127.0.0.1", "1.2.3.4, not-an-ip")) == "127.0.0.1"


def test_a_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("198.51.100.4", "127.0.0.1")) == "198.51.100.4"


def test_the_header_name_is_configurable(settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_HEADER = ["::1"], "X-Real-IP"
    request = request_from("::1", "203.0.113.8", header="HTTP_X_REAL_IP")
    assert client_address(request) == "203.0.113.8"


def test_a_bad_trusted_proxy_setting_stops_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "TRUSTED_PROXIES": "127.0.0.1,nginx"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: not an IP address or network: 'nginx'" in result.stderr


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(
    client, site_vn, settings, one_rate_window
):
    """Point 2 of issue 12: behind nginx everyone was 127.0.0.1, one bucket."""
    settings.TRUSTED_PROXIES, settings.PUBLIC_FORM_LIMIT = ["127.0.0.1"], 3
    data = {"username": "someone@example.org", "password": "wrong"}

    def attempt(visitor: str) -> int:
        return client.post(
            "/vi/account/login/",
            {**data, "username": f"{visitor}@example.org"},
            HTTP_X_FORWARDED_FOR=visitor,
            **HOST,
        ).status_code

    first = [attempt("203.0.113.7") for _ in range(4)]
    other = attempt("203.0.113.99")

    assert first == [400, 400, 400, 429]
    assert other == 400  # another visitor through the same proxy is not affected


def test_log_lines_name_the_client_not_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "x", (), None)
    record.request = request_from("127.0.0.1", "203.0.113.7")

    ClientAddressFilter().filter(record)

    assert record.client == "203.0.113.7"
