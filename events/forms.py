from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from i18n.languages import babel_locale


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country or region"), required=False)
    # Left empty by people; filled in by form-filling robots.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        territories = babel_locale(translation.get_language()).territories
        choices = sorted(
            (
                (code, name)
                for code, name in territories.items()
                if len(code) == 2 and code.isalpha()
            ),
            key=lambda item: item[1],
        )
        self.fields["country"].choices = [("", "—"), *choices]

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))
