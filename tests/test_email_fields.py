"""Every e-mail field of the portal's forms takes no longer an address than
where it is kept. Django's forms.EmailField allows 320 characters; a model's
EmailField keeps 254, and an account's name (the address it signs in with)
150. A longer address that passed a form reached the database as a
DataError: a 500 on the public sign-up form (attack review, session 27)."""

import importlib

from django import forms
from django.conf import settings

from tenants.email_addresses import ADDRESS_MAX_LENGTH

PROJECT_PACKAGES = {
    "alerts", "cooperation", "coordination", "events", "hub", "languages", "search",
    "tenants", "translations", "web",
}  # fmt: skip


def _project_forms() -> list[type[forms.BaseForm]]:
    # The URL configurations import every view, and so every form.
    for name in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        importlib.import_module(name)
    found, waiting = [], [forms.BaseForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_PACKAGES:
                found.append(subclass)
    return found


def test_no_form_takes_a_longer_address_than_a_model_keeps():
    too_long = [
        f"{form.__module__}.{form.__qualname__}.{name}: {field.max_length}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.EmailField)
        and (field.max_length is None or field.max_length > ADDRESS_MAX_LENGTH)
    ]

    assert too_long == []
