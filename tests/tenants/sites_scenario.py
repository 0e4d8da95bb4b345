"""A scratch database with a few sites, for tests that run commands on a
database of their own:

    DATABASE_URL=postgresql://… python -m tests.tenants.sites_scenario NAME CODE…

creates database NAME afresh on that server, migrates it and provisions the
sites (``cn-th`` is China–Thailand), launched, without demo content.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.scratch import use_scratch_database  # noqa: E402


def main(name: str, codes: list[str]) -> None:
    use_scratch_database(name)
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
