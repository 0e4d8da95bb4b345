from django.contrib import admin

from cooperation.models import Article
from i18n.admin import SiteLanguagesAdmin


@admin.register(Article)
class ArticleAdmin(SiteLanguagesAdmin):
    list_display = ("title", "kind", "status", "published_at")
    list_filter = ("kind", "status")
    search_fields = ("slug",)
    prepopulated_fields = {"slug": ("title",)}
