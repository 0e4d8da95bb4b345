"""The development SECRET_KEY, and where it may be used: loopback only.

The key is in the source, so anyone can sign with it: confirmation links,
password-reset links, sessions. It is accepted for a server that only this
machine can reach, serving ``localhost`` names; anywhere else the portal
refuses it at three points: settings (a public domain or allowed host that is
not local), the system check (``manage.py check``), and each request (a Host
that is not local, or a client that is not on this machine).
"""

import ipaddress

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_local_host(host: str) -> bool:
    """``localhost``, ``*.localhost`` or a loopback address (a port is ignored)."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):  # [::1]:8000
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_address(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip()).is_loopback
    except ValueError:
        return False


def uses_development_key(secret_key: str) -> bool:
    return secret_key == DEVELOPMENT_SECRET_KEY


def non_local_hosts(hosts: list[str]) -> list[str]:
    """The entries of an ALLOWED_HOSTS-like list that name a non-local host
    (``*`` names none in particular: requests are checked one by one)."""
    return [host for host in hosts if host not in {"*", ""} and not is_local_host(host.lstrip("."))]
