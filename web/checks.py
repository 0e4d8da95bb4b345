"""System checks of the web layer (``manage.py check``, ``check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from web.devkey import is_local_host, non_local_hosts, uses_development_key


@register(Tags.security)
def development_key_only_on_loopback(app_configs, **kwargs) -> list[Error]:
    if not uses_development_key(settings.SECRET_KEY):
        return []
    errors = []
    if not is_local_host(settings.PUBLIC_DOMAIN):
        errors.append(
            Error(
                "The development SECRET_KEY is in use with a public domain "
                f"({settings.PUBLIC_DOMAIN}).",
                hint="Set SECRET_KEY to a long random value (python -c "
                "'import secrets; print(secrets.token_urlsafe(50))').",
                id="web.E001",
            )
        )
    hosts = non_local_hosts(list(settings.ALLOWED_HOSTS))
    if hosts:
        errors.append(
            Error(
                "The development SECRET_KEY is in use with ALLOWED_HOSTS that are not local: "
                + ", ".join(hosts),
                hint="Set SECRET_KEY to a long random value.",
                id="web.E002",
            )
        )
    return errors
