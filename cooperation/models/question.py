"""The public question desk: anyone asks, officials answer, answers are published."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from languages.choices import ChoiceLabels
from translations.site_columns import in_site_languages


class Topic(models.TextChoices):
    TRADE_POLICY = "trade_policy", pgettext_lazy("question topic", "Trade policy")
    CUSTOMS = "customs", pgettext_lazy("question topic", "Customs and standards")
    INVESTMENT = "investment", pgettext_lazy("question topic", "Investment")
    MARKET = "market", pgettext_lazy("question topic", "Market access")
    EVENTS = "events", pgettext_lazy("question topic", "Events and fairs")
    OTHER = "other", pgettext_lazy("question topic", "Other")


class QuestionQuerySet(models.QuerySet):
    def published(self) -> "QuestionQuerySet":
        return in_site_languages(self.filter(status=Question.Status.ANSWERED, is_public=True))

    def waiting(self) -> "QuestionQuerySet":
        return self.filter(status=Question.Status.OPEN)

    def overdue(self, days: int, now=None) -> "QuestionQuerySet":
        return self.waiting().filter(
            created_at__lt=(now or timezone.now()) - datetime.timedelta(days=days)
        )


class Question(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(_("preferred language"), max_length=10)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    # Blank at the model level: a question arrives in any language (the public
    # form requires it); the site default language is not required here.
    question = models.TextField(_("question"), max_length=4000, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_public = models.BooleanField(
        _("published"), default=True, help_text=_("Show the question and its answer publicly.")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    objects = QuestionQuerySet.as_manager()
    # Each row is written in its own language, which translations start from.
    translation_source_field = "language"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        # Changing a question (a translator translating its answer) is not
        # answering it: publishing an answer and telling the asker needs this.
        permissions = [("answer_question", _("Can publish answers to questions"))]

    def __str__(self) -> str:
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("question_detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """What the asker quotes when writing about the question: Q-2026-00042."""
        return f"Q-{self.created_at:%Y}-{self.pk:05d}" if self.pk else ""


class TopicOwner(models.Model):
    """The official who receives the questions of a topic.

    An address rather than a key to a user: auth users exist in the public
    schema too, and a key from a site table to them would make deleting a
    hub user reach into tables the public schema does not have.
    """

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    email = models.EmailField(_("official's e-mail"))

    class Meta:
        verbose_name = _("topic owner")
        verbose_name_plural = _("topic owners")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "email"], name="one_owner_entry_per_topic_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.email}"
