from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


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
            GinIndex(fields=["vector"], name="search_document_vector"),
            GinIndex(fields=["title_vector"], name="search_document_title_vector"),
            # Matches the candidates' order (newest first, undated last), so a
            # query matching much of the site can stop after the first few hundred.
            models.Index(
                F("language"),
                F("visible_from").desc(nulls_last=True),
                F("id").desc(),
                name="search_document_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.language}"
