"""``migrate_schemas`` over every site at once, each site all or nothing.

django-tenants applies each migration in its own transaction, so a failure in
the third of five migrations of a schema leaves it with two: half-migrated.
Here a schema's whole run (its migrations and the ``post_migrate`` work that
follows: content types, permissions, roles) is one transaction; PostgreSQL's
DDL is transactional, so a schema that fails is left exactly as it was. The
schemas are shared among worker processes (``MIGRATION_PROCESSES``, forked
from the command, each with its own connection); one schema's failure is
reported and the others go on. The command then exits 1 with one line
naming what failed. The site template is a site row like the others
(``template_schema``), so it is always migrated with them, and first.

Migrations that cannot run in a transaction (``CREATE INDEX CONCURRENTLY``)
have no place in a site app for that reason.

One transaction has a price Django's own executor does not pay: PostgreSQL
runs the deferred foreign-key checks of rows a data migration wrote at the
commit, and until then the table "has pending trigger events", so a later
migration's ``CREATE INDEX`` or ``ALTER TABLE`` on it fails. Empty schemas
never show it; a site full of data did (events 0005 filled its search
documents, search 0008 then indexed them). ``MigrateCommand`` below runs those
checks before each migration, where Django's commit would have run them
(tests/tenants/test_migrating_full_sites.py).

Selected by ``GET_EXECUTOR_FUNCTION`` in the settings; ``--executor=standard``
or ``multiprocessing`` still picks django-tenants' own.
"""

import multiprocessing
import sys
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django_tenants.migration_executors import get_executor as django_tenants_executor
from django_tenants.migration_executors.base import MigrationExecutor, run_migrations

CODENAME = "sites"


def get_executor(codename: str | None = None) -> type[MigrationExecutor]:
    if codename in (None, CODENAME):
        return SitesExecutor
    return django_tenants_executor(codename)


def check_deferred_constraints(db: BaseDatabaseWrapper) -> None:
    """Inside a transaction: run the foreign-key checks deferred so far, as a
    commit would, and defer the next ones again.

    Deferred again rather than left immediate: a data migration may write a
    row before the row it refers to, as it may under Django's own executor.
    Every deferrable constraint here is Django's foreign key, initially
    deferred, so ``ALL DEFERRED`` is each one's own default (a test holds it).
    """
    if db.in_atomic_block:
        with db.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")


class MigrateCommand(DjangoMigrateCommand):
    """Django's ``migrate`` (``TENANT_BASE_MIGRATE_COMMAND``) that runs the
    deferred checks before each migration when one transaction holds them all."""

    def handle(self, *args, **options):
        self._alias = options["database"]
        return super().handle(*args, **options)

    def migration_progress_callback(self, action, migration=None, fake=False):
        if action in ("apply_start", "unapply_start") and not fake:
            check_deferred_constraints(connections[self._alias])
        super().migration_progress_callback(action, migration, fake)


@dataclass(frozen=True)
class SchemaResult:
    schema: str
    ok: bool
    seconds: float
    error: str = ""


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")


_running: "SitesExecutor | None" = None


def _migrate_job(job: tuple[int, int, str]) -> SchemaResult:
    assert _running is not None
    return _running._migrate(*job)


class SitesExecutor(MigrationExecutor):
    codename = CODENAME

    def run_migrations(self, tenants=None) -> None:
        schemas = list(tenants or [])
        if self.PUBLIC_SCHEMA_NAME in schemas:
            schemas.remove(self.PUBLIC_SCHEMA_NAME)
            result = self._migrate(0, 1, self.PUBLIC_SCHEMA_NAME)
            if not result.ok:
                raise CommandError(f"the public schema was not migrated: {result.error}")
        if not schemas:
            return
        template = getattr(settings, "TEMPLATE_SCHEMA", None)
        schemas.sort(key=lambda name: name != template)  # the template first
        results = self._run_all(schemas)
        failed = [result for result in results if not result.ok]
        if failed:
            shown = "; ".join(f"{r.schema}: {r.error}" for r in failed[:3])
            more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
            raise CommandError(
                f"{len(failed)} of {len(schemas)} site schema(s) not migrated, each left as it "
                f"was: {shown}{more}; the other {len(schemas) - len(failed)} are migrated"
            )

    def run_multi_type_migrations(self, tenants) -> None:
        raise NotImplementedError("sites have one type")

    def _run_all(self, schemas: list[str]) -> list[SchemaResult]:
        processes = min(getattr(settings, "MIGRATION_PROCESSES", 2), len(schemas))
        count = len(schemas)
        if processes <= 1 or connection.in_atomic_block:
            # One schema, or called inside a caller's transaction (a restore):
            # in this process, so the caller's transaction holds it.
            return [self._migrate(i, count, schema) for i, schema in enumerate(schemas)]
        for alias in connections:
            connections[alias].close()
        global _running
        _running = self  # forked workers find it here; only the jobs are pickled
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=processes) as pool:
            jobs = [(i, count, schema) for i, schema in enumerate(schemas)]
            results = list(pool.imap_unordered(_migrate_job, jobs))
            # Workers told to stop and waited for: leaving the block alone
            # calls terminate(), which once in ~2 full test runs under load
            # never returned (every schema migrated, the command hung).
            pool.close()
            pool.join()
        return results

    def _migrate(self, index: int, count: int, schema: str) -> SchemaResult:
        started = time.monotonic()
        verbosity = int(self.options.get("verbosity", 1))
        # Django's own lines per migration at -v 2 and up; one line per schema at 1.
        options = {**self.options, "verbosity": verbosity - 1 if verbosity > 1 else 0}
        try:
            with transaction.atomic():
                run_migrations(
                    self.args,
                    options,
                    self.codename,
                    schema,
                    allow_atomic=True,
                    idx=index,
                    count=count,
                )
        except Exception as error:  # reported with the schema; the others go on
            connection.set_schema_to_public()
            result = SchemaResult(schema, False, time.monotonic() - started, _one_line(error))
            if verbosity >= 1:
                sys.stderr.write(
                    f"[{index + 1}/{count}] {schema}: not migrated, left as it was: {result.error}\n"
                )
            return result
        result = SchemaResult(schema, True, time.monotonic() - started)
        if verbosity >= 1:
            sys.stdout.write(f"[{index + 1}/{count}] {schema}: migrated ({result.seconds:.1f} s)\n")
            sys.stdout.flush()
        return result
