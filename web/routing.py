"""A URL configuration's patterns, with each address resolved once per process.

Django walks the patterns in order for every request, one regular expression
each, and records every one it passed. A site has ~90: resolving its home
page cost ~33 µs, an event's page (near the end) ~64 µs, an address past the
site's patterns ~123 µs (timeit on the benchmark machine, min of 5 × 2,000).
The answer depends only on what the memo's key holds: the pattern list (one
memo per :func:`remembered` call: the sites' and the hub's are apart), the
active language (``i18n_patterns`` match the active language's prefix only)
and the path. No pattern here reads anything else (the request, the site,
the database): a converter that did would need its own key.

Bounded: at most :data:`LIMIT` addresses, the oldest forgotten first (paths
are the client's text); a longer path than :data:`LONGEST` is resolved as
Django does. What a remembered answer leaves out: the patterns tried before
it (``ResolverMatch.tried``, and a 404's list of them), which only Django's
debug 404 page shows; with ``DEBUG`` on, nothing is remembered.

Wrapped in one resolver, ``i18n_patterns`` are out of Django's sight:
``is_language_prefix_patterns_used`` answers no, so Django's LocaleMiddleware
would ignore the prefixes. The sites use their own language middleware,
which reads the prefix itself (a test keeps LocaleMiddleware out).
"""

from collections.abc import Sequence
from types import MappingProxyType

from django.conf import settings
from django.urls import ResolverMatch, URLPattern, URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils.translation import get_language

#: Addresses remembered per pattern list: the pages of every site in a few
#: languages fit (a worker serves all sites); a crawler's walk through
#: 100,000 articles only keeps re-resolving, as before.
LIMIT = 2048
LONGEST = 500
#: A remembered 404: no match for this language and path.
_MISSING = object()


class RememberedResolver(URLResolver):
    """The patterns, as ``include("")`` of them would hold them (reversing is
    Django's own), resolving an address it has resolved before from memory."""

    def __init__(self, patterns: Sequence[URLPattern | URLResolver], *, limit: int = LIMIT):
        # An empty prefix, as include("") has: routes read as without it.
        super().__init__(RegexPattern(""), list(patterns))
        self.limit = limit
        self.remembered: dict[tuple[str, str], ResolverMatch | object] = {}

    def resolve(self, path: str) -> ResolverMatch:
        path = str(path)  # may be a lazy string, as Django allows
        if settings.DEBUG or len(path) > LONGEST:
            return super().resolve(path)
        key = (get_language(), path)
        found = self.remembered.get(key)
        if found is None:
            try:
                found = super().resolve(path)
            except Resolver404:
                self._remember(key, _MISSING)
                raise
            # Without the patterns passed on the way (the outer resolver
            # copies each into its own list, for every request).
            found.tried = []
            # Shared by every request for this address: read-only, so no
            # request's code can change what the next one is routed with.
            found.kwargs = MappingProxyType(found.kwargs)
            found.captured_kwargs = MappingProxyType(found.captured_kwargs)
            self._remember(key, found)
        if found is _MISSING:
            raise Resolver404({"tried": [], "path": path})
        return found

    def _remember(self, key: tuple[str, str], value: ResolverMatch | object) -> None:
        remembered = self.remembered
        if len(remembered) >= self.limit:
            try:  # the oldest first
                del remembered[next(iter(remembered))]
            except (KeyError, RuntimeError, StopIteration):
                remembered.clear()
        remembered[key] = value


def remembered(patterns: Sequence[URLPattern | URLResolver]) -> list[URLResolver]:
    """A URL configuration's ``urlpatterns``, resolved through a memo."""
    return [RememberedResolver(patterns)]
