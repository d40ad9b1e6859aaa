"""The test suite: fast hashing, in-memory email, SQLite unless DATABASE_URL is set."""

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Tests render what they just built; the page cache has its own tests, which switch it on.
PAGE_CACHE_ENABLED = False
# Tests create pages without the publish signals that move the generation on (core/memo.py).
MEMO_ENABLED = False
ALLOWED_HOSTS = ["*"]
# The public address canonical and hreflang links are built on (not the request's host).
WAGTAILADMIN_BASE_URL = "https://diplomat.example"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
# The real database queue: tests run the worker to send what was queued.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "applications": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["applications"]},
}
