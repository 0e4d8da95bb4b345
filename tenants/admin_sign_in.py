"""The admin's sign-in form, for the hub's admin and every site's.

A module of its own, free of admin registrations: ``web.admin_site`` imports
it while Django builds the default admin site, before ``tenants.admin`` may
be imported.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _


class AdminEmailAuthenticationForm(AdminAuthenticationForm):
    """Accounts, on the hub as on every site, are named by their e-mail
    address, and the admin's sign-in form says so."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()
