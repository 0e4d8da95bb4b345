"""The enterprise directory: companies of both countries looking for partners."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.sectors import SECTORS
from cooperation.uploads import logo_path, validate_image
from search.fields import HSCodesField
from search.gin import short_gin_index
from tenants.uploads import CleanImageField
from translations.fallback import current_site_text
from translations.prepared import PreparedGet
from translations.site_columns import in_site_languages


class EnterpriseQuerySet(models.QuerySet):
    def listed(self) -> "EnterpriseQuerySet":
        return in_site_languages(self.filter(is_listed=True))


class Enterprise(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    products = models.TextField(_("products and services"), blank=True)
    country = models.CharField(_("country"), max_length=2)
    sectors = ArrayField(
        models.CharField(max_length=1, choices=SECTORS),
        verbose_name=_("sectors"),
        default=list,
        blank=True,
    )
    hs_codes = HSCodesField(_("products (HS codes)"))
    logo = CleanImageField(_("logo"), upload_to=logo_path, blank=True, validators=[validate_image])
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by an official of this site.")
    )
    is_listed = models.BooleanField(_("listed"), default=True)
    # Signed up and confirmed on a site whose editors approve new enterprises.
    awaiting_review = models.BooleanField(_("waiting for approval"), default=False)
    # The language the profile was written in (the owner's at sign-up, or
    # the first they wrote it in), which translations start from; empty for
    # the site's default language.
    language = models.CharField(_("language of the profile"), max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnterpriseQuerySet.as_manager()
    translation_source_field = "language"

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["slug"]
        indexes = [
            models.Index(fields=["is_listed", "country"]),
            short_gin_index(fields=["hs_codes"], name="enterprise_hs_codes"),
        ]
        permissions = [("verify_enterprise", _("Can mark enterprises as verified"))]

    def __str__(self) -> str:
        return current_site_text(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("enterprise_detail", kwargs={"slug": self.slug})

    def contact_emails(self) -> list[str]:
        """The public address and those of its people (prefetch ``members__user``)."""
        emails = [self.email] if self.email else []
        emails += [m.user.email for m in self.members.all() if m.user.email not in emails]
        return emails

    def sector_labels(self) -> list[str]:
        labels = dict(SECTORS)
        return [str(labels[code]) for code in self.sectors if code in labels]


class EnterpriseMember(models.Model):
    """A person who acts for an enterprise on this site (one enterprise each).

    The user key deliberately does nothing on delete at the ORM level: users
    also exist in the hub's schema, where this table does not, and deleting a
    hub user must not look for rows here. ``cooperation.signals`` removes the
    membership when a site user is deleted.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        related_name="enterprise_membership",
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="members")
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        help_text=_("E-mails about matchmaking are written in this language."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enterprise member")
        verbose_name_plural = _("enterprise members")

    def __str__(self) -> str:
        return f"{self.user.email} · {self.enterprise}"


#: ``ENTERPRISE_PAGE.get_or_404(slug=…)``: the enterprise page's query,
#: compiled once per site languages (translations.prepared).
ENTERPRISE_PAGE = PreparedGet(
    Enterprise,
    lambda slot: Enterprise.objects.listed().filter(slug=slot("slug", models.SlugField())),
)
