"""The hub's coordination calendar at scale: 200 sites × 500 events.

    python bench/coordination.py [--sites 200] [--events 500] [--runs 30]

Fills the public-schema index of a scratch database (``bench_coordination``,
dropped at the end) and prints p50/p95 for the three-month window query and
for clash detection over it. Baseline, in the same run: the same query with
index scans disabled (what the table would cost without its index).

"calendar page data" is what the coordinators' calendar page reads for a
month (``coordination.views.coordination_calendar``): the month grid (every
day of its six weeks counted, three events named a day) and the first page
of the date list with its clash count, co-hosts and flags. Its target is
p50 ≤ 20 ms (issue 16); the figure is printed beside it.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This folder holds http.py, which would hide the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.scratch import drop_scratch_database, use_scratch_database  # noqa: E402

SCRATCH = "bench_coordination"
PAGE_TARGET_MS = 20.0  # calendar page data, p50 (issue 16)


def timed(function, runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        results.append((time.perf_counter() - started) * 1000)
    return results


def summary(label: str, samples: list[float], baseline: float | None = None) -> str:
    p50 = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1]
    ratio = f"  ({p50 / baseline:.2f}x baseline)" if baseline else ""
    return f"{label:<38} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms{ratio}"


def cpu_split(function, runs: int) -> dict:
    """Queries per call, and the CPU time a call costs in this process and in
    the database's backend process (from /proc): unlike wall time, neither
    grows when other work shares the machine."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    stat = Path(f"/proc/{pid}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def backend() -> float:
        if not stat.exists():  # a server on another host
            return float("nan")
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        function()
    counted = len(queries)
    started_backend, started = backend(), time.process_time()
    for _ in range(runs):
        function()
    return {
        "queries": counted,
        "python": (time.process_time() - started) * 1000 / runs,
        "backend": (backend() - started_backend) * 1000 / runs,
    }


def fill(args: argparse.Namespace) -> float:
    """The index of ``args.sites`` sites × ``args.events`` events; seconds taken."""
    from django.core.management import call_command

    from coordination.index import store_days
    from coordination.models import CalendarEntry
    from tenants.models import Site

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    rng = random.Random(2006)
    venues = [f"Venue {n}" for n in range(400)]
    people = [f"Person {n}" for n in range(800)]
    organisers = [f"Organiser {n}" for n in range(300)]
    kinds = [
        "forum",
        "trade_fair",
        "joint_commission",
        "exhibition",
        "webinar",
        "online_fair",
        "delegation",
    ]
    origin = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)

    started = time.perf_counter()
    sites = Site.objects.bulk_create(
        Site(schema_name=f"bench_{n:03d}", code=f"cn-b{n:03d}", country_a="CN", country_b="VN",
             name=f"Bench {n}", languages=["zh-hans", "en"])
        for n in range(args.sites)
    )  # fmt: skip
    for site in sites:
        entries = []
        for number in range(args.events):
            start = origin + datetime.timedelta(hours=rng.randrange(0, 24 * 730))
            venue = rng.choice(venues)
            speakers = rng.sample(people, 2)
            organiser = rng.choice(organisers)
            kind = rng.choice(kinds)
            entries.append(
                CalendarEntry(
                    site=site, event_id=number, event_uid=uuid.uuid4(), slug=f"event-{number}",
                    titles={"en": f"Event {number}"}, kind=kind, status="scheduled",
                    starts_at=start, ends_at=start + datetime.timedelta(hours=rng.choice([2, 8, 30, 72])),
                    time_zone="Asia/Shanghai", venues={"en": venue}, organisers=[organiser],
                    speakers=speakers, url_path=f"/en/events/event-{number}/",
                    clash_keys=sorted(
                        {f"venue:{venue.casefold()}", f"organiser:{organiser.casefold()}"}
                        | {f"speaker:{p.casefold()}" for p in speakers}
                        | ({f"major:{site.pk}"} if kind in {"trade_fair", "joint_commission", "exhibition"} else set())
                    ),
                    updated_at=origin,
                )
            )  # fmt: skip
        CalendarEntry.objects.bulk_create(entries, batch_size=2000)
    # One event in fifty co-hosted by the next site: its copy there (shown
    # once, by its origin, when both sites are listed).
    by_id = {site.pk: n for n, site in enumerate(sites)}
    made = []
    for origin in CalendarEntry.objects.filter(event_id__lt=args.events // 50):
        origin.pk = None
        origin.origin_site_id = origin.site_id
        origin.site_id = sites[(by_id[origin.site_id] + 1) % len(sites)].pk
        origin.event_id += 1_000_000
        origin.is_copy = True
        made.append(origin)
    CalendarEntry.objects.bulk_create(made, batch_size=2000)
    store_days()  # bulk_create bypasses write_entry, which writes them
    analyse()
    return time.perf_counter() - started


def analyse() -> None:
    """Statistics and the visibility map, as autovacuum keeps them on a live
    index: without the map an index-only scan visits the table anyway."""
    from django.db import connection

    from coordination.models import CalendarDay, CalendarEntry

    with connection.cursor() as cursor:
        for model in (CalendarEntry, CalendarDay):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def migrate_kept() -> bool:
    """Bring a kept database to the current migrations; whether any ran."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch database for a closer look"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database a run with --keep left"
    )
    args = parser.parse_args()

    use_scratch_database(SCRATCH, fresh=not args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection

    from coordination.clashes import clash_page
    from coordination.index import (
        calendar_days,
        coordination_window,
        entries_between,
        refresh_clashes,
    )
    from coordination.models import CalendarEntry

    fill_seconds = 0.0
    if not args.reuse:
        fill_seconds = fill(args)
    elif migrate_kept():
        analyse()
    window = (
        datetime.datetime(2027, 9, 1, tzinfo=datetime.UTC),
        datetime.datetime(2027, 10, 1, tzinfo=datetime.UTC),
    )
    # Store the clashes of the measured window, as saving each event would.
    started = time.perf_counter()
    window_entries = list(
        CalendarEntry.objects.filter(starts_at__lt=window[1], ends_at__gt=window[0])
    )
    for entry in window_entries if not args.reuse else ():  # stored by the kept run
        refresh_clashes(entry)
    clash_seconds = time.perf_counter() - started
    refresh = timed(lambda: refresh_clashes(window_entries[0]), args.runs)

    rows = entries_between(*window)

    def full_list() -> None:
        entries_between(*window)

    def without_index() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off; SET enable_bitmapscan = off")
        try:
            entries_between(*window)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET enable_indexscan = on; SET enable_bitmapscan = on")

    def page() -> None:
        coordination_window(*window, page_slice=slice(0, 101))

    # The month grid of September 2027 as the page draws it: six weeks,
    # from the Monday before the 1st to the Sunday after the 30th.
    grid_first, grid_last = datetime.date(2027, 8, 30), datetime.date(2027, 10, 3)

    def grid() -> None:
        calendar_days(grid_first, grid_last, per_day=3)

    def calendar_page() -> None:
        grid()
        page()

    def first_screen() -> None:
        # The coordinators' first screen: the first page of clashes to come
        # in the window, each with its two events, sites and reasons.
        clash_page(*window, limit=25)

    page_cpu = cpu_split(calendar_page, args.runs)
    baseline = timed(without_index, args.runs)
    listed = timed(full_list, args.runs)
    paged = timed(page, args.runs)
    month_grid = timed(grid, args.runs)
    calendar = timed(calendar_page, args.runs)
    clash_list = timed(first_screen, args.runs)
    days = calendar_days(grid_first, grid_last, per_day=3)
    result = coordination_window(*window, page_slice=slice(0, 101))
    connection.close()

    print(
        f"index rows                       {args.sites * args.events} ({args.sites} sites × {args.events} events), filled in {fill_seconds:.1f} s"
    )
    print(f"one-month window                 {len(rows)} entries, {result.clash_count} clashes")
    print(summary("all entries loaded, no index (baseline)", baseline))
    print(summary("all entries loaded, indexed", listed, statistics.median(baseline)))
    print(summary("page view: clashes + 100 rows", paged, statistics.median(baseline)))
    print(summary("month grid: 35 days counted", month_grid, statistics.median(baseline)))
    print(
        f"  (busiest day {max(days.totals.values(), default=0)} events,"
        f" {sum(1 for day in days.totals if days.totals[day])} of 35 days with events)"
    )
    print(summary("calendar page data: grid + list", calendar, statistics.median(baseline)))
    print(
        "  per page: {queries} queries; CPU {python:.2f} ms in Python, {backend:.2f} ms in"
        " PostgreSQL's backend (means; load-robust)".format(**page_cpu)
    )
    met = statistics.median(calendar) <= PAGE_TARGET_MS
    print(
        f"  target: calendar page data p50 <= {PAGE_TARGET_MS:.0f} ms:"
        f" {'met' if met else 'NOT met'} ({statistics.median(calendar):.1f} ms;"
        f" load average {os.getloadavg()[0]:.2f})"
    )
    print(summary("clash list: first 25 cases", clash_list, statistics.median(baseline)))
    print(f"clashes of the window's {len(window_entries)} entries stored in {clash_seconds:.1f} s")
    print(summary("one event saved: its clashes refreshed", refresh))
    if args.keep or args.reuse:
        print(f"kept database {SCRATCH}")
        return
    drop_scratch_database(SCRATCH)


if __name__ == "__main__":
    main()
