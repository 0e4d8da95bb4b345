"""Back up one site, and restore it in place or as a new site.

A backup is the site's schema (``pg_dump``), its rows in the public schema and
its stored files, in one archive with a manifest (``site_archive``). The
schema dump and the public rows are read in one snapshot of the database, so
they agree with each other even while the site takes writes.

A restore happens in one database transaction: the schema is loaded by
streaming ``pg_restore``'s SQL through the portal's own connection (COPY for
the rows), so the schema, the Site and Domain rows and the index rows appear
together or not at all. The dump names its schema; a schema of that name
already there (the original, when restoring a copy beside it) is renamed
aside inside the transaction and back afterwards, so nothing in the dump
reaches it and other sessions never see it gone. Files are written before the
transaction under names nothing uses yet, and only after the commit replace
or remove the site's current ones; a failed restore deletes what it wrote.
"""

import contextlib
import datetime
import re
import secrets
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import schema_exists
from psycopg2 import sql

from tenants import generations
from tenants.models import Domain, Site
from tenants.naming import short_names_for
from tenants.services import pg_tools, site_files
from tenants.services.site_archive import (
    MEDIA_PREFIX,
    PUBLIC,
    SCHEMA,
    Archive,
    ArchiveError,
    ArchiveWriter,
    portal_version,
)
from tenants.services.site_parts import after_restore_hooks, public_rows
from tenants.services.site_spec import SiteSpec, SpecError, validate

Progress = Callable[[str], None]
KIND = "trade-portal site backup"


def _quiet(_message: str) -> None:
    pass


# --- Backup ---------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    media_files: int
    tables: int


def default_archive_name(site: Site, now: datetime.datetime | None = None) -> str:
    moment = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{site.code}-{moment}.site-backup.tar"


def backup(site: Site, target: Path, *, progress: Progress = _quiet) -> BackupResult:
    """Write ``site``'s backup to ``target`` (written aside and renamed at the
    end, so a failure never leaves a partial archive under that name)."""
    if site.status == Site.Status.TEMPLATE:
        raise ArchiveError("the site template is rebuilt by migrate_schemas, not backed up")
    if not target.parent.is_dir():
        raise ArchiveError(f"folder not found: {target.parent}")
    partial = target.with_name(f".{target.name}.partial")
    writer = ArchiveWriter(partial)
    try:
        with tempfile.TemporaryDirectory(prefix="site-backup-") as scratch:
            dump = Path(scratch) / SCHEMA
            with _snapshot() as snapshot:
                progress(f"dumping schema {site.schema_name}")
                _dump_schema(site.schema_name, dump, snapshot)
                public = _public_data(site)
                migrations = applied_migrations(site.schema_name)
            writer.add_file(SCHEMA, dump)
            tables = _table_count(site.schema_name)
        writer.add_json(PUBLIC, public)
        names = site_files.files(site)
        progress(f"adding {len(names)} stored file(s)")
        media = 0
        for name in names:
            try:
                with default_storage.open(name, "rb") as stream:
                    writer.add_stream(MEDIA_PREFIX + name, stream, default_storage.size(name))
                media += 1
            except FileNotFoundError:
                progress(f"warning: {name} was deleted during the backup; left out")
        writer.close(_manifest(site, public, migrations))
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return BackupResult(path=target, size=target.stat().st_size, media_files=media, tables=tables)


@contextlib.contextmanager
def _snapshot() -> Iterator[str | None]:
    """A repeatable-read transaction whose snapshot pg_dump shares.

    Inside a caller's transaction (a test's, say) there is none to export:
    the dump then sees what is committed."""
    if connection.in_atomic_block:
        yield None
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def _dump_schema(schema: str, target: Path, snapshot: str | None) -> None:
    dsn, _env = pg_tools.conninfo()
    args = [
        "--format=custom",
        f"--schema={schema}",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
        f"--dbname={dsn}",
    ]
    if snapshot:
        args.append(f"--snapshot={snapshot}")
    pg_tools.run("pg_dump", args)


def _site_values(site: Site) -> dict:
    return Site.objects.filter(pk=site.pk).values().get()


def _public_data(site: Site) -> dict:
    return {
        "site": _site_values(site),
        "domains": [
            {"domain": d.domain, "is_primary": d.is_primary}
            for d in Domain.objects.filter(tenant=site).order_by("-is_primary", "domain")
        ],
        "rows": {name: part.export(site) for name, part in public_rows().items()},
    }


def applied_migrations(schema: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("SELECT app, name FROM {} ORDER BY app, id").format(
                sql.Identifier(schema, "django_migrations")
            )
        )
        result: dict[str, list[str]] = {}
        for app, name in cursor.fetchall():
            result.setdefault(app, []).append(name)
        return result


def _table_count(schema: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'",
            [schema],
        )
        return cursor.fetchone()[0]


def _manifest(site: Site, public: dict, migrations: dict[str, list[str]]) -> dict:
    return {
        "kind": KIND,
        "format": 1,
        "portal_version": portal_version(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "postgresql": connection.pg_version,
        "site": {
            "code": site.code,
            "schema_name": site.schema_name,
            "countries": [site.country_a, site.country_b],
            "languages": list(site.languages),
            "domains": [d["domain"] for d in public["domains"]],
            "status": site.status,
        },
        "migrations": migrations,
    }


# --- Restore --------------------------------------------------------------------


@dataclass
class RestorePlan:
    archive: Archive
    code: str
    schema: str
    domains: list[str]
    as_new: bool
    replaces: Site | None  # the live site this restore replaces
    pending_migrations: list[str] = field(default_factory=list)

    @property
    def source_schema(self) -> str:
        return self.archive.site["schema_name"]

    def origin(self) -> str:
        manifest = self.archive.manifest
        return (
            f"backup of {self.archive.site['code']} made {manifest.get('created_at', '?')} "
            f"by portal {manifest.get('portal_version', '?')}"
        )

    def describe(self) -> list[str]:
        """What the restore does, one action a line ("replace site …")."""
        site = self.archive.site
        if self.replaces is not None:
            lines = [f"replace site {self.code}: its schema {self.schema}, domains and files"]
        elif self.as_new:
            lines = [
                f"create site {self.code} (schema {self.schema}, a draft) as a copy of {site['code']}"
            ]
        else:
            lines = [f"re-create site {self.code} (schema {self.schema})"]
        lines.append(f"answer on {', '.join(self.domains)}")
        lines.append(f"put back {len(self.archive.media_names())} stored file(s)")
        if self.pending_migrations:
            lines.append(f"apply {len(self.pending_migrations)} newer migration(s)")
        return lines


def plan_restore(
    archive: Archive, *, as_code: str | None = None, domains: list[str] | None = None
) -> RestorePlan:
    """Check that ``archive`` can be restored as asked; raises ArchiveError or SpecError."""
    site = archive.site
    for key in ("code", "schema_name", "countries", "languages"):
        if key not in site:
            raise ArchiveError(f"the manifest's site section has no {key!r}")
    pending = _check_migrations(archive.migrations)
    public = archive.read_json(PUBLIC)
    values = public.get("site") or {}
    domains = [d.strip().lower() for d in domains or [] if d.strip()]
    if as_code is not None and as_code != site["code"]:
        if not domains:
            raise SpecError("give --domain for the copy: the original keeps its own domains")
        spec = _spec(values, site, code=as_code, domains=domains)
        spec.same_countries = True  # a copy of a pair's site is the pair's second site
        validate(spec)  # the code's form first: nothing odd reaches a query
        if Site.objects.filter(code=as_code).exists():
            raise SpecError(f"site {as_code} exists already; choose another code for the copy")
        plan = RestorePlan(archive, as_code, spec.schema_name, domains, True, None, pending)
    else:
        code = site["code"]
        existing = Site.objects.filter(code=code).first()
        if existing is not None and existing.status == Site.Status.TEMPLATE:
            raise SpecError(f"{code} is the site template; it cannot be restored over")
        domains = domains or [d["domain"] for d in public.get("domains", [])]
        spec = _spec(values, site, code=code, domains=domains)
        spec.same_countries = True  # the site itself, or its twin by design
        validate(spec)
        schema = existing.schema_name if existing else site["schema_name"]
        if existing is None and schema_exists(schema):
            raise SpecError(f"schema {schema} exists but belongs to no site; drop it first")
        plan = RestorePlan(archive, code, schema, domains, False, existing, pending)
    _check_media_names(archive)
    _check_dump_contents(archive)
    return plan


def _spec(values: dict, site: dict, *, code: str, domains: list[str]) -> SiteSpec:
    countries = site["countries"]
    if not (isinstance(countries, list) and len(countries) == 2):
        raise ArchiveError("the manifest's site section has no two countries")
    return SiteSpec(
        code=code,
        countries=(countries[0], countries[1]),
        languages=list(site["languages"]),
        domains=domains,
        time_zone=values.get("time_zone", "UTC"),
        currency=values.get("currency", "USD"),
        primary_color=values.get("primary_color", "#9f1d20"),
        accent_color=values.get("accent_color", "#f2b705"),
        contact_email=values.get("contact_email", ""),
        response_days=values.get("response_days", 5),
    )


def _check_migrations(archived: dict[str, list[str]]) -> list[str]:
    """Refuse a backup made by newer code; return the migrations it lacks."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    for replaced in loader.replacements.values():
        known.update(replaced.replaces)
    applied = set()
    for app, names in archived.items():
        for name in names:
            if (app, name) not in known:
                raise ArchiveError(
                    f"the backup comes from a newer portal: migration {app}.{name} is unknown "
                    "here; upgrade the portal before restoring it"
                )
            applied.add((app, name))
    tenant_apps = {app for app, _name in applied}
    return sorted(
        f"{app}.{name}"
        for app, name in loader.graph.nodes
        if app in tenant_apps and (app, name) not in applied
    )


#: What a site's dump may hold (pg_restore --list): tables and what belongs
#: to them. A function, a view or an object of another schema is refused, so
#: a doctored archive cannot run code or write outside its own schema.
DUMP_ENTRY_TYPES = (
    "SEQUENCE OWNED BY", "TABLE DATA", "SEQUENCE SET", "FK CONSTRAINT", "CHECK CONSTRAINT",
    "CONSTRAINT", "SEQUENCE", "DEFAULT", "SCHEMA", "TABLE", "INDEX", "TRIGGER",
)  # fmt: skip


def _check_dump_contents(archive: Archive) -> None:
    schema = archive.site["schema_name"]
    with tempfile.TemporaryDirectory(prefix="site-restore-check-") as scratch:
        dump = Path(scratch) / SCHEMA
        archive.extract_to(SCHEMA, dump)
        try:
            listing = pg_tools.run("pg_restore", ["--list", str(dump)])
        except pg_tools.PgToolError as error:
            raise ArchiveError(f"the schema dump cannot be read: {error}") from None
    for line in listing.splitlines():
        if not line.strip() or line.startswith(";"):
            continue
        entry = line.split(" ", 3)[-1]  # after "id; tableoid oid "
        kind = next((t for t in DUMP_ENTRY_TYPES if entry.startswith(t + " ")), None)
        if kind is None:
            raise ArchiveError(f"the schema dump holds what a site's may not: {entry[:80]!r}")
        owner_schema, name = [*entry[len(kind) + 1 :].split(" "), "", ""][:2]
        expected = ("-", schema) if kind == "SCHEMA" else (schema,)
        if (owner_schema, name)[: len(expected)] != expected:
            raise ArchiveError(f"the schema dump holds objects outside {schema}: {entry[:80]!r}")


def _check_media_names(archive: Archive) -> None:
    folder = f"{archive.site['schema_name']}/"
    logo = (archive.read_json(PUBLIC).get("site") or {}).get("logo") or ""
    for name in archive.media_names():
        if not (name.startswith(folder) or (logo and name == logo)):
            raise ArchiveError(f"the backup holds a file outside its site's folder: {name!r}")


def restore(plan: RestorePlan, *, progress: Progress = _quiet) -> Site:
    """Carry out ``plan``: everything or, on any error, nothing."""
    archive = plan.archive
    public = archive.read_json(PUBLIC)
    files = _MediaRestore(plan, public)
    try:
        with tempfile.TemporaryDirectory(prefix="site-restore-") as scratch:
            dump = Path(scratch) / SCHEMA
            archive.extract_to(SCHEMA, dump)
            progress(f"staging {len(archive.media_names())} stored file(s)")
            files.stage()
            with transaction.atomic():
                site = _restore_database(plan, public, dump, files, progress)
                transaction.on_commit(files.promote)
                # The schema's rows came by COPY and DDL, which the write
                # watcher does not see: whatever was stored from the site goes.
                # So do the schemas it dropped: a name used again later must
                # not find what workers kept of them.
                dropped = [plan.replaces.schema_name] if plan.replaces is not None else []
                transaction.on_commit(
                    lambda: generations.bump(site.schema_name, *dropped, generations.PUBLIC)
                )
    except BaseException:
        files.discard()
        raise
    return site


def _restore_database(
    plan: RestorePlan, public: dict, dump: Path, files: "_MediaRestore", progress: Progress
) -> Site:
    source = plan.source_schema
    held = None
    with connection.cursor() as cursor:
        if schema_exists(source):
            held = f"{source[:40]}_hold_{secrets.token_hex(4)}"
            cursor.execute(
                sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
                    sql.Identifier(source), sql.Identifier(held)
                )
            )
        progress(f"loading schema {source} from the backup")
        _load_dump(cursor, dump)
        if plan.schema != source:
            cursor.execute(
                sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
                    sql.Identifier(source), sql.Identifier(plan.schema)
                )
            )
        if held is not None:
            if plan.replaces is not None and plan.replaces.schema_name == source:
                cursor.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(held)))
            else:
                cursor.execute(
                    sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
                        sql.Identifier(held), sql.Identifier(source)
                    )
                )
        if plan.replaces is not None and plan.replaces.schema_name != source:
            cursor.execute(
                sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(plan.replaces.schema_name))
            )
    connection.search_path_set_schemas = None  # django-tenants: set it again
    site = _restore_site_row(plan, public, files)
    if plan.schema != source:
        _rename_stored_files(plan.schema, f"{source}/", f"{plan.schema}/")
    if plan.pending_migrations:
        progress(f"applying {len(plan.pending_migrations)} newer migration(s)")
        from django.core.management import call_command

        call_command("migrate_schemas", schema_name=plan.schema, interactive=False, verbosity=0)
    rows = public.get("rows") or {}
    for name, part in public_rows().items():
        written = part.restore(site, rows.get(name, []))
        progress(f"{name}: {written} row(s)")
    for hook in after_restore_hooks():
        note = hook(site, as_new=plan.as_new)
        if note:
            progress(note)
    return site


_SESSION_SETTING = re.compile(rb"^(SET \w+ = |SELECT pg_catalog\.set_config\()")


def _load_dump(cursor, dump: Path) -> None:
    """Run ``pg_restore``'s SQL for ``dump`` through ``cursor``: statements as
    they come, each COPY block streamed with ``copy_expert``.

    Session settings the script makes (search_path, timeouts) are skipped: the
    connection is the portal's and is used again afterwards; psql's
    meta-commands (``\\restrict``) have no meaning here."""
    executable = pg_tools.program("pg_restore")
    process = subprocess.Popen(
        [str(executable), "--no-owner", "--no-privileges", "--file=-", str(dump)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    pending: list[bytes] = []

    def flush() -> None:
        text = b"".join(pending).decode()
        pending.clear()
        if any(line.strip() and not line.startswith("--") for line in text.splitlines()):
            cursor.execute(text)

    try:
        for line in process.stdout:
            if line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;"):
                flush()
                cursor.copy_expert(line.decode(), _CopyBlock(process.stdout))
            elif line.startswith(b"\\") or _SESSION_SETTING.match(line):
                continue
            else:
                pending.append(line)
        flush()
    finally:
        process.stdout.close()
        error = process.stderr.read().decode(errors="replace").strip()
        returncode = process.wait()
    if returncode != 0:
        last = error.splitlines()[-1] if error else f"exit {returncode}"
        raise ArchiveError(f"pg_restore could not read the schema dump: {last}")


class _CopyBlock:
    """The data lines of one COPY block, up to its ``\\.`` line, as a file."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        chunks = []
        total = 0
        while size < 0 or total < size:
            line = self.stream.readline()
            if not line or line == b"\\.\n":
                self.done = True
                break
            chunks.append(line)
            total += len(line)
        return b"".join(chunks)

    readline = read


def _restore_site_row(plan: RestorePlan, public: dict, files: "_MediaRestore") -> Site:
    archived = dict(public.get("site") or {})
    known = {f.attname for f in Site._meta.concrete_fields}
    values = {key: value for key, value in archived.items() if key in known}
    values.pop("id", None)
    values.update(code=plan.code, schema_name=plan.schema)
    values["logo"] = files.logo_name or ""
    if plan.as_new:
        # A copy stays out of the hub and away from visitors until launched.
        values["status"], values["launched_on"] = Site.Status.DRAFT, None
        # Its short names are made for its own code: the original's would
        # name two sites alike in the coordinators' calendar.
        values.update(_short_name_columns(plan.code, values))
    site = plan.replaces
    if site is not None:
        for key, value in values.items():
            setattr(site, key, value)
        site.save()
        site.domains.all().delete()
    else:
        site = Site(**values)
        archived_id = archived.get("id")
        if not plan.as_new and archived_id and not Site.objects.filter(pk=archived_id).exists():
            site.pk = archived_id  # the same site again: ids in the index still mean it
        site.save()
        if site.pk == archived_id:
            _advance_sequence(Site)
    if archived.get("created_at") and not plan.as_new:
        # auto_now_add set it to now: the site was launched when it was.
        Site.objects.filter(pk=site.pk).update(created_at=archived["created_at"])
        site.refresh_from_db(fields=["created_at"])
    for position, domain in enumerate(plan.domains):
        Domain.objects.create(domain=domain, tenant=site, is_primary=position == 0)
    return site


def _short_name_columns(code: str, values: dict) -> dict[str, str | None]:
    from modeltranslation.utils import build_localized_fieldname

    languages = list(values.get("languages") or [])
    made = short_names_for(code, (values["country_a"], values["country_b"]), languages, {})
    columns = {
        field.attname: None
        for field in Site._meta.concrete_fields
        if field.name.startswith("short_name_")
    }
    columns.update({build_localized_fieldname("short_name", k): v for k, v in made.items()})
    columns["short_name"] = made[languages[0]] if languages else ""
    return columns


def _advance_sequence(model: type[models.Model]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {}))"
            ).format(sql.Identifier(table)),
            [table],
        )


def file_fields() -> list[tuple[str, str]]:
    """``(table, column)`` of every file field of the per-site models."""
    found = []
    for model in apps.get_models():
        if model._meta.app_config.name not in settings.TENANT_APPS:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                found.append((model._meta.db_table, model_field.column))
    return found


def _rename_stored_files(schema: str, old: str, new: str) -> None:
    """Point the copy's file fields at its own folder."""
    with connection.cursor() as cursor:
        for table, column in file_fields():
            cursor.execute(
                sql.SQL(
                    "UPDATE {table} SET {col} = %s || substr({col}, %s) WHERE left({col}, %s) = %s"
                ).format(table=sql.Identifier(schema, table), col=sql.Identifier(column)),
                [new, len(old) + 1, len(old), old],
            )


class _MediaRestore:
    """The archive's files, written where nothing is yet, swapped in after commit."""

    def __init__(self, plan: RestorePlan, public: dict) -> None:
        self.plan = plan
        self.storage = default_storage
        self.staging = f".restore/{secrets.token_hex(8)}/"
        source = plan.archive.site
        archived_logo = (public.get("site") or {}).get("logo") or ""
        self.renamed = {}
        for name in plan.archive.media_names():
            target = name
            if name == archived_logo:
                if plan.code != source["code"]:
                    target = f"logos/{plan.code}{Path(name).suffix}"
            elif plan.schema != source["schema_name"]:
                target = f"{plan.schema}/" + name[len(source["schema_name"]) + 1 :]
            self.renamed[name] = target
        if archived_logo and archived_logo in self.renamed:
            self.logo_name = self.renamed[archived_logo]
        elif plan.as_new:
            self.logo_name = ""
        else:
            self.logo_name = archived_logo
        self.written: list[str] = []  # new names, to delete if the restore fails
        self.staged: dict[str, str] = {}  # target → staging name, swapped in after commit

    def stage(self) -> None:
        for name, stream in self.plan.archive.media():
            target = self.renamed[name]
            with stream:
                if self.storage.exists(target):
                    staging = self.staging + target
                    self._save(staging, stream)
                    self.staged[target] = staging
                else:
                    self._save(target, stream)

    def _save(self, name: str, stream) -> None:
        saved = self.storage.save(name, File(stream, name=Path(name).name))
        self.written.append(saved)
        if saved != name:
            raise ArchiveError(f"could not store {name}: the storage chose {saved}")

    def promote(self) -> None:
        """After commit: swap in the staged files, remove the site's files the backup lacks."""
        for target, staging in self.staged.items():
            self.storage.delete(target)
            with self.storage.open(staging, "rb") as stream:
                self.storage.save(target, File(stream, name=Path(target).name))
            self.storage.delete(staging)
        keep = set(self.renamed.values())
        site = Site.objects.get(code=self.plan.code)
        current = site_files.walk(self.plan.schema, self.storage)
        old_logo = (
            self.plan.replaces.logo.name if self.plan.replaces and self.plan.replaces.logo else ""
        )
        if old_logo:
            current.append(old_logo)
        for name in current:
            if name not in keep and self.storage.exists(name) and name != (site.logo.name or ""):
                self.storage.delete(name)

    def discard(self) -> None:
        for name in self.written:
            with contextlib.suppress(OSError):
                self.storage.delete(name)
