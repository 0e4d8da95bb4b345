"""Read only the translated columns a site can show.

modeltranslation adds a column per translated field for each of the 26
languages the framework knows; a site shows three or four of them. Loading
the rest cost most of a list page's database and model time (an article row
has 104 translated columns). Public QuerySet methods pass their queryset
through :func:`in_site_languages`, which defers every other language's
columns: reading one anyway costs a query, never a wrong value, and saving
such a row writes only the columns it loaded.
"""

import functools

from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet
from modeltranslation.translator import NotRegistered, translator

from translations.fallback import BRIDGE_LANGUAGE


@functools.lru_cache(maxsize=256)
def other_language_columns(model: type[Model], shown: frozenset[str]) -> tuple[str, ...]:
    """Translated columns of ``model`` in languages outside ``shown``."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(
        sorted(
            column.name
            for columns in options.all_fields.values()
            for column in columns
            if column.language not in shown
        )
    )


def _joined_columns(model: type[Model], joined: dict, shown: frozenset[str]) -> list[str]:
    """The other languages' columns of the models ``select_related`` joins
    (``joined`` is its nested dict), as ``relation__column`` paths."""
    paths = []
    for name, deeper in joined.items():
        related = model._meta.get_field(name).related_model
        paths += [f"{name}__{column}" for column in other_language_columns(related, shown)]
        paths += [f"{name}__{path}" for path in _joined_columns(related, deeper, shown)]
    return paths


def shown_languages() -> frozenset[str] | None:
    """The languages whose columns the current site reads: its own, the
    bridge and the fallbacks; None outside a site's request (every column)."""
    languages = getattr(getattr(connection, "tenant", None), "languages", None)
    if not languages:
        return None
    return frozenset(
        {
            *languages,
            BRIDGE_LANGUAGE,
            settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
            *settings.MODELTRANSLATION_FALLBACK_LANGUAGES,
        }
    )


def in_site_languages(queryset: QuerySet) -> QuerySet:
    """``queryset`` without the columns of languages the current site does
    not show (nor fall back to), its own and those of the models it joins
    with ``select_related("name")`` before this call. Outside a site's
    request (commands, the hub, ``schema_context``) the queryset is returned
    as it is."""
    shown = shown_languages()
    if shown is None:
        return queryset
    columns = list(other_language_columns(queryset.model, shown))
    if isinstance(queryset.query.select_related, dict):
        columns += _joined_columns(queryset.model, queryset.query.select_related, shown)
    if not columns:
        return queryset
    # Straight to the query: modeltranslation's defer() would expand each
    # name into every language's column again, ~0.3 ms per queryset for
    # the hundred names given here, which are columns already.
    deferred = queryset._chain()
    deferred.query.add_deferred_loading(columns)
    return deferred
