"""A site's URLs plus one page that fails, for the error-report tests."""

from django.urls import path

from portal.urls_site import urlpatterns as site_urlpatterns


def failing_page(request):
    raise RuntimeError("the failing test page failed")


urlpatterns = [path("failing/", failing_page), *site_urlpatterns]
