"""Site-wide views that know only Wagtail's page tree: pages themselves, the sitemap and
robots.txt."""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from wagtail import views as wagtail_views
from wagtail.models import Page

from core import routing
from core.navigation import public_url


def serve(request, path):
    """Wagtail's page view, with the page found by ``core.routing`` (two queries, whatever the
    page's depth) instead of Wagtail's query per URL segment."""
    routing.route_request(request, path)
    return wagtail_views.serve(request, path)


@cache_control(max_age=3600, public=True)
def sitemap(request):
    """Every public page in every language, each with its translations as hreflang alternates
    (Wagtail's own sitemap has none)."""
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1, alias_of__isnull=True)
        .select_related("locale")
        .order_by("path")
    )
    # .public() already leaves out pages behind a view restriction; a page outside every site
    # has no URL and is left out too.
    urls = {page.pk: page.get_url(request=request) for page in pages}
    pages = [page for page in pages if urls[page.pk]]
    groups = defaultdict(list)
    for page in pages:
        groups[page.translation_key].append(page)
    entries = []
    for page in pages:
        siblings = groups[page.translation_key]
        alternates = [
            {"language": p.locale.language_code, "url": public_url(urls[p.pk])} for p in siblings
        ]
        default = next((a for a in alternates if a["language"] == settings.LANGUAGE_CODE), None)
        entries.append(
            {
                "url": public_url(urls[page.pk]),
                "lastmod": page.last_published_at,
                "alternates": alternates if len(alternates) > 1 else [],
                "x_default": default["url"] if default and len(alternates) > 1 else "",
            }
        )
    return TemplateResponse(
        request, "sitemap.xml", {"entries": entries}, content_type="application/xml; charset=utf-8"
    )


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        f"Sitemap: {public_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
