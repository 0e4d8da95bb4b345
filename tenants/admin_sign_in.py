"""The admin's sign-in forms, for every site's admin and the hub's.

A module of its own, free of admin registrations: ``web.admin_site`` imports
it while Django builds the default admin site, before ``tenants.admin`` may
be imported.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _


class AdminEmailAuthenticationForm(AdminAuthenticationForm):
    """Accounts are named by their e-mail address, and the admin's sign-in
    form says so (every account of a site is made from an address)."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class HubAuthenticationForm(AdminEmailAuthenticationForm):
    """The hub's: the same label and an e-mail keyboard, in a text field, so
    an account made with another name (``createsuperuser`` asks for any) can
    still sign in."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "email",
                "inputmode": "email",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
