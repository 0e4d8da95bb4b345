"""The site's standard pages: about, privacy, accessibility statement.

Each site writes its own, in its languages, in the admin. Until it does (or
for a language it has not written), readers get the portal's default text
for that page (templates/pages/), which names the site and its contact
address, in their language where the portal has one and in English otherwise,
with the usual note saying so.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from languages.registry import SUPPORTED_CODES
from web.rich_text import clean_html


class SitePage(models.Model):
    class Kind(models.TextChoices):
        ABOUT = "about", _("About this site")
        PRIVACY = "privacy", _("Privacy")
        ACCESSIBILITY = "accessibility", _("Accessibility")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Leave empty to show the portal's default text for this page."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def save(self, *args, **kwargs) -> None:
        from modeltranslation.utils import build_localized_fieldname

        for language in SUPPORTED_CODES:  # stored as cleaned HTML, like articles
            column = build_localized_fieldname("body", language)
            if getattr(self, column, None):
                setattr(self, column, clean_html(getattr(self, column)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(f"page_{self.kind}")

    def is_written(self) -> bool:
        """Whether the site wrote its own text (in any language): readers get
        it instead of the portal's default from then on."""
        from modeltranslation.utils import build_localized_fieldname

        return any(
            getattr(self, build_localized_fieldname("body", language), None)
            for language in SUPPORTED_CODES
        )
