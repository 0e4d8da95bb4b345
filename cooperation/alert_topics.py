"""What people can follow on a site besides a search (``alerts.topics``):
a news category, a type of trade listing, a sector; and what narrows a
search of enterprises as the directory's filters do (sector, verified)."""

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from alerts.topics import Topic, register
from cooperation.models import Article, Category, Enterprise, Opportunity, Tag
from cooperation.sectors import SECTORS
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text


def _categories(site: Site) -> list[tuple[str, str]]:
    chain = fallback_chain(site, translation.get_language())
    return [(c.slug, shown_text(c, "name", chain).text) for c in Category.objects.all()]


def _in_category(slug: str) -> QuerySet:
    return Article.objects.filter(category__slug=slug)


def _tags(site: Site) -> list[tuple[str, str]]:
    chain = fallback_chain(site, translation.get_language())
    return [(t.slug, shown_text(t, "name", chain).text) for t in Tag.objects.all()]


def _with_tag(slug: str) -> QuerySet:
    return Article.objects.filter(tags__slug=slug)


def _listing_types(_site: Site) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Opportunity.Kind.choices]


def _of_type(kind: str) -> QuerySet:
    return Opportunity.objects.filter(kind=kind)


def _sectors(_site: Site) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in SECTORS]


def _in_sector(sector: str) -> QuerySet:
    return Opportunity.objects.filter(sector=sector)


def _in_enterprise_sector(sector: str) -> QuerySet:
    return Enterprise.objects.filter(sectors__contains=[sector])


def _verified_choices(_site: Site) -> list[tuple[str, str]]:
    return [("1", str(_("Verified only")))]


def _verified(_value: str) -> QuerySet:
    return Enterprise.objects.filter(verified=True)


def register_topics() -> None:
    register(Topic("category", _("News category"), "article", _categories, _in_category))
    register(Topic("tag", _("News tag"), "article", _tags, _with_tag))
    register(
        Topic(
            "listing_type", _("Type of trade opportunity"), "opportunity", _listing_types, _of_type
        )
    )
    register(
        Topic("sector", _("Sector of trade opportunities"), "opportunity", _sectors, _in_sector)
    )
    # The enterprise directory's filters, so that its alert follows what it shows.
    register(
        Topic(
            "enterprise_sector", _("Sector of enterprises"), "enterprise", _sectors,
            _in_enterprise_sector,
        )
    )  # fmt: skip
    register(
        Topic("verified", _("Verified enterprises"), "enterprise", _verified_choices, _verified)
    )
