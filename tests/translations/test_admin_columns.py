"""Every column and field the admins show is named in the reader's language.

A Hindi walk read "ORIGIN CODE" in the event list: a model field with no
verbose name is labelled with its Python name, in English, in every language.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise

from tenants.admin import hub_admin


def _unnamed_columns(site: admin.AdminSite) -> list[str]:
    unnamed = []
    for model, model_admin in site._registry.items():
        shown = [*model_admin.list_display, *model_admin.readonly_fields]
        for name in shown:
            if not isinstance(name, str):
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a method: its admin.display names it
            if field.primary_key and field.auto_created:
                continue  # "ID", as Django names it everywhere
            if not isinstance(getattr(field, "verbose_name", None), Promise):
                unnamed.append(f"{model._meta.label}.{name}")
    return unnamed


def test_every_field_an_admin_lists_has_a_translatable_name():
    assert _unnamed_columns(admin.site) == []
    assert _unnamed_columns(hub_admin) == []
