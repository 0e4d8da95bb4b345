"""Read-only views over all sites, for operators."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django_tenants.utils import schema_context

from tenants.models import Site


@dataclass
class SiteSummary:
    code: str
    domains: list[str]
    languages: list[str]
    status: str
    counts: dict[str, int]


def site_summaries() -> list[SiteSummary]:
    summaries = []
    for site in Site.objects.real().prefetch_related("domains"):
        with schema_context(site.schema_name):
            counts = {
                label: apps.get_model(model).objects.count()
                for label, model in settings.SITE_CONTENT_COUNTS
            }
        domains = sorted(site.domains.all(), key=lambda d: (not d.is_primary, d.domain))
        summaries.append(
            SiteSummary(
                code=site.code,
                domains=[d.domain for d in domains],
                languages=list(site.languages),
                status=status_label(site),
                counts=counts,
            )
        )
    return summaries


def status_label(site: Site) -> str:
    """``draft``, ``draft until 2027-01-05``, ``active`` or ``archived``, for operators."""
    if site.is_draft:
        return f"draft until {site.launched_on.isoformat()}" if site.launched_on else "draft"
    return Site.Status.ACTIVE if site.status == Site.Status.DRAFT else site.status


def set_status(code: str, status: str) -> tuple[Site, bool]:
    """Archive or re-activate a site; returns the site and whether it changed."""
    site = Site.objects.real().get(code=code)
    if site.status == status:
        return site, False
    site.status = status
    site.save(update_fields=["status", "updated_at"])
    return site, True
