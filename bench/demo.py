"""How long the demo sites take to load, and what they hold.

    python bench/demo.py

Provisions the demo sites of deploy/sites/ with their demo content into a
scratch database (``bench_demo``, dropped at the end), as ``make demo`` and
the test suite's set-up do, and prints the time of each site and of each
demo loader, the time of a second run (which must change nothing), and the
counts of what a visitor sees.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This folder holds http.py, which would hide the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.scratch import drop_scratch_database, use_scratch_database  # noqa: E402

SCRATCH = "bench_demo"


def main() -> None:
    use_scratch_database(SCRATCH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tenants.services import provisioning
    from tenants.services.site_spec import spec_from_toml
    from tenants.services.template_schema import ensure_template_schema

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    ensure_template_schema()

    loader_seconds: dict[str, float] = {}

    def timed(loader):
        def run(site):
            started = time.perf_counter()
            try:
                return loader(site)
            finally:
                name = f"{site.code} {loader.__module__}.{loader.__name__}"
                loader_seconds[name] = time.perf_counter() - started

        return run

    loaders = provisioning.demo_loaders()
    provisioning.demo_loaders = lambda: [timed(loader) for loader in loaders]

    # China–Indonesia first: China–Vietnam co-hosts events with it.
    paths = [ROOT / "deploy" / "sites" / f"{code}.toml" for code in ("cn-id", "cn-vn")]
    for run in ("first run", "second run"):
        total = 0.0
        for path in paths:
            spec = spec_from_toml(path)
            spec.demo = True
            started = time.perf_counter()
            result = provisioning.provision(spec)
            seconds = time.perf_counter() - started
            total += seconds
            print(
                f"{run:11} {spec.code:6} {seconds * 1000:7.0f} ms  {'; '.join(result.demo_loaded)}"
            )
        for name, seconds in loader_seconds.items():
            print(f"            {name:50} {seconds * 1000:7.0f} ms")
        print(f"{run:11} both   {total * 1000:7.0f} ms")
        loader_seconds.clear()

    call_command("list_sites")
    connection.close()
    drop_scratch_database(SCRATCH)


if __name__ == "__main__":
    main()
