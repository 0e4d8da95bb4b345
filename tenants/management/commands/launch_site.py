"""``launch_site CODE [--on YYYY-MM-DD] [--force]``: open a draft site to the public.

A draft whose launch checklist is unfinished is refused, naming what is
open, unless ``--force`` says to open it anyway (as the site's launch page
asks its administrators to confirm)."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from tenants.addresses import site_url
from tenants.models import Site
from tenants.services.launch import ChecklistUnfinished, LaunchError, launch


class Command(BaseCommand):
    help = "Launch a draft site now, or on a given date (in the site's time zone)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--on", help="launch date, YYYY-MM-DD (default: now)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="launch even though the site's launch checklist is unfinished",
        )

    def handle(self, *args, code: str, on: str | None, force: bool, **options) -> None:
        site = Site.objects.real().filter(code=code).prefetch_related("domains").first()
        if site is None:
            raise CommandError(f"no site with code {code!r}")
        date = None
        if on:
            try:
                date = datetime.date.fromisoformat(on)
            except ValueError:
                raise CommandError(f"launch date {on!r} is not a date (YYYY-MM-DD)") from None
        try:
            outcome = launch(site, on=date, force=force)
        except ChecklistUnfinished as unfinished:
            with translation.override("en"):
                items = "; ".join(_lower_first(str(step.label)) for step in unfinished.steps)
            count = len(unfinished.steps)
            raise CommandError(
                f"site {code}'s launch checklist is unfinished, {count} "
                f"{'thing' if count == 1 else 'things'} to do: {items}. "
                "Finish it, or launch anyway with --force"
            ) from None
        except LaunchError as error:
            with translation.override("en"):
                raise CommandError(str(error)) from None
        url = site_url(site)
        if outcome == "scheduled":
            self.stdout.write(f"site {code} will be launched on {date.isoformat()}: {url}")
        elif outcome == "unchanged":
            self.stdout.write(f"site {code} is launched already: {url}")
        else:
            self.stdout.write(self.style.SUCCESS(f"site {code} launched: {url}"))


def _lower_first(label: str) -> str:
    """ "The site's logo" inside a sentence: "the site's logo"."""
    return label[:1].lower() + label[1:]
