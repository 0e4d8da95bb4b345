"""Defaults for a site that has not uploaded its own branding."""

import functools
import hashlib
import inspect

from django.template.loader import get_template
from django.utils.html import escape

from tenants.models import Site


def monogram(site: Site) -> str:
    """A logo drawn from the site's colours and its two country codes."""
    primary, accent = escape(site.primary_color), escape(site.accent_color)
    first, second = escape(site.country_a), escape(site.country_b)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" '
        f'aria-label="{first}–{second}">'
        f'<circle cx="36" cy="48" r="32" fill="{primary}"/>'
        f'<circle cx="60" cy="48" r="32" fill="{accent}" fill-opacity="0.9"/>'
        '<text x="48" y="56" font-family="sans-serif" font-size="20" font-weight="700" '
        f'text-anchor="middle" fill="#ffffff">{first}·{second}</text></svg>'
    )


def _luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


#: WCAG's AA level for normal text.
READABLE = 4.5


def readable_on(background: str) -> str:
    """Near-black or white, whichever reads better on ``background``: the
    officials choose the colours, the text on them must stay legible.

    On a mid-tone (#777777, sea green) neither reaches 4.5:1 (the ink is not
    quite black); pure black or white then does: one of the two always
    gives at least 4.58:1, whatever the colour."""
    ink = "#1d1f23"
    best = ink if contrast(background, ink) >= contrast(background, "#ffffff") else "#ffffff"
    if contrast(background, best) >= READABLE:
        return best
    return (
        "#000000"
        if contrast(background, "#000000") >= contrast(background, "#ffffff")
        else "#ffffff"
    )


@functools.cache
def _drawing_version() -> str:
    """What the code draws the assets with: the two colour templates and the
    monogram's own source. A release that changes them changes every
    address, so a year-long cache never keeps an old drawing."""
    digest = hashlib.sha256()
    for name in ("tenants/theme.css", "tenants/admin_theme.css"):
        digest.update(get_template(name).template.source.encode())
    digest.update(inspect.getsource(monogram).encode())
    return digest.hexdigest()


VERSION_LENGTH = 12
#: The shape of a version in an address (``portal.urls_site``, ``portal.urls_public``).
VERSION_PATTERN = f"[0-9a-f]{{{VERSION_LENGTH}}}"


def branding_version(site: Site) -> str:
    """A short hash of everything the site's branding assets are made of (its
    logo file, its colours and country codes, and how they are drawn).

    The theme, the admin's colours and the logo are served under addresses
    that carry it (``/branding/<version>/logo.svg``): a new logo or new
    colours give new addresses, so the old ones may be cached for a year
    and pages (stored ones included, which the site's save ends) point at
    the new ones at once."""
    parts = (
        _drawing_version(),
        site.logo.name if site.logo else "",
        site.primary_color,
        site.accent_color,
        site.country_a,
        site.country_b,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:VERSION_LENGTH]
