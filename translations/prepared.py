"""One object's SELECT built and compiled once per process, run with new values.

A detail page reads one wide row: a column per translated field for each of
the site's languages, a joined row or two, a few EXISTS marks. Building that
QuerySet through modeltranslation and compiling it cost ~2.5 of an article or
event page's ~10–13 ms of CPU, the same SQL every time but for the slug and
the clock (/work/tools/buckets.py: "orm compile" 1.8–2.3 ms a page).

:class:`PreparedGet` builds its QuerySet with :class:`Slot` placeholders,
compiles it once for each set of columns a site reads (the site's languages,
as :func:`translations.site_columns.in_site_languages` defers the others),
then runs that SQL with the request's values and makes
the object as ``QuerySet.get()`` would (same columns deferred, same joined
objects, same annotations). The SQL names no schema: each site's tables are
found through the connection's search path, as for any query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import Expression, Field, IntegerField, Model, QuerySet
from django.db.models.query import MAX_GET_RESULTS, get_related_populators
from django.http import Http404

from translations.site_columns import in_site_languages, shown_languages


class Slot(Expression):
    """A value the prepared query receives when it runs, by ``name``. It
    compiles to one placeholder whose parameter is the slot itself."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        return "%s", [self]


class _Compiled:
    """What running the SQL and making the object needs, worked out once."""

    def __init__(self, queryset: QuerySet, db: str, *, one: bool = True) -> None:
        queryset = queryset.using(db)
        if one:  # as QuerySet.get(): no ordering, at most MAX_GET_RESULTS rows
            queryset = queryset.order_by()
            queryset.query.set_limits(high=MAX_GET_RESULTS)
        self.model = queryset.model
        self.db = db
        compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = compiler.as_sql()
        self.params = tuple(params)
        self.slots = tuple(
            (index, param) for index, param in enumerate(params) if isinstance(param, Slot)
        )
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model_class = klass_info["model"]
        self.columns = (start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.related_populators = get_related_populators(klass_info, select, self.db)
        self.annotations = tuple(compiler.annotation_col_map.items())
        # Columns Django adds for its own use (extra select) are cut off, as cursor_iter does.
        self.row_length = compiler.col_count if compiler.has_extra_select else None
        self.converters = tuple(
            (position, tuple(converters), expression)
            for position, (converters, expression) in compiler.get_converters(
                [column[0] for column in select[: compiler.col_count]]
            ).items()
        )

    def rows(self, values: dict[str, Any]) -> list[list]:
        connection = connections[self.db]
        params = list(self.params)
        for index, slot in self.slots:
            value = slot.output_field.get_db_prep_value(
                values[slot.name], connection, prepared=False
            )
            if not _in_range(slot.output_field, value, connection):
                return []  # as Django's lookups: no such row, and no query
            params[index] = value
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = [list(row[: self.row_length]) for row in cursor.fetchall()]
        for row in rows:
            for position, converters, expression in self.converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        return rows

    def instance(self, row: list) -> Model:
        """The object ``ModelIterable`` makes of ``row``."""
        start, end = self.columns
        instance = self.model_class.from_db(self.db, self.init_list, row[start:end])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, position in self.annotations:
            setattr(instance, name, row[position])
        return instance


def _in_range(field: Field, value: Any, connection) -> bool:
    """False for an integer beyond its column's range (``/listings/1e20/``):
    sent as it is, PostgreSQL compares every id as a numeric, a scan."""
    kind = field.get_internal_type()
    if not isinstance(value, int) or kind not in connection.ops.integer_field_ranges:
        return True
    low, high = connection.ops.integer_field_range(kind)
    return low <= value <= high


class PreparedGet:
    """``build(slot)`` returns the QuerySet of one ``model`` object, with
    ``slot(name, field)`` where a value changes per call; :meth:`get` runs it.

    ``build`` must give the same SQL for the same site languages (the
    compiled query is kept per set of them): no reading of the request, the
    clock or the database in it — those are slots — and no filtering,
    ordering or values by a translated field's own name, which
    modeltranslation turns into the active language's column
    (tests/translations/test_prepared.py compiles each page's query in two
    languages). The database is asked of the routers at each call, as a
    QuerySet does (a visitor's read may go to the replica, tenants.replica).
    """

    one = True

    #: Compiled queries kept at most: one per database and set of site
    #: languages (~20 KB each, measured); past this many, start again.
    KEPT = 64

    def __init__(
        self, model: type[Model], build: Callable[[Callable[[str, Field], Slot]], QuerySet]
    ) -> None:
        self.model = model
        self.build = build
        self.compiled: dict[tuple, _Compiled] = {}

    def _compiled(self) -> _Compiled:
        db = router.db_for_read(self.model)
        key = (db, shown_languages())
        compiled = self.compiled.get(key)
        if compiled is None:
            if len(self.compiled) >= self.KEPT:
                self.compiled.clear()
            compiled = self.compiled[key] = _Compiled(self.build(Slot), db, one=self.one)
        return compiled

    def get(self, **values: Any) -> Model:
        """The one object for ``values``, as ``QuerySet.get()`` gives it."""
        compiled = self._compiled()
        rows = compiled.rows(values)
        name = compiled.model._meta.object_name
        if not rows:
            raise compiled.model.DoesNotExist(f"{name} matching query does not exist.")
        if len(rows) > 1:
            raise compiled.model.MultipleObjectsReturned(f"get() returned more than one {name}.")
        return compiled.instance(rows[0])

    def get_or_404(self, **values: Any) -> Model:
        """As ``get_object_or_404``."""
        try:
            return self.get(**values)
        except self.model.DoesNotExist:
            name = self.model._meta.object_name
            raise Http404(f"No {name} matches the given query.") from None


class PreparedList(PreparedGet):
    """:class:`PreparedGet` for the objects of a small list, in the order
    ``build`` gives them (a page's tags or documents): :meth:`list`."""

    one = False

    def list(self, **values: Any) -> list[Model]:
        """The objects for ``values``, as iterating the QuerySet gives them."""
        compiled = self._compiled()
        return [compiled.instance(row) for row in compiled.rows(values)]


def rows_of(model: type[Model], lookup: str, name: str) -> PreparedList:
    """``model``'s rows whose ``lookup`` is the id given as ``name``, in the
    site's languages: ``rows_of(Tag, "articles", "article").list(article=pk)``."""
    return PreparedList(
        model,
        lambda slot: in_site_languages(
            model.objects.filter(**{lookup: slot(name, IntegerField())})
        ),
    )
