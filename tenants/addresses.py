"""Absolute addresses of the sites and of the hub, from configuration only.

Links that leave the page they are on (e-mails, the hub's list of sites, a
co-hosted event's origin, calendar feeds) are built from a site's primary
domain, ``PUBLIC_URL_SCHEME`` and ``PUBLIC_URL_PORT``; never from the request,
whose port is gunicorn's behind a proxy and whose Host header is whatever the
client sent (``Host: cn-vn.localhost:9999`` must not reach an e-mail).
"""

from django.conf import settings

from tenants.hub import is_hub
from tenants.models import Site

DEFAULT_PORTS = {"http": "80", "https": "443"}


def origin(host: str) -> str:
    """``scheme://host[:port]`` for a host name the portal serves."""
    scheme, port = settings.PUBLIC_URL_SCHEME, str(settings.PUBLIC_URL_PORT or "")
    suffix = f":{port}" if port and port != DEFAULT_PORTS.get(scheme) else ""
    return f"{scheme}://{host}{suffix}"


def site_origin(site: Site) -> str:
    """``scheme://primary-domain[:port]`` of ``site`` (the hub's for the hub)."""
    if is_hub(site):
        return origin(settings.PUBLIC_DOMAIN)
    domain = site.primary_domain_name()
    if domain is None:
        raise ValueError(f"site {site.code} has no primary domain")
    return origin(domain)


def site_url(site: Site, path: str = "/") -> str:
    return site_origin(site) + path


def hub_url(path: str = "/") -> str:
    return origin(settings.PUBLIC_DOMAIN) + path
