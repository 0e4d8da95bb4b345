"""Forms of the site's own settings page and of its launch, for its administrators.

The texts a site shows in each of its languages (name, tagline, contact
details) are edited side by side, one field per language in the site's
order; the logo is checked like every uploaded image and stored under a
fresh name.
"""

import datetime

from django import forms
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from languages.columns import set_text, text_in
from languages.registry import get_language
from tenants.email_addresses import AddressField
from tenants.launch_dates import launch_date_range, validate_launch_date
from tenants.models import COLOUR_VALIDATOR, Site
from tenants.services.launch import local_today
from web import uploads


def _label(field: str):
    return capfirst(Site._meta.get_field(field).verbose_name)


#: Texts in each of the site's languages: field → (its length, a long text?).
TRANSLATED = {"name": (200, False), "tagline": (300, False), "contact_details": (1000, True)}


class SiteSettingsForm(forms.Form):
    contact_email = AddressField(label=_label("contact_email"), required=False)
    primary_color = forms.CharField(
        label=_label("primary_color"),
        max_length=7,
        validators=[COLOUR_VALIDATOR],
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    accent_color = forms.CharField(
        label=_label("accent_color"),
        max_length=7,
        validators=[COLOUR_VALIDATOR],
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    response_days = forms.IntegerField(label=_label("response_days"), min_value=1, max_value=60)
    logo = forms.ImageField(
        label=_label("logo"),
        required=False,
        validators=[uploads.validate_image],
        help_text=_("A JPEG, PNG or WebP image, square if possible."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, data=None, files=None, *, instance: Site):
        self.instance = instance
        initial = {
            "contact_email": instance.contact_email,
            "primary_color": instance.primary_color,
            "accent_color": instance.accent_color,
            "response_days": instance.response_days,
        }
        super().__init__(data, files, initial=initial)
        self.language_fields: dict[str, list[forms.BoundField]] = {}
        for name, (length, long) in TRANSLATED.items():
            for position, language in enumerate(instance.languages):
                key = f"{name}__{language}"
                self.fields[key] = forms.CharField(
                    label=format_lazy("{} · {}", _label(name), get_language(language).native_name),
                    max_length=length,
                    # The site's name in its default language names it everywhere.
                    required=name == "name" and position == 0,
                    initial=text_in(instance, name, language),
                    widget=forms.Textarea(attrs={"rows": 3, "lang": language})
                    if long
                    else forms.TextInput(attrs={"lang": language}),
                )
                self.language_fields.setdefault(name, []).append(self[key])

    def save(self) -> Site:
        site, data = self.instance, self.cleaned_data
        for name in TRANSLATED:
            for language in site.languages:
                set_text(site, name, language, data[f"{name}__{language}"])
        site.contact_email = data["contact_email"]
        site.primary_color = data["primary_color"].lower()
        site.accent_color = data["accent_color"].lower()
        site.response_days = data["response_days"]
        logo = data.get("logo")
        if logo is False:  # "clear" ticked
            site.logo = ""
        elif logo:
            # Re-encoded (no EXIF) and named logos/<code>-<random> by the field.
            site.logo = logo
        site.save()
        return site


class LaunchForm(forms.Form):
    launch_on = forms.DateField(
        label=_("Or open it on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date in the site's time zone; leave empty to open it now."),
    )
    # Sent by the "Launch anyway" button of the question asked when the
    # checklist is unfinished.
    confirm_unfinished = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, site: Site, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)
        # The browser's date picker offers the days the form accepts.
        self.fields["launch_on"].widget.attrs.update(
            min=local_today(site).isoformat(), max=launch_date_range()[1].isoformat()
        )

    def clean_launch_on(self) -> datetime.date | None:
        date = self.cleaned_data["launch_on"]
        if date is not None and date < local_today(self.site):
            raise forms.ValidationError(_("Choose today or a later date."))
        validate_launch_date(date)
        return date
