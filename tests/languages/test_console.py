"""Counts in what commands print for operators read as English does."""

import io

import pytest
from django.core.management import call_command

from languages.console import counted


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (1001, "1001 entries")],
)
def test_counted_picks_the_form_for_the_count(count: int, expected: str) -> None:
    assert counted(count, "entry", "entries") == expected


def test_rebuild_hub_index_says_one_entry_not_one_entries(monkeypatch) -> None:
    from hub.management.commands import rebuild_hub_index

    monkeypatch.setattr(rebuild_hub_index, "rebuild_all", lambda: {"cn-vn": 1, "cn-id": 3})
    out = io.StringIO()
    call_command("rebuild_hub_index", stdout=out)
    assert out.getvalue().splitlines() == ["cn-vn: 1 entry", "cn-id: 3 entries"]
