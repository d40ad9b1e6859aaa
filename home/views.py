from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core.search import MAX_QUERY_LENGTH, clean_query, highlight
from home.models import StandardPage
from partners.models import CulturalWeekPage, PartnerCityPage
from stories.models import StoryPage

PER_PAGE = 10

# The "type" filter: what readers can narrow results to.
TYPES = {
    "stories": (_("Stories"), StoryPage),
    "partners": (_("Partner cities"), PartnerCityPage),
    "weeks": (_("Cultural weeks"), CulturalWeekPage),
    "pages": (_("Pages"), StandardPage),
}


def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    kind = request.GET.get("type", "")
    kind = kind if kind in TYPES else ""
    context = {
        "raw_query": raw[:MAX_QUERY_LENGTH],
        "query": query,
        "too_long": len(raw) > MAX_QUERY_LENGTH,
        "types": [(key, label) for key, (label, _model) in TYPES.items()],
        "selected_type": kind,
        "max_length": MAX_QUERY_LENGTH,
        "results": [],
    }
    if query:
        model = TYPES[kind][1] if kind else Page
        # Results only in the reader's language (filtering on locale_id, which the index has).
        pages = model.objects.live().public().filter(locale=Locale.get_active())
        if not kind:
            pages = pages.type(*(m for _label, m in TYPES.values()))
        results = pages.search(query, operator="and")
        paginator = Paginator(results, PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        specific = {
            p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in page.object_list]).specific()
        }
        context["page"] = page
        context["results"] = [
            {
                "page": specific[r.pk],
                "snippet": highlight(_result_text(specific[r.pk]), query),
                "type": next(
                    (label for label, m in TYPES.values() if isinstance(specific[r.pk], m)), ""
                ),
            }
            for r in page.object_list
            # An alias repeats another language's text (it indexes none of its own, see
            # BasePage.search_text); the search index cannot filter on alias_of, so skip it here.
            if r.pk in specific and not specific[r.pk].alias_of_id
        ]
        context["total"] = paginator.count
    return render(request, "home/search.html", context)


def _result_text(page):
    """The page's readable text, so the snippet can show where the match is."""
    parts = [getattr(page, name, "") for name in ("summary", "intro", "listing_summary")]
    body = getattr(page, "body", None)
    if body is not None:
        parts.extend(page._meta.get_field("body").get_searchable_content(body))
    return " ".join(part for part in parts if part) or page.title
