"""Enterprise accounts: sign up, confirm, log in and out, edit the profile."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import (
    LoginView,
)
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
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
from translations.services.staff import choose_email_language, email_languages
from web import password_reset as password_resets
from web import workspace
from web.public_forms import RateLimitedFormMixin, response_status, submitted


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
        if not form.is_robot() and password_resets.account_mail_allowed(request, data["email"]):
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


# Opened by a link only its addressee holds, and shows their data: never stored.
@never_cache
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


# The reset pages are the portal's one flow, shared with the hub (web.password_reset).
password_reset = password_resets.site_views["request"]
password_reset_done = password_resets.site_views["done"]
password_reset_confirm = password_resets.site_views["confirm"]
password_reset_complete = password_resets.site_views["complete"]


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
