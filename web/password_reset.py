"""Choosing a new password by e-mail: one flow for every site and for the hub.

A site's people ask at ``/<lang>/account/password/`` (its sign-in page and
its admin's link there); the hub's staff and coordinators at the same
address on the hub (the hub admin's sign-in page links there). Each answers
in the language of the page and sends the link through the portal's mail
service (``web.mail``), built from the configured address of the site or the
hub (``tenants.addresses``), never from the request.

The link is Django's password-reset token, so it works once (it is made from
the password and the last sign-in, which using it changes) and for three
days. Accounts live in each schema with overlapping ids, so the token also
names the schema it was made in: a site's link opens nothing on the hub or on
another site, and the other way round, even for an account with the same id
and the same password.
"""

from axes.utils import reset as reset_signin_failures
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import (
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView

from tenants.addresses import site_url
from tenants.hub import is_hub
from tenants.models import Site
from web import mail, ratelimit
from web.public_forms import RateLimitedFormMixin

TEMPLATES = "web/account/password_reset"


class SchemaBoundTokenGenerator(PasswordResetTokenGenerator):
    """Django's token, made also from the schema the account lives in."""

    key_salt = "web.password_reset.SchemaBoundTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{connection.schema_name}:{super()._make_hash_value(user, timestamp)}"


password_reset_tokens = SchemaBoundTokenGenerator()


def account_mail_allowed(request: HttpRequest, email: str) -> bool:
    """Below the limit of e-mails about one address (``ACCOUNT_MAIL_LIMIT``)."""
    return ratelimit.address_mail_allowed(request, "account-mail", email)


class PortalPasswordResetForm(PasswordResetForm):
    """Sends the link through the portal's mail service, in the language of
    the page it was asked from, at the address of the site (or hub) asked."""

    def __init__(self, *args, site: Site, url_names: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.site = site
        self.url_names = url_names

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        path = reverse(
            self.url_names["confirm"], kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail.send(
            "web/emails/password_reset",
            {"url": site_url(self.site, path), "email": context["email"]},
            to=[context["email"]],
            language=translation.get_language(),
            site=self.site,
        )


#: The URL names of the four pages, on a site and on the hub.
SITE_URL_NAMES = {
    "request": "password_reset",
    "done": "password_reset_done",
    "confirm": "password_reset_confirm",
    "complete": "password_reset_complete",
    "sign_in": "account_login",
}
HUB_URL_NAMES = {
    "request": "hub_password_reset",
    "done": "hub_password_reset_done",
    "confirm": "hub_password_reset_confirm",
    "complete": "hub_password_reset_complete",
    "sign_in": "hub_admin:login",
}


class _Names:
    url_names: dict[str, str] = SITE_URL_NAMES

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # Django's views put their own "site" (the request's host) where every
        # page has this portal site, and the hub's pages none.
        context["site"] = None if is_hub(self.request.tenant) else self.request.tenant
        context.pop("site_name", None)
        context["reset_urls"] = self.url_names
        return context


class RequestView(_Names, RateLimitedFormMixin, PasswordResetView):
    template_name = f"{TEMPLATES}.html"
    form_class = PortalPasswordResetForm
    token_generator = password_reset_tokens
    rate_limit_scope = "password_reset"

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "site": self.request.tenant,
            "url_names": self.url_names,
        }

    def get_success_url(self) -> str:
        return reverse(self.url_names["done"])

    def form_valid(self, form) -> HttpResponse:
        # Past the limit of e-mails to this address the page reads the same,
        # and nothing is sent.
        if account_mail_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return redirect(self.get_success_url())


class DoneView(_Names, PasswordResetDoneView):
    template_name = f"{TEMPLATES}_done.html"


class ConfirmView(_Names, PasswordResetConfirmView):
    template_name = f"{TEMPLATES}_confirm.html"
    token_generator = password_reset_tokens

    def get_success_url(self) -> str:
        return reverse(self.url_names["complete"])

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # Proven by the mailbox: the account's sign-in lockout (web.signin) ends.
        reset_signin_failures(username=self.user.get_username().lower())
        return response


class CompleteView(_Names, TemplateView):
    """Django's PasswordResetCompleteView reverses LOGIN_URL, a site's page
    the hub has not; the page links to its own sign-in (``reset_urls``)."""

    template_name = f"{TEMPLATES}_complete.html"


def views(url_names: dict[str, str]) -> dict[str, object]:
    """The four views, for a site's URLs or the hub's."""
    return {
        key: view.as_view(url_names=url_names)
        for key, view in (
            ("request", RequestView),
            ("done", DoneView),
            ("confirm", ConfirmView),
            ("complete", CompleteView),
        )
    }


site_views = views(SITE_URL_NAMES)
hub_views = views(HUB_URL_NAMES)
