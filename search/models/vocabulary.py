"""The product vocabulary: Harmonized System codes and what people call them.

Each site's schema holds its own copy, seeded from ``search.hs_seed`` by a
migration (so the template every new site is copied from has it too). A site's
editors add 6-digit subheadings, names in the site's other languages and
synonyms there; nothing they write reaches another site.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Func, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search.gin import short_gin_index
from search.text import document_text, tsvector

CODE_PATTERN = r"^\d{2}(\d{2}(\d{2})?)?$"
code_validator = RegexValidator(
    CODE_PATTERN, _("An HS code has 2, 4 or 6 digits: a chapter, a heading or a subheading.")
)


def parent_code(code: str) -> str | None:
    """The chapter of a heading, the heading of a subheading; None for a chapter."""
    return code[:-2] if len(code) > 2 else None


def code_and_ancestors(code: str) -> list[str]:
    """``"080132"`` → ``["08", "0801", "080132"]``."""
    return [code[:length] for length in range(2, len(code) + 1, 2)]


def narrowest(codes: Iterable[str]) -> set[str]:
    """Those of ``codes`` with none of the others under them: a word that
    names 0801 (coconuts, Brazil nuts and cashew) and 0801.32 (shelled
    cashew) means the cashew, not the whole heading."""
    codes = set(codes)
    return {code for code in codes if not any(o != code and o.startswith(code) for o in codes)}


class ProductCode(models.Model):
    class Level(models.IntegerChoices):
        CHAPTER = 2, pgettext_lazy("HS level", "Chapter")
        HEADING = 4, pgettext_lazy("HS level", "Heading")
        SUBHEADING = 6, pgettext_lazy("HS level", "Subheading")

    code = models.CharField(
        _("HS code"), max_length=6, primary_key=True, validators=[code_validator]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="children",
    )
    # Shipped with the portal (search.hs_seed); editors' own codes are not.
    seeded = models.BooleanField(_("from the HS seed"), default=False, editable=False)

    class Meta:
        verbose_name = _("product code")
        verbose_name_plural = _("product vocabulary")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        self.parent_id = parent_code(self.code)
        super().save(*args, **kwargs)

    @property
    def level(self) -> int:
        return len(self.code)

    def clean(self) -> None:
        parent = parent_code(self.code or "")
        if parent and not ProductCode.objects.filter(code=parent).exists():
            raise ValidationError(
                {"code": _("Add its heading %(parent)s first.") % {"parent": parent}}
            )


class ProductTerm(models.Model):
    """One name or synonym of a code in one language."""

    class Kind(models.TextChoices):
        NAME = "name", pgettext_lazy("product term", "Name")
        SYNONYM = "synonym", pgettext_lazy("product term", "Synonym")

    product = models.ForeignKey(
        ProductCode, verbose_name=_("HS code"), on_delete=models.CASCADE, related_name="terms"
    )
    language = models.CharField(_("language"), max_length=10)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SYNONYM)
    text = models.CharField(_("text"), max_length=200)
    seeded = models.BooleanField(_("from the HS seed"), default=False, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    # The term as a phrase query (tsquery text), to find it in documents.
    phrase = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("product name or synonym")
        verbose_name_plural = _("product names and synonyms")
        ordering = ["product", "language", "kind", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "language", "text"], name="one_product_term_per_text"
            ),
            models.UniqueConstraint(
                fields=["product", "language"],
                condition=Q(kind="name"),
                name="one_product_name_per_language",
            ),
        ]
        indexes = [short_gin_index(fields=["vector"], name="product_term_vector")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.text = " ".join(self.text.split())
        # Indexed as search documents are, so a query matches both the same way.
        self.vector = tsvector(self.text)
        self.phrase = Cast(
            Func(
                Value("simple"),
                Func(Value(document_text(self.text)), function="unaccent"),
                function="phraseto_tsquery",
            ),
            models.TextField(),
        )
        super().save(*args, **kwargs)
