"""Settings the HTTP benchmark serves with: the production settings (read from
the environment bench/http.py sets: DEBUG=0 and so on), plus a URL
configuration that adds a bare view. Never used outside bench/http.py."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
# Collected for this run only (DEBUG is off: the manifest storage needs them).
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
