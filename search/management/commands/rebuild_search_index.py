from languages.console import counted
from search.registry import rebuild
from tenants.management.site_command import SiteCommand


class Command(SiteCommand):
    help = "Re-create a site's search documents (after its languages change, for instance)."

    def handle_site(self, site, *args, **options) -> None:
        self.stdout.write(f"{site.code}: indexed {counted(rebuild(site), 'object', 'objects')}")
