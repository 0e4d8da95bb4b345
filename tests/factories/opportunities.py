import datetime

from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Opportunity


def make_listing(
    *, texts: dict[str, tuple[str, str]], codes=(), kind="demand", country="CN", **fields
) -> Opportunity:
    """An approved, open listing in the current schema; ``texts`` maps
    language → (title, description)."""
    opportunity = Opportunity(
        kind=kind,
        sector=fields.pop("sector", "A"),
        country=country,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        company=fields.pop("company", "Test Trading"),
        contact_name="A. Buyer",
        contact_email="buyer@example.org",
        language=next(iter(texts)),
        status=fields.pop("status", Opportunity.Status.APPROVED),
        hs_codes=list(codes),
        **fields,
    )
    for language, (title, description) in texts.items():
        setattr(opportunity, build_localized_fieldname("title", language), title)
        setattr(opportunity, build_localized_fieldname("description", language), description)
    opportunity.save()
    return opportunity
