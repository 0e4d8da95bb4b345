"""Addresses of other sites (and of the hub) from inside a request."""

from django.http import HttpRequest


def host_url(request: HttpRequest, host: str, path: str = "/") -> str:
    """``scheme://host[:port]path``, keeping this request's scheme and port:
    in development every site is served on one port (cn-vn.localhost:8000)."""
    port = request.get_port()
    suffix = "" if port in {"80", "443"} else f":{port}"
    return f"{request.scheme}://{host}{suffix}{path}"


def base_url(request: HttpRequest) -> str:
    """``scheme://host[:port]`` of the site serving this request, for links in e-mails."""
    return f"{request.scheme}://{request.get_host()}"
