"""The benchmark (``make bench``): the production settings, served over plain HTTP on 127.0.0.1.

Only what a loopback benchmark needs differs from production: harmless values for the variables
production demands (set before production.py reads them; the environment still wins), no HTTPS
redirect or HSTS, collected static files of its own, and a URLconf with a bare view, the
framework's floor (config/urls_bench.py). scripts/bench.py passes the database and the rest.
"""

import os

from django.core.exceptions import ImproperlyConfigured

for _name, _value in {
    "SECRET_KEY": "bench-only-insecure-key-never-used-outside-127.0.0.1",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1:8000",
    # Not Google's test keys: their system check stops every command under production settings.
    "RECAPTCHA_PUBLIC_KEY": "bench-only",
    "RECAPTCHA_PRIVATE_KEY": "bench-only",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}.items():
    os.environ.setdefault(_name, _value)

from .production import *  # noqa: E402, F403
from .production import BASE_DIR, DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")

ROOT_URLCONF = "config.urls_bench"
# Its own copy, so a benchmark never touches the static files another setup collected.
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
