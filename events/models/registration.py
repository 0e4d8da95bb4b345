import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.event import Event


def new_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.CONFIRMED)

    def behind(self) -> "RegistrationQuerySet":
        """Active ones that have not received their event as it now stands
        (``told_sequence``): a change notice is due, or is no news to them."""
        return self.active().filter(told_sequence__lt=models.F("event__sequence"))

    def waitlisted(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The event's SEQUENCE this registrant last received (registering, being
    # promoted, or told of a change): behind it, they are told of the change
    # (events.services.changes).
    told_sequence = models.PositiveIntegerField(default=0, editable=False)
    # And what they were told of it (Event.notice_state): the next notice
    # marks what changed since.
    told_state = models.JSONField(default=dict, editable=False)
    # When the mail server last refused this registrant's address for a
    # change notice (not tried again for that change); cleared by one it took.
    notice_refused_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live registration per person and event; a cancelled one
            # does not stop registering again.
            models.UniqueConstraint(
                "event",
                models.functions.Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs) -> None:
        # Made here (by an official in the admin, say) after the event's last
        # change: there is no change to tell of.
        if self._state.adding and not self.told_sequence:
            self.told_sequence = self.event.sequence
        if self._state.adding and not self.told_state:
            self.told_state = self.event.notice_state()
        super().save(*args, **kwargs)
