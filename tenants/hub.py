"""The hub: the public-schema site that lists every country-pair site."""

from django.conf import settings

from languages.registry import catalog_languages
from tenants.models import Site


def hub_site() -> Site:
    """An unsaved Site standing for the public schema, so code can read
    ``request.tenant`` the same way on the hub as on a country-pair site."""
    return Site(
        schema_name="public",
        code="hub",
        name="",
        languages=list(HUB_LANGUAGES),
        time_zone="UTC",
        status=Site.Status.ACTIVE,
    )


def is_hub(site: Site | None) -> bool:
    return site is None or site.schema_name == "public"


# The hub offers the languages it has a full UI catalog for, its default
# first; a site offers whatever languages it was launched with.
HUB_LANGUAGES: tuple[str, ...] = tuple(
    [settings.LANGUAGE_CODE]
    + [c for c in catalog_languages(settings.LOCALE_PATHS) if c != settings.LANGUAGE_CODE]
)
