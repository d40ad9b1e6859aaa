"""What the partner index shows: the filtered, sorted rows, the counts and the map points.

Works on the cities already loaded (with their fields of cooperation prefetched), so the page's
query count does not depend on how many cities there are.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.html import json_script
from django.utils.translation import ngettext, pgettext

from core import memo
from core.i18n import localise_digits, sort_key
from partners.forms import SortOrder
from partners.models import (
    ESTABLISHED_STATUSES,
    FieldOfCooperation,
    LifecycleStatus,
    PartnerCityPage,
    RelationshipKind,
)
from partners.timeline import latest_event_dates

# Rows in the table per page; the map shows them all.
PER_PAGE = 25


@dataclass
class CityRow:
    page: PartnerCityPage
    url: str
    fields: list[str] = field(default_factory=list)
    field_slugs: set[str] = field(default_factory=set)
    activity: dict | None = None
    # Worked out once for the row (the index keeps its rows between requests).
    name_key: tuple = ()
    country_code: str = ""
    map_point: dict | None = None

    def __post_init__(self):
        self.name_key = sort_key(self.page.title)
        self.country_code = self.page.country.code
        self.map_point = self._map_point()

    @property
    def html(self):
        """The row of the table, made once while the memo keeps the rows (core/memo.py)."""
        return memo.rendered(self, "partners/includes/partner_row.html", {"row": self})

    def _map_point(self):
        if self.page.latitude is None or self.page.longitude is None:
            return None
        return {
            "name": self.page.title,
            "url": self.url,
            "lat": float(self.page.latitude),
            "lng": float(self.page.longitude),
            "country": str(self.page.country.name),
            "kind": str(self.page.get_relationship_kind_display()),
        }


def _count_phrase(kind, count):
    phrases = {
        RelationshipKind.SISTER_CITY: ngettext(
            "%(count)s sister city", "%(count)s sister cities", count
        ),
        RelationshipKind.FRIENDSHIP_CITY: ngettext(
            "%(count)s friendship city", "%(count)s friendship cities", count
        ),
        RelationshipKind.COOPERATION_MOU: ngettext(
            "%(count)s cooperation memorandum", "%(count)s cooperation memoranda", count
        ),
        RelationshipKind.NEIGHBOURHOOD_PACT: ngettext(
            "%(count)s neighbourhood pact", "%(count)s neighbourhood pacts", count
        ),
        LifecycleStatus.PROPOSED: ngettext("%(count)s proposed", "%(count)s proposed", count),
    }
    return phrases[kind] % {"count": localise_digits(count)}


def city_rows(cities, request):
    """A row for every city: its URL, fields of cooperation in the reader's language and
    activity (from every timeline, in a few queries)."""
    latest = latest_event_dates(cities)
    all_fields = [f for city in cities for f in city.fields_of_cooperation.all()]
    names = FieldOfCooperation.localised_names(all_fields)
    return [
        CityRow(
            page=city,
            url=city.get_url(request=request),
            fields=sorted(
                (names[f.translation_key] for f in city.fields_of_cooperation.all()),
                key=sort_key,
            ),
            field_slugs={f.slug for f in city.fields_of_cooperation.all()},
            activity=city.activity(latest.get(city.pk)),
        )
        for city in cities
    ]


class PartnerListing:
    """The index's rows for one request: filtered, sorted, and a page of them for the table
    (the map shows every row that matches)."""

    def __init__(self, rows, form, request, derived=None):
        # Worked out from the rows and kept with them when they are kept (core/memo.py).
        self._derived = {} if derived is None else derived
        self.filters = form.filters()
        self.sort = form.sort_order()
        self.all_rows = rows
        self.rows = self._sorted([row for row in self.all_rows if self._matches(row)])
        self.page = Paginator(self.rows, PER_PAGE).get_page(request.GET.get("page"))
        # What the links to the other pages keep.
        self.kept = {**self.filters, **({"sort": self.sort} if self.sort != SortOrder.NAME else {})}

    def _matches(self, row):
        page, wanted = row.page, self.filters
        return (
            wanted.get("region", page.region) == page.region
            and wanted.get("country", row.country_code) == row.country_code
            and wanted.get("kind", page.relationship_kind) == page.relationship_kind
            and wanted.get("status", page.status) == page.status
            and ("field" not in wanted or wanted["field"] in row.field_slugs)
            and ("year" not in wanted or str(page.signed_year) == wanted["year"])
        )

    def _sorted(self, rows):
        by_name = sorted(rows, key=lambda row: row.name_key)
        if self.sort == SortOrder.SIGNED:
            # Newest first; ties with no known date go last, in name order.
            dated = [row for row in by_name if row.page.signed_year]
            undated = [row for row in by_name if not row.page.signed_year]
            dated.sort(
                key=lambda row: row.page.signed_on or datetime.date(row.page.signed_year, 1, 1),
                reverse=True,
            )
            return dated + undated
        return by_name

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def counts(self):
        """``["15 sister cities", "1 neighbourhood pact", "2 proposed"]`` over every city."""
        if "counts" not in self._derived:
            self._derived["counts"] = self._counts()
        return self._derived["counts"]

    def _counts(self):
        pages = [row.page for row in self.all_rows]
        phrases = []
        for kind in RelationshipKind.values:
            count = sum(
                1 for p in pages if p.relationship_kind == kind and p.status in ESTABLISHED_STATUSES
            )
            if count:
                phrases.append(_count_phrase(kind, count))
        proposed = sum(1 for p in pages if p.status == LifecycleStatus.PROPOSED)
        if proposed:
            phrases.append(_count_phrase(LifecycleStatus.PROPOSED, proposed))
        return phrases

    @property
    def counts_text(self):
        return pgettext("list separator", ", ").join(self.counts)

    @property
    def map_points(self):
        return [point for row in self.rows if (point := row.map_point)]

    @property
    def map_data(self):
        """The map's points as the page's JSON script: kept for the whole list, which most
        readers see (a filtered map is smaller, and the filters' combinations are many)."""
        if self.filters or self.sort != SortOrder.NAME:
            return json_script(self.map_points, "partner-map-data")
        if "map" not in self._derived:
            self._derived["map"] = json_script(self.map_points, "partner-map-data")
        return self._derived["map"]
