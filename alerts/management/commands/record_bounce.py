"""Record a bounce: the mail server pipes the report it got back here.

Postfix, for instance, with an alias for the envelope sender's mailbox:
``bounces: "|/srv/portal/deploy/portal-manage record_bounce"`` (DEPLOY.md).
"""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alerts.services.delivery import record_bounce


class Command(BaseCommand):
    help = (
        "Read a bounce report (an e-mail) from a file or standard input and log it on its delivery."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="the report; standard input when absent")

    def handle(self, *args, file: str | None, **options) -> None:
        try:
            if file:
                with open(file, "rb") as handle:
                    report = handle.read()
            else:
                report = sys.stdin.buffer.read()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        found = record_bounce(report)
        if found is None:
            # Not ours (or not a bounce): nothing to do, and nothing for the MTA to retry.
            self.stdout.write("no alert delivery named in this report")
            return
        site, delivery = found
        self.stdout.write(
            f"{site.code}: delivery {delivery.pk} to subscription {delivery.subscription_id} bounced"
        )
