"""Failures and bounces are logged per subscriber: a refused address is a
bounce and is not tried again, a failing server is retried on the next runs
and given up after MAX_ATTEMPTS, and a bounce report the mail server pipes
to ``record_bounce`` lands on the delivery it names."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_context

from alerts.models import Delivery
from alerts.services.delivery import MAX_ATTEMPTS
from tests.alerts.helpers import next_digest_moment, run_jobs_at
from tests.alerts.test_digests import confirm_from_mail, subscribe
from tests.factories.opportunities import make_listing


class FlakyBackend(BaseEmailBackend):
    """A mail server that refuses gone@…, is unreachable for down@…, and
    takes the rest (into the test outbox)."""

    def send_messages(self, messages) -> int:
        for message in messages:
            to = message.to[0]
            if to.startswith("gone@"):
                raise smtplib.SMTPRecipientsRefused({to: (550, b"5.1.1 no such user")})
            if to.startswith("down@"):
                raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
            mail.outbox.append(message)
        return len(messages)


def delivery_of(site, email: str) -> Delivery:
    with schema_context(site.schema_name):
        return Delivery.objects.get(subscription__email=email)


@pytest.mark.django_db
def test_refusals_and_failures_are_logged_per_subscriber(client, site_vn, settings, tmp_path):
    for email in ("ok@example.vn", "gone@example.vn", "down@example.vn"):
        subscribe(client, site_vn, "en", email, q="pepper")
        confirm_from_mail(client, mail.outbox[-1])
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("White pepper wanted", "Muntok grade.")})
    mail.outbox.clear()
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"

    moment = next_digest_moment(site_vn)
    run_jobs_at(moment, site_vn)

    assert [message.to for message in mail.outbox] == [["ok@example.vn"]]
    gone = delivery_of(site_vn, "gone@example.vn")
    assert gone.status == Delivery.Status.BOUNCED and "no such user" in gone.error
    down = delivery_of(site_vn, "down@example.vn")
    assert down.status == Delivery.Status.FAILED and down.attempts == 1
    assert "SMTPServerDisconnected" in down.error

    for minutes in range(10, 10 * MAX_ATTEMPTS + 10, 10):
        run_jobs_at(moment + datetime.timedelta(minutes=minutes), site_vn)

    down = delivery_of(site_vn, "down@example.vn")
    assert (down.status, down.attempts) == (Delivery.Status.GAVE_UP, MAX_ATTEMPTS)
    assert delivery_of(site_vn, "gone@example.vn").attempts == 1  # a refusal is not retried
    assert len(mail.outbox) == 1  # and what went, went once

    # Later the mailbox of ok@ turns out full: the server sends a report back.
    sent = mail.outbox[0]
    report = tmp_path / "bounce.eml"
    report.write_bytes(dsn(sent.extra_headers["Message-ID"], "ok@example.vn"))
    out = StringIO()
    call_command("record_bounce", str(report), stdout=out)

    assert "cn-vn: delivery" in out.getvalue() and "bounced" in out.getvalue()
    ok = delivery_of(site_vn, "ok@example.vn")
    assert ok.status == Delivery.Status.BOUNCED
    assert "5.2.2" in ok.error and "mailbox full" in ok.error


@pytest.mark.django_db
def test_record_bounce_ignores_reports_that_are_not_ours_and_says_so(site_vn, tmp_path):
    stranger = tmp_path / "other.eml"
    stranger.write_bytes(dsn("<1234@elsewhere.example>", "x@example.org"))
    forged = tmp_path / "forged.eml"
    forged.write_bytes(dsn("<alert-00000000-0000-0000-0000-000000000000.cn-zz@x>", "x@example.org"))
    for path in (stranger, forged):
        out = StringIO()
        call_command("record_bounce", str(path), stdout=out)
        assert out.getvalue().strip() == "no alert delivery named in this report"
    with pytest.raises(CommandError, match="cannot read"):
        call_command("record_bounce", str(tmp_path / "missing.eml"))


def dsn(message_id: str, recipient: str) -> bytes:
    """A delivery status notification (RFC 3464) as a mail server writes one."""
    return (
        "From: MAILER-DAEMON@mx.example.vn\r\n"
        "To: noreply@localhost\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
        "\r\n--b\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "Your message could not be delivered.\r\n"
        "\r\n--b\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.vn\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        "Action: failed\r\n"
        "Status: 5.2.2\r\n"
        "Diagnostic-Code: smtp; 552 5.2.2 mailbox full\r\n"
        "\r\n--b\r\n"
        "Content-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\n"
        f"To: {recipient}\r\n"
        "\r\n--b--\r\n"
    ).encode()
