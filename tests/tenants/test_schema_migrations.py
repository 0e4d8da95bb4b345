"""migrate_schemas: every site in its own transaction, in parallel, the template with them."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from tests.conftest import environment_for

ROOT = Path(__file__).resolve().parents[2]
# One scratch database per pytest-xdist worker (`make test` runs the slow
# tests in two): two workers must never create and drop the same one.
SCRATCH = "migrate_probe" + os.environ.get("PYTEST_XDIST_WORKER", "")
SCHEMAS = ["site_template", "site_cn_kh", "site_cn_th", "site_cn_vn"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def probe_state(url: str) -> dict[str, tuple[bool, bool, tuple[str, ...]]]:
    """Per schema: has the first probe table, has the second, probe migrations recorded."""
    state = {}
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        for schema in SCHEMAS:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL, to_regclass(%s) IS NOT NULL", [
                f"{schema}.migration_probe_probe", f"{schema}.migration_probe_secondprobe",
            ])  # fmt: skip
            first, second = cursor.fetchone()
            cursor.execute(
                f'SELECT name FROM "{schema}".django_migrations WHERE app = %s ORDER BY name',
                ["migration_probe"],
            )
            state[schema] = (first, second, tuple(row[0] for row in cursor.fetchall()))
    connection.close()
    return state


@pytest.fixture
def scratch(django_db_setup):
    from django.db import connection

    from tests import prebuilt_database

    env = environment_for("postgres")
    # A copy of the migrated test database where there is one: migrating
    # every app afresh was most of this module's ~4 minutes under load.
    template = prebuilt_database.migrated_copy_source(connection)
    made = run(
        ["-m", "tests.tenants.sites_scenario", SCRATCH, "cn-vn", "cn-th", "cn-kh"],
        {**env, "SCRATCH_TEMPLATE": template} if template else env,
    )
    assert made.returncode == 0, made.stderr
    url = made.stdout.strip().splitlines()[-1]
    yield (
        {**environment_for(SCRATCH), "DJANGO_SETTINGS_MODULE": "tests.tenants.probe_settings"},
        url,
    )
    from portal import database

    database.drop_database(url.replace(f"/{SCRATCH}", "/postgres"), SCRATCH)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_failing_migration_leaves_its_site_as_it_was_and_migrates_the_others(scratch):
    env, url = scratch
    failed = run(
        ["manage.py", "migrate_schemas", "--noinput"],
        {**env, "PROBE_FAIL_SCHEMA": "site_cn_th", "MIGRATION_PROCESSES": "2"},
    )

    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines()[-1] == (
        "CommandError: 1 of 4 site schema(s) not migrated, each left as it was: site_cn_th: "
        "RuntimeError: probe migration failed on purpose; the other 3 are migrated"
    )
    assert "site_cn_th: not migrated, left as it was" in failed.stderr
    both = (True, True, ("0001_initial", "0002_fails_on_one_site"))
    assert probe_state(url) == {
        "site_template": both,  # migrated with the sites, always
        "site_cn_kh": both,
        "site_cn_th": (False, False, ()),  # not even the first, which alone would succeed
        "site_cn_vn": both,
    }

    fixed = run(["manage.py", "migrate_schemas", "--noinput"], env)
    assert fixed.returncode == 0, fixed.stderr
    assert sorted(line.split()[1] for line in fixed.stdout.splitlines() if "migrated" in line) == [
        "public:", "site_cn_kh:", "site_cn_th:", "site_cn_vn:", "site_template:",
    ]  # fmt: skip
    assert set(probe_state(url).values()) == {both}
