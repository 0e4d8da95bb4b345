"""web.warm: a fresh worker loads, before its first request, the routes in
every site language, the project's page templates and each site language's
country names in its alphabetical order."""

from django.db import DatabaseError
from django.template import engines
from django.urls import get_resolver

from languages import formatting
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


def test_a_worker_is_warmed_with_the_country_names_of_every_site_language(site_vn, site_id):
    """A form's country field sorts ~250 names for its language on first use
    (pinyin for Chinese): ~0.3 s in the first Chinese page with one, which
    a fresh worker's first visitor would otherwise wait for."""
    formatting._country_choices.cache_clear()

    warm.warm()

    languages = warm.site_languages()
    assert set(site_vn.languages) | set(site_id.languages) <= set(languages)
    assert formatting._country_choices.cache_info().misses == len(languages)
    for language in languages:
        formatting.country_choices(language)
    assert formatting._country_choices.cache_info().misses == len(languages)


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

    def no_names(language):
        raise LookupError(f"no country names in {language}")

    monkeypatch.setattr(formatting, "country_choices", no_names)

    warm.warm()  # logged, not raised
