"""The product vocabulary in a site's admin.

Editors add subheadings, names and synonyms; translators add names and
synonyms (``cooperation.roles``). Only the site's languages are offered.
Rows that came with the vocabulary can be corrected (they are then the
site's own, and a later seed update leaves them alone) but not deleted, or
the next update would bring them back.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from languages.registry import get_language
from search.models import ProductCode, ProductTerm
from translations.fallback import fallback_chain


def _site_languages(request: HttpRequest) -> list[tuple[str, str]]:
    return [(code, get_language(code).native_name) for code in request.tenant.languages]


class TermFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if form.instance.pk and form.instance.seeded and "DELETE" in form.fields:
            # Kept (the admin's inline template renders every form's DELETE
            # box: removing the field made the page a 500), but hidden and
            # disabled, so whatever is posted for it is ignored.
            form.fields["DELETE"].disabled = True
            form.fields["DELETE"].widget = forms.HiddenInput()

    def save_existing(self, form, obj, commit=True):
        if form.has_changed():
            obj.seeded = False  # corrected on this site: the seed no longer owns it
        return super().save_existing(form, obj, commit=commit)


class ProductTermInline(admin.TabularInline):
    model = ProductTerm
    formset = TermFormSet
    fields = ("language", "kind", "text")
    extra = 2

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.ChoiceField(label=db_field.verbose_name, choices=_site_languages(request))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest):
        # Terms in languages the site does not offer stay, unseen and unchanged.
        return super().get_queryset(request).filter(language__in=request.tenant.languages)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.view_productterm")

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.add_productterm")

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.change_productterm")

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.delete_productterm")


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(str(value), label) for value, label in ProductCode.Level.choices]

    def queryset(self, request, queryset):
        if self.value() in {"2", "4", "6"}:
            return queryset.filter(code__regex=rf"^\d{{{self.value()}}}$")
        return queryset


@admin.register(ProductCode)
class ProductCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "shown_name", "terms_in_site_languages", "seeded")
    list_filter = (LevelFilter, "seeded")
    search_fields = ("code",)
    inlines = [ProductTermInline]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest):
        chain = fallback_chain(request.tenant, translation.get_language())
        names = [
            Subquery(
                ProductTerm.objects.filter(
                    product=OuterRef("code"), kind=ProductTerm.Kind.NAME, language=language
                ).values("text")[:1]
            )
            for language in chain
        ]
        return (
            super()
            .get_queryset(request)
            .annotate(
                shown=Coalesce(*names, F("code")),
                term_count=Count("terms", filter=Q(terms__language__in=request.tenant.languages)),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """A code, or any name or synonym in the site's languages."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            named = ProductCode.objects.filter(
                terms__language__in=request.tenant.languages,
                terms__text__icontains=search_term[:200],
            ).values("code")
            queryset = queryset | self.get_queryset(request).filter(code__in=named)
            duplicates = True
        return queryset, duplicates

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    @admin.display(description=_("name"), ordering="shown")
    def shown_name(self, obj: ProductCode) -> str:
        """In the editor's language, or the site's fallback."""
        return obj.shown

    @admin.display(description=_("names and synonyms"))
    def terms_in_site_languages(self, obj: ProductCode) -> int:
        return obj.term_count

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.view_productcode")

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("search.change_productcode")

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm("search.add_productcode")

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.seeded:
            return False
        return request.user.has_perm("search.delete_productcode")
