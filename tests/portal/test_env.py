"""The typed environment readers and the DATABASE_URL parser, in process."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env
from portal.database import config_from_url


def test_database_url_keeps_its_options():
    config = config_from_url(
        "postgresql://portal:s%40cret@db.internal:6432/portal?sslmode=require&connect_timeout=5"
    )

    assert config["OPTIONS"] == {"sslmode": "require", "connect_timeout": 5}
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", "6432", "portal")
    assert (config["USER"], config["PASSWORD"]) == ("portal", "s@cret")
    assert config["ENGINE"] == "tenants.postgresql_backend"
    assert config["CONN_MAX_AGE"] == 60 and config["CONN_HEALTH_CHECKS"] is True


def test_a_unix_socket_in_the_query_string_becomes_the_host():
    config = config_from_url("postgresql://postgres@/portal?host=/run/postgresql&sslmode=disable")

    assert config["HOST"] == "/run/postgresql"
    assert config["OPTIONS"] == {"sslmode": "disable"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db/portal", "must start with postgresql://"),
        ("postgresql://db.internal", "must name a database"),
        ("postgresql://db.internal:notaport/portal", "cannot be read"),
    ],
)
def test_a_database_url_that_cannot_work_is_refused(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        config_from_url(url)


def test_a_secret_comes_from_its_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("from-a-file-0123456789\n")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))

    assert env.env_secret("SECRET_KEY", "default") == "from-a-file-0123456789"
    assert "SECRET_KEY" in env.READ


def test_a_secret_given_twice_or_from_a_missing_file_stops_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "plain")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", str(tmp_path / "password"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env.env_secret("EMAIL_HOST_PASSWORD", "")

    monkeypatch.delenv("EMAIL_HOST_PASSWORD")
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env.env_secret("EMAIL_HOST_PASSWORD", "")


def test_admins_are_read_as_names_and_addresses(monkeypatch):
    monkeypatch.setenv("ADMINS", "Duty Officer <duty@example.org>, ops@example.org")
    assert env.env_addresses("ADMINS") == [
        ("Duty Officer", "duty@example.org"),
        ("ops@example.org", "ops@example.org"),
    ]
    monkeypatch.setenv("ADMINS", "duty officer")
    with pytest.raises(ImproperlyConfigured, match="ADMINS must be e-mail addresses"):
        env.env_addresses("ADMINS")


@pytest.mark.parametrize(
    ("reader", "raw", "message"),
    [
        (lambda: env.env_int("X_PORT", 25, minimum=1), "0", "at least 1"),
        (lambda: env.env_int("X_PORT", 25), "twenty", "must be an integer"),
        (lambda: env.env_float("X_PORT", 0.0, low=0, high=1), "2", "between 0 and 1"),
        (lambda: env.env_choice("X_PORT", "text", ("text", "json")), "xml", "one of text, json"),
    ],
)
def test_malformed_numbers_and_choices_name_the_variable(monkeypatch, reader, raw, message):
    monkeypatch.setenv("X_PORT", raw)
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        reader()
    assert "X_PORT" in str(error.value)
