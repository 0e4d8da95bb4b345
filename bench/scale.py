"""Many sites on one database: what grows, and by how much.

    python bench/scale.py --sites 500 [--processes 2]

Fills a scratch database (``bench_scale``, dropped at the end; ``--keep`` keeps
it) with N sites and prints, for deploy/SCALING.md:

- provisioning time of the first and the last site (schema cloned from the
  template, domain, site admin), and the median;
- ``migrate_schemas`` over all of them: with nothing to apply (what every
  deploy pays), and applying two new migrations to every schema (the probe
  app of tests/tenants/probe_settings.py), with MIGRATION_PROCESSES=--processes;
- the catalog: rows of pg_class and pg_attribute, bytes of pg_catalog, and
  the database's size;
- memory of one server process (a connection): fresh, after serving one
  site's home page, and after serving every site's (its caches of tables and
  plans grow with the schemas it has touched), read from /proc as private
  (anonymous) memory;
- the home page time of the first and the last site.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This folder holds http.py, which would hide the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.scratch import drop_scratch_database, use_scratch_database  # noqa: E402

SCRATCH = "bench_scale"
PARTNERS = ["VN", "ID", "KR", "JP", "TH", "MY", "SG", "PH", "KH", "LA", "MM", "IN", "PK", "KZ"]


def codes(count: int) -> list[str]:
    """``cn-vn1`` …: a DNS label per site, cycling through partner countries."""
    return [
        f"cn-{PARTNERS[i % len(PARTNERS)].lower()}{i // len(PARTNERS) + 1}" for i in range(count)
    ]


def private_kib(pid: int) -> int:
    """Anonymous (private) resident memory of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    return 0


def migrate_all(processes: int, settings_module: str) -> tuple[float, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "MIGRATION_PROCESSES": str(processes),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate_schemas", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"migrate_schemas failed: {result.stderr.strip().splitlines()[-1:]}")
    return seconds, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    use_scratch_database(SCRATCH)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec
    from tenants.services.template_schema import ensure_template_schema

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    ensure_template_schema()

    def catalog() -> dict[str, float]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_class")
            classes = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM pg_attribute")
            attributes = cursor.fetchone()[0]
            cursor.execute(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'"
            )
            catalog_bytes = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            database_bytes = cursor.fetchone()[0]
        return {
            "classes": classes,
            "attributes": attributes,
            "catalog_mb": catalog_bytes / 2**20,
            "database_mb": database_bytes / 2**20,
        }

    before = catalog()
    launched = datetime.date(2020, 1, 1)
    timings = []
    all_codes = codes(args.sites)
    for number, code in enumerate(all_codes, 1):
        spec = build_spec(
            code=code,
            countries=["CN", code[3:5].upper()],
            languages=["zh-hans", "en"],
            domains=[f"{code}.bench.localhost"],
            launched_on=launched,
            same_countries=True,
        )
        started = time.perf_counter()
        provision(spec)
        timings.append(time.perf_counter() - started)
        if number % 50 == 0:
            print(f"  … {number} sites, last took {timings[-1] * 1000:.0f} ms", flush=True)
    after = catalog()

    # Memory of one connection (a gunicorn worker's) as it serves more sites.
    connection.close()
    client = Client()

    def home(code: str) -> float:
        started = time.perf_counter()
        response = client.get("/en/", HTTP_HOST=f"{code}.bench.localhost")
        assert response.status_code == 200, (code, response.status_code)
        return time.perf_counter() - started

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    fresh = private_kib(backend)
    home(all_codes[0])
    first_page = home(all_codes[0])
    one_site = private_kib(backend)
    for code in all_codes[1:]:
        home(code)
    last_page = home(all_codes[-1])
    every_site = private_kib(backend)
    connection.close()

    plain, _out = migrate_all(args.processes, "portal.settings")
    applying, _out = migrate_all(args.processes, "tests.tenants.probe_settings")
    schemas = args.sites + 1  # and the template

    median = statistics.median(timings)
    print(f"sites                                   {args.sites} (+ the template schema)")
    print("provisioning (schema clone, domain, site admin):")
    print(f"  site 1                                {timings[0] * 1000:7.0f} ms")
    print(f"  median                                {median * 1000:7.0f} ms")
    print(f"  site {args.sites:<5}                            {timings[-1] * 1000:7.0f} ms")
    print(f"migrate_schemas, {args.processes} processes, {schemas} site schemas + public:")
    print(
        f"  nothing to apply                      {plain:7.1f} s  ({plain / schemas * 1000:.0f} ms a schema)"
    )
    print(
        f"  two new migrations everywhere         {applying:7.1f} s  ({applying / schemas * 1000:.0f} ms a schema)"
    )
    print("catalog:                                before      after")
    print(f"  pg_class rows                      {before['classes']:9d} {after['classes']:10d}")
    print(
        f"  pg_attribute rows                  {before['attributes']:9d} {after['attributes']:10d}"
    )
    print(
        f"  pg_catalog tables                  {before['catalog_mb']:7.1f} MB {after['catalog_mb']:7.1f} MB"
    )
    print(
        f"  database                           {before['database_mb']:7.1f} MB {after['database_mb']:7.1f} MB"
    )
    print("one connection's private memory (server process):")
    print(f"  fresh                                 {fresh / 1024:7.1f} MB")
    print(f"  after one site's home page            {one_site / 1024:7.1f} MB")
    print(f"  after every site's home page          {every_site / 1024:7.1f} MB")
    print("home page, warm:")
    print(f"  first site                            {first_page * 1000:7.1f} ms")
    print(f"  last site                             {last_page * 1000:7.1f} ms")
    if not args.keep:
        drop_scratch_database(SCRATCH)


if __name__ == "__main__":
    main()
