"""The database backend's per-request health check (tenants/postgresql_backend),
watched from the server's side on the real embedded PostgreSQL.

Requests here are served on a connection of their own, outside the test's
transaction, as a worker's are; the test reads what that connection's
backend last ran from pg_stat_activity over a second connection.
"""

import select
import time

import psycopg2
import pytest
from django.db import OperationalError, close_old_connections, connections

from web.fragment_store import fragments, kept_rows

VN = {"HTTP_HOST": "cn-vn.localhost", "HTTP_CACHE_CONTROL": "no-cache"}
# A site page that queries (the domain lookup, the article, its documents and tags).
ARTICLE = "/vi/news/site-launch/"
TITLE = "Khai trương trang thông tin hợp tác kinh tế thương mại"


@pytest.fixture
def served(db, client):
    """(the connection requests are served on, ``get(path)``)."""
    original = connections["default"]
    worker = connections.create_connection("default")
    connections["default"] = worker

    def get(path: str = ARTICLE):
        # Each request reads the database: nothing kept from the last (a
        # detail page's row is kept as its fragments are).
        fragments.clear()
        kept_rows.clear()
        # What the WSGI handler does around a request (request_started and
        # request_finished), which the test client leaves out.
        close_old_connections()
        response = client.get(path, **VN)
        close_old_connections()
        return response

    try:
        yield worker, get
    finally:
        worker.close()
        connections["default"] = original


@pytest.fixture
def observer(served):
    """A second connection, in autocommit: each read of pg_stat_activity is
    taken afresh (inside a transaction PostgreSQL would repeat its snapshot)."""
    observer = psycopg2.connect(**served[0].get_connection_params())
    observer.autocommit = True
    yield observer
    observer.close()


@pytest.fixture
def long_delay(monkeypatch):
    """A delay no pause of a loaded machine reaches between two lines of a
    test, so that only the socket (or the mechanism under test) decides."""
    monkeypatch.setattr("tenants.postgresql_backend.base.CHECK_DELAY", 60.0)


def run(observer, sql: str, params=()):
    with observer.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def last_statement(observer, pid: int) -> str:
    return run(observer, "SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])


def next_requests_check(worker) -> None:
    """The health check as the next request runs it: the request starts,
    then its first cursor checks the connection."""
    close_old_connections()
    worker.close_if_health_check_failed()


def test_a_terminated_connection_is_unusable_at_once_and_the_next_request_reconnects(
    served, observer, long_delay
):
    worker, get = served
    assert get().status_code == 200
    pid = worker.connection.info.backend_pid
    assert worker.is_usable()  # a check passed just now

    # With a timeout, pg_terminate_backend waits until the backend has gone.
    assert run(observer, "SELECT pg_terminate_backend(%s, 5000)", [pid]) is True

    assert worker.is_usable() is False
    page = get()
    assert page.status_code == 200
    assert TITLE in page.content.decode()
    assert worker.connection.info.backend_pid != pid


def test_a_connection_that_answered_moments_ago_and_is_idle_is_not_checked_again(
    served, observer, long_delay
):
    worker, get = served
    get()
    pid = worker.connection.info.backend_pid
    page_statement = last_statement(observer, pid)

    next_requests_check(worker)

    assert last_statement(observer, pid) == page_statement != "SELECT 1"
    assert worker.connection.info.backend_pid == pid


def test_after_the_delay_the_real_check_runs_again(served, observer, monkeypatch):
    worker, get = served
    monkeypatch.setattr("tenants.postgresql_backend.base.CHECK_DELAY", 0.0)
    get()
    pid = worker.connection.info.backend_pid

    next_requests_check(worker)

    assert last_statement(observer, pid) == "SELECT 1"
    assert worker.connection.info.backend_pid == pid


def test_a_socket_with_something_to_read_gets_the_real_check_and_is_kept(
    served, observer, long_delay
):
    worker, get = served
    get()
    pid = worker.connection.info.backend_pid
    with worker.connection.cursor() as cursor:
        cursor.execute("LISTEN health_probe")
    run(observer, "SELECT pg_notify('health_probe', '')")  # the socket turns readable
    assert select.select([worker.connection.fileno()], [], [], 5)[0]

    next_requests_check(worker)

    assert last_statement(observer, pid) == "SELECT 1"
    assert worker.connection is not None and worker.connection.info.backend_pid == pid


def test_a_connection_closed_underneath_is_unusable_without_raising(served):
    worker, get = served
    get()
    worker.connection.close()

    assert worker.is_usable() is False


def test_a_request_that_ran_statements_counts_as_an_answer(served, long_delay):
    worker, get = served
    get()  # connects
    started = time.monotonic()

    get()  # its check is skipped (no SELECT 1 to count); its statements answer

    assert worker.answered_at >= started


def test_after_an_error_the_real_check_runs(served, observer, long_delay):
    worker, get = served
    get()
    pid = worker.connection.info.backend_pid
    with pytest.raises(OperationalError), worker.cursor() as cursor:
        cursor.execute("SET statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(1)")  # canceled: an error other than a data error
    with worker.connection.cursor() as raw:  # uncounted; else the check itself may time out
        raw.execute("RESET statement_timeout")

    close_old_connections()  # the request ends: Django asks whether the connection still works

    assert last_statement(observer, pid) == "SELECT 1"
    assert worker.connection.info.backend_pid == pid
