"""The model field content uses to carry product codes."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.models.vocabulary import code_validator


class HSCodesField(ArrayField):
    """HS codes as given ("0801", "080132"), empty by default.

    An array rather than a key to ``ProductCode``: lists filter it with a GIN
    index (``search.vocabulary.descendants_filter``), and a code an editor
    later removes from the vocabulary leaves content readable.
    """

    def __init__(self, verbose_name=None, **kwargs) -> None:
        kwargs.setdefault("base_field", models.CharField(max_length=6, validators=[code_validator]))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("help_text", _("Harmonized System codes of the products concerned."))
        super().__init__(verbose_name=verbose_name, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Migrations record a plain ArrayField: they need not import search.
        return name, "django.contrib.postgres.fields.ArrayField", args, kwargs
