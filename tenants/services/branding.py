"""Defaults for a site that has not uploaded its own branding."""

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
