"""A mail backend whose server is down, for tests of what users see then."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail server unreachable")
