"""Alerts, digests and the weekly bulletin of one site (tables in each site's schema)."""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_secret() -> str:
    return secrets.token_urlsafe(12)


class SubscriptionQuerySet(models.QuerySet):
    def active(self) -> "SubscriptionQuerySet":
        return self.filter(status=Subscription.Status.ACTIVE)

    def live(self) -> "SubscriptionQuerySet":
        """Waiting for confirmation or active: what one address holds."""
        return self.exclude(status=Subscription.Status.UNSUBSCRIBED)

    def of_address(self, email: str) -> "SubscriptionQuerySet":
        return self.filter(email=normalise_email(email))


def normalise_email(email: str) -> str:
    """Addresses compare without case (the local part too: no mail system
    in practice delivers Anna@ and anna@ to different people)."""
    return (email or "").strip().lower()


class Subscription(models.Model):
    """Someone's wish to hear about new content by e-mail, confirmed by a link
    sent to the address (double opt-in) unless they are signed in with it.

    ``topic`` says what it follows: ``search`` (words and filters: type,
    product, country — a product alert is a search without words), ``bulletin``
    (the weekly bulletin), or a topic a content app registers
    (``alerts.topics``: a news category, a listing type, a sector) with its
    ``value``.
    """

    SEARCH, BULLETIN = "search", "bulletin"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Frequency(models.TextChoices):
        DAILY = "daily", pgettext_lazy("alert frequency", "Daily")
        WEEKLY = "weekly", pgettext_lazy("alert frequency", "Weekly")

    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    topic = models.CharField(_("follows"), max_length=30, default=SEARCH)
    query = models.CharField(_("search words"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=30, blank=True)
    product = models.CharField(_("product"), max_length=6, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    value = models.CharField(_("value"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.PENDING
    )
    # What links in e-mails are bound to: a new one whenever the subscription
    # ends or is taken up again, so no link outlives the state it was sent in.
    secret = models.CharField(max_length=32, default=new_secret)
    # The secret it had when it ended: its unsubscribe links (a mail
    # provider's one-click retried, a second click) still get "already
    # stopped", and nothing else — no manage page, no way to start it again.
    ended_secret = models.CharField(max_length=32, blank=True, editable=False)
    # No key to an account: accounts live in the same schema, but users are
    # also deleted from the hub's (public) schema, which has no such table.
    # A signed-in member's subscriptions are those of their address.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Digests have covered what appeared up to this moment: the next one
    # starts here, so nothing is sent twice and nothing falls between two.
    covered_until = models.DateTimeField(_("digests cover up to"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic", "query", "kind", "product", "country", "value"],
                condition=~Q(status="unsubscribed"),
                name="one_live_subscription_per_wish",
            )
        ]
        indexes = [models.Index(fields=["status", "frequency"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email} · {self.topic}"

    @property
    def is_bulletin(self) -> bool:
        return self.topic == self.BULLETIN


class Delivery(models.Model):
    """One message to one subscriber for one period: a digest or a bulletin.

    Written in the transaction that decides what the message holds (and moves
    the subscription's ``covered_until``); the message is sent after that
    commits and its outcome recorded here. Unique per subscription and
    period, so a job run twice, or after a crash, never decides twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        NOTHING = "nothing", _("Nothing new to send")
        FAILED = "failed", _("Failed, will be tried again")
        GAVE_UP = "gave_up", _("Failed")
        BOUNCED = "bounced", _("Bounced")

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("alert subscription"),
    )
    period = models.CharField(_("period"), max_length=40)  # "daily:2026-11-30", "bulletin:2026-W48"
    since = models.DateTimeField(_("items from"), null=True, blank=True)
    until = models.DateTimeField(_("items until"), null=True, blank=True)
    # What the message holds, decided once: the items as the subscriber
    # reads them (title, link, language …), so a retry sends the same.
    items = models.JSONField(_("items"), default=list, blank=True)
    item_count = models.PositiveIntegerField(_("number of items"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The same Message-ID on every attempt: a copy sent again after a crash
    # in the middle of sending is recognised by mail programs as the same.
    uid = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="one_delivery_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.subscription_id} · {self.period} · {self.status}"


class BulletinQuerySet(models.QuerySet):
    def sent(self) -> "BulletinQuerySet":
        return self.filter(status=Bulletin.Status.SENT)


class Bulletin(models.Model):
    """The site's weekly bulletin: assembled from the week's news, listings
    and events, introduced and reordered by editors, sent in each
    subscriber's language, then archived on the site."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SENT = "sent", _("Sent")

    week = models.CharField(_("week"), max_length=8, unique=True)  # ISO week, "2026-W48"
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    introduction = models.TextField(_("introduction"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    send_after = models.DateTimeField(_("goes out at"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-starts_on"]
        permissions = [("send_bulletin", _("Can send the weekly bulletin"))]

    def __str__(self) -> str:
        return self.week


class BulletinItem(models.Model):
    """One article, listing or event of a bulletin, by its search documents'
    kind and object id (the bulletin shows it in each reader's language)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    included = models.BooleanField(_("included"), default=True)

    class Meta:
        verbose_name = _("bulletin item")
        verbose_name_plural = _("bulletin items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "kind", "object_id"], name="one_bulletin_item_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bulletin_id}:{self.kind}:{self.object_id}"
