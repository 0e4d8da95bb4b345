"""The hub's form for launching a site, for the hub's staff.

It is ``provision_site`` in the browser: the form builds the same
:class:`~tenants.services.site_spec.SiteSpec`, the preview shows the same
plan as ``--dry-run``, and confirming runs the same service, which checks
everything again before writing anything. The new site starts as a draft;
its administrator is e-mailed a link to choose a password and the site's
launch checklist, at the site's configured address.
"""

import re
import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from languages.currencies import currency_countries, currency_options
from languages.formatting import (
    as_sentence,
    country_choices,
    country_name,
    format_names,
    language_in_sentence,
    language_name,
)
from languages.registry import SUPPORTED_CODES
from languages.time_zones import zone_country, zone_options
from tenants.addresses import site_url
from tenants.email_addresses import AddressField, SignInAddressField
from tenants.launch_dates import launch_date_range, validate_launch_date
from tenants.models import CODE_MAX_LENGTH, CODE_VALIDATOR, Site
from tenants.naming import (
    SHORT_NAME_MAX_LENGTH,
    default_short_name,
    name_owner,
    name_taken_message,
    short_name_owners,
    short_name_taken_message,
)
from tenants.services.site_spec import (
    SiteSpec,
    build_spec,
    domain_problem,
    parse_localized,
    same_countries_site,
)
from web import invitations, mail
from web.widgets import PairFirstSelect


def _language_choices() -> list[tuple[str, str]]:
    current = translation.get_language()
    return [(code, language_name(code, current)) for code in SUPPORTED_CODES]


PAIR = ("id_country_a", "id_country_b")
# A code as typed, before it is cleaned, good enough to show an example with.
CODE_SHAPE = re.compile(r"[a-z0-9-]{2,20}")
NAME_MAX_LENGTH = Site._meta.get_field("name").max_length


class LaunchSiteForm(forms.Form):
    code = forms.CharField(
        label=_("Site code"),
        max_length=CODE_MAX_LENGTH,
        validators=[CODE_VALIDATOR],
        help_text=_("Names the site's schema and often its address, e.g. cn-kr."),
    )
    country_a = forms.ChoiceField(label=_("First country"))
    country_b = forms.ChoiceField(label=_("Second country"))
    default_language = forms.ChoiceField(
        label=_("Default language"), help_text=_("Visitors see it first.")
    )
    other_languages = forms.MultipleChoiceField(
        label=_("Other languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    domain = forms.CharField(
        label=_("Address (host name)"),
        max_length=253,
        help_text=_("e.g. cn-kr.example.org"),
    )
    # The two countries' zones and currencies first: the server orders them
    # when it knows the pair (the form sent back), web/pair-first.js as the
    # official chooses the countries.
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        widget=PairFirstSelect(
            countries=lambda zone: (zone_country(zone),) if zone_country(zone) else (),
            pair_from=PAIR,
            others=_("Other countries and regions"),
        ),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        widget=PairFirstSelect(
            countries=currency_countries, pair_from=PAIR, others=_("Other currencies")
        ),
    )
    name = forms.CharField(
        label=_("Name in the default language"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "A name may have at most %(limit_value)d characters; this one has %(show_value)d."
            )
        },
    )
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=SHORT_NAME_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "A short name may have at most %(limit_value)d characters; "
                "this one has %(show_value)d."
            )
        },
    )
    admin_email = SignInAddressField(
        label=_("The site administrator's e-mail"),
        help_text=_("They receive a link to choose a password."),
    )
    # As the site's People page asks it when it invites someone.
    admin_language = forms.ChoiceField(
        label=_("Language of the site administrator's e-mails"),
        required=False,
        help_text=_("Their invitation and the e-mails about their work are written in it."),
    )
    contact_email = AddressField(label=_("Contact e-mail"), required=False)
    launched_on = forms.DateField(
        label=_("Launch date"),
        required=False,
        validators=[validate_launch_date],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=format_lazy(
            "{} {}",
            _("Leave empty to keep the site a draft until it is launched by hand."),
            _("On that day the site opens by itself, even if its launch checklist is unfinished."),
        ),
    )
    same_countries = forms.BooleanField(
        label=_("This is another site for a pair of countries that has one already"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limits are checked and said by the form: a browser stops typing
        # (and cuts a pasted text) at maxlength without a word, so a
        # 400-character name became a 200-character one unseen.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
        # The date picker offers the days the form accepts (the form says why
        # when a typed one is outside them).
        first, last = launch_date_range()
        self.fields["launched_on"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())
        self.fields["name"].help_text = " ".join(
            [
                str(_("Leave empty for the usual name made from the two countries.")),
                str(_("At most %(limit)s characters.") % {"limit": NAME_MAX_LENGTH}),
            ]
        )
        language = translation.get_language()
        self.fields["short_name"].help_text = " ".join(
            [
                str(
                    _(
                        "In the default language, where space is short, as in the coordinators' "
                        "calendar. Leave empty for one made from the two countries and the "
                        "code: %(example)s for cn-kr2."
                    )
                    % {"example": default_short_name(("CN", "KR"), "cn-kr2", language)}
                ),
                str(_("At most %(limit)s characters.") % {"limit": SHORT_NAME_MAX_LENGTH}),
            ]
        )
        # Nothing chosen for the official: the first of each list
        # (Afghanistan, Africa/Abidjan, the Andorran peseta) was launched as is.
        blank = [("", "---------")]
        countries = blank + list(country_choices(translation.get_language()))
        self.fields["country_a"].choices = countries
        self.fields["country_b"].choices = countries
        languages = _language_choices()
        self.fields["default_language"].choices = languages
        self.fields["other_languages"].choices = self._other_language_choices(languages)
        self.fields["admin_language"].choices = [
            ("", _("The site's default language")),
            *languages,
        ]
        # The pair's zones and currencies first, once the countries are
        # known (the form sent back for a change, or with an error).
        pair = [self.data.get(name, "") for name in ("country_a", "country_b")]
        pair = [code for code in pair if isinstance(code, str) and code]
        language = translation.get_language()
        self.fields["time_zone"].choices = zone_options(language, pair)
        self.fields["currency"].choices = currency_options(language, pair)
        self._add_short_name_fields()

    def _other_language_choices(self, languages: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Every language, less the default once one is chosen (the form sent
        back): Korean was offered again under "Other languages" when it was
        the site's default. Ticked there on the first screen it is just the
        default, taken out of what was sent rather than refused."""
        default = self.data.get("default_language")
        if not isinstance(default, str) or default not in SUPPORTED_CODES:
            return languages
        getlist = getattr(self.data, "getlist", lambda name: self.data.get(name) or [])
        sent = getlist("other_languages")
        if default in sent:
            self.data = self.data.copy()
            kept = [code for code in sent if code != default]
            if hasattr(self.data, "setlist"):
                self.data.setlist("other_languages", kept)
            else:
                self.data["other_languages"] = kept
        return [(code, label) for code, label in languages if code != default]

    def _add_short_name_fields(self) -> None:
        """A short name field for each of the site's other languages, once
        they are known (the form sent back: "Change something", or an
        error), beside the default language's: a China–Korea site's Korean,
        Chinese and English calendars each read it in their own words."""
        default = self.data.get("default_language")
        getlist = getattr(self.data, "getlist", lambda name: self.data.get(name) or [])
        others = getlist("other_languages")
        if not isinstance(default, str) or default not in SUPPORTED_CODES:
            return
        others = [c for c in others if isinstance(c, str) and c in SUPPORTED_CODES]
        language = translation.get_language()
        self.fields["short_name"].label = _("Short name in %(language)s") % {
            "language": language_in_sentence(default, language)
        }
        order = list(self.fields)
        at = order.index("short_name") + 1
        added = []
        for code in dict.fromkeys(others):
            if code == default:
                continue
            name = f"short_name_{code}"
            self.fields[name] = forms.CharField(
                label=_("Short name in %(language)s")
                % {"language": language_in_sentence(code, language)},
                max_length=SHORT_NAME_MAX_LENGTH,
                required=False,
                error_messages=self.fields["short_name"].error_messages,
                help_text=_("Leave empty for one made from the two countries: %(example)s.")
                % {
                    "example": default_short_name(
                        self._pair_or_example(), self._code_or_none(), code
                    )
                },
            )
            self.fields[name].widget.attrs.pop("maxlength", None)
            self.fields[name].widget.attrs["lang"] = code
            added.append(name)
        self.order_fields(order[:at] + added + order[at:])

    def _pair_or_example(self) -> tuple[str, str]:
        pair = tuple(self.data.get(name) for name in ("country_a", "country_b"))
        known = {code for code, _name in country_choices("en")}
        return pair if all(isinstance(c, str) and c in known for c in pair) else ("CN", "KR")

    def _code_or_none(self) -> str:
        code = self.data.get("code")
        return code if isinstance(code, str) and CODE_SHAPE.fullmatch(code) else ""

    def short_names(self) -> dict[str, str]:
        """The short names typed, per language of the site (the default's
        field and each other language's), once cleaned."""
        chosen = self.languages()
        typed = {}
        for code in chosen:
            name = "short_name" if code == chosen[0] else f"short_name_{code}"
            value = self.cleaned_data.get(name)
            if value:
                typed[code] = value
        return typed

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    def clean_short_name(self) -> str:
        return _one_line(self.cleaned_data["short_name"])

    def clean_domain(self) -> str:
        return self.cleaned_data["domain"].strip().lower()

    def clean(self) -> dict:
        cleaned = super().clean()
        first, second = cleaned.get("country_a"), cleaned.get("country_b")
        if first and first == second:
            self.add_error("country_b", _("The two countries of a site must differ."))
        chosen = self.languages()
        if cleaned.get("admin_language") and chosen and cleaned["admin_language"] not in chosen:
            language = translation.get_language()
            self.add_error(
                "admin_language",
                _("Choose one of the site's languages: %(languages)s.")
                % {
                    "languages": format_names(
                        [language_name(c, language) for c in chosen], language
                    )
                },
            )
        code = cleaned.get("code")
        domain = cleaned.get("domain")
        # Checked here, so the reason is shown beside the field (once), not
        # above the form when the plan is made. The code as cleaned: a raw
        # one may hold anything (a NUL reached the query).
        problem = domain_problem(domain, code or "") if domain else None
        if problem:
            self.add_error("domain", as_sentence(problem, translation.get_language()))
        # The form makes new sites; changing one is provision_site's (or its admin's).
        if code and Site.objects.filter(code=code).exists():
            self.add_error(
                "code", _("A site with the code %(code)s exists already.") % {"code": code}
            )
        # Said beside the field whether typed or made: a code that adds to
        # the pair what another's does (cn-kr-2 beside cn-kr2) needs one typed.
        for name in self.fields:
            if name.startswith("short_name_") and cleaned.get(name):
                try:
                    cleaned[name] = _one_line(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if code and first and second and cleaned.get("name") and "name" not in self.errors:
            owner = name_owner(code, (first, second), {"name": cleaned["name"]})
            if owner is not None:
                self.add_error("name", name_taken_message(owner))
        short_name_fields = {name for name in self.fields if name.startswith("short_name")}
        if code and first and second and chosen and not short_name_fields & set(self.errors):
            # Each said beside the field of its language (the default's for
            # a made one whose language has no field).
            owners = short_name_owners(code, (first, second), chosen, self.short_names())
            for language, owner in owners.items():
                field = "short_name" if language == chosen[0] else f"short_name_{language}"
                field = field if field in self.fields else "short_name"
                if field not in self.errors:
                    self.add_error(field, short_name_taken_message(owner))
        if first and second and first != second and not cleaned.get("same_countries"):
            twin = same_countries_site((first, second))
            if twin is not None:
                language = translation.get_language()
                self.add_error(
                    "same_countries",
                    _(
                        "%(countries)s already has a site: %(site)s. To launch another one "
                        "for the same countries, tick the box below."
                    )
                    % {
                        "countries": "–".join(country_name(c, language) for c in (first, second)),
                        "site": f"{twin.code} ({twin.primary_domain_name()})",
                    },
                )
        return cleaned

    def languages(self) -> list[str]:
        """The site's languages as chosen, the default first ([] until chosen)."""
        default = self.cleaned_data.get("default_language")
        if not default:
            return []
        others = self.cleaned_data.get("other_languages") or []
        return [default] + [code for code in others if code != default]

    def spec(self) -> SiteSpec:
        data = self.cleaned_data
        default = data["default_language"]
        languages = self.languages()
        spec = build_spec(
            code=data["code"],
            countries=[data["country_a"], data["country_b"]],
            languages=languages,
            domains=[data["domain"]],
            time_zone=data["time_zone"],
            currency=data["currency"],
            names=parse_localized({default: data["name"]}) if data["name"] else {},
            short_names=self.short_names(),
            contact_email=data["contact_email"],
            launched_on=data["launched_on"],
            admin_email=data["admin_email"],
            admin_language=data["admin_language"],
        )
        spec.same_countries = data["same_countries"]
        return spec


def _one_line(text: str) -> str:
    if any(unicodedata.category(character) == "Cc" for character in text):
        raise forms.ValidationError(_("A name is one line of text, without control characters."))
    return text


def site_admin_email(site: Site) -> str:
    """The address of the site's first administrator."""
    with schema_context(site.schema_name):
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        return admin.email if admin else ""


def invite_site_admin(site: Site, email: str, language: str = "") -> None:
    """E-mail the new site's administrator a link to choose a password, on
    the site's own address, and where its launch checklist is; in the
    language chosen for them at launch (one of the site's), else the site's
    default language, the one its officials work in."""
    language = mail.language_for(site, language)
    with schema_context(site.schema_name):
        user = get_user_model().objects.get(username=email)
    mail.send(
        "web/emails/site_admin_invitation",
        {
            "set_password_url": invitations.set_password_url(site, user, language),
            "checklist_url": invitations.site_page_url(site, "site_launch", language),
            "site_address": site_url(site),
            "email": email,
        },
        to=[email],
        language=language,
        site=site,
    )
