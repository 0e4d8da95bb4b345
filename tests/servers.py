"""Real servers for tests and benchmarks: gunicorn, nginx, redis-server.

Each is a context manager that starts the program as a child process in its
own process group, waits until it answers, and on leaving stops the whole
group (and waits for it), so nothing outlives the test, whatever it asserts.
Benchmarks use them too (``from tests.servers import gunicorn``).
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(**overrides: str) -> dict[str, str]:
    """The environment of a production run: DEBUG off, a real secret."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PORTAL_TEST_CLOCK_SHIFT_DAYS"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="a-real-secret-for-the-production-test-" + os.urandom(16).hex(),
        PUBLIC_DOMAIN="localhost",
    )
    env.update(overrides)
    return env


def wait_until(ready, *, timeout: float, what: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        with contextlib.suppress(OSError):
            if ready():
                return
        time.sleep(0.1)
    raise TimeoutError(f"{what} was not ready within {timeout:.0f} s")


def stop(process: subprocess.Popen, *, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop ``process`` and its group; kill whatever is left after ``timeout``."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(5)


def http_ok(address: str | tuple[str, int], host: str, path: str = "/healthz") -> bool:
    """True once a GET of ``path`` answers 200 (TCP address or Unix socket path)."""
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family) as connection:
        connection.settimeout(2)
        connection.connect(address)
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
        return connection.recv(64).startswith((b"HTTP/1.0 200", b"HTTP/1.1 200"))


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, bind: str, log: Path, workers: int = 2, timeout: float = 60
) -> Iterator[subprocess.Popen]:
    """``gunicorn -c deploy/gunicorn.conf.py portal.wsgi`` bound to ``bind``
    (``127.0.0.1:PORT`` or ``unix:/path``), ready once /healthz answers."""
    env = {**env, "GUNICORN_BIND": bind, "GUNICORN_WORKERS": str(workers)}
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "portal.wsgi"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    if bind.startswith("unix:"):
        address: str | tuple[str, int] = bind.removeprefix("unix:")
    else:
        host, port = bind.rsplit(":", 1)
        address = (host, int(port))
    try:
        wait_until(
            lambda: http_ok(address, "localhost"), timeout=timeout, what="gunicorn", process=process
        )
        yield process
    except BaseException:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise
    finally:
        stop(process)


@contextlib.contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """A throw-away redis-server on a Unix socket; yields its CACHE_URL."""
    sock = directory / "redis.sock"
    process = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(sock), "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until(sock.exists, timeout=15, what="redis-server", process=process)
        yield f"unix://{sock}"
    finally:
        stop(process)


@contextlib.contextmanager
def nginx(config: Path, *, ready_port: int, log: Path) -> Iterator[subprocess.Popen]:
    """nginx in the foreground with ``config`` (a main configuration file)."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            ["nginx", "-c", str(config), "-g", "daemon off;"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def listening() -> bool:
        with socket.create_connection(("127.0.0.1", ready_port), timeout=1):
            return True

    try:
        wait_until(listening, timeout=15, what="nginx", process=process)
        yield process
    except BaseException:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise
    finally:
        # QUIT: nginx's graceful stop, which also stops its workers.
        stop(process, sig=signal.SIGQUIT)
