"""The signed links of alert e-mails: confirm, manage, unsubscribe.

Each names the site's schema, the subscription and its current ``secret``:
a link works on its own site only, and only in the state it was sent in.

- Ending a subscription (its unsubscribe link, its manage page, the
  dashboard) and taking it up again give it a new secret
  (``alerts.services.subscriptions``): every link sent before stops working.
  One exception keeps one-click unsubscribing idempotent (RFC 8058): the
  unsubscribe links of the state that ended still answer "already stopped",
  and its manage links "this alert was ended" (with a way to set up the
  same alert again, as anyone may), and do nothing else. A subscription
  set up again after it ended is a new row, with its own.
- A confirmation link acts only on a pending subscription and expires after
  seven days; once used it says so and shows the manage link the same
  e-mail carries (it dies with the alert's state, as that one does).

Links are built from the site's configured address (``tenants.addresses``),
in the subscriber's language.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from alerts.models import Subscription
from tenants.addresses import site_url
from tenants.models import Site

CONFIRM, MANAGE, UNSUBSCRIBE = "confirm", "manage", "unsubscribe"
URL_NAMES = {CONFIRM: "alert_confirm", MANAGE: "alert_manage", UNSUBSCRIBE: "alert_unsubscribe"}
CONFIRM_MAX_AGE = 7 * 24 * 3600


def token(site: Site, subscription: Subscription, purpose: str) -> str:
    payload = {"s": site.schema_name, "i": subscription.pk, "k": subscription.secret}
    return signing.dumps(payload, salt=f"alerts.{purpose}", compress=True)


def subscription_for(site: Site, value: str, purpose: str) -> Subscription | None:
    """The subscription a link names, if the link is genuine, for this site,
    current and (for confirmation) not expired; else None."""
    if not value or len(value) > 300:
        return None
    try:
        payload = signing.loads(
            value,
            salt=f"alerts.{purpose}",
            max_age=CONFIRM_MAX_AGE if purpose == CONFIRM else None,
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("s") != site.schema_name:
        return None
    pk, secret = payload.get("i"), payload.get("k")
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    found = Subscription.objects.filter(pk=pk, secret=secret).first()
    if found is None and purpose in (UNSUBSCRIBE, MANAGE) and secret:
        found = Subscription.objects.filter(
            pk=pk, status=Subscription.Status.UNSUBSCRIBED, ended_secret=secret
        ).first()
        if found is not None:
            found.link_spent = True  # says "stopped"/"ended"; manages nothing
    return found


def spent(subscription: Subscription) -> bool:
    """Whether ``subscription`` was found by an unsubscribe or manage link of
    the state that ended (``subscription_for``)."""
    return getattr(subscription, "link_spent", False)


def path(site: Site, subscription: Subscription, purpose: str) -> str:
    """The link's path on its site, in the subscriber's language."""
    language = subscription.language if subscription.language in site.languages else None
    with translation.override(language or site.default_language):
        return reverse(
            URL_NAMES[purpose],
            kwargs={"token": token(site, subscription, purpose)},
            urlconf=settings.ROOT_URLCONF,
        )


def url(site: Site, subscription: Subscription, purpose: str) -> str:
    """The absolute address of the link, in the subscriber's language."""
    return site_url(site, path(site, subscription, purpose))
