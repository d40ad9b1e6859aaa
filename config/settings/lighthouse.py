"""``make lighthouse`` (scripts/lighthouse.py): the production settings, served over plain HTTP on
127.0.0.1 with the demo content on a throwaway SQLite database.

Lighthouse grades what a browser receives (the HTML, the static files and their headers), which
the database and the cache backend do not change. So unlike config/settings/bench.py (which
measures the server, on PostgreSQL and Redis), this needs neither: it runs on a fresh clone.
Only what a loopback run needs differs from production: harmless values for the variables
production demands (set before production.py reads them; the environment still wins), no HTTPS
redirect or HSTS, local-memory caches, and collected static files of its own.
"""

import os

for _name, _value in {
    "SECRET_KEY": "lighthouse-only-insecure-key-never-used-outside-127.0.0.1",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1:8000",
    # Not Google's test keys: their system check stops every command under production settings.
    "RECAPTCHA_PUBLIC_KEY": "lighthouse-only",
    "RECAPTCHA_PRIVATE_KEY": "lighthouse-only",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    # Production requires it; the caches are replaced below, so nothing connects to it.
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}.items():
    os.environ.setdefault(_name, _value)

from .production import *  # noqa: E402, F403
from .production import BASE_DIR  # noqa: E402

CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "pages")
}
# Its own copy, so a run never touches the static files another setup collected.
STATIC_ROOT = BASE_DIR / "var" / "lighthouse" / "static"
