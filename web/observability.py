"""Request ids, and the context every log line carries.

``RequestIdMiddleware`` runs first: it takes the id the proxy in front gave
the request (only when ``REQUEST_ID_HEADER`` says a proxy sets it, and only
a short token), or makes one, echoes it in the response's ``X-Request-ID``
and logs one line per request (health probes excepted). ``RequestContextFilter`` adds ``request_id``,
``site`` (the site's code, ``hub`` on the public domain) and ``user_id`` to
every log record made while the request runs, whoever logs it: Django's
error log included, so a server error in the log names its site.
"""

import logging
import os
import re
import time
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_current: ContextVar[HttpRequest | None] = ContextVar("portal_request", default=None)
_TOKEN = re.compile(r"[A-Za-z0-9._:-]{8,128}")
RESPONSE_HEADER = "X-Request-ID"
_HEADER_KEY = RESPONSE_HEADER.lower()
#: Health probes, answered by web/health.py: they get an id but no log line.
HEALTH_PATHS = ("/healthz", "/readyz")
request_log = logging.getLogger("portal.request")


def request_id_for(request: HttpRequest) -> str:
    header = settings.REQUEST_ID_HEADER
    if header:
        given = request.headers.get(header, "")
        if _TOKEN.fullmatch(given):
            return given
    # 128 random bits in hex, as uuid4().hex gives them less 6 fixed bits
    # and at a quarter of the cost.
    return os.urandom(16).hex()


class RequestIdMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id_for(request)
        token = _current.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            # Straight into the header store: the id is hex or a checked
            # token, nothing Django's header validation would refuse.
            response.headers._store[_HEADER_KEY] = (RESPONSE_HEADER, request.request_id)
            if request.path_info in HEALTH_PATHS:
                return response  # a probe every few seconds would drown the log
            request_log.info(
                "%s %s %s %.0fms",
                request.method,
                request.path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            return response
        finally:
            _current.reset(token)


def log_context(request: HttpRequest | None) -> dict[str, str]:
    """``request_id``, ``site`` and ``user_id`` of ``request`` ("-" where unknown)."""
    if request is None:
        return {"request_id": "-", "site": "-", "user_id": "-"}
    site = getattr(request, "tenant", None)
    code = "-" if site is None else (getattr(site, "code", "") or "hub")
    # Only a user already loaded: a log line must not query the database
    # (it may be written while a transaction is failing).
    user = getattr(request, "_cached_user", None)
    user_id = str(user.pk) if getattr(user, "pk", None) is not None else "-"
    return {"request_id": getattr(request, "request_id", "-"), "site": code, "user_id": user_id}


class RequestContextFilter(logging.Filter):
    """Adds the current request's context to every record (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = _current.get()
        if request is None:
            # Django's error log passes the request along with the record.
            request = getattr(record, "request", None)
            if not isinstance(request, HttpRequest):
                request = None
        for key, value in log_context(request).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        # A message carries what visitors typed (a path with %0A or %00 in
        # it): one record stays one line, so nobody can forge a log line.
        message = record.getMessage()
        if _CONTROL.search(message):
            record.msg, record.args = _CONTROL.sub(_escaped, message), ()
        return True


# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(found: re.Match) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def start_sentry(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Report errors to Sentry (``SENTRY_DSN``), tagged with the site and request id.

    No personal data is sent (``send_default_pii`` off): the user id only.
    """
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    def add_context(event: dict, hint: dict) -> dict:
        context = log_context(_current.get())
        event.setdefault("tags", {}).update(
            {"site": context["site"], "request_id": context["request_id"]}
        )
        if context["user_id"] != "-":
            event["user"] = {"id": context["user_id"]}
        return event

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        integrations=[DjangoIntegration()],
        before_send=add_context,
    )
