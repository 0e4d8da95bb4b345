"""The signed links of alert e-mails: confirm, manage, unsubscribe.

Each names the site's schema, the subscription and its current ``secret``:
a link works on its own site only, and stops working once what it did is
done (confirming or unsubscribing gives the subscription a new secret).
Confirmation links also expire. Links are built from the site's configured
address (``tenants.addresses``), in the subscriber's language.
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
    return Subscription.objects.filter(pk=pk, secret=secret).first()


def url(site: Site, subscription: Subscription, purpose: str) -> str:
    """The absolute address of the link, in the subscriber's language."""
    language = subscription.language if subscription.language in site.languages else None
    with translation.override(language or site.default_language):
        path = reverse(
            URL_NAMES[purpose],
            kwargs={"token": token(site, subscription, purpose)},
            urlconf=settings.ROOT_URLCONF,
        )
    return site_url(site, path)
