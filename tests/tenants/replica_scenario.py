"""What visitors read, and from where, with a primary and a real standby:

    DATABASE_URL=… DATABASE_REPLICA_URL=… python -m tests.tenants.replica_scenario

(the database already holds site cn-vn, launched). Prints one JSON line with
the queries each request sent to each database and what the pages said.
Run by tests/tenants/test_replica.py, which starts both servers.
"""

import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.test import Client
    from django_tenants.utils import schema_context

    from tests.factories.events import make_event

    with schema_context("site_cn_vn"):
        event = make_event(slug="border-fair", capacity=10, titles={"en": "Border fair"})
    url, host = f"/en/events/{event.slug}/", "cn-vn.localhost"
    replica = connections["replica"]

    def replica_sql(query: str):
        with replica.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()[0] if cursor.description else None

    def wait_for(predicate, seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.1)
        return False

    replica.set_schema("site_cn_vn")
    assert wait_for(
        lambda: replica_sql("SELECT count(*) FROM events_event WHERE slug = 'border-fair'")
    )

    counts = {DEFAULT_DB_ALIAS: 0, "replica": 0}

    def counting(alias):
        def wrapper(execute, sql, params, many, context):
            if not sql.startswith("SET search_path"):
                counts[alias] += 1
            return execute(sql, params, many, context)

        return wrapper

    def visit(client, method="get", **data):
        for alias in counts:
            counts[alias] = 0
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(counting(DEFAULT_DB_ALIAS)), \
                replica.execute_wrapper(counting("replica")):  # fmt: skip
            response = getattr(client, method)(url, data or None, HTTP_HOST=host)
        places = re.search(r"Places left: (\d+)", response.content.decode())
        return {
            "status": response.status_code,
            "places": int(places.group(1)) if places else None,
            "queries": dict(counts),
            "pinned": "primary_pin" in response.cookies,
        }

    visitor, registrant = Client(), Client()
    report = {"warm": visit(visitor), "visitor": visit(visitor)}
    replica_sql("SELECT pg_wal_replay_pause()")  # the replica falls behind from here
    report["register"] = visit(
        registrant, "post", name="Lê Thị Hoa", email="hoa@example.vn", country="VN"
    )
    report["registrant_after"] = visit(registrant)
    report["visitor_while_paused"] = visit(visitor)
    replica_sql("SELECT pg_wal_replay_resume()")
    replica.set_schema("site_cn_vn")
    report["caught_up"] = wait_for(
        lambda: replica_sql("SELECT count(*) FROM events_registration") == 1
    )
    report["visitor_after_catch_up"] = visit(visitor)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
