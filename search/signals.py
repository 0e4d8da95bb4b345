"""Keeping what is derived from the vocabulary current when editors change it.

Names and choices need nothing here: a committed write to the vocabulary's
tables moves their generation (search.vocabulary._generation)."""

from django.db.models.signals import post_save

from search.lexicon import remember_words
from search.models import ProductTerm


def _term_saved(sender, instance: ProductTerm, raw: bool = False, **kwargs) -> None:
    if not raw:
        remember_words([instance.text], phrases=True)


def connect() -> None:
    post_save.connect(_term_saved, sender=ProductTerm, dispatch_uid="vocabulary-term-saved")
