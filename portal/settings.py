"""Settings for the trade cooperation portal.

Everything that differs between deployments comes from the environment (see
``portal.env``); the defaults are safe for development and work offline.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from languages.registry import SETTINGS_LANGUAGES
from portal import database
from portal.env import demo_secret_key, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# `make demo` sets PORTAL_DEMO=1 and DEBUG=0: the demo answers as production
# does (error pages in the reader's language, never Django's technical page),
# over plain HTTP on this machine, with static files served by WhiteNoise
# and e-mails printed. `DEBUG=1 make demo` brings the technical pages back.
DEMO = env_bool("PORTAL_DEMO", False)
DEBUG = env_bool("DEBUG", not DEMO)
# Plain HTTP: development, and the demo on this machine.
LOCAL_HTTP = DEBUG or DEMO
_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if DEMO and not DEBUG and not SECRET_KEY:
    SECRET_KEY = demo_secret_key(BASE_DIR / "var" / "demo-secret-key")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off")

# The hub answers on PUBLIC_DOMAIN; every site answers on its own domains,
# which live in the database. The domain table is the real allow-list: the
# tenant middleware answers 404 for any host it does not know.
PUBLIC_DOMAIN = env_str("PUBLIC_DOMAIN", "localhost")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])
# Links that leave their page (e-mails, the hub's list of sites, feeds) are
# built from these and each site's primary domain (tenants.addresses), never
# from the request: behind a proxy its port is gunicorn's.
PUBLIC_URL_SCHEME = env_str("PUBLIC_URL_SCHEME", "http" if LOCAL_HTTP else "https")
if PUBLIC_URL_SCHEME not in {"http", "https"}:
    raise ImproperlyConfigured(
        f"PUBLIC_URL_SCHEME must be http or https; got {PUBLIC_URL_SCHEME!r}"
    )
# Empty for the scheme's default port. In development it defaults to the
# port `make demo` serves on, so links printed by commands run beside the
# demo (provision_site, launch_site, add_site_user) open; `rundemo` sets the
# port it really serves on.
PUBLIC_URL_PORT = env_str("PUBLIC_URL_PORT", "8000" if DEBUG else "")
if PUBLIC_URL_PORT and not (PUBLIC_URL_PORT.isdigit() and 0 < int(PUBLIC_URL_PORT) < 65536):
    raise ImproperlyConfigured(f"PUBLIC_URL_PORT must be a port number; got {PUBLIC_URL_PORT!r}")

# --- Applications -----------------------------------------------------------
SHARED_APPS = [
    "django_tenants",
    "modeltranslation",
    "languages",
    "tenants",
    "translations",
    "coordination",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.sitemaps",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "translations",  # translation bookkeeping lives with each site's content
    "search",
    "cooperation",
    "events",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Site"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# Schema every new site is cloned from; kept migrated with the others.
TEMPLATE_SCHEMA = "site_template"
# django-tenants re-issues SET search_path before each query. Its
# TENANT_LIMIT_SET_CALLS optimisation is left off on purpose: a SET made inside
# a savepoint that is rolled back is undone by PostgreSQL while django-tenants
# still believes it holds, and the next query could run in another site's schema.
TENANT_LIMIT_SET_CALLS = False

MIDDLEWARE = [
    # Outermost, so every response gets the policy, the unknown-host page too.
    "web.security.ContentSecurityPolicyMiddleware",
    "tenants.middleware.SiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tenants.site_languages.SiteLanguageMiddleware",
    "tenants.middleware.ArchivedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tenants.middleware.DraftSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Serves collected static files under gunicorn (and, in the demo, straight
    # from the source folders); runserver does it in DEBUG.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "portal.urls_site"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.site",
                "tenants.context_processors.languages",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
_database_url = env_str("DATABASE_URL", "")
DATABASES = {
    "default": database.config_from_url(
        _database_url or database.embedded_url(BASE_DIR / "var" / "pg")
    )
}
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Site pages sign people in on the site itself (URL names, so the language
# prefix of the page stays); the hub signs coordinators in through its admin.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "web.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "web.passwords.CommonPasswordValidator"},
]

# --- Languages and time -------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = SETTINGS_LANGUAGES
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "zh-hans")
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not LOCAL_HTTP
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The demo needs no collectstatic: WhiteNoise finds the files where they are.
WHITENOISE_USE_FINDERS = DEMO
WHITENOISE_AUTOREFRESH = DEMO

# --- Cache (rate limits of public forms) -------------------------------------
_cache_url = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url.startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Posts of one public form allowed per client address and window.
PUBLIC_FORM_LIMIT = env_int("PUBLIC_FORM_LIMIT", 10)
PUBLIC_FORM_WINDOW_SECONDS = env_int("PUBLIC_FORM_WINDOW_SECONDS", 600)

# --- Mail ---------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if LOCAL_HTTP
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")

# --- Security -------------------------------------------------------------------
SESSION_COOKIE_SECURE = not LOCAL_HTTP
CSRF_COOKIE_SECURE = not LOCAL_HTTP
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_HTTP)
SECURE_HSTS_SECONDS = 0 if LOCAL_HTTP else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL_HTTP
SECURE_HSTS_PRELOAD = not LOCAL_HTTP
# A form sent without its security token gets a page that says what to do.
CSRF_FAILURE_VIEW = "web.errors.csrf_failure"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Site content hooks ---------------------------------------------------------
# Demo content: each content app registers its loader in AppConfig.ready()
# (tenants.services.provisioning.register_demo_loader).
# Shown by ``list_sites``: label and model counted in each site's schema.
SITE_CONTENT_COUNTS = [("articles", "cooperation.Article"), ("events", "events.Event")]
