"""The site URLs plus ``/<lang>/bench/bare/``, a view that does nothing: the
benchmark's yardstick for what the portal's middleware costs, routed like
every page (under a language prefix). Lives only here, never in the
production URL configurations."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls_site import urlpatterns as site_patterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [*site_patterns, *i18n_patterns(path("bench/bare/", bare))]
