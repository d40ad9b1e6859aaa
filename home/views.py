from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core import memo
from core.prefetch import stream_text
from core.routing import PageTree
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
    shown_query = raw[:MAX_QUERY_LENGTH]
    context = {
        "raw_query": shown_query,
        "query": query,
        "too_long": len(raw) > MAX_QUERY_LENGTH,
        "types": [(key, label) for key, (label, _model) in TYPES.items()],
        "selected_type": kind,
        "kept": {"q": shown_query, "type": kind},  # what the links to other pages keep
        "max_length": MAX_QUERY_LENGTH,
        "results": [],
    }
    if query:
        model = TYPES[kind][1] if kind else Page
        # Results only in the reader's language (filtering on locale_id, which the index has).
        pages = model.objects.live().public().filter(locale=_locale(request))
        if not kind:
            pages = pages.type(*(m for _label, m in TYPES.values()))
        results = pages.search(query, operator="and")
        # Ranking every match is the costly part: the first pages' ids and the count are kept
        # by core.memo until the next publication (the results are public pages only).
        locale = _locale(request)
        found = memo.get(request, ("search", locale.pk, kind, query), lambda: _ranked(results))
        paginator = Paginator(_RankedIds(found, results), PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        context["page"] = page
        # The results shown, with their snippets, are kept the same way, per page of results.
        key = ("search-results", locale.pk, kind, query, page.number)
        context["results"] = memo.get(request, key, lambda: _results(page, query))
        context["total"] = paginator.count
    return render(request, "home/search.html", context)


def _results(page, query):
    """The page of results as the template shows them: each page as its own type, with the
    snippet of its text around the match, in one query."""
    specific = _specific([r.pk for r in page.object_list])
    return [
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


# Ranked ids kept per query: enough for the first pages, which is where readers look.
KEPT_RESULTS = 20 * PER_PAGE


def _ranked(results):
    return {"count": results.count(), "ids": [r.pk for r in results[:KEPT_RESULTS]]}


class _Id:
    __slots__ = ("pk",)

    def __init__(self, pk):
        self.pk = pk


class _RankedIds:
    """The paginator's view of the results: the kept ids for the first pages, the search
    itself past them."""

    def __init__(self, found, results):
        self.found, self.results = found, results

    def count(self):
        return self.found["count"]

    def __len__(self):
        return self.found["count"]

    def __getitem__(self, index):
        ids = self.found["ids"]
        if isinstance(index, slice) and (index.stop or 0) <= len(ids):
            return [_Id(pk) for pk in ids[index]]
        return self.results[index]


def _locale(request):
    """The reader's locale, from the home pages the header loads anyway (no query of its own)."""
    tree = PageTree.for_request(request)
    home = tree.homes().get(translation.get_language()) if tree is not None else None
    return home.locale if home is not None else Locale.get_active()


def _specific(pks):
    """The results as their own page types, in one query: each type's table joined to the page
    rather than a query per type."""
    accessors = {model: model._meta.model_name for _label, model in TYPES.values()}
    rows = Page.objects.filter(pk__in=pks).select_related(*accessors.values())
    specific = {}
    for row in rows:
        accessor = accessors.get(row.specific_class)
        specific[row.pk] = getattr(row, accessor) if accessor else row.specific
    return specific


def _result_text(page):
    """The page's readable text, so the snippet can show where the match is."""
    parts = [getattr(page, name, "") for name in ("summary", "intro", "listing_summary")]
    body = getattr(page, "body", None)
    if body is not None:
        parts.extend(stream_text(body))  # without fetching what the body's blocks choose
    return " ".join(part for part in parts if part) or page.title
