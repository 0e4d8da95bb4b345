"""The hub page and each site's branding assets."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tenants.links import host_url
from tenants.models import Site
from tenants.services.branding import monogram


@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    sites = Site.objects.active().prefetch_related("domains")
    language = translation.get_language()
    entries = [
        {
            "site": site,
            "countries": site.countries,
            "country_names": site.country_names(language),
            "url": host_url(request, site.primary_domain_name()),
        }
        for site in sites
    ]
    return render(request, "tenants/hub.html", {"entries": entries})


@require_GET
@cache_control(max_age=300, public=True)
def theme_css(request: HttpRequest) -> HttpResponse:
    """Site colours as CSS custom properties: a file, so pages need no inline style."""
    css = render_to_string("tenants/theme.css", {"site": request.tenant})
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
@cache_control(max_age=300, public=True)
def logo(request: HttpRequest) -> HttpResponse:
    site = request.tenant
    if site.logo:
        return HttpResponseRedirect(site.logo.url)
    return HttpResponse(monogram(site), content_type="image/svg+xml")
