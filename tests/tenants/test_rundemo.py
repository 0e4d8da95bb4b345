"""``rundemo`` (tenants/management/commands/rundemo.py) as it serves."""

import io
import os
import sys
import threading
import time
from pathlib import Path

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


def _serve_nothing(name: str, *args, **kwargs) -> None:
    """``call_command`` as rundemo uses it, the sites being the test database's."""


@pytest.mark.django_db
def test_the_demo_runs_the_scheduled_jobs_as_production_does(monkeypatch, settings):
    """Production runs ``run_jobs`` every ten minutes (DEPLOY.md); the demo
    ran none, so a change notice the admin promised "within minutes" never
    came (session 29's walk). It now runs them every minute while it serves,
    with links naming the port it serves on."""
    started = []

    class Recorded:
        def __init__(self, argv, *, every, env, out):
            started.append((argv, every, env))

        def start(self):
            started.append("started")

        def stop(self):
            started.append("stopped")

    monkeypatch.setattr(rundemo, "call_command", _serve_nothing)
    monkeypatch.setattr(rundemo, "CommandEvery", Recorded)
    call_command("rundemo", "127.0.0.1:8123", stdout=io.StringIO())

    (argv, every, env), *states = started
    assert argv == [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_jobs", "-v0"]
    assert every == rundemo.JOBS_EVERY_SECONDS == 60
    assert env["PUBLIC_URL_PORT"] == "8123"
    assert states == ["started", "stopped"]


@pytest.mark.django_db
def test_no_jobs_are_run_when_asked_not_to(monkeypatch):
    started = []
    monkeypatch.setattr(rundemo, "call_command", _serve_nothing)
    monkeypatch.setattr(rundemo, "CommandEvery", lambda *a, **k: started.append(a))
    call_command("rundemo", "--jobs-every", "0", stdout=io.StringIO())
    assert started == []


def _wait_for(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.05)


def _run_counting(tmp_path, last_line: str, *, runs: int) -> tuple[io.StringIO, Path]:
    """A CommandEvery of a script that counts its runs in a file and ends
    with ``last_line``, stopped after ``runs`` runs: (its output, the file)."""
    out, counter, script = io.StringIO(), tmp_path / "runs", tmp_path / "count.py"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        f"{last_line}\n"
    )
    timer = rundemo.CommandEvery(
        [sys.executable, str(script), str(counter)], every=0.05, env=dict(os.environ), out=out
    )
    timer.start()
    try:
        _wait_for(lambda: counter.exists() and len(counter.read_text()) >= runs)
    finally:
        timer.stop()
    return out, counter


def test_a_command_is_run_again_and_again_until_stopped(tmp_path):
    """Each run a process of its own (django-tasks' worker sets signal
    handlers, which only a main thread may), its output passed on."""
    out, counter = _run_counting(tmp_path, "print('ran')", runs=3)
    runs = len(counter.read_text())
    assert "ran" in out.getvalue()
    time.sleep(0.3)
    assert len(counter.read_text()) == runs  # stopped: no run after


def test_a_failing_run_is_said_and_the_next_still_comes(tmp_path):
    out, _counter = _run_counting(
        tmp_path, "sys.exit('CommandError: the mail server refused')", runs=2
    )
    assert "the mail server refused" in out.getvalue()


@pytest.mark.django_db
def test_a_jobs_interval_out_of_range_is_refused_in_one_line(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr(rundemo, "call_command", _serve_nothing)
    with pytest.raises(CommandError, match="--jobs-every must be 0 to 86400 seconds"):
        call_command("rundemo", "--jobs-every", str(10**12), stdout=io.StringIO())


def test_a_run_that_cannot_start_is_said_and_the_next_still_comes(tmp_path):
    out = io.StringIO()
    timer = rundemo.CommandEvery(
        [str(tmp_path / "no-such-program")], every=0.05, env=dict(os.environ), out=out
    )
    timer.start()
    try:
        _wait_for(lambda: out.getvalue().count("scheduled jobs failed") >= 2)
    finally:
        timer.stop()
