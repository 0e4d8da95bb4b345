"""Sending what was decided: each delivery's message, its outcome recorded.

Deliveries are written, with what they hold, in the transaction that decides
them (``alerts.services.digests``, ``alerts.services.bulletins``); this sends
them once that has committed. Each is claimed with a conditional update
(pending → sending) before its message goes, so two workers never send the
same one; a delivery left "sending" by a crashed worker is sent again after
:data:`STALE_AFTER` with the same Message-ID, so a copy that did leave before
the crash is recognised as the same message. A failure is retried on the
next runs, up to :data:`MAX_ATTEMPTS`; a refusal of the address is a bounce.
Every outcome stays on the delivery: the log per subscriber.
"""

import datetime
import email
import email.policy
import logging
import re
import smtplib
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tenants.utils import schema_context

from alerts import links, topics
from alerts.models import Delivery, Subscription
from alerts.services.items import displayed, has_fallback
from alerts.services.subscriptions import describe
from tenants.addresses import site_url
from tenants.models import Site
from web import mail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
STALE_AFTER = datetime.timedelta(minutes=15)
ERROR_CHARS = 1000


def send_pending(site: Site, *, now: datetime.datetime | None = None) -> Counter:
    """Send every delivery of the current site that waits or failed before;
    returns how many ended in each status. Runs outside any transaction."""
    now = now or timezone.now()
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, updated_at__lt=now - STALE_AFTER
    ).update(status=Delivery.Status.PENDING, updated_at=now)
    outcome: Counter = Counter()
    waiting = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING)
        | Q(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
    ).order_by("pk")
    for delivery in waiting.select_related("subscription").iterator():
        outcome[send_one(site, delivery)] += 1
    return outcome


def send_one(site: Site, delivery: Delivery) -> str:
    subscription = delivery.subscription
    if subscription.status != Subscription.Status.ACTIVE:
        # Unsubscribed between the decision and now: nothing goes.
        Delivery.objects.filter(pk=delivery.pk, status=delivery.status).update(
            status=Delivery.Status.NOTHING, error="unsubscribed before sending"
        )
        return Delivery.Status.NOTHING
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=delivery.status, attempts=delivery.attempts
    ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now())
    if not claimed:
        return "taken"  # another worker has it
    attempts = delivery.attempts + 1
    try:
        message(site, delivery).send()
    except smtplib.SMTPRecipientsRefused as error:
        return _record(delivery, Delivery.Status.BOUNCED, error)
    except Exception as error:  # any failure of this one message is recorded, the rest go on
        status = Delivery.Status.GAVE_UP if attempts >= MAX_ATTEMPTS else Delivery.Status.FAILED
        return _record(delivery, status, error)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
    )
    return Delivery.Status.SENT


def _record(delivery: Delivery, status: str, error: Exception | str) -> str:
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    text = text[:ERROR_CHARS]
    logger.warning(
        "alert delivery %s to subscription %s: %s", delivery.pk, delivery.subscription_id, text
    )
    Delivery.objects.filter(pk=delivery.pk).update(status=status, error=text)
    return status


def message_id(site: Site, delivery: Delivery) -> str:
    """``<alert-UUID.SITE@sender-domain>``: a bounce quoting it names the
    delivery and its site (``record_bounce``)."""
    return f"<alert-{delivery.uid}.{site.code}@{mail.sender_domain()}>"


def message(site: Site, delivery: Delivery):
    """The e-mail of ``delivery``: its items, the manage link, and one-click
    unsubscribe (RFC 8058) in the headers."""
    subscription = delivery.subscription
    unsubscribe_url = links.url(site, subscription, links.UNSUBSCRIBE)
    bulletin = delivery.period.startswith("bulletin:")
    with translation.override(mail.language_for(site, subscription.language)):
        what = describe(subscription)
    held = delivery.items
    items = held["items"] if bulletin else held
    context = {
        "subscription": subscription,
        "what": what,
        "since": delivery.since,
        "fallback": has_fallback(items),
        "manage_url": links.url(site, subscription, links.MANAGE),
        "unsubscribe_url": unsubscribe_url,
    }
    if bulletin:
        context.update(held)
        context["starts_on"] = datetime.date.fromisoformat(held["starts_on"])
        context["ends_on"] = datetime.date.fromisoformat(held["ends_on"])
    context["items"] = displayed(items)
    if not bulletin and delivery.item_count > len(items):
        context["more"] = delivery.item_count - len(items)
        context["more_url"] = _everything_new(site, subscription)
    return mail.message(
        "alerts/emails/bulletin" if bulletin else "alerts/emails/digest",
        context,
        to=[subscription.email],
        language=subscription.language,
        site=site,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        message_id=message_id(site, delivery),
    )


def _everything_new(site: Site, subscription: Subscription) -> str:
    """Where a digest that holds only the newest of its matches sends the
    reader for the rest: the site's search for the same query and filters
    (newest first within each way of matching), in the subscriber's language."""
    language = mail.language_for(site, subscription.language)
    if subscription.topic == Subscription.SEARCH:
        wanted = {
            "q": subscription.query,
            "type": subscription.kind,
            "product": subscription.product,
            "country": subscription.country,
        }
    else:
        found = topics.topic(subscription.topic)
        wanted = {"type": found.kind if found else ""}
    query = urlencode({name: value for name, value in wanted.items() if value})
    with translation.override(language):
        path = reverse("search", urlconf=settings.ROOT_URLCONF)
    return site_url(site, f"{path}?{query}" if query else path)


MESSAGE_ID = re.compile(r"<alert-([0-9a-f-]{36})\.([a-z0-9-]{2,20})@[^>]*>")


def record_bounce(report: bytes) -> tuple[Site, Delivery] | None:
    """Mark the delivery a bounce report (a DSN, RFC 3464, as the mail server
    returns it) is about as bounced, with the report's diagnostic. Returns
    it, or None when the report names no delivery of ours."""
    found = MESSAGE_ID.search(report.decode("utf-8", "replace"))
    if found is None:
        return None
    site = Site.objects.real().filter(code=found.group(2)).first()
    if site is None:
        return None
    parsed = email.message_from_bytes(report, policy=email.policy.default)
    diagnostic = ""
    for part in parsed.walk():
        if part.get_content_type() == "message/delivery-status":
            codes = re.findall(r"(?im)^(?:Status|Diagnostic-Code):\s*(.+)$", part.as_string())
            diagnostic = "; ".join(code.strip() for code in codes)
    with schema_context(site.schema_name):
        delivery = Delivery.objects.filter(uid=found.group(1)).select_related(None).first()
        if delivery is None:
            return None
        _record(delivery, Delivery.Status.BOUNCED, f"bounce: {diagnostic or 'no diagnostic'}")
        delivery.refresh_from_db()
    return site, delivery
