"""config/settings/production.py: secrets without defaults, and the serving setup it builds."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

REQUIRED = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "diplomat.example",
    "SITE_URL": "https://diplomat.example",
    "RECAPTCHA_PUBLIC_KEY": "public",
    "RECAPTCHA_PRIVATE_KEY": "private",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def load(monkeypatch, **environment):
    for name in [*REQUIRED, "MEDIA_BUCKET", "PRIVATE_BUCKET", "DATABASE_URL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # A fresh run of base.py too: its values then come from this environment, and nothing
    # the running test settings hold is shared with (or changed by) the module.
    sys.modules.pop("config.settings.production", None)
    base = sys.modules.pop("config.settings.base")
    try:
        return importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)
        sys.modules["config.settings.base"] = base


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_a_missing_secret_stops_the_start_naming_the_variable(monkeypatch, missing):
    environment = {name: value for name, value in REQUIRED.items() if name != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        load(monkeypatch, **environment)


def test_persistent_checked_database_connections_and_a_shared_redis_cache(monkeypatch):
    settings = load(monkeypatch, **REQUIRED, DATABASE_URL="postgres://app@db.internal/diplomat")
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    for alias in ("default", "pages"):
        assert settings.CACHES[alias]["BACKEND"] == "core.cache.RedisCache"
        assert settings.CACHES[alias]["LOCATION"] == REQUIRED["REDIS_URL"]
    assert settings.CACHES["default"]["KEY_PREFIX"] != settings.CACHES["pages"]["KEY_PREFIX"]
    assert settings.PAGE_CACHE_ENABLED is True
    assert settings.DEBUG is False
    assert settings.STORAGES["private"]["BACKEND"] == "applications.storage.PrivateStorage"


def test_with_buckets_media_and_cvs_go_to_object_storage_cvs_privately(monkeypatch):
    from storages.backends.s3 import S3Storage

    settings = load(monkeypatch, **REQUIRED, MEDIA_BUCKET="media", PRIVATE_BUCKET="cvs")
    public = S3Storage(**settings.STORAGES["default"]["OPTIONS"])
    private = S3Storage(**settings.STORAGES["private"]["OPTIONS"])
    assert public.bucket_name == "media" and public.querystring_auth is False
    assert private.bucket_name == "cvs"
    assert private.default_acl == "private"
    assert private.querystring_auth is True  # a link to a CV, if ever made, expires
    assert private.bucket_name != public.bucket_name


def test_a_media_bucket_without_a_private_one_stops_the_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_BUCKET"):
        load(monkeypatch, **REQUIRED, MEDIA_BUCKET="media")
