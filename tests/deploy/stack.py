"""The production stack on this machine, without containers: redis-server,
gunicorn with production settings, and nginx with deploy/nginx/portal.conf.

The nginx site file is the one DEPLOY.md installs; only what must differ on a
test machine is replaced (ports, folders, certificate, domain), and each
replacement must find its text, so the file cannot drift away from the test.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import ROOT, free_port, gunicorn, nginx, production_environment, redis_server

SITE_CONFIG = ROOT / "deploy" / "nginx" / "portal.conf"
UPSTREAM_CONFIG = ROOT / "deploy" / "nginx" / "upstream.conf"
MEDIA_PREFIX = "/_protected_media/"


@dataclass
class Stack:
    folder: Path
    http_port: int
    https_port: int
    app_port: int
    main_config: Path
    static_root: Path
    media_root: Path
    access_log: Path


def _replace(path: Path, replacements: list[tuple[str, str]]) -> str:
    text = path.read_text()
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        if not count:
            raise AssertionError(f"{path.name} no longer contains {pattern!r}")
    return text


def render_upstream_config(*, app_port: int) -> str:
    return _replace(
        UPSTREAM_CONFIG, [(r"server 127\.0\.0\.1:8000 ", f"server 127.0.0.1:{app_port} ")]
    )


def render_site_config(*, http_port: int, https_port: int, folder: Path, domain: str) -> str:
    return _replace(SITE_CONFIG, [
        # IPv6 listeners: not every test machine has ::1.
        (r"\n\s*listen \[::\]:\d+[^;]*;", ""),
        (r"listen 80( default_server)?;", rf"listen 127.0.0.1:{http_port}\1;"),
        (r"listen 443 ssl( http2| default_server)?;", rf"listen 127.0.0.1:{https_port} ssl\1;"),
        (r"/etc/letsencrypt/live/trade\.example\.org/", f"{folder}/tls/"),
        (r"/srv/portal/var/static/", f"{folder}/static/"),
        (r"/srv/portal/media/", f"{folder}/media/"),
        (r"/var/www/acme", f"{folder}/acme"),
        (r"/var/log/nginx/", f"{folder}/"),
        (r"trade\.example\.org", domain),
    ])  # fmt: skip


def main_config(folder: Path, *included: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the site file, in ``folder``."""
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/tmp/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
{"user root;" if _root() else ""}
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    gzip on;
    access_log {folder}/access.log;
{temp}
{chr(10).join(f"    include {path};" for path in included)}
}}
"""


def _root() -> bool:
    import os

    return os.geteuid() == 0


def self_signed_certificate(folder: Path, domain: str) -> None:
    folder.mkdir(parents=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={domain}", "-addext", f"subjectAltName=DNS:{domain},DNS:*.{domain}",
         "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


def nginx_test(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["nginx", "-t", "-c", str(config)], capture_output=True, text=True, timeout=30
    )


@contextmanager
def production_stack(database_url: str, *, domain: str = "localhost", **settings: str):
    """Yields a running ``Stack``; every process is stopped on leaving."""
    folder = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    try:
        with _running(folder, database_url, domain, settings) as stack:
            yield stack
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _running(folder: Path, database_url: str, domain: str, settings: dict[str, str]):
    folder.chmod(0o755)
    for name in ("static", "media", "acme", "tmp"):
        (folder / name).mkdir()
    stack = Stack(
        folder=folder, http_port=free_port(), https_port=free_port(), app_port=free_port(),
        main_config=folder / "nginx.conf", static_root=folder / "static",
        media_root=folder / "media", access_log=folder / "portal.access.log",
    )  # fmt: skip
    self_signed_certificate(folder / "tls", domain)
    upstream_config = folder / "upstream.conf"
    upstream_config.write_text(render_upstream_config(app_port=stack.app_port))
    site_config = folder / "portal.conf"
    site_config.write_text(
        render_site_config(
            http_port=stack.http_port, https_port=stack.https_port, folder=folder, domain=domain
        )
    )
    stack.main_config.write_text(main_config(folder, upstream_config, site_config))
    with ExitStack() as running:
        cache_url = running.enter_context(redis_server(folder / "tmp"))
        env = production_environment(
            DATABASE_URL=database_url,
            PUBLIC_DOMAIN=domain,
            STATIC_ROOT=str(stack.static_root),
            MEDIA_ROOT=str(stack.media_root),
            MEDIA_ACCEL_REDIRECT=MEDIA_PREFIX,
            CACHE_URL=cache_url,
            # What deploy/portal.env.example sets behind nginx.
            USE_X_FORWARDED_PROTO="1",
            REQUEST_ID_HEADER="X-Request-ID",
            TRUSTED_PROXIES="127.0.0.1",
            **settings,
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        running.enter_context(
            gunicorn(env, bind=f"127.0.0.1:{stack.app_port}", log=folder / "gunicorn.log")
        )
        running.enter_context(
            nginx(stack.main_config, ready_port=stack.https_port, log=folder / "nginx.log")
        )
        yield stack
