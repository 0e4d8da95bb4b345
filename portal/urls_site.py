"""URLs of a country-pair site (any host that names a site)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import path, re_path

from alerts import views as alerts
from alerts import views_bulletins as bulletins
from cooperation import views as cooperation
from cooperation import views_account as accounts
from cooperation import views_matchmaking as matchmaking
from cooperation import views_people as people
from cooperation.feeds import enterprise_feed, news_feed, opportunity_feed, question_feed
from cooperation.sitemaps import ArticleSitemap
from coordination import views_site as coordination_site
from events import views as events
from events.feeds import event_feed
from search import views as search
from search.feeds import search_feed
from tenants import views as tenants
from tenants.services.branding import VERSION_PATTERN as BRANDING_VERSION
from translations import views as translations
from web import workspace_views as workspace
from web.icons import favicon_ico
from web.routing import remembered
from web.signin import rate_limited_login
from web.sitemaps import StaticPagesSitemap, robots_txt, site_sitemap

urlpatterns = [
    # The admin's login has the limits of the site's own sign-in (web.signin).
    path("admin/login/", rate_limited_login(admin.site.login)),
    path("admin/", admin.site.urls),
    path("branding/theme.css", tenants.theme_css, name="theme_css"),
    path("branding/admin.css", tenants.admin_theme_css, name="admin_theme_css"),
    path("branding/logo.svg", tenants.logo, name="site_logo"),
    # The addresses pages use: they change when the branding does (tenants.views).
    re_path(
        rf"^branding/(?P<version>{BRANDING_VERSION})/theme\.css$",
        tenants.theme_css,
        name="theme_css",
    ),
    re_path(
        rf"^branding/(?P<version>{BRANDING_VERSION})/admin\.css$",
        tenants.admin_theme_css,
        name="admin_theme_css",
    ),
    re_path(
        rf"^branding/(?P<version>{BRANDING_VERSION})/logo\.svg$", tenants.logo, name="site_logo"
    ),
    path(
        "sitemap.xml",
        site_sitemap,
        {
            "sitemaps": {
                "pages": StaticPagesSitemap(
                    ["home", "article_list", "page_about", "page_privacy", "page_accessibility"]
                ),
                "news": ArticleSitemap,
            }
        },
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", tenants.site_media, name="site_media"),
]
urlpatterns += i18n_patterns(
    path("", cooperation.home, name="home"),
    # Where someone reading the site in a language looks for it.
    # Its index only: a deeper path would be found again by the language
    # middleware for every admin 404 (/admin/x → /en/admin/x → /admin/x …).
    path("admin/", workspace.admin_in_language, name="admin_in_language"),
    path("news/", cooperation.article_list, name="article_list"),
    path("news/feed.atom", news_feed, name="news_feed"),
    path("news/<slug:slug>/", cooperation.article_detail, name="article_detail"),
    path("search/", search.search_page, name="search"),
    path("about/", cooperation.site_page, {"kind": "about"}, name="page_about"),
    path("privacy/", cooperation.site_page, {"kind": "privacy"}, name="page_privacy"),
    path(
        "accessibility/",
        cooperation.site_page,
        {"kind": "accessibility"},
        name="page_accessibility",
    ),
    path("search/feed.atom", search_feed, name="search_feed"),
    path("products/lookup/", search.product_lookup, name="product_lookup"),
    path("opportunities/", cooperation.opportunity_list, name="opportunity_list"),
    path("opportunities/post/", cooperation.opportunity_post, name="opportunity_post"),
    path("opportunities/feed.atom", opportunity_feed, name="opportunity_feed"),
    path("opportunities/<int:pk>/", cooperation.opportunity_detail, name="opportunity_detail"),
    path(
        "opportunities/<int:pk>/interest/",
        matchmaking.opportunity_interest,
        name="opportunity_interest",
    ),
    path("questions/", cooperation.question_list, name="question_list"),
    path("questions/feed.atom", question_feed, name="question_feed"),
    path("questions/ask/", cooperation.question_ask, name="question_ask"),
    path("questions/<int:pk>/", cooperation.question_detail, name="question_detail"),
    path("editor/", workspace.dashboard, name="workspace"),
    path("editor/site/", workspace.site_settings, name="site_settings"),
    path("editor/launch/", workspace.site_launch, name="site_launch"),
    path("editor/slug/", workspace.slug_suggestion, name="slug_suggestion"),
    path("editor/uploads/", workspace.rich_text_upload, name="rich_text_upload"),
    path("editor/questions/", cooperation.question_desk, name="question_desk"),
    path("editor/people/", people.people, name="workspace_people"),
    path(
        "editor/people/<int:pk>/withdraw/<str:role>/",
        people.withdraw,
        name="workspace_people_withdraw",
    ),
    path("enterprises/", cooperation.enterprise_list, name="enterprise_list"),
    path("enterprises/feed.atom", enterprise_feed, name="enterprise_feed"),
    path("enterprises/<slug:slug>/", cooperation.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<slug:slug>/meet/", matchmaking.enterprise_meet, name="enterprise_meet"),
    path("account/", matchmaking.dashboard, name="dashboard"),
    path("account/signup/", accounts.signup, name="account_signup"),
    path("account/confirm/<uidb64>/<token>/", accounts.confirm, name="account_confirm"),
    path("account/login/", accounts.SiteLoginView.as_view(), name="account_login"),
    path("account/logout/", LogoutView.as_view(), name="account_logout"),
    path("account/profile/", accounts.profile, name="account_profile"),
    path("account/e-mail-language/", accounts.email_language, name="account_email_language"),
    path("account/close/", accounts.close, name="account_close"),
    path("account/password/", accounts.password_reset, name="password_reset"),
    path("account/password/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "account/password/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "account/password/done/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path(
        "account/opportunities/<int:pk>/edit/",
        cooperation.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "account/opportunities/<int:pk>/withdraw/",
        matchmaking.opportunity_withdraw,
        name="opportunity_withdraw",
    ),
    path("account/requests/<int:pk>/answer/", matchmaking.match_answer, name="match_answer"),
    path("account/requests/<int:pk>/withdraw/", matchmaking.match_withdraw, name="match_withdraw"),
    path("editor/matchmaking/", matchmaking.matchmaking_statistics, name="matchmaking_statistics"),
    path("editor/clashes/", coordination_site.site_clashes, name="site_clashes"),
    path("editor/translations/", translations.translation_status, name="translation_status"),
    path("editor/translations/tasks/", translations.translation_tasks, name="translation_tasks"),
    path(
        "editor/translations/download/",
        translations.translation_download,
        name="translation_download",
    ),
    path("editor/translations/upload/", translations.translation_upload, name="translation_upload"),
    path(
        "editor/translations/<str:label>/<int:pk>/<str:language>/",
        translations.translate_item,
        name="translate_item",
    ),
    path("translations/ask/", translations.ask_translation, name="ask_translation"),
    path("alerts/", alerts.subscribe, name="alert_subscribe"),
    path("alerts/confirm/<str:token>/", alerts.confirm, name="alert_confirm"),
    path("alerts/manage/<str:token>/", alerts.manage, name="alert_manage"),
    path("alerts/unsubscribe/<str:token>/", alerts.unsubscribe, name="alert_unsubscribe"),
    path("account/alerts/<int:pk>/", alerts.mine, name="alert_mine"),
    path("bulletins/", bulletins.bulletin_list, name="bulletin_list"),
    path("bulletins/feed.atom", bulletins.bulletin_feed, name="bulletin_feed"),
    path("bulletins/<str:week>/", bulletins.bulletin_detail, name="bulletin_detail"),
    path("editor/bulletins/", bulletins.bulletin_desk, name="bulletin_desk"),
    path("editor/bulletins/<str:week>/", bulletins.bulletin_edit, name="bulletin_edit"),
    path("events/", events.event_list, name="event_list"),
    path("events/past/", events.event_archive, name="event_archive"),
    path("events/calendar.ics", events.calendar_ics, name="calendar_ics"),
    path("events/feed.atom", event_feed, name="event_feed"),
    path("events/<int:year>/<int:month>/", events.event_month, name="event_month"),
    path(
        "events/registration/<str:token>/cancel/",
        events.registration_cancel,
        name="registration_cancel",
    ),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("events/<slug:slug>.ics", events.event_ics, name="event_ics"),
    path("events/<slug:slug>/attendees.csv", events.attendees_csv, name="attendees_csv"),
)
# Each address resolved once per process and language (web.routing).
urlpatterns = remembered(urlpatterns)

# Error pages in the reader's language and the site's branding (web.errors).
handler400 = "web.errors.bad_request"
handler403 = "web.errors.permission_denied"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
