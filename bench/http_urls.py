"""The site URLs plus ``/<lang>/bench/bare/``, a view that does nothing: the
benchmark's yardstick for what the portal's middleware costs, routed like
every page (under a language prefix, through the sites' remembered
resolver: web.routing). Lives only here, never in the production URL
configurations."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls_site import urlpatterns as site_patterns
from web.routing import remembered


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


# Inside the one remembered resolver, with the pages: beside it, the bare
# view was found after the remembered resolver's 404 was raised and caught
# and Django's own resolver walked the rest, dearer than any page's routing.
(sites,) = site_patterns
urlpatterns = remembered([*sites.url_patterns, *i18n_patterns(path("bench/bare/", bare))])
