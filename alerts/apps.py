from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Layer 6: e-mail alerts on new content, digests and the weekly bulletin
    of each site, sent by jobs (``alerts.jobs``, ``manage.py run_jobs``).

    What is new comes from the search layer (``search.query.matching``);
    content apps offer topics to follow (``alerts.topics``); it imports none
    of them.
    """

    name = "alerts"
    verbose_name = _("Alerts and bulletins")

    def ready(self) -> None:
        from alerts import demo, panels
        from tenants.services import site_parts
        from tenants.services.provisioning import register_demo_loader
        from web import panels as shared
        from web import workspace

        # Subscribers and what was sent to them are the site's own people.
        site_parts.register_tables(
            content=(
                "alerts.Subscription", "alerts.Delivery", "alerts.Bulletin", "alerts.BulletinItem"
            )
        )  # fmt: skip
        workspace.register_page(
            workspace.Page(
                "bulletin_desk", _("Weekly bulletin"), perm="alerts.change_bulletin", order=60
            )
        )
        shared.register(
            shared.DASHBOARD,
            shared.Panel(
                "alerts", 50, "alerts/includes/dashboard_section.html", panels.dashboard_alerts
            ),
        )
        # Last: the bulletin is made of the content the other apps' demo loads.
        register_demo_loader(demo.send_demo_bulletin, after_content=True)
