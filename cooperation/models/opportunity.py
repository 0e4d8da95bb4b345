"""Trade opportunities: what companies sell, want to buy, invest in or tender."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.sectors import SECTORS
from languages.choices import ChoiceLabels
from search.fields import HSCodesField
from search.gin import short_gin_index
from translations.fallback import current_site_text
from translations.prepared import PreparedGet
from translations.site_columns import in_site_languages


class OpportunityQuerySet(models.QuerySet):
    def open(self, today=None) -> "OpportunityQuerySet":
        """Approved by an editor and not yet expired: what the public sees."""
        return in_site_languages(
            self.filter(
                status=Opportunity.Status.APPROVED,
                valid_until__gte=timezone.localdate() if today is None else today,
            )
        )

    def with_poster_verified(self) -> "OpportunityQuerySet":
        """Marked ``poster_verified``: whether the enterprise that posted each
        is verified (the badge of a listing's item, and part of its kept key)."""
        return self.annotate(poster_verified=models.F("enterprise__verified"))

    def pending(self) -> "OpportunityQuerySet":
        return self.filter(status=Opportunity.Status.PENDING)


class Opportunity(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        SUPPLY = "supply", pgettext_lazy("opportunity kind", "Supply")
        DEMAND = "demand", pgettext_lazy("opportunity kind", "Demand")
        INVESTMENT = "investment", pgettext_lazy("opportunity kind", "Investment")
        TENDER = "tender", pgettext_lazy("opportunity kind", "Tender")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn by the poster")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    sector = models.CharField(_("sector"), max_length=1, choices=SECTORS)
    hs_codes = HSCodesField(_("products (HS codes)"))
    country = models.CharField(_("country of origin"), max_length=2)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    valid_until = models.DateField(_("valid until"))
    enterprise = models.ForeignKey(
        "cooperation.Enterprise",
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    company = models.CharField(_("company"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(_("language of the listing"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OpportunityQuerySet.as_manager()
    # Each row is written in its own language, which translations start from.
    translation_source_field = "language"

    class Meta:
        verbose_name = _("trade opportunity")
        verbose_name_plural = _("trade opportunities")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "valid_until", "kind", "sector", "country"]),
            short_gin_index(fields=["hs_codes"], name="opportunity_hs_codes"),
            # The list's order: a page from a cursor reads only its own rows.
            models.Index(
                F("status"), F("created_at").desc(), F("id").desc(), name="opportunity_newest"
            ),
        ]
        permissions = [("moderate_opportunity", _("Can approve or reject opportunities"))]

    def __str__(self) -> str:
        return current_site_text(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("opportunity_detail", kwargs={"pk": self.pk})


def _page(slot) -> OpportunityQuerySet:
    """The listing page's object: open, with its enterprise."""
    listings = Opportunity.objects.open(today=slot("today", models.DateField()))
    return in_site_languages(listings.select_related("enterprise")).filter(
        pk=slot("pk", models.IntegerField())
    )


#: ``OPPORTUNITY_PAGE.get_or_404(pk=…, today=…)``: the page's query, compiled
#: once per site languages (translations.prepared).
OPPORTUNITY_PAGE = PreparedGet(Opportunity, _page)
