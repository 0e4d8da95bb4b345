"""Who gets what: every URL of a site and of the hub, every admin page of every
registered model, for every role, from ONE table.

The test walks the URL configurations and the admin registrations and fails
when one is missing from the table: whoever adds a view or registers a model
adds its row here, with the answer each role must get.

Roles, in the order of each row's answers:

- ``anon``: nobody signed in;
- ``member``: an enterprise member of China–Vietnam;
- ``translator``, ``editor``, ``admin``: staff roles of China–Vietnam;
- ``other``: China–Indonesia's site admin (their session means nothing here);
- ``coord``: a hub coordinator (their session lives in the hub's schema);
- ``launch``: the hub's staff who launch sites (``tenants.add_site`` and
  ``tenants.view_site``, as an official of the ministry would hold; their
  session lives in the hub's schema too).

Answers are HTTP status codes of a GET (302: sent to a sign-in page or
elsewhere, 403: refused, 405: the page takes POST only, 400: a link that is
not valid). Site pages are asked on cn-vn.localhost, hub pages on localhost.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django_tenants.utils import schema_context

from tenants.admin import hub_admin
from tests.factories.accounts import make_member, make_staff

ROLES = ("anon", "member", "translator", "editor", "admin", "other", "coord", "launch")

#: Site pages: URL name → answers (in ROLES order). Kwargs come from KWARGS.
SITE = {
    # name                      anon member transl editor admin other coord launch
    "home":                     "200 200 200 200 200 200 200 200",
    "admin_in_language":        "302 302 302 302 302 302 302 302",
    "article_list":             "200 200 200 200 200 200 200 200",
    "news_feed":                "200 200 200 200 200 200 200 200",
    "article_detail":           "200 200 200 200 200 200 200 200",
    "search":                   "200 200 200 200 200 200 200 200",
    "page_about":               "200 200 200 200 200 200 200 200",
    "page_privacy":             "200 200 200 200 200 200 200 200",
    "page_accessibility":       "200 200 200 200 200 200 200 200",
    "search_feed":              "200 200 200 200 200 200 200 200",
    "product_lookup":           "200 200 200 200 200 200 200 200",
    "opportunity_list":         "200 200 200 200 200 200 200 200",
    "opportunity_post":         "302 200 403 403 403 302 302 302",
    "opportunity_feed":         "200 200 200 200 200 200 200 200",
    "opportunity_detail":       "200 200 200 200 200 200 200 200",
    "opportunity_interest":     "302 200 403 403 403 302 302 302",
    "question_list":            "200 200 200 200 200 200 200 200",
    "question_feed":            "200 200 200 200 200 200 200 200",
    "question_ask":             "200 200 200 200 200 200 200 200",
    "question_detail":          "200 200 200 200 200 200 200 200",
    "question_desk":            "302 403 200 200 200 302 302 302",
    "enterprise_list":          "200 200 200 200 200 200 200 200",
    "enterprise_feed":          "200 200 200 200 200 200 200 200",
    "enterprise_detail":        "200 200 200 200 200 200 200 200",
    "enterprise_meet":          "302 200 403 403 403 302 302 302",
    "dashboard":                "302 200 200 200 200 302 302 302",
    "account_signup":           "200 302 302 302 302 200 200 200",
    "account_confirm":          "400 400 400 400 400 400 400 400",
    "account_login":            "200 302 302 302 302 200 200 200",
    "account_logout":           "405 405 405 405 405 405 405 405",
    "account_profile":          "302 200 403 403 403 302 302 302",
    "account_email_language":   "302 403 200 200 200 302 302 302",
    "account_close":            "302 200 403 403 403 302 302 302",
    "password_reset":           "200 200 200 200 200 200 200 200",
    "password_reset_done":      "200 200 200 200 200 200 200 200",
    "password_reset_confirm":   "200 200 200 200 200 200 200 200",
    "password_reset_complete":  "200 200 200 200 200 200 200 200",
    "opportunity_edit":         "302 200 403 403 403 302 302 302",
    "opportunity_withdraw":     "405 405 405 405 405 405 405 405",
    "match_answer":             "405 405 405 405 405 405 405 405",
    "match_withdraw":           "405 405 405 405 405 405 405 405",
    "matchmaking_statistics":   "302 403 403 200 200 302 302 302",
    "translation_status":       "302 403 200 200 200 302 302 302",
    "translation_tasks":        "302 403 200 200 200 302 302 302",
    # No language asked: nothing to download (a 404 once signed in).
    "translation_download":     "302 403 404 404 404 302 302 302",
    "translation_upload":       "405 405 405 405 405 405 405 405",
    "translate_item":           "302 403 200 200 200 302 302 302",
    "ask_translation":          "405 405 405 405 405 405 405 405",
    "site_clashes":             "302 403 403 200 200 302 302 302",
    "event_list":               "200 200 200 200 200 200 200 200",
    "event_archive":            "200 200 200 200 200 200 200 200",
    "calendar_ics":             "200 200 200 200 200 200 200 200",
    "event_feed":               "200 200 200 200 200 200 200 200",
    "event_month":              "200 200 200 200 200 200 200 200",
    "registration_cancel":      "200 200 200 200 200 200 200 200",
    "event_detail":             "200 200 200 200 200 200 200 200",
    "event_ics":                "200 200 200 200 200 200 200 200",
    "attendees_csv":            "302 403 403 200 200 302 302 302",
    "theme_css":                "200 200 200 200 200 200 200 200",
    "admin_theme_css":          "200 200 200 200 200 200 200 200",
    "workspace":                "302 403 200 200 200 302 302 302",
    "site_settings":            "302 403 403 403 200 302 302 302",
    "workspace_people":         "302 403 403 403 200 302 302 302",
    "workspace_people_withdraw": "302 403 403 403 200 302 302 302",
    "site_launch":              "302 403 403 403 200 302 302 302",
    "slug_suggestion":          "302 400 400 400 400 302 302 302",
    "rich_text_upload":         "405 405 405 405 405 405 405 405",
    "site_logo":                "200 200 200 200 200 200 200 200",
    # Alerts: the links carry a signed token (a made-up one opens nothing).
    "alert_subscribe":          "200 200 200 200 200 200 200 200",
    "alert_confirm":            "404 404 404 404 404 404 404 404",
    "alert_manage":             "404 404 404 404 404 404 404 404",
    "alert_unsubscribe":        "404 404 404 404 404 404 404 404",
    "alert_mine":               "405 405 405 405 405 405 405 405",
    "bulletin_list":            "200 200 200 200 200 200 200 200",
    "bulletin_feed":            "200 200 200 200 200 200 200 200",
    "bulletin_detail":          "200 200 200 200 200 200 200 200",
    "bulletin_desk":            "302 403 200 200 200 302 302 302",
    "bulletin_edit":            "302 403 200 200 200 302 302 302",
    "sitemap":                  "200 200 200 200 200 200 200 200",
    "robots_txt":               "200 200 200 200 200 200 200 200",
    "favicon_ico":              "301 301 301 301 301 301 301 301",
    "site_media":               "200 200 200 200 200 200 200 200",
    "admin/login/":             "200 200 302 302 302 200 200 200",
    # The admin's own pages (its model pages are in SITE_ADMIN below).
    "admin:index":              "302 302 200 200 200 302 302 302",
    "admin:login":              "200 200 302 302 302 200 200 200",
    "admin:logout":             "302 302 405 405 405 302 302 302",
    "admin:password_change":    "302 302 200 200 200 302 302 302",
    "admin:password_change_done": "302 302 200 200 200 302 302 302",
    "admin:jsi18n":             "302 302 200 200 200 302 302 302",
    "admin:autocomplete":       "302 302 403 403 403 302 302 302",
    "admin:view_on_site":       "302 302 404 404 404 302 302 302",
    "admin:app_list":           "302 302 200 200 200 302 302 302",
    "admin:auth_user_password_change": "302 302 403 403 200 302 302 302",
}  # fmt: skip

#: The site admin's registered models: "app.model" → (changelist, change page).
SITE_ADMIN = {
    # model                           changelist                          change page
    "auth.group":              ("302 302 403 403 200 302 302 302", "302 302 403 403 200 302 302 302"),
    "auth.user":               ("302 302 403 403 200 302 302 302", "302 302 403 403 200 302 302 302"),
    "axes.accessattempt":      ("302 302 403 403 200 302 302 302", "302 302 403 403 200 302 302 302"),
    "cooperation.article":     ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.category":    ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.tag":         ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.opportunity": ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.enterprise":  ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.question":    ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.sitepage":    ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "cooperation.topicowner":  ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
    "cooperation.matchrequest": ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
    "events.event":            ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "events.speaker":          ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "events.declinedcohosting": ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
    "events.agendasession":    ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "events.registration":     ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
    "search.productcode":      ("302 302 200 200 200 302 302 302", "302 302 200 200 200 302 302 302"),
    "alerts.subscription":     ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
    "alerts.delivery":         ("302 302 403 200 200 302 302 302", "302 302 403 200 200 302 302 302"),
}  # fmt: skip

#: Hub pages, asked on localhost.
HUB = {
    "hub":                      "200 200 200 200 200 200 200 200",
    "hub_search":               "200 200 200 200 200 200 200 200",
    "hub_events":               "200 200 200 200 200 200 200 200",
    "hub_past_events":          "200 200 200 200 200 200 200 200",
    "hub_sites":                "200 200 200 200 200 200 200 200",
    "favicon_ico":              "301 301 301 301 301 301 301 301",
    "admin_theme_css":          "200 200 200 200 200 200 200 200",
    "coordination":             "302 302 302 302 302 302 200 403",
    "coordination_ics":         "404 404 404 404 404 404 404 404",
    "coordination_calendar":    "302 302 302 302 302 302 200 403",
    "clash_detail":             "302 302 302 302 302 302 200 403",
    "programme_remove":         "405 405 405 405 405 405 405 405",
    # Launching a site takes tenants.add_site: the launcher's only.
    "hub_launch_site":          "302 302 302 302 302 302 403 200",
    # "Site … is created" only for the official who launched it here (state-bound).
    "hub_site_launched":        "302 302 302 302 302 302 403 404",
    # The hub's staff and coordinators choose a new password by e-mail.
    "hub_password_reset":       "200 200 200 200 200 200 200 200",
    "hub_password_reset_done":  "200 200 200 200 200 200 200 200",
    "hub_password_reset_confirm": "200 200 200 200 200 200 200 200",
    "hub_password_reset_complete": "200 200 200 200 200 200 200 200",
    "admin/login/":             "200 200 200 200 200 200 302 302",
    "hub_admin:index":          "302 302 302 302 302 302 200 200",
    "hub_admin:login":          "200 200 200 200 200 200 302 302",
    "hub_admin:logout":         "302 302 302 302 302 302 405 405",
    "hub_admin:password_change": "302 302 302 302 302 302 200 200",
    "hub_admin:password_change_done": "302 302 302 302 302 302 200 200",
    "hub_admin:jsi18n":         "302 302 302 302 302 302 200 200",
    "hub_admin:autocomplete":   "302 302 302 302 302 302 403 403",
    "hub_admin:view_on_site":   "302 302 302 302 302 302 404 404",
    "hub_admin:app_list":       "302 302 302 302 302 302 404 200",
    "hub_admin:auth_user_password_change": "302 302 302 302 302 302 403 403",
}  # fmt: skip

HUB_ADMIN = {
    "tenants.site":            ("302 302 302 302 302 302 403 200", "302 302 302 302 302 302 403 200"),
    "auth.user":               ("302 302 302 302 302 302 403 403", "302 302 302 302 302 302 403 403"),
    "auth.group":              ("302 302 302 302 302 302 403 403", "302 302 302 302 302 302 403 403"),
}  # fmt: skip


MODEL_PAGES = {
    f"{model._meta.app_label}_{model._meta.model_name}_{page}"
    for registry in (admin.site._registry, hub_admin._registry)
    for model in registry
    for page in ("changelist", "add", "change", "delete", "history")
}


def url_names(urlconf: str) -> set[str]:
    """Every view of ``urlconf``: its name (with namespace), or its route when it has none."""
    found: set[str] = set()

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
                continue
            assert isinstance(pattern, URLPattern)
            if pattern.name is None and namespace:
                continue  # the admin's redirects of old model addresses and its catch-all
            if pattern.name is None:
                found.add(prefix + str(pattern.pattern))
            elif namespace and pattern.name in MODEL_PAGES:
                continue  # a model's admin page: SITE_ADMIN / HUB_ADMIN cover those
            else:
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(urlconf).url_patterns, "", None)
    return found


def registered(site) -> set[str]:
    return {f"{model._meta.app_label}.{model._meta.model_name}" for model in site._registry}


def test_every_view_and_every_admin_registration_is_in_the_table():
    site_views = url_names("portal.urls_site")
    hub_views = url_names("portal.urls_public")

    assert site_views - set(SITE) == set(), "add these site views to SITE"
    assert set(SITE) - site_views == set(), "these SITE rows name no view"
    assert hub_views - set(HUB) == set(), "add these hub views to HUB"
    assert set(HUB) - hub_views == set(), "these HUB rows name no view"
    assert registered(admin.site) ^ set(SITE_ADMIN) == set(), "SITE_ADMIN ≠ admin.site"
    assert registered(hub_admin) ^ set(HUB_ADMIN) == set(), "HUB_ADMIN ≠ the hub's admin"


# --- The people and the objects the pages are about -------------------------


@pytest.fixture
def people(client_factory, site_vn, site_id):
    from cooperation.models import Opportunity

    clients = {role: client_factory() for role in ROLES}
    with schema_context(site_vn.schema_name):
        member = make_member(language="en")
        member.enterprise.is_listed = True
        member.enterprise.save()
        own_listing = Opportunity.objects.create(
            kind="supply", title_en="Own pepper", description_en="x", sector="A", country="VN",
            valid_until=timezone.localdate() + datetime.timedelta(days=30), company="Own",
            contact_name="Own", contact_email="own@example.org", language="en",
            status="pending", enterprise=member.enterprise,
        )  # fmt: skip
        clients["member"].force_login(member.user)
        staff_users = {}
        for role in ("translator", "editor", "admin"):
            staff_users[role] = make_staff(role) if role != "admin" else _superuser("vn")
            clients[role].force_login(staff_users[role])
    with schema_context(site_id.schema_name):
        clients["other"].force_login(_superuser("id"))
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name="Hub matrix group")  # the hub's group page needs one
    coordinator = get_user_model().objects.create_user("coord-matrix@example.org", is_staff=True)
    coordinator.user_permissions.add(Permission.objects.get(codename="coordinate"))
    clients["coord"].force_login(coordinator)
    launcher = get_user_model().objects.create_user("launch-matrix@example.org", is_staff=True)
    launcher.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="tenants", codename__in=["add_site", "view_site"]
        )
    )
    clients["launch"].force_login(launcher)
    return clients, {
        "member": member,
        "own_listing": own_listing,
        "coordinator": coordinator,
        "translator": staff_users["translator"],
    }


def _superuser(code: str):
    return get_user_model().objects.create_superuser(f"matrix-admin-{code}@example.org")


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def site_kwargs(site, people_objects) -> dict[str, dict]:
    """Arguments for the site's URL names, from the demo content and the fixture."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from cooperation.models import (
        Article,
        Enterprise,
        MatchRequest,
        Opportunity,
        Question,
        SitePage,
        TopicOwner,
    )
    from events.models import AgendaSession, DeclinedCohosting, Event, Registration

    with schema_context(site.schema_name):
        article = Article.objects.published().first()
        opportunity = (
            Opportunity.objects.open()
            .exclude(enterprise=people_objects["member"].enterprise)
            .first()
        )
        question = Question.objects.published().first()
        enterprise = (
            Enterprise.objects.listed().exclude(pk=people_objects["member"].enterprise_id).first()
        )
        event = Event.objects.published().filter(origin_code="").first()
        registration = Registration.objects.create(
            event=event,
            name="Matrix",
            email="matrix@example.org",
            language="en",
            status="confirmed",
        )
        # Rows for the admin pages of models the demo does not fill.
        TopicOwner.objects.get_or_create(topic="other", email="matrix@example.org")
        SitePage.objects.get_or_create(kind="about", defaults={"title_en": "About", "body_en": "x"})
        MatchRequest.objects.create(
            kind="meeting", sender=people_objects["member"].enterprise, recipient=enterprise,
            message="Matrix",
        )  # fmt: skip
        DeclinedCohosting.objects.create(uid=event.uid, origin_code="cn-id", title="Declined")
        AgendaSession.objects.create(
            event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.starts_at
        )
        bulletin = _bulletins(article)
        AccessAttempt.objects.create(username="x", ip_address="127.0.0.9", failures_since_start=1)
        AccessLog.objects.create(username="x", ip_address="127.0.0.9")
        AccessFailureLog.objects.create(username="x", ip_address="127.0.0.9", locked_out=False)
    from coordination.models import ClashCase

    case = ClashCase.objects.order_by("pk").first()
    today = timezone.localdate()
    return {
        "translate_item": {"label": "cooperation.article", "pk": article.pk, "language": "vi"},
        "clash_detail": {"pk": case.pk},
        "programme_remove": {"pk": 1},
        "article_detail": {"slug": article.slug},
        "opportunity_detail": {"pk": opportunity.pk},
        "opportunity_interest": {"pk": opportunity.pk},
        "question_detail": {"pk": question.pk},
        "enterprise_detail": {"slug": enterprise.slug},
        "enterprise_meet": {"slug": enterprise.slug},
        "account_confirm": {"uidb64": "MQ", "token": "not-a-token"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "not-a-token"},
        "hub_password_reset_confirm": {"uidb64": "MQ", "token": "not-a-token"},
        "opportunity_edit": {"pk": people_objects["own_listing"].pk},
        "opportunity_withdraw": {"pk": people_objects["own_listing"].pk},
        "workspace_people_withdraw": {"pk": people_objects["translator"].pk, "role": "translator"},
        "match_answer": {"pk": 1},
        "match_withdraw": {"pk": 1},
        "event_month": {"year": today.year, "month": today.month},
        "alert_confirm": {"token": "not-a-token"},
        "alert_manage": {"token": "not-a-token"},
        "alert_unsubscribe": {"token": "not-a-token"},
        "alert_mine": {"pk": 1},
        "bulletin_detail": {"week": bulletin.week},
        "bulletin_edit": {"week": bulletin.week},
        "registration_cancel": {"token": registration.token},
        "event_detail": {"slug": event.slug},
        "event_ics": {"slug": event.slug},
        "attendees_csv": {"slug": event.slug},
        "admin:view_on_site": {"content_type_id": 1, "object_id": 1},
        "admin:app_list": {"app_label": "cooperation"},
        "hub_admin:view_on_site": {"content_type_id": 1, "object_id": 1},
        "hub_admin:app_list": {"app_label": "tenants"},
        "hub_site_launched": {"code": site.code},
        "admin:auth_user_password_change": {"id": people_objects["member"].user.pk},
        "hub_admin:auth_user_password_change": {"id": people_objects["coordinator"].pk},
    }


def _bulletins(article):
    """A sent bulletin with one article (the archive shows it), and a task
    result and a subscription with a delivery for the admin's pages."""
    from django_tasks_db.models import DBTaskResult

    from alerts.models import Bulletin, BulletinItem, Delivery, Subscription

    now = timezone.now()
    bulletin = Bulletin.objects.create(
        week="2020-W02", starts_on=datetime.date(2020, 1, 6), ends_on=datetime.date(2020, 1, 12),
        status=Bulletin.Status.SENT, send_after=now, sent_at=now,
    )  # fmt: skip
    BulletinItem.objects.create(bulletin=bulletin, kind="article", object_id=article.pk)
    subscription = Subscription.objects.create(email="matrix@example.org", language="en")
    Delivery.objects.create(subscription=subscription, period="2020-W02")
    DBTaskResult.objects.create(
        task_path="alerts.jobs.run_site", args_kwargs={"args": [], "kwargs": {}},
        queue_name="default", backend_name="default", priority=0, run_after=now,
    )  # fmt: skip
    return bulletin


def _path(name: str, kwargs: dict, urlconf: str, media: str) -> str:
    if name == "site_media":
        return media
    if "/" in name:  # a view without a name: its route
        return "/" + name
    with translation.override("en"):
        return reverse(name, kwargs=kwargs.get(name), urlconf=urlconf)


def _admin_paths(site_registry, namespace: str, schema: str | None) -> dict[str, tuple[str, str]]:
    paths = {}
    for model in site_registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        opts = model._meta
        rows = model._default_manager.all()
        if hasattr(rows, "real"):
            rows = rows.real()  # a site, not the hub's own row (the admin lists only those)
        if schema:
            with schema_context(schema):
                obj = rows.order_by("pk").first()
        else:
            obj = rows.order_by("pk").first()
        assert obj is not None, f"no {label} to open the change page of"
        base = f"{namespace}:{opts.app_label}_{opts.model_name}"
        urlconf = "portal.urls_site" if namespace == "admin" else "portal.urls_public"
        paths[label] = (
            reverse(f"{base}_changelist", urlconf=urlconf),
            reverse(f"{base}_change", args=[obj.pk], urlconf=urlconf),
        )
    return paths


# One case per role: the whole table took one test ~90 s, which set the end
# of `make test`'s first phase on two workers; xdist spreads the roles.
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_answer_the_table_gives(role, people, site_vn, settings):
    from pathlib import Path

    clients, objects = people
    kwargs = site_kwargs(site_vn, objects)
    media_dir = Path(settings.MEDIA_ROOT) / site_vn.schema_name / "attachments"
    media_dir.mkdir(parents=True)
    (media_dir / "matrix.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    media = f"/media/{site_vn.schema_name}/attachments/matrix.pdf"
    checks = []
    for name, answers in SITE.items():
        checks.append(("cn-vn.localhost", _path(name, kwargs, "portal.urls_site", media), answers))
    for label, (changelist, change) in _admin_paths(
        admin.site._registry, "admin", site_vn.schema_name
    ).items():
        checks.append(("cn-vn.localhost", changelist, SITE_ADMIN[label][0]))
        checks.append(("cn-vn.localhost", change, SITE_ADMIN[label][1]))
    for name, answers in HUB.items():
        checks.append(("localhost", _path(name, kwargs, "portal.urls_public", media), answers))
    for label, (changelist, change) in _admin_paths(hub_admin._registry, "hub_admin", None).items():
        checks.append(("localhost", changelist, HUB_ADMIN[label][0]))
        checks.append(("localhost", change, HUB_ADMIN[label][1]))

    # The test client sends every cookie to every host, and a site drops a
    # session cookie it does not know: each request gets the role's own key
    # back (another site's or the hub's key must mean nothing here).
    client = clients[role]
    key = client.cookies["sessionid"].value if role != "anon" else None
    wrong = []
    for host, path, answers in checks:
        expected = dict(zip(ROLES, answers.split(), strict=True))[role]
        client.cookies.clear()
        if key:
            client.cookies["sessionid"] = key
        got = client.get(path, HTTP_HOST=host).status_code
        if str(got) != expected:
            wrong.append(f"{role:<10} {host}{path}: {got}, expected {expected}")

    assert wrong == [], "\n".join(wrong)
