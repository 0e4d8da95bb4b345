"""web/routing.py: each address resolved once, with Django's answer, per URL
configuration and language, bounded."""

import pytest
from django.test import override_settings
from django.urls import URLResolver, get_resolver, path
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils import translation

from web.routing import LONGEST, RememberedResolver


def memo(urlconf: str) -> RememberedResolver:
    (resolver,) = get_resolver(urlconf).url_patterns
    assert isinstance(resolver, RememberedResolver)
    return resolver


def answer(match) -> tuple:
    return (match.func, match.args, match.kwargs, match.url_name, match.route, match.namespaces)


@pytest.mark.parametrize(
    "address",
    [
        "/vi/",
        "/vi/news/",
        "/vi/news/a-b/",
        "/vi/events/2026/12/",
        "/vi/opportunities/7/",
        "/robots.txt",
    ],
)
def test_the_answer_is_djangos_each_time(address):
    plain = URLResolver(RegexPattern(r"^/"), memo("portal.urls_site").url_patterns)
    with translation.override("vi"):
        expected = answer(plain.resolve(address))
        for _ in range(2):
            assert answer(get_resolver("portal.urls_site").resolve(address)) == expected


def test_the_sites_and_the_hubs_addresses_are_remembered_apart():
    with translation.override("en"):
        for _ in range(2):
            assert get_resolver("portal.urls_site").resolve("/en/").url_name == "home"
            assert get_resolver("portal.urls_public").resolve("/en/").url_name == "hub"
            with pytest.raises(Resolver404):  # a site's page, not on the hub
                get_resolver("portal.urls_public").resolve("/en/news/")
    assert memo("portal.urls_site").remembered is not memo("portal.urls_public").remembered


def test_an_address_is_remembered_per_language():
    site = get_resolver("portal.urls_site")
    with translation.override("vi"):
        assert site.resolve("/vi/news/").url_name == "article_list"
    with translation.override("en"), pytest.raises(Resolver404):
        site.resolve("/vi/news/")  # i18n_patterns: only the active language's prefix
    with translation.override("vi"), pytest.raises(Resolver404):
        site.resolve("/vi/nothing-here/")
    with translation.override("vi"), pytest.raises(Resolver404):
        site.resolve("/vi/nothing-here/")  # a 404 remembered is a 404 again


def view(request):
    return None


def test_bounded_oldest_first_and_long_or_debug_addresses_not_remembered():
    resolver = RememberedResolver([path(f"p{n}/", view, name=f"p{n}") for n in range(5)], limit=3)
    for n in range(5):
        assert resolver.resolve(f"p{n}/").url_name == f"p{n}"
    assert [key[1] for key in resolver.remembered] == ["p2/", "p3/", "p4/"]
    resolver.remembered.clear()
    with pytest.raises(Resolver404):
        resolver.resolve("x" * (LONGEST + 1))
    with override_settings(DEBUG=True):
        assert resolver.resolve("p1/").tried  # Django's own answer, for its debug 404
        with pytest.raises(Resolver404) as missing:
            resolver.resolve("nothing/")
        assert missing.value.args[0]["tried"]
    assert resolver.remembered == {}


def test_a_request_cannot_change_what_the_next_one_resolves_to():
    """A remembered answer is handed to every request for its address: what
    one request's code writes into it must not reach the next (review)."""
    with translation.override("vi"):
        first = get_resolver("portal.urls_site").resolve("/vi/news/a-b/")
        with pytest.raises(TypeError):
            first.captured_kwargs["slug"] = "other"
        first.kwargs["slug"] = "other"  # the outer resolver's own copy
        again = get_resolver("portal.urls_site").resolve("/vi/news/a-b/")
    assert again.kwargs == again.captured_kwargs == {"slug": "a-b"}


def test_no_middleware_relies_on_seeing_the_language_prefixed_patterns():
    """Wrapped in one resolver, i18n_patterns are out of Django's sight
    (``is_language_prefix_patterns_used`` says no): Django's LocaleMiddleware,
    which asks, would stop honouring prefixes. The sites' own language
    middleware reads the prefix itself (review)."""
    from django.conf import settings

    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE
