import pytest


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The queue's worker closes "old" connections between jobs, as a request
    would; inside a test's transaction that would close the test's own
    connection. Everything else of the worker runs as in production."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
