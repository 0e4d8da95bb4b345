"""Gunicorn on the embedded database: its master owns the server's lifetime."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.servers import free_port, gunicorn, production_environment


def postgres_processes(data_dir: Path) -> list[int]:
    """PIDs of every process whose command line names ``data_dir``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "postgres" in command and str(data_dir) in command:
            found.append(int(entry.name))
    return found


@pytest.fixture
def data_dir():
    """A folder for a fresh server, outside pytest's private (0700) folders,
    which the embedded server's own system user could not enter."""
    folder = Path(tempfile.mkdtemp(prefix="portal-gunicorn-test-"))
    folder.chmod(0o755)
    yield folder / "pg"
    shutil.rmtree(folder, ignore_errors=True)


def get(port: int, path: str) -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.slow
def test_stopping_gunicorn_stops_the_embedded_database_it_started(tmp_path, data_dir):
    port = free_port()
    env = production_environment(EMBEDDED_DATABASE_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    log = tmp_path / "gunicorn.log"

    with gunicorn(env, bind=f"127.0.0.1:{port}", log=log, workers=2, timeout=120) as master:
        _status, body = get(port, "/readyz")
        # The database answers (nothing is migrated in this fresh one).
        assert json.loads(body)["checks"]["database"] == "ok"
        assert postgres_processes(data_dir)
        # A worker killed outright (as at the graceful timeout) changes nothing.
        workers = subprocess.run(
            ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
        ).stdout.split()
        os.kill(int(workers[0]), signal.SIGKILL)
        time.sleep(1)
        assert get(port, "/healthz")[0] == 200
    # Leaving the block sent SIGTERM to gunicorn and waited for it.

    assert master.returncode == 0, log.read_text()
    assert postgres_processes(data_dir) == []
    assert not (data_dir / "postmaster.pid").exists()
    assert "embedded PostgreSQL on" in log.read_text() and "stopped" in log.read_text()
    assert "Failed" not in log.read_text() and "Traceback" not in log.read_text()


@pytest.mark.slow
def test_gunicorn_leaves_running_a_database_it_did_not_start(tmp_path, data_dir):
    from portal import database

    url = database.embedded_url(data_dir)  # this test process starts and holds it
    port = free_port()
    env = production_environment(EMBEDDED_DATABASE_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    try:
        with gunicorn(env, bind=f"127.0.0.1:{port}", log=tmp_path / "g.log", workers=1):
            pass
        assert database.running_postmaster(data_dir) is not None
        assert url
    finally:
        assert database.stop_embedded(data_dir)
    assert postgres_processes(data_dir) == []


def test_each_worker_keeps_what_it_loaded_out_of_the_collectors_passes():
    """deploy/gunicorn.conf.py's post_worker_init (run once a worker has
    loaded the portal) freezes what is loaded, so full collections skip it."""
    import gc
    import runpy

    from tests.servers import GUNICORN_CONF

    config = runpy.run_path(str(GUNICORN_CONF))
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
