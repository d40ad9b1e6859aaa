"""The benchmark's URLconf: the site's own, plus a bare view that measures the framework's floor
(the whole middleware stack and URL resolution, no template, no query)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns


# never_cache: a page cache must not turn the floor into a cache hit.
@never_cache
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# The site's patterns are spliced in, not include()d: Django allows i18n_patterns only in the
# root URLconf.
urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
