from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.models import Article, Enterprise, Opportunity
from cooperation.services.opportunities import moderate
from i18n.admin import SiteLanguagesAdmin


@admin.register(Article)
class ArticleAdmin(SiteLanguagesAdmin):
    list_display = ("title", "kind", "status", "published_at")
    list_filter = ("kind", "status")
    search_fields = ("slug",)
    prepopulated_fields = {"slug": ("title",)}


@admin.action(description=_("Approve the selected opportunities"))
def approve(modeladmin, request, queryset) -> None:
    for opportunity in queryset:
        moderate(opportunity, approve=True)


@admin.action(description=_("Reject the selected opportunities"))
def reject(modeladmin, request, queryset) -> None:
    for opportunity in queryset:
        moderate(opportunity, approve=False)


@admin.register(Opportunity)
class OpportunityAdmin(SiteLanguagesAdmin):
    list_display = ("title", "kind", "sector", "country", "company", "valid_until", "status")
    list_filter = ("status", "kind", "sector")
    search_fields = ("company", "contact_email")
    actions = [approve, reject]


@admin.register(Enterprise)
class EnterpriseAdmin(SiteLanguagesAdmin):
    list_display = ("name", "country", "verified", "is_listed")
    list_filter = ("verified", "is_listed", "country")
    search_fields = ("slug", "email", "website")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
