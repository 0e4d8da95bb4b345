"""The site URLs plus ``/bench/bare/``, a view that does nothing: the
benchmark's yardstick for what the portal's middleware costs. Lives only here,
never in the production URL configurations."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls_site import urlpatterns as site_patterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_patterns]
