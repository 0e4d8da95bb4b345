"""``/favicon.ico``: asked for by browsers, feed readers and bookmark tools
that never read a page's ``<link rel="icon">``. It answered 404 on the hub
and every site; it now points at the portal's icon in the static files."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon_ico(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # The PNG, not the SVG the pages link: the clients that ask for this
    # address are the ones that may not draw SVG.
    return HttpResponsePermanentRedirect(static("portal/apple-touch-icon.png"))
