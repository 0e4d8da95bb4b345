"""The hub's front page: the list of sites, a page at a time.

It lives here rather than with the sites (``tenants``) so that it shares the
pager of every other list (``web.pagination``).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from tenants.addresses import site_url
from tenants.models import Site
from tenants.naming import name_in
from web.pagination import numbered

SITES_PER_PAGE = 24


@require_safe
def hub(request: HttpRequest) -> HttpResponse:
    sites = Site.objects.public().prefetch_related("domains").order_by("code")
    pager = numbered(request, sites, per_page=SITES_PER_PAGE)
    language = translation.get_language()
    entries = [
        {
            "site": site,
            "countries": site.countries,
            "country_names": site.country_names(language),
            "name": name_in(site, language),
            "url": site_url(site),
        }
        for site in pager.items
    ]
    return render(request, "tenants/hub.html", {"entries": entries, "pager": pager})
