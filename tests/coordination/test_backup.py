"""A site's backup carries the clash cases and programme links of its events
(public schema, shared with the other site of each clash); a restore puts
back what is missing without duplicating a case or undoing what partners
and coordinators did since. The whole backup → drop → restore round trip is
tests/tenants/test_site_backup.py (slow), with a site filled by site_data."""

import datetime
import json

import pytest
from django.utils import timezone

from coordination import backup, clashes
from coordination.models import CalendarEntry, ClashCase, ClashNote, ProgrammeLink
from tenants.services.site_archive import ArchiveError, _Encoder
from tenants.services.site_parts import public_rows


def as_stored(rows: list[dict]) -> list[dict]:
    """What the archive holds: the rows through JSON and back."""
    return json.loads(json.dumps(rows, cls=_Encoder))


def picture(case: ClashCase) -> tuple:
    case.refresh_from_db()
    notes = list(case.notes.values_list("action", "note", "author_email", "created_at"))
    return case.status, case.updated_at, notes


@pytest.mark.django_db
def test_the_backup_of_a_site_holds_its_cases_notes_and_programme_links(site_id, expo_case):
    clashes.act(expo_case, "acknowledge", note="Hai bên đã nói chuyện — 双方已沟通",
                author_name="Coord", author_email="coord@hub.example")  # fmt: skip
    assert "coordination.clash_cases" in public_rows()
    # Restored before the index is derived again, which then finds them.
    names = list(public_rows())
    assert names.index("coordination.clash_cases") < names.index("coordination.calendar_entries")

    rows = as_stored(backup.export_site_cases(site_id))

    case = next(row for row in rows if row.get("low_uid") == str(expo_case.low_uid))
    assert case["status"] == "acknowledged" and case["site"] == "cn-id"
    assert case["notes"][0]["note"] == "Hai bên đã nói chuyện — 双方已沟通"


@pytest.mark.django_db
def test_a_restore_brings_back_lost_cases_and_links_exactly(site_id, expo_case):
    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning").event_uid
    clashes.make_part(expo_case, pavilion, note="Paviliun nasional", author_name="Coord")
    before = picture(expo_case)
    rows = as_stored(backup.export_site_cases(site_id))
    link = ProgrammeLink.objects.values("part_uid", "whole_uid", "note", "created_at").get(
        part_uid=pavilion
    )
    # Lost (a database from before they were made, an operator's clean-up).
    ClashCase.objects.filter(pk=expo_case.pk).delete()
    ProgrammeLink.objects.all().delete()

    written = backup.restore_site_cases(site_id, rows)

    restored = ClashCase.objects.get(low_uid=expo_case.low_uid, high_uid=expo_case.high_uid)
    assert picture(restored) == before
    assert (
        ProgrammeLink.objects.values("part_uid", "whole_uid", "note", "created_at").get(
            part_uid=pavilion
        )
        == link
    )
    assert written >= 3  # the case, its note, the link
    # Restored again: nothing doubles.
    assert backup.restore_site_cases(site_id, rows) == 0
    assert ClashCase.objects.filter(low_uid=expo_case.low_uid).count() == 1
    assert ClashNote.objects.filter(case=restored).count() == len(before[2])


@pytest.mark.django_db
def test_a_restore_keeps_what_the_partner_and_coordinators_did_since(
    site_vn, site_id, expo_case, in_site
):
    clashes.act(expo_case, "acknowledge", note="Called.", author_name="Coord")
    rows = as_stored(backup.export_site_cases(site_id))
    # Since the backup: the other site's editor comments, a coordinator resolves.
    later = timezone.now() + datetime.timedelta(minutes=5)
    clashes.act(expo_case, "comment", note="Đã đổi hội trường.", author_name="Biên tập",
                author_site="cn-vn")  # fmt: skip
    clashes.act(expo_case, "resolve", note="Moved to hall B.", author_name="Coord")
    ClashCase.objects.filter(pk=expo_case.pk).update(updated_at=later)
    other = ClashCase.objects.exclude(pk=expo_case.pk).values().first()
    before = picture(expo_case)

    backup.restore_site_cases(site_id, rows)

    assert picture(expo_case) == before  # newer: kept, nothing added twice
    assert ClashCase.objects.exclude(pk=expo_case.pk).values().first() == other

    # A note the backup has and the database lost comes back; the status stays.
    ClashNote.objects.filter(case=expo_case, action="acknowledged").delete()
    backup.restore_site_cases(site_id, rows)
    status, _when, notes = picture(expo_case)
    assert status == "resolved"
    assert [n[0] for n in notes] == ["acknowledged", "commented", "resolved"]


@pytest.mark.django_db
def test_a_copy_restored_beside_its_original_writes_no_case(site_id, expo_case):
    rows = as_stored(backup.export_site_cases(site_id))
    ClashCase.objects.filter(pk=expo_case.pk).delete()
    copy = type(site_id)(code="cn-ix", schema_name="site_cn_ix")  # not saved: only its code counts

    assert backup.restore_site_cases(copy, rows) == 0
    assert not ClashCase.objects.filter(low_uid=expo_case.low_uid).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda rows: "not a list",
        lambda rows: [*rows, ["a", "list"]],
        lambda rows: [*rows, {"kind": "case", "site": "cn-id", "low_uid": "x"}],
        lambda rows: [{**rows[0], "status": "deleted"}],
        lambda rows: [{**rows[0], "low_uid": rows[0]["high_uid"]}],
        lambda rows: [{**rows[0], "updated_at": "yesterday"}],
        lambda rows: [{**rows[0], "updated_at": "2030-01-01T00:00:00"}],  # no zone
        lambda rows: [{**rows[0], "notes": [{"action": "deleted"}]}],
        lambda rows: [{**rows[0], "notes": [{**rows[0]["notes"][0], "note": "a\x00b"}]}],
        lambda rows: [{**rows[0], "notes": [{**rows[0]["notes"][0], "author_name": "x" * 300}]}],
        lambda rows: [
            {
                "kind": "link",
                "site": "cn-id",
                "part_uid": rows[0]["low_uid"],
                "whole_uid": rows[0]["low_uid"],
                "created_at": rows[0]["created_at"],
            }
        ],
    ],
)
def test_a_crafted_backup_is_one_readable_refusal(site_id, expo_case, change):
    clashes.act(expo_case, "comment", note="x", author_name="Coord")
    rows = as_stored(backup.export_site_cases(site_id))
    rows.sort(key=lambda row: row["low_uid"] != str(expo_case.low_uid))

    with pytest.raises(ArchiveError, match=r"^public\.json: "):
        backup.restore_site_cases(site_id, change(rows))
