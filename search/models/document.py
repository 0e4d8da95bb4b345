from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Value
from django.utils.translation import gettext_lazy as _

from search.gin import short_gin_index


class Shelf(Func):
    """A document's shelf, ``{"zh-hans/article"}``: its language and kind as
    a one-element array, so that the text indexes can hold it beside the
    words (a GIN index of several columns narrows by all of them at once,
    with no extension for a plain column)."""

    template = "(ARRAY[(%(expressions)s)::text])"
    arg_joiner = " || '/' || "

    def __init__(self) -> None:
        super().__init__(F("language"), F("kind"))

    @staticmethod
    def sql(alias: str) -> str:
        """The same in raw SQL over the table aliased ``alias``, written as
        PostgreSQL prints the index's expression, so the planner matches it."""
        return f"(ARRAY[((({alias}.language)::text || '/'::text) || ({alias}.kind)::text)])"


class SearchDocument(models.Model):
    """What the search box finds for one object in one of the site's languages:
    the text a reader of that language sees (fallback included), indexed.
    Kept current by search.registry on every save of a registered object."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    kind = models.CharField(max_length=30)  # the registry key: "article", "event", …
    title = models.TextField()
    title_language = models.CharField(max_length=10)
    body = models.TextField(blank=True)
    body_language = models.CharField(max_length=10)
    url_name = models.CharField(max_length=60)
    url_kwargs = models.JSONField(default=dict)
    is_public = models.BooleanField(default=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateField(null=True, blank=True)
    # The object's product codes with their chapters and headings ("0801" is
    # stored as "08", "0801"), so a filter on a chapter finds its headings.
    products = ArrayField(models.CharField(max_length=6), default=list, blank=True)
    country = models.CharField(max_length=2, blank=True)
    # Languages the object is written in (its own text, not a fallback).
    languages = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    # The date a reader goes by (published, starts, posted): order and date filter.
    dated_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)  # Searchable.ends
    time_zone = models.CharField(max_length=64, blank=True, db_default="")  # Searchable.time_zone
    copy_of = models.CharField(max_length=20, blank=True, db_default="")  # Searchable.copy_of
    shared_with = ArrayField(
        models.CharField(max_length=20), default=list, blank=True, db_default=Value([])
    )
    # When the object first became public: what "new since" means for alerts.
    public_since = models.DateTimeField(null=True, blank=True)
    title_vector = SearchVectorField()
    vector = SearchVectorField()  # title (weight A) and body (weight B)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="one_search_document_per_language",
            )
        ]
        indexes = [
            # Each with the shelf (language and kind) beside it: a word, or a
            # product, absent from the reader's language or from one kind is
            # found absent in the index, not by reading every document of
            # the other languages that holds it (30–45 ms for a common word
            # at 100,000 articles; ``search.newest``'s rare path).
            short_gin_index(Shelf(), "vector", name="search_document_shelf_vector"),
            short_gin_index(Shelf(), "title_vector", name="search_document_shelf_title"),
            short_gin_index(Shelf(), "products", name="search_document_shelf_products"),
            # Matches the results' order (newest first, undated last), so a
            # query matching much of the site stops after the first pages.
            models.Index(
                F("language"),
                F("dated_at").desc(nulls_last=True),
                F("id").desc(),
                name="search_document_dated",
            ),
            # The same per kind: each kind's newest documents are probed
            # apart (a word common in the articles is found in their date
            # order even when the newest documents are listings without it).
            models.Index(
                F("language"),
                F("kind"),
                F("dated_at").desc(nulls_last=True),
                F("id").desc(),
                name="search_document_kind_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.language}"


class SearchWord(models.Model):
    """A word of the site's titles or a term of its vocabulary, for spelling
    suggestions ("hat deiu" → "hạt điều") by trigram similarity.

    ``word`` is folded (lower case, no accents, as ``search.text.fold``);
    ``display`` is how it was first written. Words stay when the text they
    came from goes: a suggestion is offered only if it finds something.
    A term written in Chinese characters has its ``reading`` (toneless
    pinyin, ``languages.pinyin``): "榴连", typed by sound, finds "榴莲".
    """

    word = models.CharField(max_length=100, primary_key=True)
    display = models.CharField(max_length=100)
    reading = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            short_gin_index(fields=["word"], opclasses=["gin_trgm_ops"], name="search_word_trgm"),
            models.Index(
                fields=["reading"], condition=~models.Q(reading=""), name="search_word_reading"
            ),
        ]

    def __str__(self) -> str:
        return self.display
