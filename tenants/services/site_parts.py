"""What the apps above the sites layer add to a site's backup, restore and clone.

Sites know nothing of the apps built on them, so each app says here, from
``AppConfig.ready()``:

- which of its public-schema tables hold rows that belong to one site
  (coordination's calendar index): they go into a site's backup and are put
  back on restore (:func:`register_public_rows`);
- what must happen after a site's schema was restored (:func:`register_after_restore`),
  e.g. a copy restored under a new code must not push co-hosted events into
  the sites of the original;
- which of its per-site tables are the site's *structure* (categories, tags)
  that ``clone_site`` copies, and which are *content* (people, listings,
  articles) that it leaves behind (:func:`register_tables`). A test checks that
  every table of a site schema is one or the other, so a new model cannot
  slip into clones, or out of them, unnoticed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tenants.models import Site


@dataclass(frozen=True)
class PublicRows:
    """Rows of a public-schema table that belong to one site."""

    name: str
    #: The site's rows, as JSON-serialisable dicts (read in the backup's snapshot).
    export: Callable[[Site], list[dict]]
    #: Put them back for ``site`` (restored, possibly under a new code and id),
    #: after its schema is in place; returns how many rows it wrote.
    restore: Callable[[Site, list[dict]], int]


#: ``after_restore(site, as_new=...)``: runs inside the restore's transaction,
#: in the public schema; returns a short note for the operator ("" if none).
AfterRestore = Callable[..., str]

_PUBLIC_ROWS: dict[str, PublicRows] = {}
_AFTER_RESTORE: list[AfterRestore] = []
_STRUCTURE: list[str] = []
_CONTENT: set[str] = set()
_TEMPLATE: set[str] = set()
#: label → ``copy(source_schema, target_schema) -> rows copied``, for structure
#: whose rows cannot be copied as they are (ids that differ between schemas).
_COPIERS: dict[str, Callable[[str, str], int]] = {}


def register_public_rows(rows: PublicRows) -> None:
    _PUBLIC_ROWS[rows.name] = rows


def public_rows() -> dict[str, PublicRows]:
    return dict(_PUBLIC_ROWS)


def register_after_restore(hook: AfterRestore) -> None:
    if hook not in _AFTER_RESTORE:
        _AFTER_RESTORE.append(hook)


def after_restore_hooks() -> list[AfterRestore]:
    return list(_AFTER_RESTORE)


def register_tables(
    *,
    structure: tuple[str, ...] = (),
    content: tuple[str, ...] = (),
    template: tuple[str, ...] = (),
) -> None:
    """Classify per-site models by label (``"cooperation.Category"``).

    Structure is copied by ``clone_site`` in the order given (so a model comes
    after the ones it points to); content is not; ``template`` rows come with
    every new schema from the migrations (content types, permissions).
    Many-to-many tables Django creates follow the model that declares them.
    """
    _STRUCTURE.extend(label for label in structure if label not in _STRUCTURE)
    _CONTENT.update(content)
    _TEMPLATE.update(template)


def register_structure_copier(label: str, copy: Callable[[str, str], int]) -> None:
    """Copy ``label``'s rows with ``copy`` instead of as they are."""
    _COPIERS[label] = copy


def structure_copier(label: str) -> Callable[[str, str], int] | None:
    return _COPIERS.get(label)


def template_models() -> set[str]:
    return set(_TEMPLATE)


def structure_models() -> list[str]:
    return list(_STRUCTURE)


def content_models() -> set[str]:
    return set(_CONTENT)
