"""Deployment checks (``manage.py check --deploy``) for what the settings
alone cannot refuse: they are legal, only unwise in production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
