"""The alerts' section of a signed-in member's dashboard (``web.panels``)."""

from django.http import HttpRequest

from alerts.models import Subscription, normalise_email
from alerts.services.subscriptions import describe

SHOWN = 50


def dashboard_alerts(request: HttpRequest) -> dict | None:
    """A member's live alerts: those of the address they are signed in with."""
    if not getattr(request.user, "is_authenticated", False) or not request.user.email:
        return None
    mine = (
        Subscription.objects.live()
        .of_address(normalise_email(request.user.email))
        .order_by("-created_at")[:SHOWN]
    )
    return {
        "alerts": [{"subscription": s, "what": describe(s)} for s in mine],
        "frequencies": Subscription.Frequency.choices,
    }
