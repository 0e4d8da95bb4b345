"""Translation bookkeeping for a site's content (tables in each site schema)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    """The source text a translation was made from, as a digest.

    When a translation is written, the digest of the source-language text
    at that moment is stored; if the source later changes, the digests no
    longer match and the translation is reported as outdated.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=64)
    language = models.CharField(max_length=10)
    source_digest = models.CharField(max_length=32)
    translation_digest = models.CharField(max_length=32)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_record_per_field_and_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"
