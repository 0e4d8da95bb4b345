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

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, NoReturn

from django.contrib.postgres.fields import ArrayField
from django.db import connections, router
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Expression,
    F,
    Field,
    Func,
    IntegerField,
    Model,
    QuerySet,
)
from django.db.models.query import (
    MAX_GET_RESULTS,
    ModelIterable,
    NamedValuesListIterable,
    get_related_populators,
)
from django.db.models.utils import create_namedtuple_class
from django.http import Http404, HttpRequest
from modeltranslation.manager import FallbackNamedValuesListIterable

from tenants import server_prepared
from translations.site_columns import in_site_languages, shown_languages
from web.fragment_store import kept_rows
from web.templatetags.fragments import kept_value


class Slot(Expression):
    """A value the prepared query receives when it runs, by ``name``. It
    compiles to one placeholder whose parameter is the slot itself."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        return "%s", [self]


class AnyOf(Func):
    """``field = ANY(values)``, a condition for ``filter()``: the rows whose
    ``field`` is one of an array's values, one placeholder for any number of
    them (``field__in`` compiles one per value, so one SQL per count)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, values: Expression) -> None:
        super().__init__(F(field), values)

    def as_sql(self, compiler, connection, **extra: Any) -> tuple[str, list]:
        column, values = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        values_sql, values_params = compiler.compile(values)
        return f"{column_sql} = ANY({values_sql})", [*column_params, *values_params]


class _Compiled:
    """What running the SQL and making the object needs, worked out once."""

    def __init__(
        self, queryset: QuerySet, db: str, *, one: bool = True, suffix: tuple[str, tuple] = ("", ())
    ) -> None:
        queryset = queryset.using(db)
        if one:  # as QuerySet.get(): no ordering, at most MAX_GET_RESULTS rows
            queryset = queryset.order_by()
            queryset.query.set_limits(high=MAX_GET_RESULTS)
        self.model = queryset.model
        self.db = db
        compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = compiler.as_sql()
        # ``suffix``: SQL around the query and its parameters ("... LIMIT %s
        # OFFSET %s", a count of it), "{}" standing for the query.
        if suffix[0]:
            self.sql = suffix[0].replace("{}", self.sql, 1)
            params = (*params, *suffix[1])
        self.params = tuple(params)
        self.slots = tuple(
            (index, param) for index, param in enumerate(params) if isinstance(param, Slot)
        )
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model_class = klass_info["model"]
        self.columns = (start, end)
        # A set: Model.from_db asks each of the model's concrete columns
        # (~156 with 26 languages' texts) whether it was fetched, as only the
        # site's languages are: in a list that was ~0.21 ms a detail object,
        # in a set ~0.07 (timeit, session 15).
        self.init_list = frozenset(column[0].target.attname for column in select[start:end])
        self.related_populators = _looked_up_in_sets(
            get_related_populators(klass_info, select, self.db)
        )
        self.annotations = tuple(compiler.annotation_col_map.items())
        # A values_list(named=True) QuerySet's rows, as its iterable makes
        # them: Django's (NamedValuesListIterable), or modeltranslation's,
        # which orders the values as asked and gives translated fields their
        # fallback (not done here: such lists select keys, never texts).
        self.names: tuple[str, ...] | None = None
        self.order: tuple[int, ...] | None = None
        query = queryset.query
        selected = tuple(query.selected or ())
        if not selected:  # extra(select=...) columns come first (ValuesIterable)
            selected = (*query.extra_select, *query.values_select, *query.annotation_select)
        if issubclass(queryset._iterable_class, FallbackNamedValuesListIterable):
            if queryset.translation_fields:
                raise ValueError("prepared rows hold no translated field (no fallback here)")
            fields = tuple(queryset.original_fields)
            self.names = (*fields, *(f for f in query.annotation_select if f not in fields))
            self.order = tuple(selected.index(name) for name in self.names)
        elif issubclass(queryset._iterable_class, NamedValuesListIterable):
            self.names = queryset._fields or selected
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
            server_prepared.execute(cursor, self.sql, params)
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


def _looked_up_in_sets(populators: list) -> list:
    """Django's populators of the joined objects (an opportunity's
    enterprise, an article's category), their fetched columns made a set as
    ``init_list`` above: ``from_db`` of an enterprise 31.7 -> 15.6 µs (timeit,
    its 94 columns asked of 25 fetched). A populator reads its list only
    there once built (its primary key's place is found first)."""
    for populator in populators:
        populator.init_list = frozenset(populator.init_list)
        _looked_up_in_sets(populator.related_populators)
    return populators


def _in_range(field: Field, value: Any, connection) -> bool:
    """False for an integer beyond its column's range (``/listings/1e20/``):
    sent as it is, PostgreSQL compares every id as a numeric, a scan."""
    kind = field.get_internal_type()
    if not isinstance(value, int) or kind not in connection.ops.integer_field_ranges:
        return True
    low, high = connection.ops.integer_field_range(kind)
    return low <= value <= high


class KeptQueries:
    """Compiled queries by key, at most ``limit``, the least recently used
    going first past it: a crawler walking many filter shapes costs their
    compiles, never a clearing of every page's query (review, session 13)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[Hashable, _Compiled] = OrderedDict()
        self._lock = threading.Lock()  # threads of one process (runserver)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, make: Callable[[], _Compiled]) -> _Compiled:
        """The query kept under ``key``, or ``make()``'s, kept from now on."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        made = make()  # outside the lock: compiling may query (vocabulary)
        with self._lock:
            self._entries[key] = made
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)
        return made


_serial = itertools.count()


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
    #: languages (~20 KB each, measured); past this many, the least recently
    #: used go first.
    KEPT = 64

    def __init__(
        self, model: type[Model], build: Callable[[Callable[[str, Field], Slot]], QuerySet]
    ) -> None:
        self.model = model
        self.build = build
        self.compiled = KeptQueries(self.KEPT)
        # Each query's kept rows under a name of its own: another query of
        # the model (other columns) must never read them.
        self.kept_name = f"row:{model._meta.label_lower}:{next(_serial)}"

    def _compiled(self) -> _Compiled:
        db = router.db_for_read(self.model)
        key = (db, shown_languages())
        return self.compiled.get(key, lambda: _Compiled(self.build(Slot), db, one=self.one))

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
            self._not_found()

    def kept_or_404(
        self, request: HttpRequest, *, clock: dict[str, Any] | None = None, **values: Any
    ) -> Model:
        """:meth:`get_or_404` for a page, its row kept as the page's fragments
        are (``web.templatetags.fragments.kept_value``: per site and its
        generations, language and time zone, until the site changes) and
        keyed by ``values``. ``clock`` values (the moment, today) are passed
        to the query but not keyed: what they change in the row changes at
        the site's next scheduled change (``web.page_cache.register_schedule``),
        which ends what is kept. An object not found is not kept."""
        compiled = self._compiled()
        key = [compiled.db, *sorted(shown_languages() or ()), *values.items()]
        row = kept_value(
            request,
            self.kept_name,
            key,
            lambda: self._row(compiled, {**values, **(clock or {})}),
            store=kept_rows,
        )
        if row is None:
            self._not_found()
        return compiled.instance(row)

    def _row(self, compiled: _Compiled, values: dict[str, Any]) -> tuple | None:
        rows = compiled.rows(values)
        if len(rows) > 1:
            name = compiled.model._meta.object_name
            raise compiled.model.MultipleObjectsReturned(f"get() returned more than one {name}.")
        return tuple(rows[0]) if rows else None

    def _not_found(self) -> NoReturn:
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


#: ``given(name, field)``: a list filter's value, None when not asked for
#: (a :class:`Slot` while a :class:`PreparedRows` query is compiled).
Given = Callable[[str, Field], Any]


def given_values(**values: Any) -> Given:
    """``given`` for a QuerySet built from plain values, as a list's
    :class:`PreparedRows` build is (one definition for both)."""
    return lambda name, field: values.get(name)


class PreparedRows:
    """The rows of a list page's queries (its pager's page of keys, its
    bounded count), built and compiled once per process for each shape, run
    with the request's values: building them through modeltranslation and
    compiling them was ~1.5 of the news list's ~8 ms of CPU (bench/http.py
    --profile: filter/add_q/_clone, as_sql), the same SQL every time but for
    the clock, the filters' values and the cursor.

    ``build(given, **fixed)`` returns the list's QuerySet (a
    ``values_list(..., named=True)``): ``given(name, field)`` is the value
    ``name`` (a :class:`Slot` while compiling), or None where the request has
    none (the filter is then left out: another shape, compiled apart).
    ``fixed`` values change the SQL itself (a fallback chain, a sector's
    array of one): they are part of the compiled query's key. The
    rules of :class:`PreparedGet` hold: no reading of the request, the clock
    or the database in ``build``; the routers are asked at each call; the
    SQL names no schema.
    """

    #: Compiled queries kept at most. A list has more than a page: shapes
    #: (filters present) times variants (first, older, newer, count, slice)
    #: per database — ~16 for the news list, shared by every site (values
    #: depend on no language columns; the directory's fallback chain is a
    #: fixed value) — so 64 would hold few filter shapes; past this, the
    #: least recently used go first.
    KEPT = 256

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]) -> None:
        self.model = model
        self.build = build
        self.compiled = KeptQueries(self.KEPT)

    def bind(self, *, fixed: dict[str, Hashable] | None = None, **values: Any) -> BoundRows:
        """The list for ``values`` (None: not asked for) and ``fixed``."""
        return BoundRows(self, values, fixed or {})


class BoundRows:
    """One request's list of :class:`PreparedRows`: its rows for a variant of
    the query (:meth:`rows`), as a Sequence for ``web.pagination.numbered``
    (``len()`` counts, a slice reads a page), and the same QuerySet with the
    values in place (:meth:`queryset`) for what is not prepared."""

    def __init__(self, prepared: PreparedRows, values: dict, fixed: dict) -> None:
        self.prepared, self.values, self.fixed = prepared, values, fixed
        self.present = frozenset(name for name, value in values.items() if value is not None)

    def queryset(self) -> QuerySet:
        return self.prepared.build(self._given, **self.fixed)

    def _given(self, name: str, field: Field) -> Any:
        return self.values.get(name)

    def _compiled(
        self, variant: Hashable, shaped: Callable, suffix: tuple[str, tuple] = ("", ())
    ) -> _Compiled:
        prepared = self.prepared
        db = router.db_for_read(prepared.model)
        # Not the site's languages: a values_list selects the same columns
        # whichever language columns in_site_languages defers, so sites with
        # other languages share the query (a key per language set multiplied
        # every shape by them: review, session 13). make() checks it.
        key = (db, tuple(sorted(self.fixed.items())), self.present, variant)
        present = self.present

        def given(name: str, field: Field) -> Slot | None:
            return Slot(name, field) if name in present else None

        def make() -> _Compiled:
            queryset = shaped(prepared.build(given, **self.fixed), Slot)
            if issubclass(queryset._iterable_class, ModelIterable):
                raise ValueError("prepared rows are values: objects depend on the languages")
            return _Compiled(queryset, db, one=False, suffix=suffix)

        return prepared.compiled.get(key, make)

    def rows(
        self,
        variant: Hashable,
        shaped: Callable[[QuerySet, Callable[[str, Field], Any]], QuerySet] = lambda qs, slot: qs,
        **more: Any,
    ) -> list:
        """The rows of ``shaped(queryset, slot)`` (an ordering, a cursor's
        condition with ``slot(name, field)`` for each of ``more``, a slice),
        compiled once for each ``variant`` that names how it shapes it."""
        compiled = self._compiled(variant, shaped)
        return _named(compiled, compiled.rows({**self.values, **more}))

    def first(self) -> Any:
        """The first row in the QuerySet's order, or None (``.first()``,
        compiled once: a next scheduled moment)."""
        rows = self.rows("first", lambda queryset, slot: queryset[:1])
        return rows[0] if rows else None

    def count(self, *, limit: int | None = None) -> int:
        """How many rows, as ``queryset.order_by()[:limit].count()``."""

        def unordered(queryset: QuerySet, slot: Callable) -> QuerySet:
            return queryset.order_by()[:limit] if limit else queryset.order_by()

        # As Django counts a sliced query: the rows in a subquery.
        compiled = self._compiled(
            ("count", limit), unordered, ("SELECT COUNT(*) FROM ({}) subquery", ())
        )
        rows = compiled.rows(self.values)
        return rows[0][0] if rows else 0  # no query: a value beyond its column's range

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list:
        """A slice of the rows, in the QuerySet's order (LIMIT and OFFSET
        are parameters: one SQL for every page)."""
        if not isinstance(page, slice) or page.step is not None or page.stop is None:
            raise TypeError("a slice of rows with an end, as a page")
        start = page.start or 0
        compiled = self._compiled("slice", _unshaped, _PAGE_SUFFIX)
        limit = page.stop - start
        if limit <= 0:
            return []
        return _named(compiled, compiled.rows({**self.values, "limit": limit, "offset": start}))


def _unshaped(queryset: QuerySet, slot: Callable) -> QuerySet:
    return queryset


#: A page of a list's rows: LIMIT and OFFSET as parameters (made once, not per request).
_PAGE_SUFFIX = (
    "{} LIMIT %s OFFSET %s",
    (Slot("limit", IntegerField()), Slot("offset", IntegerField())),
)


def _named(compiled: _Compiled, rows: list[list]) -> list:
    if compiled.names is None:
        return [tuple(row) for row in rows]
    tuple_class = create_namedtuple_class(*compiled.names)
    new = tuple.__new__
    if compiled.order is not None:
        order = compiled.order
        return [new(tuple_class, [row[i] for i in order]) for row in rows]
    return [new(tuple_class, row) for row in rows]


class PreparedObjects:
    """A list's items that are not kept rendered, loaded whole by primary key
    as ``queryset.in_bulk(pks)`` loads them, through the list's own filters
    (an item that left the list meanwhile is left out): one
    :class:`PreparedList` per shape, its SQL compiled once per set of site
    languages ("id = ANY(%s)": one SQL for any number of ids). Built through
    modeltranslation and compiled per request, the load was ~20% of a list's
    render with its items not kept (a worker's first, each item after an
    edit: /vi/events/ with its fragments cleared, cProfile).

    ``build(given, **fixed)`` is the list's QuerySet of objects, as for
    :class:`PreparedRows` (``given(name, field)``: a :class:`Slot`, or None
    where the request has no such value). Shapes are the filters present
    and the ``fixed`` values: few for a list (its filters' columns), each
    kept for the life of the process.
    """

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]) -> None:
        self.model = model
        self.build = build
        self._shapes: dict[Hashable, PreparedList] = {}
        self._lock = threading.Lock()

    def in_bulk(
        self, pks: list, *, fixed: dict[str, Hashable] | None = None, **values: Any
    ) -> dict[Any, Model]:
        """``{pk: object}`` of those of ``pks`` in the list for ``values``."""
        fixed = fixed or {}
        given = {name: value for name, value in values.items() if value is not None}
        key = (tuple(sorted(fixed.items())), frozenset(given))
        prepared = self._shapes.get(key)
        if prepared is None:
            prepared = self._prepared(frozenset(given), fixed)
            with self._lock:
                prepared = self._shapes.setdefault(key, prepared)
        return {item.pk: item for item in prepared.list(pks=list(pks), **given)}

    def _prepared(self, present: frozenset, fixed: dict) -> PreparedList:
        def build(slot: Callable[[str, Field], Slot]) -> QuerySet:
            def given(name: str, field: Field) -> Slot | None:
                return slot(name, field) if name in present else None

            ids = AnyOf("pk", slot("pks", ArrayField(BigIntegerField())))
            return self.build(given, **fixed).filter(ids).order_by()

        return PreparedList(self.model, build)
