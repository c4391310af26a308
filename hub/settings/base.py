"""Settings shared by every environment. Secrets and endpoints come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "hub",
    "accounts",
    "ideas",
    "search",
    "dashboard",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",  # guides: table block
    "wagtail.contrib.routable_page",  # guides/components: RSS and Atom feeds of the index pages
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that the 400 page has the session, the user and the CSP nonce of the site layout.
    "hub.middleware.RejectControlCharactersMiddleware",
]

# Pages served to anonymous visitors again from each process's memory (hub/page_cache.py): 0 turns
# it off (development, tests); production keeps them PAGE_CACHE_SECONDS at most.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# A page rendered this soon after a change is served, not kept: the search engine shows a written
# document within its refresh interval (about a second), other processes commit theirs.
PAGE_CACHE_SETTLE_SECONDS = 2.0
# Never cached, whoever asks: the admin, accounts, files, the health check (it must say the truth).
PAGE_CACHE_SKIP_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/sante/",
    "/static/",
    "/media/",
    "/compte/",
    "/comptes/",
    "/en/compte/",
    "/en/comptes/",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware") + 1, "hub.page_cache.AnonymousPageCacheMiddleware"
)

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "hub.context_processors.site_context",
                "ideas.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite when DATABASE_URL is unset (the embedded default for `make run`).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log, synced at checkpoints instead of at every commit. Each counted search writes
    # its day's count (search.insight): with SQLite's default rollback journal and full sync, that
    # commit's fsync was most of a search's time (docs/benchmarks.md, typo section). A commit is
    # never half-applied; an OS crash or power cut may lose the last commits (acceptable for the
    # embedded database of `make run`; PostgreSQL is untouched). WAL needs a local disk.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French (Québec) is the default, English is the second locale.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale_overrides/ first: its Québec French wins over our dependencies' catalogues (allauth's « E-mail »).
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images and documents served by Django itself: right for one container with a media
# volume (docker-compose); a reverse proxy or object storage should take over behind a CDN-free
# front end at scale. Off unless asked for (development serves them through DEBUG anyway).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: a real cache, because allauth's rate limits and ours need one. The database by default
# (`make run`, no other server), written in one statement (hub.cache.DatabaseCache); with REDIS_URL,
# Redis, shared by every worker without a query per access, and the sessions read from it (written
# through to the database: a Redis restart signs nobody out). docs/benchmarks.md « Votes sous
# contention » measures both.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "hub.cache.DatabaseCache",
        "LOCATION": "hub_cache",
        "KEY_FUNCTION": "hub.cache.hashed_key",  # no raw IP or address in a stored key
        # Django's default (300) culls a third of the table on every write past it: rate limits forgotten.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # Wagtail writes each image rendition it shows back to the cache (a database write per image per
    # page view with the database cache): kept in each process instead. A rendition's key names its
    # image's file hash, so a replaced file never serves a stale rendition.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hub-renditions",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": "hub.cache.hashed_key",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Email: console in development, SMTP from EMAIL_URL-like settings elsewhere.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hub du CQEN <ne-pas-repondre@cqen.gouv.qc.ca>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks): immediate unless a worker is configured.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Search engine: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "hub")

# Wagtail
WAGTAIL_SITE_NAME = "Hub du CQEN"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# The Wagtail API's own `search` parameter is off: the hub has its search API (/api/v1/search/),
# and Wagtail's database search turns a stray quote into a 500 on SQLite.
WAGTAILAPI_SEARCH_ENABLED = False

# Security headers valid everywhere; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy: everything from our own origin, scripts only with a nonce or a file.
# The Wagtail admin still ships inline scripts, so it is left out of the policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Contacts shown in the footer and the privacy policy.
HUB_CONTACT_EMAIL = os.environ.get("HUB_CONTACT_EMAIL", "cqen@mcn.gouv.qc.ca")
PRIVACY_OFFICER_EMAIL = os.environ.get("PRIVACY_OFFICER_EMAIL", "protection.renseignements@mcn.gouv.qc.ca")
PRIVACY_OFFICER_NAME = os.environ.get(
    "PRIVACY_OFFICER_NAME", _("Responsable de la protection des renseignements personnels")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Both search clients log every request at INFO: noise in production, and time on each search.
        "elastic_transport": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Search (search/, app label hubsearch) -------------------------------------------------
# OPENSEARCH_URL selects the opensearch-py transport (the local engine/ node), ELASTICSEARCH_URL
# the elasticsearch client (production, docker-compose); neither: the database search engine.
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
SEARCH_ENGINE_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_TIMEOUT", "5"))
# Suggestions and similar ideas are asked while typing: they give up sooner.
SEARCH_QUICK_TIMEOUT = float(os.environ.get("SEARCH_QUICK_TIMEOUT", "1"))
# Circuit breaker (search/breaker.py): after a failure to reach the engine, searches use the
# database for this many seconds, then one short probe decides.
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
SEARCH_PROBE_TIMEOUT = float(os.environ.get("SEARCH_PROBE_TIMEOUT", "0.25"))
# A sync of the search outbox starts this long after the write that asks for it (search.outbox): the
# writes of that moment are applied together. A crowd voting on one idea otherwise kept the worker
# and the engine rewriting its document back to back, on the cores that serve the votes.
SEARCH_SYNC_DELAY_SECONDS = float(os.environ.get("SEARCH_SYNC_DELAY_SECONDS", "0.5"))
# Make each index write visible at once (tests); production relies on the engine's refresh interval.
SEARCH_REFRESH_ON_WRITE = env_bool("SEARCH_REFRESH_ON_WRITE", False)
# Tags: « signature électronique » is the tag « Signature électronique » (accents too: hub/tags.py).
TAGGIT_CASE_INSENSITIVE = True
# A rebuild gives each bulk chunk SEARCH_REBUILD_TIMEOUT seconds, and sends it up to this many
# times when the node does not answer in time, waiting SEARCH_REBUILD_RETRY_WAIT seconds, then
# twice as long each time (30 s at most).
SEARCH_REBUILD_TIMEOUT = float(os.environ.get("SEARCH_REBUILD_TIMEOUT", "30"))
SEARCH_REBUILD_ATTEMPTS = int(os.environ.get("SEARCH_REBUILD_ATTEMPTS", "5"))
SEARCH_REBUILD_RETRY_WAIT = float(os.environ.get("SEARCH_REBUILD_RETRY_WAIT", "2"))

# --- Accounts, roles and privacy (accounts/, django-allauth) --------------------------------
INSTALLED_APPS += [
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
]
# allauth's middleware after Django's authentication; ours (session end, idle timeout, MFA gate) after messages.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "allauth.account.middleware.AccountMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.middleware.AccountSecurityMiddleware",
)
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"  # the Wagtail admin signs in through allauth (rate limits, MFA)
# Private pages send visitors to allauth's form too (hub/urls.py also redirects Wagtail's _util/login/).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password resets go through allauth too
# Passwords and addresses change on the site's account pages (verification, notifications), not in Wagtail.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

ACCOUNT_ADAPTER = "accounts.adapter.HubAccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapter.HubSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hub du CQEN] "
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell members by email when their password or addresses change
# Rate limits live in the cache (database cache in dev/prod, locmem in tests).
# login_failed: the 6th failed attempt within 5 minutes on one account is refused.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# The client's address, for every per-address limit (allauth's and the hub's, through the account
# adapter's get_client_ip()). 0, the default: no proxy is trusted and X-Forwarded-For is ignored,
# since anyone can write it. Behind N reverse proxies of ours, N: the address the outermost one
# saw is taken from X-Forwarded-For. Or the name of a header one trusted proxy sets (X-Real-IP).
try:
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT") or "0")
except ValueError as exc:
    raise ImproperlyConfigured(
        "ALLAUTH_TRUSTED_PROXY_COUNT must be a whole number of proxies (0 without one)."
    ) from exc
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
# Sign-up is open to these email domains and their subdomains (comma-separated in the environment).
ACCOUNT_ALLOWED_EMAIL_DOMAINS = env_list(
    "ACCOUNT_ALLOWED_EMAIL_DOMAINS",
    "gouv.qc.ca,ssss.gouv.qc.ca,education.gouv.qc.ca,ville.quebec.qc.ca,montreal.ca,ville.laval.qc.ca,"
    "gatineau.ca,ville.sherbrooke.qc.ca,revenuquebec.ca,hydroquebec.com",
)
# Who to write to when one's domain is refused.
ACCOUNT_ACCESS_CONTACT_EMAIL = os.environ.get("ACCOUNT_ACCESS_CONTACT_EMAIL", HUB_CONTACT_EMAIL)

# Roles that must use two-factor authentication before reaching the Wagtail admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hub du CQEN"
# One period either side (RFC 6238, 5.2): a code typed as it rolls over, or a phone clock a few
# seconds off, is still accepted; each code is accepted once (allauth remembers the used ones).
MFA_TOTP_TOLERANCE = 1

# Government single sign-on (OpenID Connect, e.g. an Entra ID tenant), entirely from the environment.
SOCIALACCOUNT_PROVIDERS = {}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
if os.environ.get("OIDC_CLIENT_ID") and os.environ.get("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "gouvernement"),
                "name": os.environ.get("OIDC_NAME", "Authentification gouvernementale"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": os.environ["OIDC_SERVER_URL"]},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }

# Sessions: at most 8 hours, ended after 30 minutes without activity (accounts.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
ACCOUNT_FORMS = {"signup": "accounts.forms.HubSignupForm", "add_email": "accounts.forms.HubAddEmailForm"}

# --- Privacy (browser tests, Loi 25) ---------------------------------------------------------
# The Wagtail admin would load every user's avatar from gravatar.com: no request leaves the hub.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
