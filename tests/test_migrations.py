"""Moving tables between apps keeps every row and every permission grant.

A scratch database is migrated to the state before search and coordination
got their own apps, filled the way the old code filled it, then migrated
forward with ``migrate_schemas`` as an operator would (tests/migration_scenario.py).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import environment_for

ROOT = Path(__file__).resolve().parents[1]


# The tests are marked django_db only so that the test database, whose server
# the scenario uses, is set up; they read nothing from it.
@pytest.fixture(scope="module")
def migrated(django_db_setup) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.migration_scenario"],
        cwd=ROOT,
        env=environment_for("postgres"),  # the scenario makes its own database there
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.django_db
def test_the_coordination_index_keeps_its_rows_and_the_coordinators_grant(migrated):
    before, after = migrated["before"]["public"], migrated["after"]["public"]

    assert after["entries"] == before["entries"] == [[1, "fair-1"], [2, "fair-2"]]
    assert after["clashes"] == before["clashes"] == [[1, "hall 1"]]
    assert after["clashes_found_again"] == ["hall 1"]  # the clash SQL reads the new tables
    # The same content type row and permission, now coordination's: the grant held.
    assert after["entry_content_type"] == before["entry_content_type"]
    assert after["coordinate_permission"] == before["coordinate_permission"]
    assert after["coordinator_may_coordinate"] is True
    assert after["new_entry_after_old_ids"] is True  # the id sequence went along
    assert after["old_tables_left"] == []


@pytest.mark.slow
@pytest.mark.django_db
def test_a_sites_search_documents_keep_their_rows_and_grants(migrated):
    before, after = migrated["before"]["site"], migrated["after"]["site"]

    assert after["documents"] == before["documents"] == [[1, "Title 1"], [2, "Title 2"]]
    assert after["matches"] == 2  # the stored vectors are searched as before
    assert after["document_content_type"] == before["document_content_type"]
    assert after["view_permission"] == before["view_permission"]
    assert after["auditors_hold_it"] is True
    assert after["old_table_left"] is False


@pytest.mark.slow
@pytest.mark.django_db
def test_a_speakers_organisation_is_kept_in_the_sites_first_language(migrated):
    """Organisations became translated (events 0011): the one name each had
    is the site's first language's (zh-hans on cn-xx), not lost."""
    assert migrated["after"]["site"]["speakers"] == [["Lan", "越南工贸部", None]]


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    """A model changed without its migration would leave production's tables
    behind the code (an index or a field missing after `migrate_schemas`)."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
