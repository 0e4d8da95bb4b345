"""What an official asks for when launching a site, checked before anything is written.

A :class:`SiteSpec` comes from command-line options or a TOML file. Every
check that can be made without writing happens in :func:`validate`, so a bad
request fails with one readable line and leaves the database untouched.
"""

import datetime
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.http.request import validate_host
from django.utils.translation import gettext as _

from languages.currencies import check_currency
from languages.formatting import country_choices
from languages.registry import SUPPORTED_CODES, normalize
from languages.time_zones import check_zone
from tenants.email_addresses import sign_in_address_problem
from tenants.launch_dates import launch_date_problem
from tenants.models import CODE_PATTERN, Domain, Site
from tenants.naming import (
    SHORT_NAME_MAX_LENGTH,
    name_owner,
    name_taken_message,
    short_name_owner,
    short_name_taken_message,
)

CODE_RE = re.compile(CODE_PATTERN)
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
LOGO_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
LOGO_MAX_BYTES = 1024 * 1024


class SpecError(Exception):
    """A request that cannot be provisioned; the message is shown as is.

    The checks the hub's form can reach (codes, domains) speak the asking
    person's language; commands run in English."""


@dataclass
class SiteSpec:
    code: str
    countries: tuple[str, str]
    languages: list[str]
    domains: list[str]
    time_zone: str = "UTC"
    currency: str = "USD"
    names: dict[str, str] = field(default_factory=dict)
    # Typed per language; made from the pair and the code where not given.
    short_names: dict[str, str] = field(default_factory=dict)
    taglines: dict[str, str] = field(default_factory=dict)
    primary_color: str = "#9f1d20"
    accent_color: str = "#f2b705"
    logo: Path | None = None
    contact_email: str = ""
    launched_on: datetime.date | None = None
    admin_email: str = ""
    # The language the site's administrator is written to in (the invitation,
    # then their work e-mails); "" means the site's default language.
    admin_language: str = ""
    response_days: int = 5
    demo: bool = False
    # A second site for a country pair that already has one is a deliberate
    # choice (a pilot, a regional portal), never an accident.
    same_countries: bool = False

    @property
    def schema_name(self) -> str:
        return "site_" + self.code.replace("-", "_")

    @property
    def primary_domain(self) -> str:
        return self.domains[0]

    @property
    def admin_address(self) -> str:
        """The site administrator's account: named by its address in lower
        case, as sign-in forms lower it."""
        email = self.admin_email or self.contact_email or f"admin@{self.primary_domain}"
        return email.strip().lower()

    @property
    def admin_mail_language(self) -> str:
        return self.admin_language or self.languages[0]


def _territories() -> set[str]:
    return {code for code, _name in country_choices("en")}


def parse_list(raw: str | list[str] | None) -> list[str]:
    if raw is None:
        return []
    items = raw.split(",") if isinstance(raw, str) else raw
    return [str(item).strip() for item in items if str(item).strip()]


def parse_localized(values: list[str] | dict | str | None) -> dict[str, str]:
    """``["Text", "vi=Văn bản"]`` or ``{"en": "Text"}`` → ``{"en": ..., "vi": ...}``.

    A value with no ``lang=`` prefix is English.
    """
    if values is None:
        return {}
    if isinstance(values, dict):
        return {normalize(str(k)): str(v) for k, v in values.items()}
    if isinstance(values, str):
        values = [values]
    result: dict[str, str] = {}
    for value in values:
        head, sep, tail = value.partition("=")
        if sep and normalize(head) in SUPPORTED_CODES:
            result[normalize(head)] = tail.strip()
        else:
            result["en"] = value.strip()
    return result


def spec_from_toml(path: Path) -> SiteSpec:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"site file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SpecError(f"{path} is not valid TOML: {error}") from None
    known = set(SiteSpec.__dataclass_fields__) | {"name", "short_name", "tagline", "domain"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SpecError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    logo = data.get("logo")
    return build_spec(
        code=data.get("code", ""),
        countries=data.get("countries"),
        languages=data.get("languages"),
        domains=data.get("domains") or data.get("domain"),
        time_zone=data.get("time_zone", "UTC"),
        currency=data.get("currency", "USD"),
        names=parse_localized(data.get("name")),
        short_names=parse_localized(data.get("short_name")),
        taglines=parse_localized(data.get("tagline")),
        primary_color=data.get("primary_color", "#9f1d20"),
        accent_color=data.get("accent_color", "#f2b705"),
        logo=(path.parent / logo) if logo else None,
        contact_email=data.get("contact_email", ""),
        launched_on=data.get("launched_on"),
        admin_email=data.get("admin_email", ""),
        admin_language=data.get("admin_language", ""),
        response_days=data.get("response_days", 5),
        same_countries=data.get("same_countries", False),
    )


def build_spec(
    *,
    code: str,
    countries,
    languages,
    domains,
    launched_on: str | datetime.date | None = None,
    admin_language: str = "",
    **rest,
) -> SiteSpec:
    """Normalise raw values into a spec; type problems become SpecError."""
    country_list = [c.upper() for c in parse_list(countries)]
    if len(country_list) != 2:
        raise SpecError("countries: give exactly two ISO 3166-1 codes, e.g. CN,VN")
    if isinstance(launched_on, str) and launched_on:
        try:
            launched_on = datetime.date.fromisoformat(launched_on)
        except ValueError:
            raise SpecError(f"launch date {launched_on!r} is not a date (YYYY-MM-DD)") from None
    return SiteSpec(
        code=(code or "").strip().lower(),
        countries=(country_list[0], country_list[1]),
        languages=[normalize(code) for code in parse_list(languages)],
        domains=[d.lower() for d in parse_list(domains)],
        launched_on=launched_on or None,
        admin_language=normalize(str(admin_language or "")),
        **rest,
    )


def validate(spec: SiteSpec) -> None:
    """Raise SpecError naming the first problem; touches the database only to read."""
    if not CODE_RE.match(spec.code):
        raise SpecError(
            f"code {spec.code!r} is invalid: use 2 to 20 lower-case letters, digits and "
            "hyphens, not starting or ending with a hyphen (a DNS label), "
            "e.g. cn-kr, cn-kr2 or cn-kr-pilot"
        )
    if spec.schema_name == settings.TEMPLATE_SCHEMA:
        raise SpecError(_("code '%(code)s' is reserved; choose another code") % {"code": spec.code})
    territories = _territories()
    for country in spec.countries:
        if country not in territories:
            raise SpecError(
                f"unknown country code {country!r} (use ISO 3166-1 alpha-2, e.g. CN, VN)"
            )
    if spec.countries[0] == spec.countries[1]:
        raise SpecError("the two countries of a site must differ")
    if not spec.languages:
        raise SpecError("languages: give at least one, the site default first, e.g. zh-hans,vi,en")
    for language in spec.languages:
        if language not in SUPPORTED_CODES:
            raise SpecError(
                f"unsupported language {language!r}; supported: {', '.join(SUPPORTED_CODES)}"
            )
    if len(set(spec.languages)) != len(spec.languages):
        raise SpecError("languages: each language may appear only once")
    if spec.admin_language and spec.admin_language not in spec.languages:
        raise SpecError(
            f"admin language {spec.admin_language!r} is not one of the site's languages "
            f"({', '.join(spec.languages)})"
        )
    for language in list(spec.names) + list(spec.short_names) + list(spec.taglines):
        if language not in spec.languages:
            raise SpecError(
                f"name, short name or tagline given in {language!r}, which the site does not offer"
            )
    _validate_texts(spec)
    # What the hub's form offers, no more: places' zones and current money.
    for problem in (check_zone(spec.time_zone), check_currency(spec.currency)):
        if problem:
            raise SpecError(problem)
    spec.currency = spec.currency.upper()
    for label, colour in (
        ("primary colour", spec.primary_color),
        ("accent colour", spec.accent_color),
    ):
        if not COLOUR_RE.match(colour):
            raise SpecError(f"{label} {colour!r} is invalid: use #rrggbb")
    for label, email in (
        ("contact e-mail", spec.contact_email),
        ("admin e-mail", spec.admin_email),
    ):
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise SpecError(f"{label} {email!r} is not a valid address") from None
    # The administrator's account is named by its address (the contact
    # address when no other is given).
    problem = sign_in_address_problem(spec.admin_address)
    if problem:
        raise SpecError(f"the administrator's account: {problem}")
    # In the asking person's language, as the hub's form says it beside the field.
    problem = launch_date_problem(spec.launched_on)
    if problem:
        raise SpecError(problem)
    if not isinstance(spec.response_days, int) or not 1 <= spec.response_days <= 60:
        raise SpecError(
            f"response days must be a whole number from 1 to 60; got {spec.response_days!r}"
        )
    _validate_logo(spec.logo)
    _validate_domains(spec)
    _validate_identity(spec)
    # Last: they read every site, and the checks above keep odd codes from them.
    owner = name_owner(spec.code, spec.countries, spec.names)
    if owner is not None:
        raise SpecError(name_taken_message(owner))
    owner = short_name_owner(spec.code, spec.countries, spec.languages, spec.short_names)
    if owner is not None:
        raise SpecError(short_name_taken_message(owner))


def _validate_texts(spec: SiteSpec) -> None:
    """Names and taglines fit their columns whole (never cut) and are one
    line of text: a NUL would reach PostgreSQL, which refuses it."""
    for label, texts, limit in (
        ("name", spec.names, Site._meta.get_field("name").max_length),
        ("short name", spec.short_names, SHORT_NAME_MAX_LENGTH),
        ("tagline", spec.taglines, Site._meta.get_field("tagline").max_length),
    ):
        for language, text in texts.items():
            control = next((c for c in text if unicodedata.category(c) == "Cc"), None)
            if control is not None:
                raise SpecError(
                    f"{label} in {language!r} holds a control character (U+{ord(control):04X})"
                )
            if len(text) > limit:
                raise SpecError(
                    f"{label} in {language!r} has {len(text)} characters; "
                    f"at most {limit} are allowed"
                )


def _validate_logo(logo: Path | None) -> None:
    if logo is None:
        return
    if not logo.is_file():
        raise SpecError(f"logo file not found: {logo}")
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        raise SpecError(f"logo must be one of {', '.join(sorted(LOGO_SUFFIXES))}; got {logo.name}")
    if logo.stat().st_size > LOGO_MAX_BYTES:
        raise SpecError(f"logo {logo.name} is larger than 1 MB")


def _validate_domains(spec: SiteSpec) -> None:
    if not spec.domains:
        raise SpecError("domain: give at least one, e.g. cn-kr.localhost")
    if len(set(spec.domains)) != len(spec.domains):
        raise SpecError("domain: each domain may appear only once")
    for domain in spec.domains:
        problem = domain_problem(domain, spec.code)
        if problem:
            raise SpecError(problem)


def domain_problem(domain: str, code: str) -> str | None:
    """Why site ``code`` cannot answer at ``domain``, in the asking person's
    language; None when it can. The hub's form asks it of its address field,
    so the reason is shown once, beside the field, before any plan is made."""
    if not HOSTNAME_RE.match(domain):
        return _("domain '%(domain)s' is not a valid host name") % {"domain": domain}
    if domain == settings.PUBLIC_DOMAIN:
        return _("domain '%(domain)s' is the hub's public domain") % {"domain": domain}
    if not validate_host(domain, settings.ALLOWED_HOSTS):
        return _(
            "domain '%(domain)s' is outside ALLOWED_HOSTS (%(hosts)s), so requests to it "
            "would be refused: add its parent (%(parent)s) to ALLOWED_HOSTS first"
        ) % {
            "domain": domain,
            "hosts": " ".join(settings.ALLOWED_HOSTS),
            "parent": "." + domain.partition(".")[2],
        }
    taken = (
        Domain.objects.filter(domain=domain)
        .exclude(tenant__code=code)
        .select_related("tenant")
        .first()
    )
    if taken is not None:
        return _("domain '%(domain)s' is already used by site %(site)s") % {
            "domain": taken.domain,
            "site": taken.tenant.code,
        }
    return None


def _validate_identity(spec: SiteSpec) -> None:
    existing = Site.objects.filter(code=spec.code).first()
    if existing is not None and existing.countries != spec.countries:
        raise SpecError(
            _("code '%(code)s' is taken by the %(countries)s site; choose another code")
            % {"code": spec.code, "countries": "–".join(existing.countries)}
        )
    clash = Site.objects.filter(schema_name=spec.schema_name).exclude(code=spec.code).first()
    if clash is not None:
        raise SpecError(f"schema {spec.schema_name!r} is taken by site {clash.code}")
    if existing is None and not spec.same_countries:
        twin = same_countries_site(spec.countries)
        if twin is not None:
            raise SpecError(
                f"{'–'.join(spec.countries)} already has a site: {describe(twin)}; "
                "to launch another one for the same countries, say so with --same-countries"
            )


def same_countries_site(countries: tuple[str, str]) -> Site | None:
    """A site (not the schema template) for the same two countries, in either order."""
    first, second = countries
    return (
        Site.objects.real()
        .filter(
            models.Q(country_a=first, country_b=second)
            | models.Q(country_a=second, country_b=first)
        )
        .prefetch_related("domains")
        .order_by("created_at")
        .first()
    )


def describe(site: Site) -> str:
    """``cn-kr (cn-kr.example.org, not yet launched)``: a site as operators know it."""
    domain = site.primary_domain_name()
    state = "archived" if site.is_archived else "not yet launched" if site.is_draft else "launched"
    return f"{site.code} ({', '.join(filter(None, [domain, state]))})"
