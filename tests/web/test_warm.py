"""web.warm: a fresh worker loads, before its first request, the routes in
every site language and the project's page templates."""

from django.db import DatabaseError
from django.template import engines
from django.urls import get_resolver

from tenants.models import Site
from web import warm


def test_a_worker_is_warmed_with_routes_in_site_languages_and_page_templates(site_vn, site_id):
    languages = warm.site_languages()
    assert set(site_vn.languages) | set(site_id.languages) <= set(languages)

    warm.warm()

    resolver = get_resolver()
    assert set(languages) <= set(resolver._reverse_dict)
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    names = warm.project_templates()
    assert "base.html" in names and "events/event_list.html" in names
    assert not [name for name in names if "emails" in name or name.startswith("admin/")]
    assert set(names) <= set(loader.get_template_cache)


def test_without_the_database_routes_are_warmed_in_the_default_language(db, settings, monkeypatch):
    def refused(*args, **kwargs):
        raise DatabaseError("no database")

    monkeypatch.setattr(Site.objects, "values_list", refused)
    assert warm.site_languages() == [settings.LANGUAGE_CODE]


def test_a_template_or_route_that_cannot_load_never_stops_the_worker(db, monkeypatch):
    """gunicorn stops the whole server when post_worker_init raises."""
    names = warm.project_templates()[:3]
    monkeypatch.setattr(warm, "project_templates", lambda: names)

    def unreadable(name):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    def broken(urlconf, languages):
        raise ImportError("a view that cannot be imported")

    monkeypatch.setattr(engines["django"].engine, "get_template", unreadable)
    monkeypatch.setattr(warm, "_routes", broken)

    warm.warm()  # logged, not raised
