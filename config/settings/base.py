"""Settings shared by every environment.

Every value that varies between machines is read from the environment through one typed reader
(django-environ). Secrets have no default here: dev.py and test.py give harmless ones, production.py
demands them.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "partners",
    "stories",
    "applications",
    "home",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_recaptcha",
    "django_countries",
    "leaflet",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Last, as its documentation asks: it wraps the authentication of everything above.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "core.memo.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anyone who may not see applications finds nothing under /admin/applications/.
    "applications.middleware.ReviewersOnlyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.admin_access.AdminSessionMiddleware",
    "core.admin_access.LoginRateLimitMiddleware",
    # Last, as django-axes asks: it answers a locked-out login before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
# With persistent connections (?conn_max_age=N in DATABASE_URL), a database restart leaves every
# server thread holding a dead connection, and each would fail its next request; checked first,
# it is replaced instead (tests/resilience/test_database_restart.py).
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Persian is the default and lives at "/", English at "/en/". Adding a content language
# is a change here plus a data migration that creates its Locale (see docs/i18n.md).
LANGUAGE_CODE = "fa"
LANGUAGES = [
    ("fa", _("Persian")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", default="Asia/Tehran")
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # CVs: files under PRIVATE_MEDIA_ROOT with random names, no public URL.
    "private": {"BACKEND": "applications.storage.PrivateStorage"},
}

# Citizen diplomats' CVs: never under MEDIA_ROOT, never served by the web server; only the
# permission-checked download view reads them (see docs/pipeline.md).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")

# Local memory unless CACHE_URL names a server (production.py builds both from REDIS_URL, so
# that every app server shares them and a purge on one reaches all). Pages have their own
# alias: purging them touches nothing else.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://diplomat"),
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# A mail server that stops answering must not hold a worker (and the email's row) for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Diplomat <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", default="Diplomat")
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt", "zip"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Text is normalised in Python before indexing and searching (core/search.py), so PostgreSQL's
# language-neutral "simple" configuration serves Persian and English alike.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}

# reCAPTCHA keys; dev and test use the documented test keys.
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", default="")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", default="")
RECAPTCHA_DOMAIN = env("RECAPTCHA_DOMAIN", default="www.google.com")

RECAPTCHA_MODE = env("RECAPTCHA_MODE", default="v2")  # "v2" (checkbox) or "v3" (score)
RECAPTCHA_REQUIRED_SCORE = env.float("RECAPTCHA_REQUIRED_SCORE", default=0.5)
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 5

# Background work. Wagtail's own tasks run at once ("default"); the applicant emails go through
# the database queue, in the same transaction as the application, and a `db_worker` sends them.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "applications": {
        "BACKEND": env("APPLICATION_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["applications"],
    },
}

# The citizen-diplomat pipeline (docs/pipeline.md).
APPLICATION_RETENTION_DAYS = env.int("APPLICATION_RETENTION_DAYS", default=365)
APPLICATION_WITHDRAW_LINK_DAYS = env.int("APPLICATION_WITHDRAW_LINK_DAYS", default=180)
APPLICATION_RATE_LIMIT_WINDOW = env.int("APPLICATION_RATE_LIMIT_WINDOW", default=3600)
APPLICATION_RATE_LIMIT_PER_CLIENT = env.int("APPLICATION_RATE_LIMIT_PER_CLIENT", default=5)
APPLICATION_RATE_LIMIT_PER_EMAIL = env.int("APPLICATION_RATE_LIMIT_PER_EMAIL", default=3)
APPLICATION_CV_MAX_BYTES = 5 * 1024 * 1024
# How many reverse proxies (nginx, a load balancer) stand in front of the site, each adding the
# address it saw to X-Forwarded-For; 0 when clients connect directly. The rate limit counts by
# the client's address, so behind a proxy this must be set.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Seconds to wait before each further attempt at an email that failed to send.
APPLICATION_EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]

# Maps: Leaflet (shipped by django-leaflet) with a tile server chosen by the operator.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env(
    "MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
LEAFLET_CONFIG = {"TILES": [("OpenStreetMap", MAP_TILE_URL, MAP_ATTRIBUTION)]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Security headers (docs/security.md). SecurityMiddleware sends nosniff, Referrer-Policy and
# Cross-Origin-Opener-Policy; production.py adds HSTS and Secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # Wagtail's admin reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4, core/csp.py). Public pages: the site's own files only,
# no inline code, so no nonce and nothing that stops a page being cached. Map tiles and media
# may live on other hosts; embeds (video players) are framed from the hosts listed here.


def _origin(url):
    """The scheme and host of an absolute URL (a tile template may name its subdomain {s})."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}.', '*.')}" if parts.netloc else ""


MEDIA_ORIGINS = env.list("MEDIA_ORIGINS", default=[])
EMBED_FRAME_ORIGINS = env.list(
    "EMBED_FRAME_ORIGINS",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *filter(None, [_origin(MAP_TILE_URL)]), *MEDIA_ORIGINS],
        "font-src": [SELF],
        # Nothing of ours fetches, but tools reading the page (Lighthouse's robots.txt check)
        # fetch from within it; the site's own origin only.
        "connect-src": [SELF],
        "frame-src": EMBED_FRAME_ORIGINS or [NONE],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin uses inline scripts and styles, shows images from anywhere an editor points
# it (and its avatars), and frames the site in its preview pane: it gets its own policy, still
# without eval, plugins or other sites framing it.
ADMIN_PATH_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    }
}
# No calls from the admin to wagtail.org for release news, nor staff email hashes sent to
# Gravatar for avatars.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The admin's door (core/admin_access.py and django-axes). Five wrong passwords for one username
# from one address lock that pair out for the cool-off; the login page also takes at most
# LOGIN_RATE_LIMIT attempts per address per window, whatever the usernames.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password"]
LOGIN_RATE_LIMIT = env.int("LOGIN_RATE_LIMIT", default=20)
LOGIN_RATE_LIMIT_WINDOW = env.int("LOGIN_RATE_LIMIT_WINDOW", default=600)
# A signed-in session ends after SESSION_COOKIE_AGE seconds without a request (the editor keeps
# it alive while a page is open), and in any case ADMIN_SESSION_MAX_AGE after signing in.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
ADMIN_SESSION_MAX_AGE = env.int("ADMIN_SESSION_MAX_AGE", default=12 * 3600)

# Whole-page cache for anonymous readers (core/page_cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "pages"
# Site-wide lookups (the site, the page tree a request routes on, the site settings) kept in each
# process under the page cache's generation (core/memo.py); works with the page cache off too.
MEMO_ENABLED = env.bool("MEMO_ENABLED", default=True)
# And no longer than this, for changes made without the signals that purge.
MEMO_SECONDS = env.int("MEMO_SECONDS", default=300)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# How long a CDN in front may keep a page (s-maxage); Wagtail purges a published page there at
# once when FRONTEND_CACHE_* is set, and this bounds how stale an index showing it can be.
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=300)
# How long nginx's micro-cache may keep a page (X-Accel-Expires), which no purge reaches.
PAGE_CACHE_PROXY_SECONDS = env.int("PAGE_CACHE_PROXY_SECONDS", default=1)

# A CDN or caching proxy to purge on publish (Wagtail's frontend cache): "http" (Varnish, nginx
# with a purge endpoint at FRONTEND_CACHE_URL), "cloudflare" or "cloudfront".
FRONTEND_CACHE = env("FRONTEND_CACHE", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_URL"),
    }
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
elif FRONTEND_CACHE == "cloudfront":
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
