"""The scheduled job of the portal: queue what is due, then work off the queue.

Run by systemd's ``portal-job@run_jobs.timer`` (DEPLOY.md) or cron. Safe to
run as often as one likes, and in parallel: jobs are claimed one at a time
from the queue, and each delivery is decided and sent once.
"""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.schedule import enqueue_due, report
from languages.console import counted
from tenants.models import Site

#: Finished jobs are kept this long for the record, then removed.
KEEP_RESULTS = datetime.timedelta(days=14)


class Command(BaseCommand):
    help = (
        "Queue the alert, digest and bulletin work due on every launched site, "
        "then run the queued jobs and exit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site", action="append", default=[], help="only this site (repeatable)"
        )
        parser.add_argument(
            "--queue-only", action="store_true", help="queue the jobs, leave them to a worker"
        )

    def handle(self, *args, site: list[str], queue_only: bool, verbosity: int, **options) -> None:
        unknown = set(site) - set(Site.objects.real().values_list("code", flat=True))
        if unknown:
            raise CommandError(f"no site with code {sorted(unknown)[0]!r}")
        queued = enqueue_due(site or None)
        if verbosity:
            self.stdout.write(f"queued {counted(len(queued), 'site job', 'site jobs')}")
        if queue_only:
            return
        started = timezone.now()
        call_command(
            "db_worker",
            batch=True,
            reload=False,
            startup_delay=False,
            interval=0,
            queue_name="*",
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        if verbosity:
            for line in report(started, timezone.now()):
                self.stdout.write(line)
        DBTaskResult.objects.finished().filter(finished_at__lt=started - KEEP_RESULTS).delete()
        failed = list(
            DBTaskResult.objects.failed()
            .filter(finished_at__gte=started)
            .values_list("args_kwargs", "exception_class_path")
        )
        if failed:
            # A failed run fails the systemd unit, which is what operators watch.
            (args_kwargs, exception), more = failed[0], len(failed) - 1
            raise CommandError(
                f"job for {args_kwargs.get('args')} failed ({exception})"
                + (f", and {more} more" if more else "")
            )
