"""A site's URLs plus pages whose form token touches other letters and digits,
for the page cache's tests."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from portal.urls_site import urlpatterns as site_urlpatterns

#: What each page writes right before its second token.
BEFORE = {"letter": "x", "escaped": "%3D"}


def glued(request, before: str):
    # A token written into an address or a longer word: no longer a run of
    # exactly 64 letters and digits.
    token = get_token(request)
    return HttpResponse(
        f'<input value="{token}"><a href="?t{BEFORE[before]}{get_token(request)}">x</a>'
    )


def spaced(request):
    return HttpResponse(f'<input value="{get_token(request)}">')


urlpatterns = [
    path("glued/<str:before>/", glued),
    path("spaced/", spaced),
    *site_urlpatterns,
]
