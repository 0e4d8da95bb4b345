"""``rundemo``: migrate, launch the demo sites from deploy/sites, and serve them."""

import ipaddress
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from tenants.addresses import hub_url, site_url
from tenants.models import Site


class Command(BaseCommand):
    help = "Migrate, provision the demo sites with demo content, and run the development server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="set up only")

    def handle(self, *args, addrport: str, no_serve: bool, **options) -> None:
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
        if not no_serve:
            _close_connections_after_each_request()
            call_command("runserver", addrport, use_reloader=False)


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
