"""Translation bookkeeping for a site's content (tables in each site schema)."""

from django.conf import settings
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
    # The source text itself, so the translator sees what changed since.
    source_text = models.TextField(blank=True)
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


class TranslationTask(models.Model):
    """One object waiting for a translation into one language of its site.

    Created when an editor publishes or approves content that lacks a site
    language, or when readers ask for it; shown to the site's translators;
    closed when the translation is saved (``translations.services.tasks``).
    """

    class Reason(models.TextChoices):
        PUBLISHED = "published", _("Published without this language")
        READERS = "readers", _("Asked for by readers")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    source_language = models.CharField(_("source language"), max_length=10)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    # Readers who asked, each counted once (TranslationRequest).
    requests = models.PositiveIntegerField(_("readers' requests"), default=0)
    created_at = models.DateTimeField(_("created"))
    closed_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation task")
        verbose_name_plural = _("translation tasks")
        ordering = ["-requests", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_translation_task_per_language",
            )
        ]
        indexes = [
            models.Index(
                fields=["language", "created_at"],
                condition=models.Q(closed_at__isnull=True),
                name="open_translation_tasks",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.language}"


class TranslationRequest(models.Model):
    """A reader's "please translate this": one per reader and task, so asking
    twice counts once. The reader is kept only as a keyed digest of their
    address (``translations.services.tasks.requester_key``)."""

    task = models.ForeignKey(TranslationTask, on_delete=models.CASCADE, related_name="+")
    requester = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        constraints = [
            models.UniqueConstraint(fields=["task", "requester"], name="one_request_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.task_id}:{self.requester[:8]}"


class StaffLanguage(models.Model):
    """The language e-mails about a staff member's work (a clash of their
    events, a listing to moderate) are written in: the one they chose on
    their account page (``chosen``), else the one they last signed in with
    or were invited in (``translations.services.staff``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    language = models.CharField(max_length=10)
    updated_at = models.DateTimeField()
    #: Chosen on the account page: signing in in another language keeps it.
    chosen = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("staff member's language")
        verbose_name_plural = _("staff members' languages")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.language}"


class TranslationGap(models.Model):
    """An item whose translation into one language is missing or outdated,
    kept in step on every write (``translations.services.translation_gaps``),
    so that the status page counts the backlog, not the content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    state = models.CharField(max_length=10)  # translation_status.MISSING or OUTDATED

    class Meta:
        # Bookkeeping no one sees or is granted: no admin, no permissions to
        # name in a role's list, so no words to translate.
        verbose_name = "translation gap"
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="one_translation_gap_per_language",
            )
        ]
        indexes = [
            # Counted per type, language and state, and listed per type in
            # id order, from the index alone.
            models.Index(
                fields=["content_type", "language", "state", "object_id"],
                name="translation_gap_counts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.language}:{self.state}"


class TranslationGapCount(models.Model):
    """How many ``TranslationGap`` rows there are per content type, language
    and state, changed with them: counting 130,000 gaps (65,000 listings
    waiting for two languages) took 20-55 ms a view."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    language = models.CharField(max_length=10)
    state = models.CharField(max_length=10)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "translation gap count"  # as TranslationGap
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "language", "state"], name="one_translation_gap_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.language}:{self.state}={self.number}"


class TranslationGapsBuilt(models.Model):
    """What the site's ``TranslationGap`` rows were last built for (its
    languages, the translated models and fields): one row."""

    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "translation gaps built"  # as TranslationGap
        default_permissions = ()

    def __str__(self) -> str:
        return self.signature
