"""Enterprise accounts: sign up, confirm, log in and out, edit the profile."""

from axes.utils import reset as reset_signin_failures
from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import (
    LoginView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cooperation.forms import (
    CloseAccountForm,
    ConfirmSignUpForm,
    EmailLanguageForm,
    ProfileForm,
    SignUpForm,
)
from cooperation.membership import member_required
from cooperation.models import EnterpriseMember
from cooperation.services import accounts
from languages.columns import text_in
from languages.registry import get_language
from tenants.addresses import site_url
from tenants.context import current_site
from translations.services.staff import choose_email_language, email_languages
from web import mail, ratelimit, workspace
from web.public_forms import RateLimitedFormMixin, response_status, submitted


def account_mail_allowed(request: HttpRequest, email: str) -> bool:
    return ratelimit.address_mail_allowed(request, "account-mail", email)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignUpForm(request.POST or None, request.FILES or None)
    if submitted(request, form, "signup"):
        data = form.submitted_data()
        # One page for every outcome (a robot, an address with an account,
        # too many e-mails to one address, a new sign-up): it tells nobody
        # which addresses are registered.
        if not form.is_robot() and account_mail_allowed(request, data["email"]):
            accounts.sign_up(
                email=data["email"],
                person_name=data["person_name"],
                enterprise_name=data["enterprise_name"],
                description=data["description"],
                language=translation.get_language(),
                country=data["country"],
                sectors=data["sectors"],
                website=data["homepage"],
                logo=data["logo"],
            )
        return render(request, "cooperation/account/signup_done.html", {"email": data["email"]})
    return render(
        request, "cooperation/account/signup.html", {"form": form}, status=response_status(form)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A GET only shows the sign-up being confirmed (mail scanners and link
    previews open links); the owner of the address chooses the password and
    posts, which activates the account and signs them in."""
    member = accounts.pending_sign_up(uidb64, token)
    if member is None:
        return render(request, "cooperation/account/confirm_failed.html", status=400)
    form = ConfirmSignUpForm(member.user, request.POST or None)
    if submitted(request, form, "confirm"):
        user = accounts.confirm(member, password=form.cleaned_data["new_password1"])
        if user is None:
            return render(request, "cooperation/account/confirm_failed.html", status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if request.tenant.enterprise_review:
            messages.success(
                request,
                _(
                    "Your e-mail address is confirmed. An editor checks new enterprises before they are listed; you will hear by e-mail. Meanwhile you can complete your profile."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "Your e-mail address is confirmed and your enterprise is listed. It is marked “not yet verified” until an official of the site checks it."
                ),
            )
        return redirect("dashboard")
    return render(
        request,
        "cooperation/account/confirm.html",
        {"form": form, "member": member},
        status=response_status(form),
    )


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=gettext_lazy("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class SiteLoginView(RateLimitedFormMixin, LoginView):
    template_name = "cooperation/account/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True
    rate_limit_scope = "login"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # Django's LoginView puts its own "site" (the request's host, without
        # django.contrib.sites) where every page has this portal site.
        context["site"] = self.request.tenant
        context.pop("site_name", None)
        return context

    def get_default_redirect_url(self) -> str:
        # Editors and translators are invited to their workspace, and that is
        # where their work waits: signing in with no ``next`` leads there.
        if workspace.may_enter(self.request.user):
            return reverse("workspace")
        return super().get_default_redirect_url()

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200 and request.method == "POST":
            response.status_code = 400  # the form came back with errors
        return response


class SitePasswordResetForm(PasswordResetForm):
    """Sends the reset link through the portal's mail service, in the language
    of the page it was asked from, with the site's configured address."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        site = current_site()
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail.send(
            "cooperation/emails/password_reset",
            {**context, "url": site_url(site, path)},
            to=[context["email"]],
            language=translation.get_language(),
            site=site,
        )


class SitePasswordResetView(RateLimitedFormMixin, PasswordResetView):
    template_name = "cooperation/account/password_reset.html"
    form_class = SitePasswordResetForm
    success_url = reverse_lazy("password_reset_done")
    rate_limit_scope = "password_reset"

    def form_valid(self, form):
        # Past the limit of e-mails to this address the page reads the same,
        # and nothing is sent.
        if account_mail_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return redirect(self.get_success_url())


class SitePasswordResetConfirmView(PasswordResetConfirmView):
    template_name = "cooperation/account/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Proven by the mailbox: the account's sign-in lockout (web.signin) ends.
        reset_signin_failures(username=self.user.get_username().lower())
        return response


password_reset = SitePasswordResetView.as_view()
password_reset_done = PasswordResetDoneView.as_view(
    template_name="cooperation/account/password_reset_done.html"
)
password_reset_confirm = SitePasswordResetConfirmView.as_view()
password_reset_complete = PasswordResetCompleteView.as_view(
    template_name="cooperation/account/password_reset_complete.html"
)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def profile(request: HttpRequest, member: EnterpriseMember) -> HttpResponse:
    enterprise = member.enterprise
    language = translation.get_language()
    site_languages = [(code, get_language(code).native_name) for code in request.tenant.languages]
    initial = {
        "name": text_in(enterprise, "name", language),
        "description": text_in(enterprise, "description", language),
        "products": text_in(enterprise, "products", language),
        "country": enterprise.country,
        "sectors": enterprise.sectors,
        "website": enterprise.website,
        "public_email": enterprise.email,
        "language": member.language,
        **dict(zip(ProfileForm.PRODUCT_FIELDS, enterprise.hs_codes, strict=False)),
    }
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        languages=site_languages,
        site=request.tenant,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accounts.update_profile(
            member,
            editing_language=language,
            email_language=data["language"],
            name=data["name"],
            description=data["description"],
            products=data["products"],
            country=data["country"],
            sectors=data["sectors"],
            website=data["website"],
            public_email=data["public_email"],
            logo=data["logo"],
            hs_codes=form.hs_codes(),
        )
        messages.success(
            request, _("Your profile has been saved. Your public page shows the changes now.")
        )
        return redirect("dashboard")
    return render(
        request,
        "cooperation/account/profile.html",
        {"form": form, "enterprise": enterprise, "editing_language": get_language(language)},
        status=response_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def close(request: HttpRequest, member: EnterpriseMember) -> HttpResponse:
    form = CloseAccountForm(request.POST or None, user=request.user)
    if submitted(request, form, "close-account"):
        accounts.close_account(member)
        logout(request)
        messages.success(
            request,
            _("Your account has been closed: your sign-in and personal details have been deleted."),
        )
        return redirect("home")
    return render(
        request, "cooperation/account/close.html", {"form": form}, status=response_status(form)
    )


def email_language_form(request: HttpRequest, data=None) -> EmailLanguageForm:
    """The staff member's e-mail language form, showing the current one."""
    site = request.tenant
    current = email_languages(site, [request.user.pk])[request.user.pk]
    return EmailLanguageForm(data, site=site, initial={"language": current})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def email_language(request: HttpRequest) -> HttpResponse:
    """A staff member chooses the language of the e-mails about their work."""
    if not request.user.is_staff:
        raise PermissionDenied  # members choose theirs on their profile
    form = email_language_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        choose_email_language(request.user, language)
        messages.success(
            request,
            _("Language of the e-mails about your work: %(language)s.")
            % {"language": get_language(language).native_name},
        )
        return redirect("dashboard")
    return render(
        request,
        "cooperation/account/email_language.html",
        {"form": form},
        status=response_status(form),
    )
