from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Shared web parts"

    def ready(self) -> None:
        from tenants.services import site_parts
        from web import checks  # noqa: F401  (registers the system checks)

        # Sign-in failures and lockouts (django-axes) are a site's own records:
        # backed up and restored with it, never copied into a clone.
        site_parts.register_tables(
            content=(
                "axes.AccessAttempt",
                "axes.AccessAttemptExpiration",
                "axes.AccessLog",
                "axes.AccessFailureLog",
            )
        )
