"""Which site a host name serves, remembered in the cache.

Every request starts with this lookup. From the database it costs ~2 ms on
this machine (a wide row: the site's name and tagline in every language the
framework knows); from the cache ~0.02 ms. The key holds the public schema's
generation (``tenants.generations``), which any committed change to a site or
a domain moves for every process: no process serves a changed site.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Subquery

from tenants.generations import has_pending_writes, public_generation
from tenants.models import Domain, Site

TIMEOUT = 600


def site_for_host(hostname: str) -> Site:
    """The active or archived site answering on ``hostname``; raises
    ``Domain.DoesNotExist`` for any other host (not remembered)."""
    hostname = hostname.lower()
    # A connection holding uncommitted changes to sites reads them itself,
    # and stores nothing others could read before the commit.
    pending = has_pending_writes(connection)
    key = f"site-lookup:{public_generation()}:{hostname}"
    site = None if pending else cache.get(key)
    if site is None:
        found = (
            Domain.objects.select_related("tenant")
            # Pages link to the site's primary domain (tenants.addresses):
            # read it in the same query, so a page costs none for it.
            .annotate(
                primary=Subquery(
                    Domain.objects.filter(tenant=OuterRef("tenant"), is_primary=True).values(
                        "domain"
                    )[:1]
                )
            )
            .get(domain=hostname, tenant__status__in=[Site.Status.ACTIVE, Site.Status.ARCHIVED])
        )
        site = found.tenant
        site.known_primary_domain = found.primary
        if not pending:
            cache.set(key, site, timeout=TIMEOUT)
    return site
