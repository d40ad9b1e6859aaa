"""Site-wide lookups every page repeats, what pages show of other rows, and markup that is the
same for every reader, kept in each server process until published content changes.

Every page starts the same way: find the site for the request's host, load the request's page
tree (core/routing.py: the home pages, the route, the translations, the main menu) and read the
site's settings. Those rows change only when something is published, unpublished, moved or
deleted, or when a site, setting or restriction is saved, which is exactly when the page cache
moves its generation on (core/page_cache.py). So they are kept in the process under that
generation, and a request first reads the generation (one cache read, shared by every app server
through Redis) and finds them again without a query; a new generation empties the memo.

The same holds for what a page shows from other rows (a story's cities and related stories, a
city's timeline, a week's programme, the images a page shows, a page of search results: see
decision 0006) and for the markup made from them: ``rendered`` keeps a kept row's HTML on the
row, and ``{% memo_fragment %}`` (core/templatetags/memo_tags.py) keeps a part of a template.

What is kept is shared by the requests that use it, the routed page itself included (its
fields, and what it works out from its own content), and nothing that depends on who asks, the
hour or the query string is stored on it (URLs are relative to the site the key names; the site
settings are copied for each request). The page's template is still rendered for every request
around what is kept. This is not the page cache: it works with the page cache
off, for signed-in readers, and for every address (filters, pages of a list) that shows the same
rows. An entry is also recomputed after ``MEMO_SECONDS``: a change made without the signals that
purge (or, in development, in another process, since the local-memory cache is per process) is
seen by then. A preview keeps nothing of its own (the images, documents and pages it shows are
found by their ids).
Switched off by ``MEMO_ENABLED`` (off in the test settings, where rows are created without the
signals that purge; the tests that check the memo switch it on).
"""

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from wagtail.models import Site

from core import page_cache
from core.cache import report_outage

logger = logging.getLogger(__name__)

# The request being served, for page URLs asked for without one (``BasePage.get_url_parts``).
_current_request = contextvars.ContextVar("diplomat_current_request", default=None)

# Entries kept per process: the page trees are one per address, and addresses are the reader's
# to choose; past this the oldest go.
MAX_ENTRIES = 2000

_lock = threading.Lock()
_generation = None
_values = {}  # key: (value, time.monotonic() when computed), least recently used first


def _request_generation(request):
    """The generation this request reads under (read once per request), or None when the memo
    is off or the cache cannot be reached (then everything is computed as if there were no
    memo)."""
    if request is None or not settings.MEMO_ENABLED:
        return None
    if not hasattr(request, "_memo_generation"):
        try:
            request._memo_generation = page_cache.generation()
        except Exception:
            report_outage(logger, "The memo's generation could not be read; computing every lookup")
            request._memo_generation = None
    return request._memo_generation


def get(request, key, compute):
    """``compute()``'s value for ``key``, kept until the next change to published content (and
    at most ``MEMO_SECONDS``)."""
    global _generation
    generation = _request_generation(request)
    if generation is None:
        return compute()
    now = time.monotonic()
    with _lock:
        if _generation is None or generation > _generation:
            # A newer generation: nothing kept is known to be current any more.
            _values.clear()
            _generation = generation
        elif generation < _generation:
            # A request that read the generation before a newer one was seen: its values may be
            # older than what is kept, so it neither uses nor stores any.
            return compute()
        entry = _values.pop(key, None)
        if entry is not None and now - entry[1] < settings.MEMO_SECONDS:
            _values[key] = entry  # back at the end: the least recently used go first
            return entry[0]
    value = compute()
    with _lock:
        if _generation == generation:
            while len(_values) >= MAX_ENTRIES:
                _values.pop(next(iter(_values)))
            _values[key] = (value, now)
    return value


def rendered(owner, template_name, context):
    """``template_name`` rendered with ``context``, kept on ``owner``: a row of a listing the
    memo keeps (per language), whose HTML is then made once per publication instead of once per
    request. A row that is not kept (a preview, the memo off) is rendered for its request only.
    The template must read nothing but ``context`` and the active language."""
    kept = owner.__dict__.setdefault("_memo_rendered", {})
    html = kept.get(template_name)
    if html is None:
        html = kept[template_name] = render_to_string(template_name, context)
    return html


def clear():
    global _generation
    with _lock:
        _values.clear()
        _generation = None


def current_request():
    """The request this thread or task is serving (set by ``SiteMiddleware``), or None."""
    return _current_request.get()


def _find_site(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return get(request, ("site", hostname, port), lambda: Site._find_for_request(request))


class SiteMiddleware:
    """Finds the request's Wagtail site, and the site root paths every page URL is made from,
    in the memo, where ``Site.find_for_request`` and ``Page.get_url`` (which Wagtail and this
    project call) look for them first; and makes the request the current one, so that a page's
    ``url`` asked for without it still finds them there (Wagtail would read the root paths from
    the cache once per page object)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MEMO_ENABLED:
            if not hasattr(request, "_wagtail_site"):
                request._wagtail_site = _find_site(request)
            if not hasattr(request, "_wagtail_cached_site_root_paths"):
                request._wagtail_cached_site_root_paths = get(
                    request, ("site root paths",), Site.get_site_root_paths
                )
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
