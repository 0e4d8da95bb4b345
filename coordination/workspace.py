"""What the coordination calendar puts in a site's editors' workspace: the
clashes that involve the site's events, counted on the dashboard, listed on
a page where editors comment on them. The app whose entries the calendar
holds calls :func:`register` with the permission of its editors."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Site
from web import workspace
from web.workspace import Item


def clash_items(site: Site) -> list[Item]:
    from coordination.clashes import open_count

    return [
        Item(
            _("Calendar clashes involving this site's events"),
            open_count(site),
            reverse("site_clashes"),
            urgent=True,
        )
    ]


def register(editor_perm: str) -> None:
    workspace.register_page(
        workspace.Page("site_clashes", gettext_lazy("Calendar clashes"), editor_perm, 60)
    )
    workspace.register_count(workspace.Count("clashes", editor_perm, clash_items, 60))
