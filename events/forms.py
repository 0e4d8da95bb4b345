from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.context import site_country_options
from tenants.email_addresses import AddressField
from web.public_forms import HoneypotMixin
from web.widgets import LongSelect


class RegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = AddressField(label=_("E-mail"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.ChoiceField(
        label=_("Country or region"),
        required=False,
        choices=site_country_options,
        widget=LongSelect,
    )
