"""System checks of the web layer: deployment checks (``manage.py check
--deploy``) for what the settings alone cannot refuse (legal, only unwise in
production), and the development key's check, which runs always."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from web.devkey import is_local_host, non_local_hosts, uses_development_key


@register(Tags.security, deploy=True)
def errors_reach_someone(app_configs, **kwargs) -> list[Warning]:
    # The 500 page tells the visitor the team has been told.
    if settings.ADMINS or getattr(settings, "SENTRY_DSN", ""):
        return []
    return [
        Warning(
            "Nobody is told of server errors.",
            hint="Set ADMINS (e-mail) or SENTRY_DSN; see DEPLOY.md.",
            id="web.W001",
        )
    ]


@register(Tags.security, deploy=True)
def https_redirect_knows_the_scheme(app_configs, **kwargs) -> list[Warning]:
    # Behind a proxy that ends TLS, every request reaches the portal as
    # plain http: without the proxy's word for the scheme, the redirect to
    # https never ends.
    if settings.SECURE_SSL_REDIRECT and not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return [
            Warning(
                "SECURE_SSL_REDIRECT is on but no proxy header gives the scheme.",
                hint="Behind nginx set USE_X_FORWARDED_PROTO=1; serving TLS without a "
                "proxy, ignore this.",
                id="web.W002",
            )
        ]
    return []


@register(Tags.security)
def development_key_only_on_loopback(app_configs, **kwargs) -> list[Error]:
    """The development key is public: it may serve localhost names only."""
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
