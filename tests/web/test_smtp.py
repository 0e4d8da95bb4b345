"""Mail as an SMTP server receives it: the settings reach the connection, and
the envelope and headers let SPF and DMARC pass for DEFAULT_FROM_EMAIL."""

import email
import socketserver
import threading
from email import policy

import pytest
from django.core.mail import get_connection

from web import mail


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take one message and remember its envelope."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        received = self.server.received
        self.reply("220 sink.test ESMTP")
        while line := self.rfile.readline().decode("utf-8", "replace"):
            command = line.strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 sink.test")
            elif verb == "MAIL":
                received["mail_from"] = command.split(":", 1)[1].split()[0].strip("<>")
                self.reply("250 OK")
            elif verb == "RCPT":
                received.setdefault("rcpt_to", []).append(command.split(":", 1)[1].strip("<> "))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                received["data"] = b"".join(data)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def smtp_sink(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.received = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Trade portal <noreply@trade.example.org>"
    yield server.received
    server.shutdown()
    server.server_close()


def test_the_smtp_settings_reach_the_connection(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "smtp.example.org", 587
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "portal", "s3cret"
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = True, 7

    connection = get_connection()

    assert (connection.host, connection.port, connection.username) == (
        "smtp.example.org", 587, "portal",
    )  # fmt: skip
    assert connection.password == "s3cret" and connection.use_tls and connection.timeout == 7


@pytest.mark.django_db
def test_envelope_and_headers_are_the_portals_with_reply_to_the_site(
    site_vn, in_site, smtp_sink, django_capture_on_commit_callbacks
):
    from tests.web.test_mail import PENDING, listing

    with django_capture_on_commit_callbacks(execute=True), in_site(site_vn):
        mail.send(PENDING, {"opportunity": listing(), "url": "https://x"},
                  to=["editor@example.org"], language="vi", site=site_vn)  # fmt: skip

    message = email.message_from_bytes(smtp_sink["data"], policy=policy.default)
    # SPF checks the envelope sender; DMARC wants the From header's domain
    # to be that same domain. Both are the portal's, never the site's contact.
    assert smtp_sink["mail_from"] == "noreply@trade.example.org"
    assert message["From"].addresses[0].addr_spec == "noreply@trade.example.org"
    assert message["Reply-To"] == site_vn.contact_email
    assert message["Message-ID"].endswith("@trade.example.org>")
    assert message["Sender"] is None and message["Content-Language"] == "vi"
    assert smtp_sink["rcpt_to"] == ["editor@example.org"]
