from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cooperation.models import Article


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    list_display = ("title", "kind", "status", "published_at")
    list_filter = ("kind", "status")
    search_fields = ("slug",)
    prepopulated_fields = {"slug": ("title",)}
