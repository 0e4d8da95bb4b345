"""The site (one country pair) and its domains. Both live in the public schema."""

import datetime
import zoneinfo

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import DateField, F, Func, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from languages.columns import text_in
from languages.formatting import country_name
from tenants.launch_dates import validate_launch_date
from tenants.naming import (
    SHORT_NAME_COLUMN_LENGTH,
    name_owner,
    name_taken_message,
    short_name_owner,
    short_name_taken_message,
)
from tenants.uploads import CleanImageField, site_logo_path, validate_image

COLOUR_VALIDATOR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))
# A site code is a DNS label (it names the site's schema and often its host):
# lower-case letters, digits and hyphens, not starting or ending with a hyphen.
CODE_MAX_LENGTH = 20
CODE_PATTERN = rf"^(?=.{{2,{CODE_MAX_LENGTH}}}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$"
CODE_RULE = _(
    "Use 2 to 20 lower-case letters, digits and hyphens, not starting or ending with a "
    "hyphen (a DNS label), e.g. cn-kr, cn-kr2 or cn-kr-pilot."
)
CODE_VALIDATOR = RegexValidator(CODE_PATTERN, CODE_RULE)


class SiteQuerySet(models.QuerySet):
    def active(self) -> "SiteQuerySet":
        """Sites in operation, launched or still being prepared (drafts): what
        co-hosting and the coordinators' calendar work with. Not for anything
        the public sees: that is :meth:`public`."""
        return self.filter(status__in=[Site.Status.DRAFT, Site.Status.ACTIVE])

    def public(self, now=None) -> "SiteQuerySet":
        """Launched sites: what the hub, its aggregations and anything shown to
        visitors across sites list. A draft counts from its launch date on,
        reckoned in the site's own time zone (from Python's clock, not the
        database's)."""
        local_today = Cast(
            Func(F("time_zone"), Value(now or timezone.now()), function="timezone"),
            DateField(),
        )
        return self.annotate(_local_today=local_today).filter(
            Q(status=Site.Status.ACTIVE)
            | Q(status=Site.Status.DRAFT, launched_on__lte=F("_local_today"))
        )

    def drafts(self, now=None) -> "SiteQuerySet":
        """Sites not yet launched (and not launched by their date yet)."""
        return self.filter(status=Site.Status.DRAFT).exclude(pk__in=self.public(now).values("pk"))

    def real(self) -> "SiteQuerySet":
        """Every country-pair site, leaving out the schema template."""
        return self.exclude(status=Site.Status.TEMPLATE)


class Site(TenantMixin):
    class Status(models.TextChoices):
        # Being prepared: seen by its staff only, until launched by hand
        # (launch_site) or by its launch date.
        DRAFT = "draft", _("Not yet launched")
        ACTIVE = "active", _("Launched")
        ARCHIVED = "archived", _("Archived")
        # The pre-migrated schema new sites are cloned from; never served.
        TEMPLATE = "template", _("Template")

    code = models.CharField(
        _("code"), max_length=CODE_MAX_LENGTH, unique=True, validators=[CODE_VALIDATOR]
    )
    country_a = models.CharField(_("first country"), max_length=2)
    country_b = models.CharField(_("second country"), max_length=2)
    name = models.CharField(_("name"), max_length=200)
    # Read through tenants.naming.short_name_in, which makes one for a
    # language the site does not offer.
    short_name = models.CharField(
        _("short name"),
        max_length=SHORT_NAME_COLUMN_LENGTH,
        blank=True,
        help_text=_(
            "Tells the site apart where space is short, as in the coordinators' calendar; "
            "made from the two countries and the code when empty."
        ),
    )
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    languages = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("languages"),
        help_text=_("Ordered; the first is the site's default language."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    primary_color = models.CharField(
        _("primary colour"), max_length=7, default="#9f1d20", validators=[COLOUR_VALIDATOR]
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default="#f2b705", validators=[COLOUR_VALIDATOR]
    )
    logo = CleanImageField(
        _("logo"), upload_to=site_logo_path, blank=True, validators=[validate_image]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_details = models.TextField(
        _("contact details"),
        blank=True,
        max_length=1000,
        help_text=_("The office's address and telephone, shown at the foot of every page."),
    )
    launched_on = models.DateField(
        _("launch date"), null=True, blank=True, validators=[validate_launch_date]
    )
    enterprise_review = models.BooleanField(
        _("editors approve new enterprises"),
        default=True,
        help_text=_(
            "On: a confirmed sign-up is listed once an editor approves it. Off: it is listed at"
            " once, marked as not yet verified."
        ),
    )
    response_days = models.PositiveSmallIntegerField(
        _("answer questions within (days)"),
        default=5,
        help_text=_("The question desk's response-time target."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Provisioning clones the template schema itself, inside its transaction.
    auto_create_schema = False
    auto_drop_schema = False

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        """The hub admin's checks, as at launch: no site of another pair reads
        the same by its name, and no other site in the calendar."""
        super().clean()
        languages = list(self.languages or [])
        names = {language: text_in(self, "name", language) for language in languages}
        # Only names typed now: one saved before a rule was added must not
        # stop its officials changing anything else (or archiving the site).
        saved = Site.objects.filter(pk=self.pk).first() if self.pk else None
        typed = {
            language: name
            for language, name in names.items()
            if name and (saved is None or name != text_in(saved, "name", language))
        }
        owner = name_owner(self.code, self.countries, typed)
        if owner is not None:
            raise ValidationError(name_taken_message(owner))
        typed = {language: text_in(self, "short_name", language) for language in languages}
        unchanged = saved is not None and all(
            text == text_in(saved, "short_name", language) for language, text in typed.items()
        )
        owner = (
            None
            if unchanged
            else short_name_owner(
                self.code, self.countries, languages, {k: v for k, v in typed.items() if v}
            )
        )
        if owner is not None:
            raise ValidationError(short_name_taken_message(owner))

    @property
    def countries(self) -> tuple[str, str]:
        return (self.country_a, self.country_b)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def country_names(self, language: str) -> tuple[str, str]:
        return (country_name(self.country_a, language), country_name(self.country_b, language))

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    def local_today(self, now=None) -> datetime.date:
        """Today where the site is (its time zone), which launch dates count in."""
        return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(self.time_zone)).date()

    def launch_date_reached(self, now=None) -> bool:
        if self.launched_on is None:
            return False
        return self.launched_on <= self.local_today(now)

    @property
    def is_draft(self) -> bool:
        """Not launched yet: hidden from the hub, sitemaps and search engines,
        open to its own staff only."""
        return self.status == self.Status.DRAFT and not self.launch_date_reached()

    def primary_domain_name(self) -> str | None:
        # The host lookup reads it with the site (tenants.services.site_lookup);
        # otherwise this iterates the prefetched domains when the caller
        # prefetched them.
        known = getattr(self, "known_primary_domain", None)
        if known is not None:
            return known
        for domain in self.domains.all():
            if domain.is_primary:
                return domain.domain
        return None


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"],
                condition=models.Q(is_primary=True),
                name="one_primary_domain_per_site",
            )
        ]

    def __str__(self) -> str:
        return self.domain
