"""The development SECRET_KEY serves localhost only: settings, system check, requests, rundemo."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenants.models import Domain
from web.checks import development_key_only_on_loopback
from web.devkey import DEVELOPMENT_SECRET_KEY, is_local_host


def test_local_hosts():
    assert all(map(is_local_host, ["localhost", "cn-vn.localhost:8000", "127.0.0.1", "[::1]:80"]))
    assert not any(map(is_local_host, ["example.org", "localhost.example.org", "10.0.0.1"]))


@pytest.mark.parametrize(
    "environment",
    [{"PUBLIC_DOMAIN": "trade.example.org"}, {"ALLOWED_HOSTS": "trade.example.org"}],
)
def test_settings_refuse_the_development_key_for_a_public_domain(environment):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "The development SECRET_KEY serves localhost only" in result.stderr


def test_the_system_check_reports_it(settings):
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    settings.PUBLIC_DOMAIN, settings.ALLOWED_HOSTS = "trade.example.org", ["*", ".example.org"]

    ids = [error.id for error in development_key_only_on_loopback(None)]

    assert ids == ["web.E001", "web.E002"]
    settings.SECRET_KEY = "a-real-secret-" * 4
    assert development_key_only_on_loopback(None) == []


@pytest.mark.django_db
def test_requests_for_a_public_host_or_from_another_machine_are_refused(client, site_vn, settings):
    # Allowed by the host patterns, and a domain of the site: only the key stops it.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example.org"]
    Domain.objects.create(domain="cn-vn.example.org", tenant=site_vn, is_primary=False)

    public_host = client.get("/vi/", HTTP_HOST="cn-vn.example.org")
    remote_client = client.get("/vi/", HTTP_HOST="cn-vn.localhost", REMOTE_ADDR="203.0.113.7")
    local = client.get("/vi/", HTTP_HOST="cn-vn.localhost")

    assert public_host.status_code == 400 and remote_client.status_code == 400
    assert "Yêu cầu không hợp lệ" in public_host.content.decode()
    assert local.status_code == 200


@pytest.mark.django_db
def test_a_real_key_serves_any_host_the_sites_have(client, site_vn, settings):
    settings.SECRET_KEY = "a-real-secret-" * 4
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example.org"]
    Domain.objects.create(domain="cn-vn.example.org", tenant=site_vn, is_primary=False)

    response = client.get("/vi/", HTTP_HOST="cn-vn.example.org", REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200


def test_rundemo_refuses_to_listen_beyond_loopback():
    with pytest.raises(CommandError, match="reachable from other machines"):
        call_command("rundemo", "0.0.0.0:8000", no_serve=True)
