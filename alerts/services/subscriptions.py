"""Subscribing, confirming, changing and ending alerts; what one follows, in words."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts import links, topics
from alerts.models import Subscription, new_secret, normalise_email
from languages.formatting import country_name
from search.registry import kinds
from search.vocabulary import label as product_label
from search.vocabulary import product_name
from tenants.context import current_site
from tenants.models import Site
from web import mail

CREATED, ACTIVE, ALREADY = "created", "active", "already"


@dataclass(frozen=True)
class Wish:
    """What someone wants to follow (the fields that make a subscription unique)."""

    topic: str = Subscription.SEARCH
    query: str = ""
    kind: str = ""
    product: str = ""
    country: str = ""
    value: str = ""

    def fields(self) -> dict:
        return {
            "topic": self.topic,
            "query": self.query,
            "kind": self.kind,
            "product": self.product,
            "country": self.country,
            "value": self.value,
        }


def subscribe(
    site: Site,
    *,
    email: str,
    wish: Wish,
    language: str,
    frequency: str,
    user=None,
) -> tuple[Subscription, str]:
    """Record the wish of ``email``; returns it and what happened.

    Someone signed in with that very address is subscribed at once
    (``ACTIVE``): the account's address was confirmed when it was made.
    Anyone else gets a confirmation link (``CREATED``); an address that
    already follows this gets a reminder with its manage link instead
    (``ALREADY``), so the form never tells a stranger who subscribes to what.
    """
    email = normalise_email(email)
    language = mail.language_for(site, language)
    if wish.topic == Subscription.BULLETIN:
        frequency = Subscription.Frequency.WEEKLY
    own = user is not None and user.is_authenticated and normalise_email(user.email) == email
    now = timezone.now()
    with transaction.atomic():
        existing = Subscription.objects.live().of_address(email).filter(**wish.fields()).first()
        if existing is not None and existing.status == Subscription.Status.ACTIVE:
            if not own:
                _send(site, existing, "alerts/emails/already")
            return existing, ALREADY
        subscription = existing or Subscription(email=email, **wish.fields())
        subscription.language = language
        subscription.frequency = frequency
        if own:
            _activate(subscription, now)
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:  # the same wish, written by a parallel request
            subscription = Subscription.objects.live().of_address(email).get(**wish.fields())
            return subscription, ALREADY
        if not own:
            _send(site, subscription, "alerts/emails/confirm")
    return subscription, ACTIVE if own else CREATED


def _activate(subscription: Subscription, now) -> None:
    subscription.status = Subscription.Status.ACTIVE
    subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    # The first digest holds what appears from now on.
    subscription.covered_until = now


def confirm(subscription: Subscription) -> bool:
    """Confirm a pending subscription; False if it was not pending."""
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.status != Subscription.Status.PENDING:
            return False
        _activate(locked, timezone.now())
        locked.save()
    subscription.refresh_from_db()
    return True


def unsubscribe(subscription: Subscription) -> bool:
    """End a subscription; False if it had ended already (asking twice is fine).

    It gets a new secret: the links of every e-mail sent while it ran (a
    forwarded digest's among them) stop working, and only whoever ended it
    is shown a link to undo that (``alerts.links``)."""
    updated = (
        Subscription.objects.filter(pk=subscription.pk)
        .live()
        .update(
            status=Subscription.Status.UNSUBSCRIBED,
            unsubscribed_at=timezone.now(),
            ended_secret=F("secret"),
            secret=new_secret(),
        )
    )
    subscription.refresh_from_db()
    return bool(updated)


def resubscribe(subscription: Subscription) -> bool:
    """Take up an ended subscription again (from its manage page, whose link
    proved the address), with a new secret; False if another one now holds
    the same wish."""
    if subscription.status != Subscription.Status.UNSUBSCRIBED:
        return False
    try:
        with transaction.atomic():
            _activate(subscription, timezone.now())
            subscription.secret = new_secret()
            subscription.ended_secret = ""
            subscription.save()
    except IntegrityError:
        subscription.refresh_from_db()
        return False
    return True


def change(subscription: Subscription, *, frequency: str, language: str, site: Site) -> None:
    subscription.frequency = (
        Subscription.Frequency.WEEKLY if subscription.is_bulletin else frequency
    )
    subscription.language = mail.language_for(site, language)
    subscription.save(update_fields=["frequency", "language"])


def _send(site: Site, subscription: Subscription, template: str) -> None:
    with translation.override(subscription.language):
        what = describe(subscription)
    mail.send(
        template,
        {
            "subscription": subscription,
            "what": what,
            "confirm_url": links.url(site, subscription, links.CONFIRM),
            "manage_url": links.url(site, subscription, links.MANAGE),
        },
        to=[subscription.email],
        language=subscription.language,
        site=site,
    )


def describe(subscription: Subscription) -> str:
    """What a subscription follows, in the active language:
    "“hat dieu” · Trade opportunities · 0801 · Coconuts, Brazil nuts and cashew nuts"."""
    if subscription.is_bulletin:
        return _("The weekly bulletin")
    topic = topics.topic(subscription.topic)
    if topic is not None:
        label = dict(topic.choices(current_site())).get(subscription.value, subscription.value)
        return f"{topic.label}: {label}"
    parts = []
    if subscription.query:
        parts.append(f"“{subscription.query}”")
    if subscription.kind:
        parts.append(str(dict(kinds()).get(subscription.kind, subscription.kind)))
    if subscription.product:
        name = product_name(subscription.product, translation.get_language())
        parts.append(product_label(subscription.product, name))
    if subscription.country:
        parts.append(country_name(subscription.country, translation.get_language()))
    for topic, value in topics.narrowing(subscription.value):
        label = dict(topic.choices(current_site())).get(value, value)
        parts.append(f"{topic.label}: {label}")
    return " · ".join(parts) or _("Everything new")
