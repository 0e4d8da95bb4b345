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


def in_site_languages(queryset: QuerySet) -> QuerySet:
    """``queryset`` without the columns of languages the current site does
    not show (nor fall back to). Outside a site's request (commands, the
    hub, ``schema_context``) the queryset is returned as it is."""
    languages = getattr(getattr(connection, "tenant", None), "languages", None)
    if not languages:
        return queryset
    shown = frozenset(
        {
            *languages,
            BRIDGE_LANGUAGE,
            settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
            *settings.MODELTRANSLATION_FALLBACK_LANGUAGES,
        }
    )
    columns = other_language_columns(queryset.model, shown)
    return queryset.defer(*columns) if columns else queryset
