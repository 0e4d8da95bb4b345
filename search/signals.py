"""Keeping what is derived from the vocabulary current when editors change it."""

from django.db.models.signals import post_delete, post_save

from search.lexicon import remember_words
from search.models import ProductCode, ProductTerm
from search.vocabulary import forget_choices


def _term_saved(sender, instance: ProductTerm, raw: bool = False, **kwargs) -> None:
    forget_choices()
    if not raw:
        remember_words([instance.text], phrases=True)


def _changed(sender, **kwargs) -> None:
    forget_choices()


def connect() -> None:
    post_save.connect(_term_saved, sender=ProductTerm, dispatch_uid="vocabulary-term-saved")
    post_delete.connect(_changed, sender=ProductTerm, dispatch_uid="vocabulary-term-deleted")
    post_save.connect(_changed, sender=ProductCode, dispatch_uid="vocabulary-code-saved")
    post_delete.connect(_changed, sender=ProductCode, dispatch_uid="vocabulary-code-deleted")
