"""Whole-page cache for anonymous readers, purged whenever published content changes.

A public page shows other content: an index lists its children, a city's timeline shows
stories and cultural weeks, the home page the latest of everything. Working out which cached
pages show a changed item is fragile, so a change purges them all at once: every key carries
a *generation* number kept in the same cache, and publishing, unpublishing, moving or deleting
a page, or saving anything a page shows (a snippet, an image, a setting, a road map), moves the
generation on. With Redis the generation is shared by every app server.

Stored: 200 answers to anonymous GET/HEAD requests outside the admin that set no cookie and
do not say private/no-store (the application form, its confirmation and anything personal
say no-store, so they never are). Not stored, nor served from the cache: any request that
carries a session cookie (editors, reviewers), whose pages show the Wagtail user bar.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.cache import report_outage

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# The query parameters public pages read (filters, sorting, pages, search). An address with any
# other is answered but not stored, so made-up query strings cannot fill the cache.
KNOWN_PARAMETERS = {
    "q",
    "type",
    "page",
    "region",
    "country",
    "kind",
    "status",
    "field",
    "year",
    "month",
    "sort",
    "city",
    "tag",
    "day",
    "category",
}
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")
# The policy is added again on the way out (its middleware sits outside this one), so a
# changed policy applies to cached pages at once.
DROPPED_HEADERS = {"content-security-policy", "x-page-cache", "date"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation():
    value = _cache().get(GENERATION_KEY)
    if value is None:
        # A new cache (or one that lost the key) starts a new generation, never reuses one.
        value = time.time_ns()
        _cache().add(GENERATION_KEY, value, timeout=None)
        value = _cache().get(GENERATION_KEY, value)
    return value


def _new_generation():
    try:
        # One more than the last (atomic, so generations only grow, whichever server's clock):
        # core/memo.py tells an older generation from a newer one.
        try:
            _cache().incr(GENERATION_KEY)
        except ValueError:  # no generation yet
            _cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # the cache server is down: nothing is being served from it either
        report_outage(logger, "The page cache could not be purged")


def purge(**kwargs):
    """Forget every cached page (signal receivers pass their arguments through): now, and again
    once the change is committed, since a reader between the two would otherwise cache the rows
    as they were before under the new generation."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _key(request, gen):
    # Hashed: a query string is the visitor's to choose, so its length and characters are too.
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"page-cache:{gen}:{hashlib.sha256(address).hexdigest()}"


def _bypass(request):
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES))
        or not set(request.GET).issubset(KNOWN_PARAMETERS)
    )


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return response.get("Content-Type", "").startswith(CACHEABLE_TYPES)


def _mark_public(response):
    """Let a CDN keep the page (FRONTEND_CACHE_* settings make Wagtail purge it there) while
    browsers check back every time."""
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE
    )
    patch_vary_headers(response, ["Cookie"])
    # nginx's micro-cache (docs/deployment.md) would otherwise keep the page for s-maxage with
    # nothing to purge it; this header outranks Cache-Control for nginx alone, which drops it.
    response["X-Accel-Expires"] = str(settings.PAGE_CACHE_PROXY_SECONDS)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or _bypass(request):
            response = self.get_response(request)
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response

        try:
            key = _key(request, generation())
            stored = _cache().get(key)
        except Exception:
            # Without its cache the site is slower, not down: the application form above all.
            report_outage(logger, "The page cache is unavailable; serving uncached")
            return self.get_response(request)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            _mark_public(response)
            return response

        response = self.get_response(request)
        if _storable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in DROPPED_HEADERS
            }
            try:
                _cache().set(key, (headers, response.content), timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:
                report_outage(logger, "The page cache is unavailable; the page was not stored")
                return response
            response["X-Page-Cache"] = "miss"
            _mark_public(response)
        return response


# What pages show, by app label or app_label.model: saving or deleting one purges the cache.
PURGED_BY = {
    "core",
    "home",
    "partners",
    "stories",
    # Pages purge through Wagtail's publish, unpublish and move signals and their deletion,
    # not on every draft save; of Wagtail's own models, those that change what readers see.
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",  # not its renditions, made while pages render
    "wagtaildocs.document",
    "wagtailredirects",
    "taggit",
    "applications.roadmapmeeting",
    "applications.roadmapitem",
    "applications.application",  # accepted facilitators who consented are named on city pages
}


def purge_on_save(sender, instance=None, created=False, raw=False, signal=None, **kwargs):
    from django.db.models.signals import post_save
    from wagtail.models import Page

    if raw:
        return  # loading fixtures: not a change anyone is reading yet
    if isinstance(instance, Page):
        if signal is post_save:
            return  # a draft, or a step of a publish that page_published reports
        purge()  # a deleted page
        return
    meta = sender._meta
    if meta.app_label not in PURGED_BY and meta.label_lower not in PURGED_BY:
        return
    if created and meta.label_lower == "applications.application":
        return  # a new application is never shown publicly
    purge()


def purge_cdn_listings(instance, **kwargs):
    """Wagtail's frontend cache purges a published page's own URLs from the CDN; the pages
    above it (the home page, its index) list it, so they go too. Other pages showing it (a
    city's timeline) age out after PAGE_CACHE_SHARED_MAX_AGE."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).live().specific())
    batch.purge()


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_cdn_listings, dispatch_uid=f"page-cache-cdn-{id(signal)}")
    post_save.connect(purge_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(purge_on_save, dispatch_uid="page-cache-delete")
