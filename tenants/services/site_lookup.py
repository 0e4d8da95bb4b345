"""Which site a host name serves, remembered in the cache.

Every request starts with this lookup. From the database it costs ~2 ms on
this machine (a wide row: the site's name and tagline in every language the
framework knows); from the cache ~0.08 ms (unpickling that row); from this
process's own memo a copy costs ~0.005 ms. Both are keyed by the public
schema's generation (``tenants.generations``), which any committed change to
a site or a domain moves for every process: no process serves a changed site.

The site's own generation is read along with the public one, in one round
trip to Redis with ``CACHE_URL``, once the process knows which site a host
serves: the page cache needs both (``web.page_cache``), and each round trip
was ~0.1 ms of a worker's CPU on a page served in ~0.3 ms.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.db.models.base import ModelState
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.generations import current, has_pending_writes, moves, public_generation
from tenants.models import Domain, Site

TIMEOUT = 600
# Drafts are served too: to their staff, and to everyone else as a closed page
# (tenants.middleware.DraftSiteMiddleware).
SERVED = [Site.Status.DRAFT, Site.Status.ACTIVE, Site.Status.ARCHIVED]
_memo: dict[str, Site] = {}
_memo_generation: list[int] = [0]
#: The schema each host served when last looked up, whatever the generation
#: since: only which site's generation to read along with the public one.
_last_schema: dict[str, str] = {}


def site_for_host(hostname: str) -> Site:
    """The site (draft, launched or archived) answering on ``hostname``; raises
    ``Domain.DoesNotExist`` for any other host (not remembered)."""
    hostname = hostname.lower()
    # A connection holding uncommitted changes to sites reads them itself,
    # and stores nothing others could read before the commit.
    pending = has_pending_writes(connection)
    guess = None if pending else _last_schema.get(hostname)
    try:
        if guess is None:
            generation, guess_generation = public_generation(), None
        else:
            guess_generation, generation = current(guess)
    except OSError:  # no generation numbers to key on (tenants.generations): no memory
        return _from_database(hostname)
    if generation != _memo_generation[0]:
        _memo.clear()
        _memo_generation[0] = generation
    site = None if pending else _memo.get(hostname)
    if site is None:
        key = f"site-lookup:{generation}:{hostname}"
        site = None if pending else cache.get(key)
        if site is None:
            try:
                site = _from_database(hostname)
            except Domain.DoesNotExist:  # no longer: nothing to read along for it
                _last_schema.pop(hostname, None)
                raise
            if not pending:
                cache.set(key, site, timeout=TIMEOUT)
        if not pending:
            _memo[hostname] = site
            if len(_last_schema) > 10_000:  # hosts are the client's text
                _last_schema.clear()
            _last_schema[hostname] = site.schema_name
    clone = _copy(site, generation)
    # Read before anything the page shows, as the public one: the page cache
    # keys on it (web.page_cache) unless the host now serves another site.
    clone.generation = guess_generation if site.schema_name == guess else None
    # Both numbers hold until this connection's own next committed write.
    clone.looked_up_at_moves = moves(connection)
    return clone


def _copy(site: Site, generation: int) -> Site:
    """A copy, so what a request sets on its site stays with that request.
    (``copy.copy`` goes through Model.__getstate__: 10× slower.) It carries
    the public schema's generation it was looked up at (``public_generation``):
    the page cache keys on it rather than reading it again."""
    clone = Site.__new__(Site)
    clone.__dict__.update(site.__dict__)
    clone._state = ModelState()
    clone._state.db, clone._state.adding = site._state.db, False
    clone.public_generation = generation
    return clone


def _from_database(hostname: str) -> Site:
    with schema_context(get_public_schema_name()):
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
    return site
