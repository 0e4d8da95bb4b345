"""The site URLs plus a view that fails, for the server error page's tests."""

from django.urls import path

from portal.urls_site import *  # noqa: F403 (the handlers come along)
from portal.urls_site import urlpatterns as site_patterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site_patterns]
