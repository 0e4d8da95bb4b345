"""The hub: the public-schema site that lists every country-pair site."""

from django.conf import settings

from i18n.languages import SUPPORTED_CODES
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


# The hub speaks every language the framework supports, in the order
# given by settings (the hub default first).
HUB_LANGUAGES: tuple[str, ...] = tuple(
    [settings.LANGUAGE_CODE] + [c for c in SUPPORTED_CODES if c != settings.LANGUAGE_CODE]
)
