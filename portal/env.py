"""Typed readers for settings that come from the environment.

Each reader rejects a malformed value at start-up with a message naming the
variable, so a typo in a deployment fails loudly instead of silently falling
back to a development default. Every name read is recorded in ``READ``:
a test compares it with the table of variables in DEPLOY.md, so a setting
nobody documented, or a documented one nobody reads, fails the suite.
"""

import os
from email.utils import getaddresses
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

#: Every variable the settings asked for (secrets under their plain name).
READ: set[str] = set()
#: Those that may come from a file instead (``NAME_FILE``).
SECRETS: set[str] = set()


def _raw(name: str) -> str | None:
    READ.add(name)
    return os.environ.get(name)


def env_str(name: str, default: str) -> str:
    raw = _raw(name)
    return default if raw is None else raw


def env_secret(name: str, default: str) -> str:
    """``NAME``, or the content of the file ``NAME_FILE`` names (Docker and
    systemd credentials), without its trailing newline; never both."""
    raw = _raw(name)
    SECRETS.add(name)
    path = os.environ.get(f"{name}_FILE")
    if path is None:
        return default if raw is None else raw
    if raw is not None:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both")
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(
            f"{name}_FILE names a file that cannot be read: {path!r} ({error.__class__.__name__})"
        ) from None


def env_bool(name: str, default: bool) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_float(name: str, default: float, *, low: float, high: float) -> float:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number; got {raw!r}") from None
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name} must be between {low} and {high}; got {value}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = _raw(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_addresses(name: str) -> list[tuple[str, str]]:
    """``"Ops <ops@example.org>, duty@example.org"`` as Django's ``ADMINS``."""
    raw = _raw(name) or ""
    if not raw.strip():
        return []
    pairs = getaddresses([raw])
    if not pairs or any("@" not in address for _name, address in pairs):
        raise ImproperlyConfigured(
            f"{name} must be e-mail addresses separated by commas, "
            f"such as 'Ops <ops@example.org>, duty@example.org'; got {raw!r}"
        )
    return [(display or address, address) for display, address in pairs]


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
