"""``{% branding_url "site_logo" %}``: the address of one of the site's
branding assets (``site_logo``, ``theme_css``, ``admin_theme_css``) that
changes when the branding does (``tenants.services.branding.branding_version``)."""

from django import template
from django.urls import reverse

from tenants.services.branding import branding_version

register = template.Library()


@register.simple_tag(takes_context=True)
def branding_url(context: template.Context, name: str) -> str:
    request = context.get("request")
    site = getattr(request, "tenant", None)
    if site is None:
        return reverse(name)
    return reverse(name, kwargs={"version": branding_version(site)})
