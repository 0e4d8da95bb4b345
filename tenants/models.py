"""The site (one country pair) and its domains. Both live in the public schema."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from languages.formatting import country_name
from tenants.uploads import CleanImageField, site_logo_path, validate_image

COLOUR_VALIDATOR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))
CODE_VALIDATOR = RegexValidator(
    r"^[a-z]{2}(-[a-z]{2,3})+$", _("Use lower-case country codes joined by hyphens, e.g. cn-vn.")
)


class SiteQuerySet(models.QuerySet):
    def active(self) -> "SiteQuerySet":
        return self.filter(status=Site.Status.ACTIVE)

    def real(self) -> "SiteQuerySet":
        """Every country-pair site, leaving out the schema template."""
        return self.exclude(status=Site.Status.TEMPLATE)


class Site(TenantMixin):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")
        # The pre-migrated schema new sites are cloned from; never served.
        TEMPLATE = "template", _("Template")

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[CODE_VALIDATOR])
    country_a = models.CharField(_("first country"), max_length=2)
    country_b = models.CharField(_("second country"), max_length=2)
    name = models.CharField(_("name"), max_length=200)
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
    launched_on = models.DateField(_("launch date"), null=True, blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("answer questions within (days)"),
        default=5,
        help_text=_("The question desk's response-time target."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
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
