"""Pages of alerts: subscribe, confirm, manage, unsubscribe (one click), and
the dashboard's alerts of a signed-in member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts import links, topics
from alerts.forms import ChangeForm, SubscribeForm
from alerts.models import Subscription
from alerts.services import subscriptions
from tenants.models import Site
from web.public_forms import response_status, submitted

#: Query parameters a "follow this" link may bring (a search page, a list).
PREFILLED = ("topic", "q", "type", "product", "country")


def _prefill(request: HttpRequest) -> dict:
    initial = {name: request.GET[name][:200] for name in PREFILLED if request.GET.get(name)}
    initial.update(
        {
            name: value[:80]
            for name, value in request.GET.items()
            if name.startswith(topics.WITHIN) and value
        }
    )
    if "topic" in initial and request.GET.get("value"):
        initial[f"topic_{initial['topic']}"] = request.GET["value"][:80]
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    site = request.tenant
    language = translation.get_language()
    form = SubscribeForm(
        request.POST if request.method == "POST" else None,
        initial=_prefill(request),
        site=site,
        language=language,
    )
    if submitted(request, form, "alerts"):
        if form.is_robot():
            return render(request, "alerts/check_inbox.html")
        subscription, outcome = subscriptions.subscribe(
            site,
            email=form.cleaned_data["email"],
            wish=form.wish(),
            language=form.cleaned_data["language"],
            frequency=form.cleaned_data["frequency"],
            user=request.user,
        )
        if outcome == subscriptions.CREATED or not _owns(request, subscription):
            return render(request, "alerts/check_inbox.html", {"email": subscription.email})
        if outcome == subscriptions.ALREADY:
            messages.info(request, _("You already follow this."))
        else:
            messages.success(request, _("Your alert is set up."))
        return redirect("dashboard")
    return render(request, "alerts/subscribe.html", {"form": form}, status=response_status(form))


def _owns(request: HttpRequest, subscription: Subscription) -> bool:
    user = request.user
    return user.is_authenticated and subscriptions.normalise_email(user.email) == subscription.email


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/link_invalid.html", status=404)


# Opened by a link only its addressee holds, and shows their data: never stored.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners that open links confirm nothing);
    POST confirms. The link is bound to the pending state: used once."""
    site = request.tenant
    subscription = links.subscription_for(site, token, links.CONFIRM)
    if subscription is None:
        return _invalid(request)
    if subscription.status != Subscription.Status.PENDING:
        # Used: it says so, and offers the manage link the confirmation
        # e-mail carries anyway (nothing more than that e-mail holds); both
        # die when the alert ends (a new secret).
        return render(
            request,
            "alerts/confirmed.html",
            {"already": True, "subscription": subscription, **_manage(site, subscription)},
        )
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return render(
            request,
            "alerts/confirmed.html",
            {"subscription": subscription, **_manage(site, subscription)},
        )
    return render(
        request, "alerts/confirm.html", {"subscription": subscription, **_describe(subscription)}
    )


def _describe(subscription: Subscription) -> dict:
    return {"what": subscriptions.describe(subscription)}


def _ended(subscription: Subscription) -> dict:
    return {
        "subscription": subscription,
        "renew_query": topics.renew_query(subscription),
        **_describe(subscription),
    }


def _manage(site: Site, subscription: Subscription) -> dict:
    return {**_describe(subscription), "manage_url": links.url(site, subscription, links.MANAGE)}


# Opened by a link only its addressee holds, and shows their data: never stored.
@never_cache
@csrf_exempt  # RFC 8058: the mail provider posts without our cookie; the token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058): a POST ends the subscription; a GET
    (someone following the link in a browser) asks first."""
    site = request.tenant
    subscription = links.subscription_for(site, token, links.UNSUBSCRIBE)
    if subscription is None:
        return _invalid(request)
    if links.spent(subscription):
        context = {"already": True, **_ended(subscription)}
        return render(request, "alerts/unsubscribed.html", context)
    if request.method == "POST":
        ended = subscriptions.unsubscribe(subscription)
        # Built after: ending gave the subscription a new secret, which only
        # whoever ended it now holds (to take it up again).
        context = {"subscription": subscription, **_manage(site, subscription)}
        return render(request, "alerts/unsubscribed.html", {**context, "already": not ended})
    context = {"subscription": subscription, **_manage(site, subscription)}
    if subscription.status == Subscription.Status.UNSUBSCRIBED:
        return render(request, "alerts/unsubscribed.html", {**context, "already": True})
    return render(request, "alerts/unsubscribe.html", context)


# Opened by a link only its addressee holds, and shows their data: never stored.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """One subscription, from the link in its e-mails: how often, in which
    language, end it or take it up again; and the address's other alerts."""
    site = request.tenant
    subscription = links.subscription_for(site, token, links.MANAGE)
    if subscription is None:
        return _invalid(request)
    if links.spent(subscription):
        # A link of an alert that ended: it says so and offers the same alert
        # anew (through the form and its confirmation); it changes nothing.
        return render(request, "alerts/ended.html", _ended(subscription), status=410)
    response = _change(request, site, subscription, redirect_to=None)
    if response is not None:
        return response
    others = (
        Subscription.objects.live()
        .of_address(subscription.email)
        .exclude(pk=subscription.pk)
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "alerts/manage.html",
        {
            "subscription": subscription,
            "form": ChangeForm(
                initial={"frequency": subscription.frequency},
                site=site,
                language=subscription.language,
            ),
            "others": [
                {"what": subscriptions.describe(o), "url": links.url(site, o, links.MANAGE)}
                for o in others
            ],
            **_describe(subscription),
        },
    )


def _change(
    request: HttpRequest, site: Site, subscription: Subscription, *, redirect_to: str | None
) -> HttpResponse | None:
    """The actions of a manage form, for a subscription already checked;
    ``redirect_to`` None goes back to its manage page (by its link as it is
    after the action: ending and taking up again change the link)."""
    if request.method != "POST":
        return None
    response = _act(request, site, subscription)
    if response is not None:
        return response
    if redirect_to is None:
        return redirect(links.path(site, subscription, links.MANAGE))
    return redirect(redirect_to)


def _act(request: HttpRequest, site: Site, subscription: Subscription) -> HttpResponse | None:
    action = request.POST.get("action")
    if action == "unsubscribe":
        subscriptions.unsubscribe(subscription)
        messages.success(request, _("You will get no more e-mails for this alert."))
    elif action == "resubscribe":
        if subscriptions.resubscribe(subscription):
            messages.success(request, _("Your alert is active again."))
        else:
            messages.info(request, _("You already follow this."))
    elif action == "change":
        form = ChangeForm(request.POST, site=site, language=subscription.language)
        if not form.is_valid():
            messages.error(request, _("Choose how often and in which language."))
            return None
        subscriptions.change(
            subscription,
            frequency=form.cleaned_data["frequency"],
            language=form.cleaned_data["language"],
            site=site,
        )
        messages.success(request, _("Your alert has been changed."))
    else:
        return render(request, "alerts/link_invalid.html", status=400)
    return None


@require_POST
@login_required
def mine(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard's buttons: change or end one's own alert."""
    subscription = get_object_or_404(
        Subscription, pk=pk, email=subscriptions.normalise_email(request.user.email)
    )
    response = _change(request, request.tenant, subscription, redirect_to="dashboard")
    return response or redirect("dashboard")
