"""Who is on the other end of a request: the one place that decides.

Behind nginx every request comes from the proxy's own address, so keying
rate limits, sign-in lockouts (django-axes) or log lines on ``REMOTE_ADDR``
turns all visitors into one client. The address a proxy reports in its
header is believed only when the request really comes from a proxy listed in
``TRUSTED_PROXIES`` (addresses or networks); otherwise the header is whatever
the client typed and is ignored. Off by default: with no trusted proxy the
connection's own address is the client.

The header is read from the right: each trusted proxy appends the address it
saw, so the first address from the right that is not a trusted proxy is the
client (``X-Forwarded-For: spoofed, 203.0.113.7`` through nginx is
203.0.113.7, whatever the client put in front).
"""

import functools
import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def parse_trusted_proxies(entries: list[str]) -> list[str]:
    """The entries as given, after checking each is an address or a network;
    raises ``ValueError`` naming the first that is neither (settings turn it
    into a start-up error)."""
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ValueError(f"not an IP address or network: {entry!r}") from None
    return list(entries)


def header_meta_key(header: str) -> str:
    """``X-Forwarded-For`` → ``HTTP_X_FORWARDED_FOR`` (how WSGI names it)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def _address(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    raw = raw.strip()
    if raw.startswith("[") and "]" in raw:  # [2001:db8::1]:443
        raw = raw[1 : raw.index("]")]
    elif raw.count(":") == 1:  # 203.0.113.7:51234
        raw = raw.split(":", 1)[0]
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as a string ("unknown" when there is none)."""
    return client_ip(request) or "unknown"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when the request has none (django-axes
    stores it in an address column)."""
    peer = _address(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(peer, networks):
        return str(peer)
    hops = request.META.get(header_meta_key(settings.TRUSTED_PROXY_HEADER), "")
    client = peer
    for raw in reversed(hops.split(",")):
        address = _address(raw)
        if address is None:
            break  # a malformed entry: nothing to its left can be believed
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


class ClientAddressFilter(logging.Filter):
    """Adds ``client`` (this module's answer) to log records made for a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.client = client_address(request) if isinstance(request, HttpRequest) else "-"
        return True
