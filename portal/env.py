"""Typed readers for settings that come from the environment.

Each reader rejects a malformed value at start-up with a message naming the
variable, so a typo in a deployment fails loudly instead of silently falling
back to a development default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def demo_secret_key(path) -> str:
    """A random key made once for this checkout's demo and kept in ``path``
    (under var/, which git ignores), so sign-ins survive a restart and no
    two installs share a key."""
    import secrets
    from pathlib import Path

    path = Path(path)
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= 50:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
