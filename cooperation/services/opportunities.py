"""Posting a trade opportunity: it waits for an editor before anyone sees it."""

from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Enterprise, Opportunity
from i18n.fallback import fallback_chain, shown_text
from tenants.context import current_site


def submit_opportunity(
    *, enterprise: Enterprise, language: str, title: str, description: str, **fields
) -> Opportunity:
    """Post a listing for ``enterprise``; ``fields`` are the form's other fields."""
    company = shown_text(enterprise, "name", fallback_chain(current_site(), language)).text
    opportunity = Opportunity(
        enterprise=enterprise,
        company=company,
        language=language,
        status=Opportunity.Status.PENDING,
        **fields,
    )
    # The text goes in the poster's language; editors add translations.
    setattr(opportunity, build_localized_fieldname("title", language), title)
    setattr(opportunity, build_localized_fieldname("description", language), description)
    opportunity.save()
    return opportunity


def moderate(opportunity: Opportunity, *, approve: bool) -> Opportunity:
    opportunity.status = Opportunity.Status.APPROVED if approve else Opportunity.Status.REJECTED
    opportunity.save(update_fields=["status"])
    return opportunity
