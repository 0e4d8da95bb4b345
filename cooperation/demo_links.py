"""Demo categories and tags for the demo articles, the demo listings tied to the
demo enterprises that posted them, and two matchmaking requests between those
enterprises (one accepted, one waiting), so dashboards and figures have data."""

import datetime

from django.utils import timezone

from cooperation.models import Article, Category, Enterprise, MatchRequest, Opportunity, Tag
from languages.columns import set_text
from tenants.models import Site

_CATEGORIES = {
    "trade": {
        "en": "Trade and markets",
        "zh-hans": "贸易与市场",
        "vi": "Thương mại và thị trường",
        "id": "Perdagangan dan pasar",
    },
    "cooperation": {
        "en": "Cooperation mechanisms",
        "zh-hans": "合作机制",
        "vi": "Cơ chế hợp tác",
        "id": "Mekanisme kerja sama",
    },
}
_TAGS = {
    "e-commerce": {
        "en": "E-commerce",
        "zh-hans": "电子商务",
        "vi": "Thương mại điện tử",
        "id": "E-dagang",
    },
    "agriculture": {"en": "Agriculture", "zh-hans": "农业", "vi": "Nông nghiệp", "id": "Pertanian"},
}
# article slug → (category, tags)
_FILING = {
    "matchmaking-fair-2006": ("trade", ["agriculture", "e-commerce"]),
    "asem-ecommerce-forum-2006": ("trade", ["e-commerce"]),
    "site-launch": ("cooperation", []),
}
# listing company → enterprise slug
_POSTERS = {
    "Binh Thuan Fruit Co.": "binh-thuan-fruit",
    "Guangxi Nut Trading Ltd.": "guangxi-nut-trading",
    "Koperasi Kopi Gayo": "gayo-coffee-cooperative",
}
# The meeting the waiting request proposes is this far from the day it is loaded.
MEETING_IN = datetime.timedelta(days=30)
# (sender, recipient, listing company or None for a meeting, accepted?, message)
_REQUESTS = [
    (
        "guangxi-nut-trading",
        "binh-thuan-fruit",
        "Binh Thuan Fruit Co.",
        True,
        "We buy dragon fruit for wholesale markets in Nanning and would like a trial shipment.",
    ),
    (
        "nanning-logistics",
        "gayo-coffee-cooperative",
        None,
        False,
        "We run cold-chain warehouses in Nanning and can handle your coffee for Chinese buyers.",
    ),
]


def _translated(model, slug: str, names: dict[str, str], site: Site):
    item, created = model.objects.get_or_create(slug=slug, defaults={"name": names["en"]})
    if created:
        for language, name in names.items():
            if language in site.languages:
                set_text(item, "name", language, name)
        item.save()
    return item


def load_demo_links(site: Site) -> list[str]:
    categories = {
        slug: _translated(Category, slug, names, site) for slug, names in _CATEGORIES.items()
    }
    tags = {slug: _translated(Tag, slug, names, site) for slug, names in _TAGS.items()}
    filed = 0
    for article in Article.objects.filter(slug__in=_FILING, category__isnull=True):
        category, tag_slugs = _FILING[article.slug]
        article.category = categories[category]
        article.save(update_fields=["category"])
        article.tags.set([tags[slug] for slug in tag_slugs])
        filed += 1
    enterprises = {e.slug: e for e in Enterprise.objects.filter(slug__in=_POSTERS.values())}
    for company, slug in _POSTERS.items():
        if slug in enterprises:
            Opportunity.objects.filter(company=company, enterprise__isnull=True).update(
                enterprise=enterprises[slug]
            )
    requests = _load_requests()
    return [
        f"{filed} articles filed" if filed else "",
        f"{requests} matchmaking requests" if requests else "",
    ]


def _load_requests() -> int:
    created = 0
    found = {e.slug: e for e in Enterprise.objects.all()}
    for sender, recipient, company, accepted, message in _REQUESTS:
        if sender not in found or recipient not in found:
            continue
        existing = MatchRequest.objects.filter(sender=found[sender], recipient=found[recipient])
        if existing.exists():
            # A waiting meeting request keeps proposing a day to come.
            existing.filter(
                status=MatchRequest.Status.PENDING, proposed_date__lt=timezone.localdate()
            ).update(proposed_date=timezone.localdate() + MEETING_IN)
            continue
        opportunity = Opportunity.objects.filter(company=company).first() if company else None
        MatchRequest.objects.create(
            kind=MatchRequest.Kind.INTEREST if opportunity else MatchRequest.Kind.MEETING,
            sender=found[sender],
            recipient=found[recipient],
            opportunity=opportunity,
            sector=opportunity.sector if opportunity else found[recipient].sectors[0],
            message=message,
            proposed_date=None if opportunity else timezone.localdate() + MEETING_IN,
            status=MatchRequest.Status.ACCEPTED if accepted else MatchRequest.Status.PENDING,
            answered_at=timezone.now() if accepted else None,
        )
        created += 1
    return created
