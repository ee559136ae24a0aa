"""Settings of the CICA site, read from the environment only.

With no variable set the site runs in production mode and refuses to start
until it is given a secret key and its host names; ``DJANGO_DEBUG=1`` gives the
development defaults (SQLite, a throw-away key, local hosts). Every variable is
listed in ``.env.example`` and in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "django-insecure-development-only-key"
    ALLOWED_HOSTS = env_list(
        "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG is off) needs {names}; set {them}, "
            "or set DJANGO_DEBUG=1 for development.".format(
                names=" and ".join(missing), them="them" if len(missing) > 1 else "it"
            )
        )
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not a real secret: use at least 50 random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "axes",
    "editorial",
    "cica",
    "members",
    "cbm",
    "timeline",
    "secretariat",
    "search",
]

# The apps whose models are the site's content: edited in the admin by the roles of
# editorial/roles.py, and any change to them bumps the content version (cica/caching.py).
CICA_CONTENT_APPS = ("cica", "members", "cbm", "timeline", "secretariat")
# Content editors may change but not delete (a state leaves by a change of status).
CICA_EDITORS_MAY_NOT_DELETE = ("members.state",)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database: cached pages outlive it.
    "cica.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Junk in an admin list's filters or search: the list and a message, not a 500.
    "cica.middleware.AdminJunkQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cica.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cica.urls"
WSGI_APPLICATION = "cica.wsgi.application"

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
                "cica.context_processors.site",
            ],
        },
    },
]

# --- Database and cache -----------------------------------------------------

try:
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
    )

# The cache holds the content version, the visitors' pages and a few lookups. Several
# processes or servers must share it: Redis when REDIS_URL is set (and survive it
# being down, see cica/cache.py); otherwise files on this host in production (shared
# by the workers of one server) and local memory in development.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cica.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cica",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(env_str("CICA_CACHE_DIR") or BASE_DIR / ".cache"),
            "KEY_PREFIX": "cica",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Visitors' pages come from the cache until the content changes (cica/middleware.py);
# CICA_PAGE_CACHE=0 renders every page (for measuring and debugging). In development
# (DEBUG) nothing is cached, so that a template being edited is seen at once. Browsers may keep
# a page for CICA_CACHE_MAX_AGE seconds and shared caches (nginx, a CDN) for
# CICA_CACHE_S_MAXAGE: an edit reaches every visitor within that time.
CICA_PAGE_CACHE = env_bool("CICA_PAGE_CACHE", True)
CICA_CACHE_MAX_AGE = env_int("CICA_CACHE_MAX_AGE", 60)
CICA_CACHE_S_MAXAGE = env_int("CICA_CACHE_S_MAXAGE", 60)
# A stored page is replaced when it is stale, and fragments of past content versions are
# never read again; both expire after a day.
CICA_PAGE_CACHE_SECONDS = 24 * 60 * 60

# --- Logins and passwords ---------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After ten failed logins to one account, that account is locked for an hour, and so
# is an address that makes ten failed attempts whatever the accounts (or until
# "manage.py axes_reset_username <name>" / "axes_reset_ip <address>"); attempts during
# the lock count too. A right password forgets the failures of its own account only
# (cica/logins.py): a login to one account must not clear the guesses made at another,
# nor the count of the address they came from.
AXES_FAILURE_LIMIT = env_int("CICA_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("CICA_LOGIN_LOCKOUT_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "cica.logins.LoginAttemptHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cica.logins.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cica.logins.client_address"
AXES_VERBOSE = False
# How many proxies stand in front of the app servers, each adding the address it was
# reached from to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for). The visitor's
# address is the entry the outermost proxy added, the CICA_PROXY_COUNT-th from the
# right; whatever stands further left the visitor wrote and is never believed. With 0
# the header is ignored and the address is the connection's (REMOTE_ADDR).
CICA_PROXY_COUNT = env_int(
    "CICA_PROXY_COUNT", 1 if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else 0
)
if CICA_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"CICA_PROXY_COUNT must be 0 or more, not {CICA_PROXY_COUNT}.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("zh-hans", _("Simplified Chinese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats of our own where Django's differ from the house style (cica/formats/).
FORMAT_MODULE_PATH = ["cica.formats"]
USE_I18N = True
USE_TZ = True
# The Secretariat sits in Astana; "today" (current chairmanship, current
# officials) is its calendar day.
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Almaty")

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "zh-hans", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Forms insist on English; completeness of the other languages is reported by
# the translation report rather than enforced field by field.
MODELTRANSLATION_REQUIRED_LANGUAGES = ("en",)
# The languages "manage.py translation_report" requires complete before a deployment.
CICA_REQUIRED_LANGUAGES = env_list("CICA_REQUIRED_LANGUAGES", ["en", "ru"])

# The admin's translation tabs need jQuery UI; serve our own copy instead of
# modeltranslation's default, a public CDN the back office may not reach.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and uploaded files ----------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the app folders (no collectstatic).
WHITENOISE_AUTOREFRESH = DEBUG

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Largest PDF an editor may upload as a document.
CICA_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024

# --- Security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"database_down": {"()": "cica.log.DatabaseDownLogFilter"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes reports every login at INFO; keep its warnings (lockouts) only.
    "loggers": {
        "axes": {"level": "WARNING"},
        # pypdf warns once per flaw of an uploaded PDF, thousands of lines for a hostile
        # one; the upload's form error already says what was wrong.
        "pypdf": {"level": "ERROR"},
        "django.request": {"filters": ["database_down"]},
    },
}
