"""Cooperation content of one site (this app's tables live in each site schema)."""

import datetime
import functools

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.models.taxonomy import Category, Tag
from cooperation.uploads import article_image_path, attachment_path, validate_image, validate_pdf
from languages.choices import ChoiceLabels
from search.fields import HSCodesField
from search.gin import short_gin_index
from tenants.launch_dates import DateWindow
from tenants.uploads import CleanImageField
from translations.fallback import current_site_text
from translations.prepared import PreparedGet, PreparedRows, rows_of
from translations.site_columns import in_site_languages
from web.rich_text import clean_columns


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None) -> "ArticleQuerySet":
        return in_site_languages(
            self.filter(
                status=Article.Status.PUBLISHED,
                published_at__lte=timezone.now() if now is None else now,
            )
        )

    def listed(self, now=None) -> "ArticleQuerySet":
        """Published, for lists: without the bodies (every language's body,
        ~2 KB each, was most of what a list of 50 read and decoded)."""
        return self.published(now=now).defer("body")

    def for_page(self) -> "ArticleQuerySet":
        """Marked ``has_attachments`` and ``has_tags``: an article page asks
        for its documents and tags only when it has some. Their two queries,
        run for most articles to find nothing, cost ~3 of the page's ~13 ms
        of CPU, most of it compiling them (bench/http.py --profile)."""
        return self.annotate(**_page_marks())


def _page(slot) -> ArticleQuerySet:
    """The article page's object: published, with its category, marked."""
    published = Article.objects.published(now=slot("now", models.DateTimeField()))
    return (
        in_site_languages(published.select_related("category"))
        .for_page()
        .filter(slug=slot("slug", models.SlugField()))
    )


@functools.cache
def _page_marks() -> dict[str, models.Expression]:
    """ArticleQuerySet.for_page's expressions, built once per process (Django
    copies an expression where a query uses it, as it does Meta.ordering's)."""
    return {
        "has_attachments": models.Exists(
            Attachment.objects.filter(article=models.OuterRef("pk")).order_by()
        ),
        "has_tags": models.Exists(
            Article.tags.through.objects.filter(article=models.OuterRef("pk")).order_by()
        ),
    }


#: When an article may say it was published, in years from today: an archive
#: of news brought over from an older portal reaches back (the demo sites'
#: began in 2006), and an article may be scheduled to appear later, but a
#: year ahead is as far as news is planned; 1900-01-01 and 9999-12-31 are
#: slips of the date picker (``tenants.launch_dates.DateWindow``).
PUBLICATION_DATES = DateWindow(
    30, 1, _("Choose a publication date between %(first)s and %(last)s.")
)


class Article(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("article kind", "News")
        POLICY = "policy", pgettext_lazy("article kind", "Policy")
        REPORT = "report", pgettext_lazy("article kind", "Market report")
        ANNOUNCEMENT = "announcement", pgettext_lazy("article kind", "Announcement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    hs_codes = HSCodesField(_("products (HS codes)"))
    image = CleanImageField(
        _("image"), upload_to=article_image_path, blank=True, validators=[validate_image]
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    author = models.CharField(_("author"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # A translation still being checked: readers of these languages see the
    # fallback instead, so a lagging translation never blocks the source.
    # The language it was written in, which translations start from; empty
    # for the site's default language (tests/translations/test_article_source.py).
    language = models.CharField(_("language of the article"), max_length=10, blank=True)
    unpublished_languages = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("translations not yet published"),
        default=list,
        blank=True,
    )

    objects = ArticleQuerySet.as_manager()
    translation_source_field = "language"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            short_gin_index(fields=["hs_codes"], name="article_hs_codes"),
        ]
        permissions = [("publish_article", _("Can publish articles"))]

    def __str__(self) -> str:
        return current_site_text(self, "title")

    def save(self, *args, **kwargs) -> None:
        # Bodies are stored as cleaned HTML (web.rich_text).
        clean_columns(self, "body")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # "Published" with no date means now: undated, it would match no
            # list, page or feed (they all read published_at <= now).
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.published_at is not None:
            problem = PUBLICATION_DATES.problem(timezone.localtime(self.published_at).date())
            if problem:
                raise ValidationError({"published_at": problem})


class Attachment(models.Model):
    """A PDF that goes with an article: the regulation itself, a full report."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=attachment_path, validators=[validate_pdf])
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return current_site_text(self, "title")

    def save(self, *args, **kwargs) -> None:
        # Kept in the row, so listing documents never touches the storage.
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)


#: ``ARTICLE_PAGE.get_or_404(slug=…, now=…)``: the page's query, compiled
#: once per site languages (translations.prepared).
ARTICLE_PAGE = PreparedGet(Article, _page)

#: An article page's tags and documents, read only when it has some
#: (ArticleQuerySet.for_page): ``ARTICLE_TAGS.list(article=pk)``. Compiled
#: once, as the page's own query; each cost ~1 ms of CPU to build and compile
#: through the related manager.
ARTICLE_TAGS = rows_of(Tag, "articles", "article")
ARTICLE_ATTACHMENTS = rows_of(Attachment, "article", "article")


_NEXT_PUBLICATION = PreparedRows(
    Article,
    lambda given: (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=given("now", models.DateTimeField())
        )
        .order_by("published_at")
        .values_list("published_at", named=True)
    ),
)


def next_publication(now: datetime.datetime) -> datetime.datetime | None:
    """When the next article set to publish later appears, if any (a site's
    scheduled change, web.page_cache): a query compiled once per process, as
    the first page after every write to the site asks it."""
    row = _NEXT_PUBLICATION.bind(now=now).first()
    return row.published_at if row else None
