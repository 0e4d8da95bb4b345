"""What feeds the coordination calendar, as the content apps declare it.

The index is written as events change (``coordination.index.write_entry``);
rebuilding it, and naming the kinds of entries on the hub, needs the apps
that own the events. They register a :class:`CalendarSource` from
``AppConfig.ready()``, so this app never imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tenants.models import Site


@dataclass(frozen=True)
class EntryData:
    """One event as the index keeps it."""

    event_id: int
    event_uid: UUID
    slug: str
    titles: dict[str, str]  # language → title
    kind: str  # one of the source's kinds
    status: str  # scheduled, postponed or cancelled
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    all_day: bool
    venues: dict[str, str]  # language → venue
    organisers: list[str]
    speakers: list[str]
    is_major: bool  # two major events of one site on the same days clash
    url_path: str  # the event's page on its site
    sequence: int
    updated_at: datetime
    is_copy: bool = False  # a co-hosted event's copy on a partner site
    origin_code: str = ""  # a copy's origin site (its code)


@dataclass(frozen=True)
class CalendarSource:
    #: ``(value, label)`` of the kinds of its entries, for filters and feeds.
    kinds: Iterable[tuple[str, str]]
    #: Every entry of one site, called inside that site's schema.
    entries: Callable[[Site], Iterable[EntryData]]
    #: The permission of a site's people who look after its entries (editors):
    #: they hear of clashes and comment on them.
    editor_perm: str = ""


_SOURCES: list[CalendarSource] = []


def register(source: CalendarSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def sources() -> list[CalendarSource]:
    return list(_SOURCES)


def editor_perms() -> list[str]:
    return [source.editor_perm for source in _SOURCES if source.editor_perm]


def kind_choices() -> list[tuple[str, str]]:
    return [choice for source in _SOURCES for choice in source.kinds]


def kind_label(kind: str) -> str:
    return str(dict(kind_choices()).get(kind, kind))
