"""The clash cases and programme links of one site's events, in its backup.

They live in the public schema, keyed by event uids, and are shared with
the other site of each clash. A backup carries those that involve an event
shown on the site (its own or a co-hosted copy); a restore puts back what is
missing and merges the rest, so it neither duplicates a case nor undoes what
a partner site or a coordinator did since the backup:

- a case that exists keeps the newer of its status and the backup's (by
  ``updated_at``), and gains the backup's notes it lacks;
- a programme link that exists (one per part) is left as it is;
- a site restored beside its original (``--as``) shares its events' uids
  with the original, whose cases these are: nothing is written for it.

Rows are restored before the calendar index is derived again, so the index
finds its programme links and the clashes it stores find their cases.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from coordination.index import refresh_clashes, set_case_status
from coordination.models import CalendarEntry, ClashCase, ClashNote, ProgrammeLink
from tenants.models import Site
from tenants.services.site_archive import ArchiveError

CASE, LINK = "case", "link"


def _site_uids(site: Site) -> list[uuid.UUID]:
    return list(
        CalendarEntry.objects.filter(site=site).values_list("event_uid", flat=True).distinct()
    )


def _involving(uids: Iterable[uuid.UUID], first: str, second: str) -> Q:
    uids = list(uids)
    return Q(**{f"{first}__in": uids}) | Q(**{f"{second}__in": uids})


def export_site_cases(site: Site) -> list[dict]:
    """The site's clash cases with their notes, and its programme links."""
    uids = _site_uids(site)
    if not uids:
        return []
    rows: list[dict] = []
    cases = (
        ClashCase.objects.filter(_involving(uids, "low_uid", "high_uid"))
        .prefetch_related("notes")
        .order_by("low_uid", "high_uid")
    )
    for case in cases:
        rows.append(
            {
                "kind": CASE,
                "site": site.code,
                "low_uid": str(case.low_uid),
                "high_uid": str(case.high_uid),
                "status": case.status,
                "created_at": case.created_at,
                "updated_at": case.updated_at,
                "notes": [
                    {
                        "action": note.action,
                        "note": note.note,
                        "author_name": note.author_name,
                        "author_email": note.author_email,
                        "author_site": note.author_site,
                        "created_at": note.created_at,
                    }
                    for note in case.notes.all()
                ],
            }
        )
    for link in ProgrammeLink.objects.filter(_involving(uids, "part_uid", "whole_uid")).order_by(
        "part_uid"
    ):
        rows.append(
            {
                "kind": LINK,
                "site": site.code,
                "part_uid": str(link.part_uid),
                "whole_uid": str(link.whole_uid),
                "note": link.note,
                "author_name": link.author_name,
                "created_at": link.created_at,
            }
        )
    return rows


def restore_site_cases(site: Site, rows: list) -> int:
    """Put the backup's cases, notes and links back for ``site``; returns the
    rows written (cases, notes and links created or changed)."""
    if not isinstance(rows, list):
        raise ArchiveError("public.json: the clash cases are not a list")
    cases = [_case(row, number) for number, row in enumerate(rows) if _kind(row, number) == CASE]
    links = [_link(row, number) for number, row in enumerate(rows) if _kind(row, number) == LINK]
    origins = {row["site"] for row in rows}
    if origins and origins != {site.code}:
        return 0  # a copy beside its original: the original's cases
    written = 0
    for link in links:
        created = ProgrammeLink.objects.get_or_create(
            part_uid=link.part_uid,
            defaults={
                "whole_uid": link.whole_uid,
                "note": link.note,
                "author_name": link.author_name,
                "created_at": link.created_at,
            },
        )[1]
        if created:
            written += 1
            # A part shown on other sites stops clashing with its whole there
            # too; this site's own entries are written again after this.
            for entry in CalendarEntry.objects.filter(event_uid=link.part_uid).exclude(site=site):
                entry.programme_uid = link.whole_uid
                entry.save(update_fields=["programme_uid"])
                refresh_clashes(entry)
    for case, notes in cases:
        written += _merge_case(case, notes)
    return written


def _merge_case(case: ClashCase, notes: list[ClashNote]) -> int:
    existing = ClashCase.objects.filter(low_uid=case.low_uid, high_uid=case.high_uid).first()
    written = 0
    if existing is None:
        case.save()
        existing, written = case, 1
    elif case.updated_at > existing.updated_at:
        set_case_status(existing.pk, case.status, case.updated_at)
        written = 1
    known = {
        _note_identity(note)
        for note in ClashNote.objects.filter(case=existing).only(
            "action", "note", "author_email", "author_site", "created_at"
        )
    }
    new = [note for note in notes if _note_identity(note) not in known]
    for note in new:
        note.case = existing
    ClashNote.objects.bulk_create(new)
    return written + len(new)


def _note_identity(note: ClashNote) -> tuple:
    return (note.action, note.note, note.author_email, note.author_site, note.created_at)


# Reading the backup's rows: the archive's checksums show it is whole, not
# that it was made by this portal, so every value is checked.


def _refused(number: int, what: str) -> ArchiveError:
    return ArchiveError(f"public.json: clash row {number + 1} has {what}")


def _kind(row, number: int) -> str:
    if not isinstance(row, dict) or row.get("kind") not in (CASE, LINK):
        raise _refused(number, "no known kind")
    if not isinstance(row.get("site"), str):
        raise _refused(number, "no site code")
    return row["kind"]


def _uid(row: dict, name: str, number: int) -> uuid.UUID:
    try:
        return uuid.UUID(str(row.get(name)))
    except ValueError:
        raise _refused(number, f"a bad {name}") from None


def _moment(row: dict, name: str, number: int) -> datetime.datetime:
    value = row.get(name)
    moment = parse_datetime(value) if isinstance(value, str) and "\x00" not in value else None
    if moment is None or moment.tzinfo is None:
        raise _refused(number, f"a bad {name}")
    return moment


def _text(row: dict, name: str, number: int, limit: int | None = None) -> str:
    value = row.get(name, "")
    if not isinstance(value, str) or "\x00" in value or (limit and len(value) > limit):
        raise _refused(number, f"a bad {name}")
    return value


def _case(row: dict, number: int) -> tuple[ClashCase, list[ClashNote]]:
    low, high = _uid(row, "low_uid", number), _uid(row, "high_uid", number)
    if not low < high:
        raise _refused(number, "its events out of order")
    if row.get("status") not in ClashCase.Status.values:
        raise _refused(number, "an unknown status")
    notes = row.get("notes", [])
    if not isinstance(notes, list):
        raise _refused(number, "bad notes")
    case = ClashCase(
        low_uid=low,
        high_uid=high,
        status=row["status"],
        created_at=_moment(row, "created_at", number),
        updated_at=_moment(row, "updated_at", number),
    )
    return case, [_note(note, number) for note in notes]


def _note(row, number: int) -> ClashNote:
    if not isinstance(row, dict) or row.get("action") not in ClashNote.Action.values:
        raise _refused(number, "a note with an unknown action")
    return ClashNote(
        action=row["action"],
        note=_text(row, "note", number),
        author_name=_text(row, "author_name", number, 200),
        author_email=_text(row, "author_email", number, 254),
        author_site=_text(row, "author_site", number, 20),
        created_at=_moment(row, "created_at", number),
    )


def _link(row: dict, number: int) -> ProgrammeLink:
    part, whole = _uid(row, "part_uid", number), _uid(row, "whole_uid", number)
    if part == whole:
        raise _refused(number, "an event part of itself")
    return ProgrammeLink(
        part_uid=part,
        whole_uid=whole,
        note=_text(row, "note", number),
        author_name=_text(row, "author_name", number, 200),
        created_at=_moment(row, "created_at", number),
    )
