from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and registrations")

    def ready(self) -> None:
        from coordination import sources
        from events import alert_topics, demo, panels, signals, workspace
        from events.models import Event
        from events.models.event import next_change
        from events.services import cohosting
        from events.services.coordination import SOURCE
        from search import registry as search
        from tenants.services import site_parts
        from tenants.services.provisioning import register_demo_loader
        from translations.services import tasks as translation_tasks
        from web import page_cache
        from web import panels as shared

        signals.connect()
        # An event moves from upcoming to past (and starts) with no write.
        page_cache.register_schedule(next_change)
        workspace.register()
        alert_topics.register_topics()
        register_demo_loader(demo.load_demo_events)
        sources.register(SOURCE)
        site_parts.register_tables(
            content=(
                "events.Event",
                "events.Speaker",
                "events.AgendaSession",
                "events.Registration",
                "events.DeclinedCohosting",
            )
        )
        site_parts.register_after_restore(cohosting.after_restore)
        search.register(
            Event,
            search.Searchable(
                kind="event",
                label=_("Events"),
                title="title",
                body=("summary", "description", "venue"),
                url_name="event_detail",
                url_kwargs=lambda event: {"slug": event.slug},
                is_public=lambda event: event.is_published,
                dated=lambda event: event.starts_at,
                ends=lambda event: event.ends_at,
                time_zone=lambda event: event.time_zone,
                copy_of=lambda event: event.origin_code,
                shared_with=cohosting.showing_codes,
            ),
        )
        # Translators are asked for the languages an event lacks when it is
        # published, and readers may ask; both on its origin site only (a
        # co-hosted copy is translated where it is edited).
        translation_tasks.register(
            Event, is_public=lambda event: event.is_published and not event.is_copy
        )
        shared.register(
            shared.DASHBOARD,
            shared.Panel(
                "registrations", 30, "events/panels/dashboard_registrations.html",
                panels.dashboard_registrations,
            ),
        )  # fmt: skip
        shared.register(
            shared.HOME,
            shared.Panel("events", 20, "events/panels/home_events.html", panels.home_events),
        )
        shared.FIGURES["3-events"] = panels.figures
