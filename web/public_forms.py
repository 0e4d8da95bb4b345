"""What every public form shares: the honeypot, the rate limit, its message, the status code."""

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from web import ratelimit

TOO_MANY_POSTS = _(
    "Too many attempts from your connection. Please wait a few minutes and try again."
)


class HoneypotMixin(forms.Form):
    """For forms anyone may post. People leave the trap field empty; form-filling
    robots fill it in. The template hides the field named by ``honeypot_name``
    (a form without the mixin may have a real "website" field)."""

    honeypot_name = "website"
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def is_robot(self) -> bool:
        return bool(self.data.get(self.honeypot_name))

    def submitted_data(self) -> dict:
        """The cleaned data without the trap field."""
        return {
            name: value for name, value in self.cleaned_data.items() if name != self.honeypot_name
        }


def public_form_allowed(request: HttpRequest, scope: str) -> bool:
    return ratelimit.allow(
        request,
        scope,
        limit=settings.PUBLIC_FORM_LIMIT,
        window_seconds=settings.PUBLIC_FORM_WINDOW_SECONDS,
    )


def submitted(request: HttpRequest, form: forms.Form, scope: str) -> bool:
    """True for a POST within the client's rate limit whose form is valid.

    A post over the limit is bound (so the page shows what was typed) and
    gets the limit's message as a form error.
    """
    if request.method != "POST":
        return False
    if not public_form_allowed(request, scope):
        form.is_valid()
        form.add_error(None, TOO_MANY_POSTS)
        form.throttled = True
        return False
    return form.is_valid()


def response_status(form: forms.Form) -> int:
    """429 over the rate limit, 400 with errors, else 200."""
    if getattr(form, "throttled", False):
        return 429
    return 400 if form.is_bound and form.errors else 200


class RateLimitedFormMixin:
    """For Django's class-based form views (sign-in, password reset): a post
    over the client's limit re-renders the form with the limit's message."""

    rate_limit_scope = ""

    def post(self, request: HttpRequest, *args, **kwargs):
        if public_form_allowed(request, self.rate_limit_scope):
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.add_error(None, TOO_MANY_POSTS)
        return self.render_to_response(self.get_context_data(form=form), status=429)
