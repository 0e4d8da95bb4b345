"""Matchmaking: one enterprise asks another for business, the other answers."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models.enterprise import Enterprise
from cooperation.models.opportunity import Opportunity


class MatchRequestQuerySet(models.QuerySet):
    def involving(self, enterprise: Enterprise) -> "MatchRequestQuerySet":
        return self.filter(Q(sender=enterprise) | Q(recipient=enterprise))

    def pending(self) -> "MatchRequestQuerySet":
        return self.filter(status=MatchRequest.Status.PENDING)

    def accepted(self) -> "MatchRequestQuerySet":
        return self.filter(status=MatchRequest.Status.ACCEPTED)


class MatchRequest(models.Model):
    class Kind(models.TextChoices):
        INTEREST = "interest", _("Interest in an opportunity")
        MEETING = "meeting", _("Meeting request")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    sender = models.ForeignKey(
        Enterprise, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Enterprise, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received_requests"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_requests",
    )
    # Copied when the request is made, so counts survive a later edit.
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    message = models.TextField(_("message"), max_length=2000)
    proposed_date = models.DateField(_("proposed meeting date"), null=True, blank=True)
    reply = models.TextField(_("reply"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = MatchRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("matchmaking request")
        verbose_name_plural = _("matchmaking requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="match_not_with_oneself"
            ),
            # One open request at a time between two enterprises about one thing.
            models.UniqueConstraint(
                fields=["sender", "recipient", "opportunity"],
                condition=Q(status="pending"),
                nulls_distinct=False,
                name="one_pending_match_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
