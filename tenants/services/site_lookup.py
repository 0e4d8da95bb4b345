"""Which site a host name serves, remembered in the cache.

Every request starts with this lookup. From the database it costs ~2 ms on
this machine (a wide row: the site's name and tagline in every language the
framework knows); from the cache ~0.02 ms. Saving or deleting any site or
domain moves a generation number, so a shared cache (``CACHE_URL``) never
serves a changed site; with the per-process default cache, other processes
see the change within ``TIMEOUT`` seconds.
"""

from django.core.cache import cache
from django.db.models import OuterRef, Subquery

from tenants.models import Domain, Site

TIMEOUT = 60
# Drafts are served too: to their staff, and to everyone else as a closed page
# (tenants.middleware.DraftSiteMiddleware).
SERVED = [Site.Status.DRAFT, Site.Status.ACTIVE, Site.Status.ARCHIVED]
GENERATION_KEY = "site-lookup:generation"


def site_for_host(hostname: str) -> Site:
    """The site (draft, launched or archived) answering on ``hostname``; raises
    ``Domain.DoesNotExist`` for any other host (not remembered)."""
    hostname = hostname.lower()
    generation = cache.get_or_set(GENERATION_KEY, 1, timeout=None)
    key = f"site-lookup:{generation}:{hostname}"
    site = cache.get(key)
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
            .get(domain=hostname, tenant__status__in=SERVED)
        )
        site = found.tenant
        site.known_primary_domain = found.primary
        cache.set(key, site, timeout=TIMEOUT)
    return site


def forget_all(**kwargs) -> None:
    """Signal receiver: any change to a site or a domain."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: start a new generation
        cache.set(GENERATION_KEY, 2, timeout=None)
