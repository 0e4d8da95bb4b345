"""``rundemo``: migrate, launch the demo sites from deploy/sites, and serve them."""

import ipaddress
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from tenants.addresses import hub_url, site_url
from tenants.models import Site

#: How often the demo runs the scheduled jobs (alerts, bulletins, change
#: notices). Production runs them every ten minutes (DEPLOY.md); someone
#: trying the demo waits a minute at most for what the admin promised.
JOBS_EVERY_SECONDS = 60
#: A run of them may take this long even when they come more often.
RUN_SECONDS_AT_LEAST = 600


class Command(BaseCommand):
    help = "Migrate, provision the demo sites with demo content, and run the development server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="set up only")
        parser.add_argument(
            "--jobs-every",
            type=int,
            default=JOBS_EVERY_SECONDS,
            metavar="SECONDS",
            help="run the scheduled jobs (run_jobs) this often while serving; 0: never",
        )

    def handle(self, *args, addrport: str, no_serve: bool, jobs_every: int, **options) -> None:
        if not 0 <= jobs_every <= 86_400:
            raise CommandError(f"--jobs-every must be 0 to 86400 seconds; got {jobs_every}")
        if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY and not _loopback(addrport):
            raise CommandError(
                f"{addrport} is reachable from other machines and SECRET_KEY is the development "
                "key, which is public: serve on 127.0.0.1, or set SECRET_KEY"
            )
        # Links in e-mails and on the hub name the port the demo serves on.
        settings.PUBLIC_URL_PORT = addrport.rsplit(":", 1)[-1]
        call_command("migrate_schemas", interactive=False, verbosity=0)
        for path in sorted((Path(settings.BASE_DIR) / "deploy" / "sites").glob("*.toml")):
            self.stdout.write(f"site file {path.name}")
            call_command("provision_site", from_file=path, demo=True)
        self.stdout.write(self.style.SUCCESS("Demo ready:"))
        self.stdout.write(f"  hub            {hub_url()}")
        for site in Site.objects.active().prefetch_related("domains"):
            self.stdout.write(f"  {site.code:<14} {site_url(site)}")
        self.stdout.write(
            "Enterprises sign up at /<lang>/account/signup/ (the confirmation e-mail is printed "
            "here); give someone a role with: manage.py add_site_user EMAIL --site cn-vn --role editor"
        )
        if no_serve:
            return
        jobs = None
        if jobs_every > 0:
            self.stdout.write(
                f"Scheduled jobs (alerts, bulletins, change notices) run every {jobs_every} s;"
                " their e-mails are printed here."
            )
            # The links the jobs' e-mails sign name the port served here.
            env = {**os.environ, "PUBLIC_URL_PORT": settings.PUBLIC_URL_PORT}
            manage = str(Path(settings.BASE_DIR) / "manage.py")
            jobs = CommandEvery(
                [sys.executable, manage, "run_jobs", "-v0"],
                every=jobs_every,
                env=env,
                out=self.stdout,
            )
            jobs.start()
        _close_connections_after_each_request()
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if jobs is not None:
                jobs.stop()


class CommandEvery:
    """Runs ``argv`` every ``every`` seconds from a thread, as a process of
    its own each time (as systemd's timer runs run_jobs in production; and
    django-tasks' worker sets signal handlers, which only a main thread may),
    passing its output on. A run that fails says so in one line; the next
    still comes."""

    def __init__(self, argv: list[str], *, every: float, env: dict, out: TextIO) -> None:
        self.argv, self.every, self.env, self.out = argv, every, env, out
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="demo-jobs", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=max(self.every, 5) + 60)

    def _loop(self) -> None:
        while not self._stopped.wait(self.every):
            try:
                # A run that hangs is ended at the next one's time, at the latest.
                done = subprocess.run(
                    self.argv, env=self.env, capture_output=True, text=True,
                    timeout=max(self.every, RUN_SECONDS_AT_LEAST),
                )  # fmt: skip
            except (OSError, subprocess.SubprocessError) as error:
                self.out.write(f"scheduled jobs failed: {error}\n")
                continue
            if done.stdout:
                self.out.write(done.stdout)
            if done.returncode:
                last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
                self.out.write(f"scheduled jobs failed: {last}\n")


def _close_connections_after_each_request() -> None:
    """runserver serves each request in a thread of its own and never closes
    that thread's database connection: kept for CONN_MAX_AGE (60 s), they
    outlived their threads until collected, and a few hundred requests filled
    PostgreSQL's 100 connections (500s). With 0, each closes at the end of
    its request (request_finished), as Django advises for its development
    server; gunicorn's workers, one request at a time, keep theirs. Each
    thread's connection is made from these settings."""
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0


def _loopback(addrport: str) -> bool:
    """Whether ``addrport`` (``127.0.0.1:8000``, ``[::1]:8000``, ``8000``) listens on loopback only."""
    host = addrport.rsplit(":", 1)[0] if ":" in addrport else "127.0.0.1"
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
