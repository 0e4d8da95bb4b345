"""Telling the editors of both sites when a new clash involves their event.

Runs after the commit of the write that found the clash (nobody hears of a
clash that was rolled back), through the shared mail service, each editor
in the language they last signed in with (the site's default otherwise).
The editors of a site are its people holding the permission the calendar's
sources name (``CalendarSource.editor_perm``), and its administrators.
"""

from django.db import transaction
from django.utils import translation
from django_tenants.utils import schema_context

from coordination import clashes
from coordination.index import active_sites
from coordination.sources import editor_perms
from languages.formatting import format_names
from tenants.addresses import site_url
from tenants.models import Site
from tenants.naming import short_name_in
from translations.services.staff import staff_addresses
from web import mail

TEMPLATE = "coordination/emails/new_clash"


def notify_after_commit(case_ids: list[int]) -> None:
    ids = list(case_ids)
    transaction.on_commit(lambda: notify(ids), robust=True)


def notify(case_ids: list[int]) -> int:
    """E-mail the editors of the sites of both events of each case; returns
    the number of messages handed to the mail service."""
    with schema_context("public"):
        views = clashes.views_of(list(case_ids), active_sites())
    sent = 0
    for view in views:
        sites = {side.entry.site.pk: side.entry.site for side in view.events}
        for site in sites.values():
            sent += _tell_editors(site, view)
    return sent


def editors_of(site: Site) -> dict[str, list[str]]:
    """Language → addresses of the site's editors (in its schema)."""
    return staff_addresses(site, editor_perms())


def _tell_editors(site: Site, view: clashes.ClashView) -> int:
    sent = 0
    for language, addresses in editors_of(site).items():
        with translation.override(language):
            context = {
                "events": [
                    {
                        "title": side.entry.title(language),
                        # As the calendar names them: two sites of one
                        # pair may share a full name, never a short one.
                        "site_name": short_name_in(side.entry.site, language),
                        "sites": format_names(
                            [short_name_in(s, language) for s in side.sites()], language
                        ),
                        "when": clashes.entry_when(side.entry, language),
                        "venue": side.entry.venue(language),
                        "url": clashes.entry_url(side.entry, language),
                    }
                    for side in view.events
                ],
                "reasons": view.described(language),
                "clashes_url": site_url(site, f"/{language}/editor/clashes/"),
            }
        for address in addresses:  # one each: editors don't see each other's addresses
            mail.send(TEMPLATE, context, to=[address], language=language, site=site)
            sent += 1
    return sent
