"""Production: every secret comes from the environment and a missing one stops the start."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
# Old keys still accepted for signatures while a new one takes over (docs/security.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Canonical and alternate links are built from it, so it must be the public address.
WAGTAILADMIN_BASE_URL = env("SITE_URL")
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY")

# Copies, never changes in place: the base module's dicts may be shared with other settings.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# PostgreSQL: one connection per worker kept for CONN_MAX_AGE seconds and checked before it is
# reused, so a database restart or a failover costs one reconnect, not errors.
DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}

# Redis holds the caches every app server shares: pages (and their purge), the login rate
# limit, site settings. Required: a per-process cache would purge one server only.
REDIS_URL = env("REDIS_URL")
CACHES = {
    alias: {
        "BACKEND": "core.cache.RedisCache",  # Django's, sharing its Redis client
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": alias,
    }
    for alias in ("default", "pages")
}

# Media on S3-compatible object storage when a bucket is named (docs/deployment.md): public
# images and documents in one bucket, CVs in a second, private one that is never linked to;
# the permission-checked view streams them.
MEDIA_BUCKET = env("MEDIA_BUCKET", default="")
if MEDIA_BUCKET:
    _s3 = {
        "endpoint_url": env("S3_ENDPOINT_URL", default=None),
        "region_name": env("S3_REGION", default=None),
        "access_key": env("S3_ACCESS_KEY_ID", default=None),
        "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": MEDIA_BUCKET,
            "custom_domain": env("MEDIA_DOMAIN", default=None),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env("PRIVATE_BUCKET"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }
    # Pages show images from the bucket: its address (or MEDIA_DOMAIN) must be in MEDIA_ORIGINS
    # for the Content-Security-Policy to allow them.
