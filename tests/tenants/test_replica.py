"""Reads from a real streaming replica (pg_basebackup of a real primary)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests import replication

ROOT = Path(__file__).resolve().parents[2]


def _migrated_dump(folder: Path) -> dict[str, str]:
    """The test run's migrated database (tests/prebuilt_database.py), dumped
    for the primary to start from: restoring it took seconds where migrating
    every app took most of this module's ~3 minutes under load. Nothing
    (another process is building it): the primary is migrated afresh."""
    from django.db import connection

    from tests import prebuilt_database
    from tests.conftest import environment_for

    source = prebuilt_database.migrated_copy_source(connection)
    if source is None:
        return {}
    dump = folder / "migrated.dump"
    subprocess.run(
        [str(replication.POSTGRES_BIN_PATH / "pg_dump"), "--format=custom",
         f"--file={dump}", environment_for(source)["DATABASE_URL"]],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {"SCRATCH_DUMP": str(dump)}


@pytest.fixture(scope="module")
def servers(django_db_setup):
    """A primary holding site cn-vn (launched), and a hot standby streaming from it."""
    (ROOT / "var").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="replica-", dir=ROOT / "var"))
    folder.chmod(0o755)
    primary = replication.start_primary(folder / "primary")
    try:
        base = primary.get_uri(database="postgres")
        made = subprocess.run(
            [sys.executable, "-m", "tests.tenants.sites_scenario", "portal", "cn-vn"],
            cwd=ROOT, env=_env(base, **_migrated_dump(folder)), capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        standby = replication.start_standby(primary, folder / "standby")
        yield made.stdout.strip().splitlines()[-1], f"postgresql://postgres@/portal?host={standby}"
    finally:
        replication.stop(folder / "standby")
        replication.stop(folder / "primary")
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _env(database_url: str, **more: str) -> dict[str, str]:
    import os

    env = {**os.environ, "DATABASE_URL": database_url, **more}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@pytest.mark.slow
def test_visitors_read_from_the_replica_and_a_writer_reads_its_own_write(servers):
    primary_url, replica_url = servers
    result = subprocess.run(
        [sys.executable, "-m", "tests.tenants.replica_scenario"],
        cwd=ROOT,
        env=_env(primary_url, DATABASE_REPLICA_URL=replica_url, REPLICA_PIN_SECONDS="60",
                 PAGE_CACHE_SECONDS="0",
                 EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])

    # A visitor's page is read from the replica alone.
    visitor = report["visitor"]
    assert visitor["status"] == 200 and visitor["places"] == 10
    assert visitor["queries"]["replica"] > 0
    assert visitor["queries"]["default"] == 0
    # Registering writes to the primary and pins that browser to it...
    assert report["register"]["status"] == 302 and report["register"]["pinned"]
    assert report["register"]["queries"]["replica"] == 0
    # ...so its next page shows the place it took, although the replica is paused,
    after = report["registrant_after"]
    assert after["places"] == 9 and after["queries"]["replica"] == 0
    # while another visitor still reads the replica's (paused, consistent) past,
    paused = report["visitor_while_paused"]
    assert paused["places"] == 10 and paused["queries"]["default"] == 0
    # and sees the registration once the replica has replayed it.
    assert report["caught_up"]
    assert report["visitor_after_catch_up"]["places"] == 9
