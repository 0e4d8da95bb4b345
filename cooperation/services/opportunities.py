"""Posting a trade opportunity: it waits for an editor before anyone sees it."""

from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Opportunity


def submit_opportunity(*, language: str, title: str, description: str, **fields) -> Opportunity:
    opportunity = Opportunity(language=language, status=Opportunity.Status.PENDING, **fields)
    # The text goes in the poster's language; editors add translations.
    setattr(opportunity, build_localized_fieldname("title", language), title)
    setattr(opportunity, build_localized_fieldname("description", language), description)
    opportunity.save()
    return opportunity


def moderate(opportunity: Opportunity, *, approve: bool) -> Opportunity:
    opportunity.status = Opportunity.Status.APPROVED if approve else Opportunity.Status.REJECTED
    opportunity.save(update_fields=["status"])
    return opportunity
