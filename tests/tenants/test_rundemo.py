"""``rundemo`` (tenants/management/commands/rundemo.py) as it serves."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connections

from tenants.management.commands import rundemo


@pytest.mark.django_db
def test_each_requests_database_connection_is_closed_when_it_ends(monkeypatch, settings):
    """runserver serves each request in a thread of its own and never closes
    that thread's connection: kept for CONN_MAX_AGE (60 s), they outlived
    their threads until collected, and a few hundred requests filled
    PostgreSQL's connections (500s, attack review of session 27). The demo
    has each closed at the end of its request (request_finished), here in a
    thread as runserver starts one."""
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    closed = []

    def one_request() -> None:
        connections["default"].ensure_connection()
        close_old_connections()  # what request_finished does
        closed.append(connections["default"].connection is None)
        connections["default"].close()

    def serve_or_set_up(name: str, *args, **kwargs) -> None:
        if name == "runserver":  # the sites are the test database's already
            thread = threading.Thread(target=one_request)
            thread.start()
            thread.join()

    monkeypatch.setattr(rundemo, "call_command", serve_or_set_up)
    call_command("rundemo", "127.0.0.1:8000", stdout=io.StringIO())

    assert closed == [True]
