"""``rundemo``: migrate, launch the demo sites from deploy/sites, and serve them."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Migrate, provision the demo sites with demo content, and run the development server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="set up only")

    def handle(self, *args, addrport: str, no_serve: bool, **options) -> None:
        call_command("migrate_schemas", interactive=False, verbosity=0)
        for path in sorted((Path(settings.BASE_DIR) / "deploy" / "sites").glob("*.toml")):
            self.stdout.write(f"site file {path.name}")
            call_command("provision_site", from_file=path, demo=True)
        port = addrport.rsplit(":", 1)[-1]
        self.stdout.write(self.style.SUCCESS("Demo ready:"))
        self.stdout.write(f"  hub            http://{settings.PUBLIC_DOMAIN}:{port}/")
        for path in sorted((Path(settings.BASE_DIR) / "deploy" / "sites").glob("*.toml")):
            self.stdout.write(f"  {path.stem:<14} http://{path.stem}.localhost:{port}/")
        self.stdout.write(
            "Enterprises sign up at /<lang>/account/signup/ (the confirmation e-mail is printed "
            "here); give someone a role with: manage.py add_site_user EMAIL --site cn-vn --role editor"
        )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)
