"""Provision N sites into a scratch database and print how long each took.

    python bench/provision.py [--sites 50]

Uses a database named ``bench_provision`` on the embedded server (or on the
server of DATABASE_URL), created fresh and dropped at the end. The baseline,
measured in the same run, is one site schema built by replaying every
migration, which is what cloning the template replaces.
"""

import argparse
import itertools
import os
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This folder holds http.py, which would hide the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.scratch import drop_scratch_database, use_scratch_database  # noqa: E402

SCRATCH = "bench_provision"
# Real territories to pair with China, cycled through.
PARTNERS = [
    "VN",
    "ID",
    "KR",
    "JP",
    "TH",
    "MY",
    "SG",
    "PH",
    "KH",
    "LA",
    "MM",
    "IN",
    "PK",
    "RU",
    "KZ",
    "DE",
]


def codes():
    for letters in itertools.product(string.ascii_lowercase, repeat=3):
        yield "cn-bx-" + "".join(letters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=50)
    args = parser.parse_args()

    use_scratch_database(SCRATCH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from tenants.models import Site
    from tenants.services.provisioning import provision
    from tenants.services.schema_clone import clone_schema
    from tenants.services.site_spec import build_spec
    from tenants.services.template_schema import ensure_template_schema

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    ensure_template_schema()

    def time_clone(name: str) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            clone_schema(settings.TEMPLATE_SCHEMA, name)
        return time.perf_counter() - started

    started = time.perf_counter()
    baseline = Site(schema_name="bench_migrated", code="bench-migrated", languages=["en"])
    baseline.create_schema(verbosity=0)  # every migration replayed
    migrate_seconds = time.perf_counter() - started
    clone_first = time_clone("bench_clone_first")

    timings = []
    for index, code in zip(range(args.sites), codes(), strict=False):
        spec = build_spec(
            code=code,
            countries=["CN", PARTNERS[index % len(PARTNERS)]],
            languages=["zh-hans", "en"],
            domains=[f"{code}.bench.localhost"],
            demo=True,
        )
        started = time.perf_counter()
        provision(spec)
        timings.append(time.perf_counter() - started)

    clone_last = time_clone("bench_clone_last")
    connection.close()
    first, last, median = timings[0], timings[-1], statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)
    print(f"sites provisioned            {len(timings)}")
    print("whole provisioning (schema, domain, admin with hashed password, demo content):")
    print(f"  first site                 {first * 1000:7.0f} ms")
    print(f"  median                     {median * 1000:7.0f} ms")
    print(f"  p95                        {p95 * 1000:7.0f} ms")
    print(f"  last site                  {last * 1000:7.0f} ms  ({last / first:.2f}x first)")
    print("schema only:")
    print(f"  by replaying migrations    {migrate_seconds * 1000:7.0f} ms  (baseline)")
    print(
        f"  by clone, 1st site         {clone_first * 1000:7.0f} ms  ({clone_first / migrate_seconds:.2f}x baseline)"
    )
    print(
        f"  by clone, after all sites  {clone_last * 1000:7.0f} ms  ({clone_last / migrate_seconds:.2f}x baseline)"
    )
    drop_scratch_database(SCRATCH)


if __name__ == "__main__":
    main()
