from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """Layer 3: shared web parts. No models; its system checks, templates,
    template tags and static files (the editors' workspace, the rich-text
    editor) need an app."""

    name = "web"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        from tenants.services import site_parts
        from web import (
            checks,  # noqa: F401  (registers the system checks)
            csrf_tokens,
            workspace,
        )

        csrf_tokens.install()

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

        workspace.register_page(
            workspace.Page("site_settings", _("Site settings"), "tenants.change_site", 90)
        )
        workspace.register_page(
            workspace.Page("site_launch", _("Launch the site"), "tenants.change_site", 95)
        )
