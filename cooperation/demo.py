"""The cooperation app's demo content: news and policies, trade listings, the
enterprise directory, answered questions and matchmaking between enterprises.

The texts live in ``cooperation/demo_data/`` (``shared/`` for every site, one
folder per demo site, one TOML file per type), written for this project in
each site's languages; this module only turns them into rows. Loaded by
``provision_site --demo`` (and so by ``make demo`` and the test suite's set-up).

Dates are placed relative to the day the demo is loaded (see
``tenants.services.demo_data``); the 2006 launches keep their real dates.
Loading again adds nothing twice: news keeps the day it was published,
listings that expired since are open again for as long as they were at first,
and a meeting request still waiting proposes a day to come.

Rows are written with ``bulk_create`` (a few statements per type instead of
some thirty per object), so the search documents and translation records
that saving one object writes through signals are written here in bulk too.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Model, Q
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import (
    Article,
    Category,
    Enterprise,
    MatchRequest,
    Opportunity,
    Question,
    Tag,
)
from languages.columns import set_text, text_in
from search.registry import index_objects
from tenants.models import Site
from tenants.services.demo_data import DemoDataError, day, demo_files, moment
from translations.services.translation_status import record_new_translations
from web.rich_text import clean_html

DATA = Path(__file__).resolve().parent

ARTICLE_TEXTS = ("title", "summary", "body")
LISTING_TEXTS = ("title", "description")
ENTERPRISE_TEXTS = ("name", "description", "products")
QUESTION_TEXTS = ("question", "answer")


@dataclass
class _Load:
    site: Site
    anchors: dict[str, datetime.date]
    new: list[Model] = field(default_factory=list)  # to index and record in bulk
    counts: dict[str, int] = field(default_factory=dict)

    def when(self, text: str, default_time: str = "09:00") -> datetime.datetime:
        return moment(text, self.anchors, self.site.time_zone, default_time)

    def day(self, text: str) -> datetime.date:
        return day(text, self.anchors)

    def items(self, kind: str, key: str) -> list[dict]:
        return [
            item for data in demo_files(DATA, self.site.code, kind) for item in data.get(key, [])
        ]

    def texts(self, instance: Model, item: dict, names: tuple[str, ...]) -> None:
        """Copy the item's texts in the site's languages; other languages are left out."""
        for language in self.site.languages:
            for name in names:
                value = item.get(language, {}).get(name, "")
                if value:
                    set_text(instance, name, language, value.strip())

    def count(self, what: str, number: int) -> None:
        if number:
            self.counts[what] = self.counts.get(what, 0) + number


def load_demo_content(site: Site) -> str:
    """Create the demo content this site lacks, in its languages; say what was added."""
    today = timezone.now().astimezone(ZoneInfo(site.time_zone)).date()
    load = _Load(site=site, anchors={"today": today})
    categories, tags = _load_taxonomy(load)
    enterprises = _load_enterprises(load)
    _load_articles(load, categories, tags)
    listings = _load_listings(load, enterprises)
    _load_questions(load)
    _load_matches(load, enterprises, listings)
    # What saving each object would have written through signals.
    index_objects(load.new, site)
    record_new_translations(load.new, site=site)
    return ", ".join(f"{number} {what}" for what, number in load.counts.items())


def _load_taxonomy(load: _Load) -> tuple[dict[str, Category], dict[str, Tag]]:
    found: dict[type[Model], dict[str, Model]] = {}
    for model, key in ((Category, "category"), (Tag, "tag")):
        files = demo_files(DATA, load.site.code, "taxonomy")
        wanted = {slug: item for data in files for slug, item in data.get(key, {}).items()}
        existing = {item.slug: item for item in model.objects.filter(slug__in=wanted)}
        new = []
        for slug, item in wanted.items():
            if slug not in existing:
                row = model(slug=slug, name=item["en"])
                if model is Category:
                    row.position = item.get("position", 0)
                for language in load.site.languages:
                    if item.get(language):
                        set_text(row, "name", language, item[language])
                new.append(row)
        model.objects.bulk_create(new)
        load.new += new
        found[model] = {**existing, **{row.slug: row for row in new}}
    return found[Category], found[Tag]  # type: ignore[return-value]


def _load_enterprises(load: _Load) -> dict[str, Enterprise]:
    items = load.items("enterprises", "enterprise")
    existing = {e.slug: e for e in Enterprise.objects.filter(slug__in=[i["slug"] for i in items])}
    new = []
    for item in items:
        if item["slug"] in existing:
            continue
        enterprise = Enterprise(
            slug=item["slug"], country=item["country"], sectors=item["sectors"],
            verified=item.get("verified", False), website=item.get("website", ""),
            email=item.get("email", ""),
        )  # fmt: skip
        load.texts(enterprise, item, ENTERPRISE_TEXTS)
        # A profile with no text in the site's default language was written
        # in the first other language that has it: translators start there.
        written = [code for code in load.site.languages if item.get(code, {}).get("name")]
        if written and written[0] != load.site.default_language:
            enterprise.language = written[0]
        enterprise.created_at = load.when(item.get("joined", "today"))
        new.append(enterprise)
    _create(Enterprise, new)
    load.new += new
    load.count("enterprises", len(new))
    return {**existing, **{e.slug: e for e in new}}


def _load_articles(load: _Load, categories: dict[str, Category], tags: dict[str, Tag]) -> None:
    items = load.items("articles", "article")
    existing = {
        a.slug: a
        for a in Article.objects.filter(slug__in=[i["slug"] for i in items]).only(
            "slug", "category"
        )
    }
    new = []
    for item in items:
        if item["slug"] in existing:
            continue
        article = Article(
            slug=item["slug"], kind=item["kind"], status=Article.Status.PUBLISHED,
            published_at=load.when(item["published"]), author=item.get("author", ""),
            category=categories.get(item.get("category", "")),
        )  # fmt: skip
        load.texts(article, item, ARTICLE_TEXTS)
        for language in load.site.languages:  # what Article.save() does to bodies
            set_text(article, "body", language, clean_html(text_in(article, "body", language)))
        new.append(article)
    Article.objects.bulk_create(new)
    # Articles of an earlier demo that was loaded before it had categories get filed now.
    unfiled = [a for a in existing.values() if a.category_id is None]
    by_slug = {i["slug"]: i for i in items}
    for article in unfiled:
        article.category = categories.get(by_slug[article.slug].get("category", ""))
    Article.objects.bulk_update(unfiled, ["category"])
    Through = Article.tags.through
    Through.objects.bulk_create(
        [
            Through(article_id=article.pk, tag_id=tags[slug].pk)
            for article in [*new, *unfiled]
            for slug in by_slug[article.slug].get("tags", [])
        ],
        ignore_conflicts=True,
    )
    load.new += new
    load.count("articles", len(new))


def _listing_titles(item: dict, site: Site) -> set[tuple[str, str]]:
    return {(lang, item[lang]["title"].strip()) for lang in site.languages if lang in item}


def _load_listings(load: _Load, enterprises: dict[str, Enterprise]) -> dict[str, Opportunity]:
    """The demo listings by their ``ref`` (what matchmaking requests name)."""
    items = load.items("listings", "listing")
    wanted = set().union(*(_listing_titles(item, load.site) for item in items)) if items else set()
    match = Q(pk__in=[])
    for language in load.site.languages:
        titles = [title for lang, title in wanted if lang == language]
        match |= Q(**{f"{build_localized_fieldname('title', language)}__in": titles})
    found: dict[tuple[str, str], Opportunity] = {}
    for listing in Opportunity.objects.filter(match):
        for language in load.site.languages:
            found.setdefault((language, text_in(listing, "title", language)), listing)
    by_ref: dict[str, Opportunity] = {}
    new, renewed = [], []
    for item in items:
        listing = next((found[k] for k in _listing_titles(item, load.site) if k in found), None)
        if listing is not None:
            if listing.valid_until < load.anchors["today"]:
                listing.valid_until = load.day(item["valid"])
                renewed.append(listing)
        else:
            enterprise = enterprises.get(item.get("enterprise", ""))
            listing = Opportunity(
                kind=item["kind"], sector=item["sector"], country=item["country"],
                quantity=item.get("quantity"), unit=item.get("unit", ""), price=item.get("price"),
                currency=item.get("currency", ""), company=item["company"],
                contact_name=item["contact"], contact_email=item["email"],
                language=item["language"], valid_until=load.day(item["valid"]),
                enterprise=enterprise, status=Opportunity.Status.APPROVED,
            )  # fmt: skip
            if item["language"] not in item:
                raise DemoDataError(
                    f"listing {item['company']!r} has no text in {item['language']}"
                )
            load.texts(listing, item, LISTING_TEXTS)
            listing.created_at = load.when(item.get("posted", "today"))
            new.append(listing)
        if "ref" in item:
            by_ref[item["ref"]] = listing
    _create(Opportunity, new)
    Opportunity.objects.bulk_update(renewed, ["valid_until"])
    # The search documents carry the listing's last day: rewrite them too.
    load.new += new + renewed
    load.count("listings", len(new))
    load.count("expired listings renewed", len(renewed))
    return by_ref


def _load_questions(load: _Load) -> None:
    items = load.items("questions", "question")
    asked = Q(pk__in=[])
    for language in load.site.languages:
        texts = [i[language]["question"].strip() for i in items if language in i]
        asked |= Q(**{f"{build_localized_fieldname('question', language)}__in": texts})
    existing = {
        (language, text_in(q, "question", language))
        for q in Question.objects.filter(asked)
        for language in load.site.languages
    }
    new = []
    for item in items:
        if any(
            (lang, item[lang]["question"].strip()) in existing
            for lang in load.site.languages
            if lang in item
        ):
            continue
        question = Question(
            name=item["name"], email=item["email"], country=item.get("country", ""),
            language=item["language"] if item["language"] in load.site.languages else load.site.languages[-1],
            topic=item["topic"], status=Question.Status.ANSWERED, answered_at=load.when(item["answered"]),
        )  # fmt: skip
        load.texts(question, item, QUESTION_TEXTS)
        if not any(text_in(question, "answer", lang) for lang in load.site.languages):
            continue  # no language of this site has it
        question.created_at = load.when(item["asked"])
        new.append(question)
    _create(Question, new)
    load.new += new
    load.count("answered questions", len(new))


def _load_matches(
    load: _Load, enterprises: dict[str, Enterprise], listings: dict[str, Opportunity]
) -> None:
    items = [
        i
        for i in load.items("matches", "match")
        if i["sender"] in enterprises and i["recipient"] in enterprises
    ]
    existing = {
        (r.sender_id, r.recipient_id): r
        for r in MatchRequest.objects.filter(
            sender__in=[enterprises[i["sender"]] for i in items],
            recipient__in=[enterprises[i["recipient"]] for i in items],
        )
    }
    new, moved = [], []
    for item in items:
        sender, recipient = enterprises[item["sender"]], enterprises[item["recipient"]]
        request = existing.get((sender.pk, recipient.pk))
        meeting = load.day(item["meeting"]) if "meeting" in item else None
        if request is not None:
            # A meeting request still waiting keeps proposing a day to come.
            if (
                request.is_pending
                and request.proposed_date
                and request.proposed_date < load.anchors["today"]
            ):
                request.proposed_date = meeting
                moved.append(request)
            continue
        listing = listings.get(item.get("listing", ""))
        status = MatchRequest.Status(item.get("status", "pending"))
        request = MatchRequest(
            kind=MatchRequest.Kind.INTEREST if listing else MatchRequest.Kind.MEETING,
            sender=sender, recipient=recipient, opportunity=listing,
            sector=listing.sector if listing else recipient.sectors[0],
            message=item["message"].strip(), reply=item.get("reply", "").strip(),
            proposed_date=None if listing else meeting, status=status,
            answered_at=load.when(item["answered"]) if status != MatchRequest.Status.PENDING else None,
        )  # fmt: skip
        request.created_at = load.when(item.get("sent", "today"))
        new.append(request)
    _create(MatchRequest, new)
    MatchRequest.objects.bulk_update(moved, ["proposed_date"])
    load.count("matchmaking requests", len(new))


def _create(model: type[Model], rows: list[Model]) -> None:
    """bulk_create, keeping the ``created_at`` the data gave (auto_now_add
    would stamp every row with this moment: a directory posted all at once)."""
    when = [row.created_at for row in rows]
    model.objects.bulk_create(rows)
    for row, created_at in zip(rows, when, strict=True):
        row.created_at = created_at
    model.objects.bulk_update(rows, ["created_at"])
