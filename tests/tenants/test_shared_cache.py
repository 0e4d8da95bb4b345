"""Several app processes share one cache (a real redis-server): a changed
domain is seen by every worker at once, not after the lookup's timeout."""

import http.client
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tenants.models import Site
from tests.conftest import environment_for

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited: {process.stderr.read() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def redis_url():
    executable = shutil.which("redis-server")
    assert executable, "redis-server is needed (Debian package redis-server; .ci/run installs it)"
    port = free_port()
    process = subprocess.Popen(
        [
            executable,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def site_mm(django_db_setup, django_db_blocker):
    """China–Myanmar, committed, so the server processes see it."""
    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec

    with django_db_blocker.unblock():
        spec = build_spec(
            code="cn-mm", countries="CN,MM", languages="en", domains=["cn-mm.localhost"],
            launched_on="2020-01-01",
        )  # fmt: skip
        provision(spec)
        try:
            yield
        finally:
            from tests.tenants.site_data import drop

            drop("cn-mm")


def serve(extra_env: dict[str, str]):
    port = free_port()
    env = {**environment_for(), "DEBUG": "1", **extra_env}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for_port(port, process)
    return port, process


def status(port: int, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/en/", headers={"Host": host, "Connection": "close"})
    code = connection.getresponse().status
    connection.close()
    return code


def change_domain(old: str, new: str, env: dict[str, str]) -> None:
    script = (
        f"from tenants.models import Domain; d = Domain.objects.get(domain={old!r}); "
        f"d.domain = {new!r}; d.save()"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env={**environment_for(), **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("shared", [True, False], ids=["redis", "per-process"])
def test_a_domain_changed_on_another_server_is_seen_by_every_worker(
    site_mm, redis_url, shared, tmp_path
):
    """The writer stands for another app server: it shares the database and,
    with CACHE_URL, the cache, but not the serving host's files (without a
    shared cache, one host's workers agree through GENERATIONS_DIR files)."""
    cache_env = {"CACHE_URL": redis_url} if shared else {}
    port, server = serve({**cache_env, "GENERATIONS_DIR": str(tmp_path / "server")})
    writer_env = {**cache_env, "GENERATIONS_DIR": str(tmp_path / "other-server")}
    try:
        # Enough requests for both workers to remember the host.
        assert {status(port, "cn-mm.localhost") for _ in range(8)} == {200}
        change_domain("cn-mm.localhost", "cn-mm-new.localhost", writer_env)
        old = {status(port, "cn-mm.localhost") for _ in range(8)}
        new = {status(port, "cn-mm-new.localhost") for _ in range(8)}
    finally:
        server.terminate()
        server.wait(timeout=30)
        change_domain("cn-mm-new.localhost", "cn-mm.localhost", writer_env)
        assert Site.objects.get(code="cn-mm").domains.get().domain == "cn-mm.localhost"

    if shared:
        assert old == {404} and new == {200}  # at once, in every worker
    else:
        # The control: without a shared cache, this server's workers still
        # answer for the old name (until the lookup's timeout).
        assert 200 in old
