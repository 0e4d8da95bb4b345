"""Labels of a model field's choices, translated once per language.

Django's ``get_FOO_display()`` rebuilds a dict of the field's choices on every
call, hashing each lazy label, which translates it: four ``pgettext`` calls
for a four-choice field, for each row of a list (250 per news list, ~10 ms).
Models that show choices in lists mix in :class:`ChoiceLabels`.
"""

import functools

from django.db import models
from django.utils import translation


@functools.lru_cache(maxsize=1024)
def _labels(field: models.Field, language: str | None) -> dict:
    with translation.override(language):
        return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """Model mixin: ``get_FOO_display()`` from a per-language table."""

    def _get_FIELD_display(self, field: models.Field):
        value = getattr(self, field.attname)
        try:
            return _labels(field, translation.get_language()).get(value, value)
        except TypeError:  # an unhashable value (an array field): Django's way
            return super()._get_FIELD_display(field)
