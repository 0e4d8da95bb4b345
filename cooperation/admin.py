from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.models import Article, Enterprise, Opportunity, Question, TopicOwner
from cooperation.services.opportunities import moderate
from cooperation.services.questions import answer_given, mark_answered
from i18n.admin import SiteLanguagesAdmin


@admin.register(Article)
class ArticleAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "kind", "status", "published_at")
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
    list_display = ("shown_title", "kind", "sector", "country", "company", "valid_until", "status")
    list_filter = ("status", "kind", "sector")
    search_fields = ("company", "contact_email")
    actions = [approve, reject]


@admin.register(Enterprise)
class EnterpriseAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "country", "verified", "is_listed")
    title_field = "name"
    list_filter = ("verified", "is_listed", "country")
    search_fields = ("slug", "email", "website")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Question)
class QuestionAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "topic", "name", "language", "status", "created_at")
    title_field = "question"
    list_filter = ("status", "topic", "is_public")
    search_fields = ("name", "email")
    readonly_fields = (
        "name",
        "email",
        "country",
        "language",
        "created_at",
        "answered_at",
        "status",
    )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Saving an answer to an open question answers it and tells the asker.
        if obj.status == Question.Status.OPEN and answer_given(obj):
            mark_answered(obj, base_url=f"{request.scheme}://{request.get_host()}")


@admin.register(TopicOwner)
class TopicOwnerAdmin(admin.ModelAdmin):
    list_display = ("topic", "email")
    list_filter = ("topic",)
