import datetime

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cooperation.models import Opportunity, Topic
from cooperation.roles import ROLES
from cooperation.sectors import SECTORS
from cooperation.services.accounts import STAFF_ROLES
from cooperation.uploads import validate_image
from languages.registry import get_language
from search.forms import ProductField
from tenants.context import site_country_options
from tenants.email_addresses import AddressField, SignInAddressField
from web.passwords import rules_text
from web.public_forms import HoneypotMixin
from web.widgets import LongSelect

COMMON_CURRENCIES = ["CNY", "USD", "EUR", "VND", "IDR", "KRW", "JPY", "THB", "MYR", "SGD"]
LONGEST_VALIDITY = datetime.timedelta(days=366)


class OpportunityForm(HoneypotMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Opportunity.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    product = ProductField(
        label=_("Product"),
        required=False,
        help_text=_(
            "Type its name in any language of this site, or its HS code, and choose it from "
            "the list (for example “hạt điều”, “腰果” or 0801 for cashew nuts)."
        ),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=SECTORS)
    country = forms.ChoiceField(
        label=_("Country of origin"), choices=site_country_options, widget=LongSelect
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    price = forms.DecimalField(
        label=_("Price"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    # Prefilled with the poster's account address, and published with the
    # listing: the form says so, and the address may be changed or removed.
    contact_email = AddressField(
        label=_("Contact e-mail"),
        required=False,
        help_text=_(
            "Shown to everyone with the listing, so that buyers and sellers can write to you. "
            "Change it to another address, or leave it empty to show none."
        ),
    )

    # Goods have an HS code; an investment or a tender need not.
    NEEDS_PRODUCT = (Opportunity.Kind.SUPPLY, Opportunity.Kind.DEMAND)

    def __init__(
        self, *args, site_currency: str = "USD", site=None, language: str = "en", **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        currencies = [site_currency] + [c for c in COMMON_CURRENCIES if c != site_currency]
        self.fields["currency"].choices = [("", "—"), *((c, c) for c in currencies)]
        product = self.fields["product"]
        product.site, product.language = site, language
        product.widget.lookup_url = reverse("product_lookup")

    def clean_valid_until(self) -> datetime.date:
        value = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The date must not be in the past."))
        if value > today + LONGEST_VALIDITY:
            raise forms.ValidationError(_("A listing can stay open for one year at most."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        if data.get("price") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the price."))
        if (
            data.get("kind") in self.NEEDS_PRODUCT
            and not data.get("product")
            and "product" not in self.errors
        ):
            self.add_error(
                "product", _("Say which product this is: its name in any language, or its HS code.")
            )
        return data

    def submitted_data(self) -> dict:
        """The listing's fields: the product becomes its list of HS codes."""
        data = super().submitted_data()
        product = data.pop("product", "")
        data["hs_codes"] = [product] if product else []
        return data


class QuestionForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = AddressField(label=_("E-mail"))
    country = forms.ChoiceField(
        label=_("Country or region"),
        required=False,
        choices=site_country_options,
        widget=LongSelect,
    )
    # None chosen at first: a question left on the first topic went to its officials.
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("Choose a topic")), *Topic.choices])
    text = forms.CharField(
        label=_("Your question"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )


class EnterpriseFields(forms.Form):
    """What signing up and editing the profile share."""

    country = forms.ChoiceField(
        label=_("Country or region"), choices=site_country_options, widget=LongSelect
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=SECTORS, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("What your enterprise does"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    logo = forms.FileField(label=_("Logo"), required=False, validators=[validate_image])


class SignUpForm(HoneypotMixin, EnterpriseFields):
    person_name = forms.CharField(label=_("Your name"), max_length=150)
    email = SignInAddressField(label=_("E-mail"))
    enterprise_name = forms.CharField(label=_("Enterprise name"), max_length=200)
    # Not "website": that name is the honeypot trap (HoneypotMixin).
    homepage = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    field_order = [
        "person_name", "email", "enterprise_name", "country", "sectors", "homepage",
        "description", "logo",
    ]  # fmt: skip

    def clean_email(self) -> str:
        # Whether the address has an account is not said here (it is e-mailed
        # to the address): the page must not tell anyone who is registered.
        return self.cleaned_data["email"].strip().lower()


class ConfirmSignUpForm(SetPasswordForm):
    """The owner of the address chooses the password when confirming it."""

    error_messages = {"password_mismatch": _("The two passwords are not the same.")}

    new_password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(rules_text, str)(),  # shown before typing, not only after a failure
    )
    new_password2 = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(EnterpriseFields):
    """The enterprise's profile in one language, and its member's e-mail language."""

    name = forms.CharField(label=_("Enterprise name"), max_length=200)
    products = forms.CharField(
        label=_("Products and services"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    public_email = AddressField(
        label=_("Public contact e-mail"),
        required=False,
        help_text=_("Shown on your public page. Your own address is shown only to matches."),
    )
    language = forms.ChoiceField(label=_("Language of your e-mails"))
    # Up to three main products, each found as on a listing (search.forms).
    product_1 = ProductField(label=_("Main product"), required=False)
    product_2 = ProductField(label=_("Second product"), required=False)
    product_3 = ProductField(label=_("Third product"), required=False)
    PRODUCT_FIELDS = ("product_1", "product_2", "product_3")

    field_order = [
        "name", "description", "products", *PRODUCT_FIELDS, "country", "sectors", "website",
        "public_email", "logo", "language",
    ]  # fmt: skip

    def __init__(
        self, *args, languages: list[tuple[str, str]], site=None, language: str = "en", **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages
        self.fields["product_1"].help_text = _(
            "What buyers look for you by: a name in any language of this site, or an HS code."
        )
        for name in self.PRODUCT_FIELDS:
            field = self.fields[name]
            field.site, field.language = site, language
            field.widget.lookup_url = reverse("product_lookup")

    def hs_codes(self) -> list[str]:
        """The products given, in order, once each."""
        codes = [self.cleaned_data.get(name) for name in self.PRODUCT_FIELDS]
        return list(dict.fromkeys(code for code in codes if code))


class MatchRequestForm(HoneypotMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposed_date = forms.DateField(
        label=_("Proposed meeting date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, meeting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not meeting:
            del self.fields["proposed_date"]

    def clean_proposed_date(self) -> datetime.date | None:
        value = self.cleaned_data.get("proposed_date")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The date must not be in the past."))
        return value


class MatchAnswerForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
    reply = forms.CharField(
        label=_("Reply (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Confirm with your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class StaffInvitationForm(forms.Form):
    """An administrator gives someone a staff role on the site."""

    email = SignInAddressField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        help_text=_("The e-mail is written in this language."),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(code, ROLES[code].label) for code in STAFF_ROLES]
        self.fields["language"].choices = [
            (code, get_language(code).native_name) for code in site.languages
        ]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        # A field sent twice would otherwise invite its last value unseen.
        if hasattr(self.data, "getlist") and any(
            len(self.data.getlist(name)) > 1 for name in self.fields
        ):
            raise forms.ValidationError(_("Send one value for each field."))
        return super().clean()


class EmailLanguageForm(forms.Form):
    """A staff member's language for the e-mails about their work (members
    choose theirs on their profile)."""

    language = forms.ChoiceField(
        label=_("Language of your e-mails"),
        help_text=_(
            "E-mails about your work on this site (clashes of your events, listings to "
            "moderate) are written in this language, whichever language you sign in with."
        ),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language(code).native_name) for code in site.languages
        ]

    def clean(self) -> dict:
        if hasattr(self.data, "getlist") and len(self.data.getlist("language")) > 1:
            raise forms.ValidationError(_("Send one value for each field."))
        return super().clean()
