"""``{% alerts_section %}``: a signed-in member's alerts on their dashboard."""

from django import template

from alerts.models import Subscription, normalise_email
from alerts.services.subscriptions import describe

register = template.Library()
SHOWN = 50


@register.inclusion_tag("alerts/includes/dashboard_section.html", takes_context=True)
def alerts_section(context) -> dict:
    request = context["request"]
    mine = (
        Subscription.objects.live()
        .of_address(normalise_email(request.user.email))
        .order_by("-created_at")[:SHOWN]
    )
    return {
        "request": request,
        "alerts": [{"subscription": s, "what": describe(s)} for s in mine],
        "frequencies": Subscription.Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }
