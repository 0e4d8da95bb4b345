"""Time comes from Python, never from PostgreSQL's clock.

``make test-clock`` (PORTAL_TEST_CLOCK_SHIFT_DAYS, see tests/conftest.py)
moves Python's clock with time-machine, and PostgreSQL's ``now()`` stays
where it is. Code that asked the database for the time would behave one way
in that run and another in production, so none may: these tests find any
column default, view or function that reads the database clock, and any
such call in the project's own SQL and ORM code.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import clock_shift

ROOT = Path(__file__).resolve().parent.parent
DATABASE_CLOCK = (
    r"now\(|current_(date|time|timestamp)|localtime|transaction_timestamp"
    r"|statement_timestamp|clock_timestamp|timeofday"
)
OUTSIDE_SYSTEM = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"


@pytest.mark.django_db
def test_no_column_view_or_function_reads_the_database_clock():
    found = []
    with connection.cursor() as cursor:
        for query in (
            "SELECT table_schema || '.' || table_name || '.' || column_name"
            f" FROM information_schema.columns WHERE table_schema {OUTSIDE_SYSTEM}"
            " AND column_default ~* %(clock)s",
            f"SELECT schemaname || '.' || viewname FROM pg_views WHERE schemaname {OUTSIDE_SYSTEM}"
            " AND definition ~* %(clock)s",
            "SELECT n.nspname || '.' || p.proname FROM pg_proc p"
            f" JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname {OUTSIDE_SYSTEM}"
            " AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c')"
            " AND p.prosrc ~* %(clock)s",
        ):
            cursor.execute(query, {"clock": DATABASE_CLOCK})
            found += [row[0] for row in cursor.fetchall()]

    assert found == []


def test_the_projects_code_never_asks_the_database_for_the_time():
    # Django's Now(), and SQL's clock in strings: now(), CURRENT_TIMESTAMP...
    # (Python's timezone.now() and localtime() are what the code should use.)
    asks = re.compile(
        r"(?<![.\w])(Now|now)\(\)|\b(CURRENT_(DATE|TIME|TIMESTAMP)|LOCALTIME(STAMP)?)\b"
        r"|(?i:\b(transaction|statement|clock)_timestamp\(|\btimeofday\()"
    )
    skipped = {".venv", "tests", "var", "node_modules", ".git"}
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in ROOT.rglob("*.py")
        if not skipped & set(path.relative_to(ROOT).parts)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if asks.search(line.split("#", 1)[0])
    ]

    assert found == []


@pytest.mark.django_db
def test_the_run_happens_on_the_moved_day():
    # PostgreSQL's clock is the real one: the gap to Python's is the shift.
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement_timestamp()")
        database_now = cursor.fetchone()[0]

    gap = timezone.now() - database_now
    assert abs(gap - clock_shift()) < datetime.timedelta(minutes=1)
