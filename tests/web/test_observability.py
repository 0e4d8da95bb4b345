"""Request ids, site and user on every log line, error reports."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories.accounts import make_staff
from web.observability import RequestContextFilter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def records(caplog):
    caplog.set_level(logging.INFO)
    return caplog


@pytest.mark.django_db
def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/en/", HTTP_HOST="cn-vn.localhost")
    second = client.get("/en/", HTTP_HOST="cn-vn.localhost")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_a_client_cannot_choose_its_request_id_unless_a_proxy_is_trusted(client, settings):
    sent = {"HTTP_HOST": "cn-vn.localhost", "HTTP_X_REQUEST_ID": "chosen-by-client-1234"}
    assert client.get("/en/", **sent)["X-Request-ID"] != "chosen-by-client-1234"

    settings.REQUEST_ID_HEADER = "X-Request-ID"
    assert client.get("/en/", **sent)["X-Request-ID"] == "chosen-by-client-1234"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given", ["short", "x" * 200, "new\nline-injected-1234", "emoji-😀-12345678", "a b c d e f g h"]
)
def test_a_malformed_request_id_from_the_proxy_is_replaced(client, settings, given):
    settings.REQUEST_ID_HEADER = "X-Request-ID"
    response = client.get("/healthz", HTTP_HOST="localhost", HTTP_X_REQUEST_ID=given)

    assert response["X-Request-ID"] != given and len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_log_lines_of_a_request_name_the_request_the_site_and_the_user(client, site_vn, records):
    with site_vn_schema(site_vn):
        editor = make_staff("editor")
        client.force_login(editor)

    response = client.get("/en/editor/questions/", HTTP_HOST="cn-vn.localhost")

    (line,) = [r for r in records.records if r.name == "portal.request"]
    assert line.getMessage().startswith("GET /en/editor/questions/ 200")
    assert (line.request_id, line.site, line.user_id) == (
        response["X-Request-ID"],
        "cn-vn",
        str(editor.pk),
    )


@pytest.mark.django_db
def test_the_hub_and_unknown_hosts_are_named_as_such_and_probes_are_not_logged(client, records):
    client.get("/en/", HTTP_HOST="localhost")
    client.get("/en/", HTTP_HOST="nowhere.localhost")
    client.get("/healthz", HTTP_HOST="localhost")

    assert [(r.site, r.user_id) for r in records.records if r.name == "portal.request"] == [
        ("hub", "-"),
        ("-", "-"),
    ]


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_site_and_mailed_to_the_admins(
    settings, records, mailoutbox
):
    settings.ROOT_URLCONF = "tests.web.urls_failing"
    settings.ADMINS = [("Duty", "duty@example.org")]
    client = Client(raise_request_exception=False)

    # The error page speaks the reader's language (web.errors); this reader reads English.
    response = client.get("/failing/", HTTP_HOST="cn-id.localhost", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert b"The team has been told" in response.content
    (error,) = [r for r in records.records if r.name == "django.request"]
    assert error.site == "cn-id" and error.request_id == response["X-Request-ID"]
    (report,) = mailoutbox
    assert report.to == ["duty@example.org"]
    assert report.from_email == settings.SERVER_EMAIL
    assert "the failing test page failed" in report.body


def site_vn_schema(site):
    from django_tenants.utils import schema_context

    return schema_context(site.schema_name)


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_json_log_lines_carry_the_same_fields(subprocess_env):
    code = (
        "import django; django.setup(); from django.test import Client; "
        "Client().get('/en/', HTTP_HOST='nowhere.localhost')"
    )
    result = run_python(code, {**subprocess_env, "LOG_FORMAT": "json"})

    (line,) = [json.loads(line) for line in result.stderr.splitlines() if "portal.request" in line]
    assert line["logger"] == "portal.request" and line["level"] == "INFO"
    assert line["message"].startswith("GET /en/ 404")
    assert len(line["request_id"]) == 32 and line["site"] == "-" and line["user_id"] == "-"


@pytest.mark.slow
def test_sentry_starts_with_a_dsn_and_is_not_even_imported_without_one(subprocess_env):
    code = (
        "import sys, django; django.setup(); "
        "print('sentry_sdk' in sys.modules); "
        "import sentry_sdk; client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.dsn, client.options['send_default_pii'])"
    )
    without = run_python(code, {**subprocess_env, "SENTRY_DSN": ""})
    dummy = "https://public@127.0.0.1:9/1"  # the discard port: nothing could be sent
    with_dsn = run_python(code, {**subprocess_env, "SENTRY_DSN": dummy})

    assert without.stdout.split() == ["False", "False", "None", "None"]
    assert with_dsn.stdout.split() == ["True", "True", dummy, "False"], with_dsn.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/vi/x%0A2026-11-30 22:00:00,000 INFO forged-line/", "/vi/x\\x0a2026-11-30"),
        ("/vi/nul%00here/", "/vi/nul\\x00here/"),
        ("/vi/sep%E2%80%A8here/", "/vi/sep\\u2028here/"),
    ],
)
def test_a_path_cannot_forge_a_log_line(client, records, path, logged):
    client.get(path, HTTP_HOST="cn-vn.localhost")

    (line,) = [r for r in records.records if r.name == "portal.request"]
    # Through the configured console handler: its filters, then its format.
    (console,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in handler.filters)
    ]
    assert console.filter(line)
    message = console.format(line)
    assert logged in message
    assert "\n" not in message and "\x00" not in message and "\u2028" not in message
