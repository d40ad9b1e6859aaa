"""What the story index and a story page show, in a fixed number of queries."""

import datetime
from collections import Counter

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from persiantools.jdatetime import MONTH_NAMES_EN, MONTH_NAMES_FA, JalaliDate
from wagtail.models import Site

from core import memo
from core.i18n import localise_digits, sort_key, uses_persian_digits
from partners.models import FieldOfCooperation, PartnerCityPage
from stories.models import StoryKind, StoryPage

PER_PAGE = 10
# Pages of a list of stories kept by core.memo: far more than 5,000 stories fill.
MAX_KEPT_PAGE = 1000
RELATED_COUNT = 3


def _month_of(day, persian):
    if persian:
        jalali = JalaliDate(day)
        return jalali.year, jalali.month
    return day.year, day.month


def month_range(year, month, persian):
    """The Gregorian [first, after-last) days of a Jalali (Persian) or Gregorian month."""
    if persian:
        first = JalaliDate(year, month, 1).to_gregorian()
        after = JalaliDate(year + (month == 12), month % 12 + 1, 1).to_gregorian()
    else:
        first = datetime.date(year, month, 1)
        after = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, after


def month_label(year, month, persian):
    names = MONTH_NAMES_FA if persian else MONTH_NAMES_EN
    if not persian:
        with translation.override("en"):
            return datetime.date(year, month, 1).strftime("%B %Y")
    return localise_digits(f"{names[month]} {year}")


def _int(value, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


class StoryListing:
    def __init__(self, index, request):
        params = request.GET
        self.persian = uses_persian_digits()
        stories = index.live_stories()
        # What the filters offer and the month archive change only when a story is published:
        # kept by core.memo (not for a preview of the index).
        if getattr(request, "is_preview", False):
            choices = _choices(index, stories, self.persian)
        else:
            key = ("story-choices", index.pk, translation.get_language())
            choices = memo.get(request, key, lambda: _choices(index, stories, self.persian))
        self._choices = choices
        total = choices["total"]
        self.archive = choices["archive"]
        self.kinds = [(value, label) for value, label in StoryKind.choices]
        self.cities = choices["cities"]
        self.fields = choices["fields"]
        self.tags = choices["tags"]

        self.selected = {}
        kind = params.get("kind")
        if kind in StoryKind.values:
            self.selected["kind"] = kind
            stories = stories.filter(kind=kind)
        city = params.get("city")
        city_keys = {slug: key for slug, key, _name in self.cities}
        if city in city_keys:
            self.selected["city"] = city
            stories = stories.filter(
                pk__in=StoryPage.partner_cities.through.objects.filter(
                    partnercitypage__translation_key=city_keys[city]
                ).values("storypage_id")
            )
        field = params.get("field")
        if field in {slug for slug, _name in self.fields}:
            self.selected["field"] = field
            stories = stories.filter(
                pk__in=StoryPage.fields_of_cooperation.through.objects.filter(
                    fieldofcooperation__slug=field
                ).values("storypage_id")
            )
        tag = params.get("tag")
        if tag in {slug for slug, _name in self.tags}:
            self.selected["tag"] = tag
            stories = stories.filter(
                pk__in=StoryPage.tags.through.objects.filter(tag__slug=tag).values(
                    "content_object_id"
                )
            )
        year = _int(
            params.get("year"), 1300 if self.persian else 1900, 1500 if self.persian else 2200
        )
        month = _int(params.get("month"), 1, 12)
        if year:
            self.selected["year"] = year
            if month:
                self.selected["month"] = month
                first, after = month_range(year, month, self.persian)
                self.period_label = month_label(year, month, self.persian)
            else:
                first, after = (
                    month_range(year, 1, self.persian)[0],
                    month_range(year + 1, 1, self.persian)[0],
                )
                self.period_label = localise_digits(year)
            stories = stories.filter(date__gte=first, date__lt=after)

        # The filters are subqueries, not joins: no story twice, so no DISTINCT, and the newest
        # come straight from the date index.
        years = [entry["year"] for entry in self.archive]
        chosen_year = self.selected.get("year")
        self.open_year = chosen_year if chosen_year in years else (years[0] if years else None)

        def page_of_stories():
            paginator = Paginator(stories, PER_PAGE)
            if not self.selected:
                paginator.count = total  # the archive has counted them already: no COUNT query
            try:
                page = paginator.page(params.get("page") or 1)
            except (PageNotAnInteger, EmptyPage):
                page = paginator.page(1)
            page.object_list = list(page.object_list)
            return page

        number = _int(params.get("page") or "1", 1, MAX_KEPT_PAGE)
        if getattr(request, "is_preview", False) or number is None:
            # A preview, or a page number no list of stories reaches (it shows the first page):
            # not kept, so made-up numbers cannot fill the memo.
            self.page = page_of_stories()
        else:
            # Each page of each filtered list is kept too, until the next publication.
            key = (
                "story-page",
                index.pk,
                translation.get_language(),
                tuple(sorted(self.selected.items())),
                number,
            )
            self.page = memo.get(request, key, page_of_stories)
        self.stories = self.page.object_list

    @property
    def separator(self):
        return pgettext("list separator", ", ")

    @property
    def is_filtered(self):
        return bool(self.selected)

    # The filters' options, written here rather than by a template loop: there is one per city
    # and tag, and a template's loop costs more than the rest of the page.
    def _options(self, name, pairs):
        chosen = self.selected.get(name)
        # Kept with the choices (so, by core.memo, until the next publication).
        kept = self._choices.setdefault("rendered options", {})
        html = kept.get((name, chosen))
        if html is None:
            html = kept[(name, chosen)] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((value, " selected" if value == chosen else "", label) for value, label in pairs),
            )
        return html

    @property
    def kind_options(self):
        return self._options("kind", self.kinds)

    @property
    def city_options(self):
        return self._options("city", ((slug, name) for slug, _key, name in self.cities))

    @property
    def field_options(self):
        return self._options("field", self.fields)

    @property
    def tag_options(self):
        return self._options("tag", self.tags)


def _choices(index, stories, persian):
    """The month archive (every month with stories, in the reader's calendar: one query, a row
    per day with stories rather than per story) and the filter choices (a few small queries,
    none per story)."""
    counts = Counter()
    for day, count in stories.order_by().values_list("date").annotate(count=Count("pk")):
        counts[_month_of(day, persian)] += count
    # By year, newest first, each with its months: the page opens one year's months (the one
    # chosen, else the newest), so the archive grows by a line a year, not twelve.
    archive = {}
    for (year, month), count in sorted(counts.items(), reverse=True):
        entry = archive.setdefault(
            year,
            {
                "year": year,
                "label": localise_digits(year),
                "total": 0,
                "query": f"?year={year}",
                "months": [],
            },
        )
        entry["total"] += count
        entry["months"].append(
            {
                "year": year,
                "month": month,
                "label": month_label(year, month, persian),
                "count": localise_digits(count),
                "query": f"?year={year}&month={month}",
            }
        )
    archive = list(archive.values())
    for entry in archive:
        entry["count"] = localise_digits(entry.pop("total"))
    return {
        "total": sum(counts.values()),
        "archive": archive,
        "cities": _city_choices(index),
        "fields": _field_choices(index),
        "tags": sorted(
            {(t.slug, t.name) for t in _tags_of(index)}, key=lambda pair: sort_key(pair[1])
        ),
    }


def _live_children(index):
    return StoryPage.objects.child_of(index).live()


def _city_choices(index):
    """(slug, translation key, name) of the partner cities stories name, by name. Each city is
    looked up by whether a live story names it (EXISTS, an index lookup per city), not by
    reading every story's cities."""
    named = StoryPage.partner_cities.through.objects.filter(
        partnercitypage__translation_key=OuterRef("translation_key"),
        storypage__in=_live_children(index),
    )
    language = translation.get_language()
    cities = {}
    for c in PartnerCityPage.objects.live().filter(Exists(named)).select_related("locale"):
        # Each city by its name in the reader's language where it has one.
        if c.translation_key not in cities or c.locale.language_code == language:
            cities[c.translation_key] = c
    return sorted(
        ((c.slug, key, c.title) for key, c in cities.items()),
        key=lambda item: sort_key(item[2]),
    )


def _field_choices(index):
    used = StoryPage.fields_of_cooperation.through.objects.filter(
        fieldofcooperation=OuterRef("pk"), storypage__in=_live_children(index)
    )
    fields = list(
        FieldOfCooperation.with_local_names(FieldOfCooperation.objects.filter(Exists(used)))
    )
    names = FieldOfCooperation.localised_names(fields)
    return sorted(
        ((f.slug, names[f.translation_key]) for f in fields), key=lambda item: sort_key(item[1])
    )


def _tags_of(index):
    from taggit.models import Tag

    # A join, not EXISTS: there are many more tags than fields or cities.
    return Tag.objects.filter(
        stories_storytag_items__content_object__in=_live_children(index)
    ).distinct()


def news_article_json_ld(story, request):
    from core.models import SiteSettings
    from core.navigation import public_url
    from core.structured_data import json_ld_script

    site = Site.find_for_request(request)
    publisher = SiteSettings.for_request(request).site_name if site else ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "description": story.summary,
        "datePublished": story.date.isoformat(),
        "inLanguage": translation.get_language(),
        "mainEntityOfPage": public_url(story.get_url(request=request)),
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
    }
    if story.last_published_at:
        data["dateModified"] = story.last_published_at.isoformat()
    if story.author:
        data["author"] = {"name": story.author}  # a person or the office: no @type guessed
    image = story.sharing_image()
    if image:
        data["image"] = public_url(image.get_rendition("fill-1200x630").url)
    return json_ld_script(data)


def _unsaved(page, name):
    """True when ``page`` holds unsaved choices for ``name`` in memory (a preview), which the
    database queries below cannot see."""
    return name in getattr(page, "_cluster_related_objects", {})


def _city_keys(story):
    if _unsaved(story, "partner_cities"):
        return [city.translation_key for city in story.partner_cities.all()]
    return StoryPage.partner_cities.through.objects.filter(storypage=story).values(
        "partnercitypage__translation_key"
    )


def _field_ids(story):
    if _unsaved(story, "fields_of_cooperation"):
        return [field.pk for field in story.fields_of_cooperation.all()]
    return StoryPage.fields_of_cooperation.through.objects.filter(storypage=story).values(
        "fieldofcooperation_id"
    )


def _story_cities(story, language):
    """The partner cities the story names, each as its live page in ``language`` where it has
    one, in the order of the story's own list; one query."""
    if _unsaved(story, "partner_cities"):
        chosen = [city.pk for city in story.partner_cities.all()]
    else:
        chosen = StoryPage.partner_cities.through.objects.filter(storypage=story).values(
            "partnercitypage_id"
        )
    rows = list(
        PartnerCityPage.objects.filter(
            Q(pk__in=chosen)
            | Q(translation_key__in=_city_keys(story), locale__language_code=language, live=True)
        )
        .select_related("locale")
        .annotate(chosen=Q(pk__in=chosen))
        .order_by("path")
    )
    localised = {
        row.translation_key: row
        for row in rows
        if row.live and row.locale.language_code == language
    }
    return [
        localised[row.translation_key]
        for row in rows
        if row.chosen and row.translation_key in localised
    ]


def _neighbour_ids(story, siblings):
    """{"related": [ids, newest first], "older": [id], "newer": [id]} in one query: the newest
    stories about the same partner cities or fields of cooperation, and the stories just before
    and after this one. Each part walks the stories' date index and stops early."""
    about_the_same = Q(
        pk__in=StoryPage.partner_cities.through.objects.filter(
            partnercitypage__translation_key__in=_city_keys(story)
        ).values("storypage_id")
    ) | Q(
        pk__in=StoryPage.fields_of_cooperation.through.objects.filter(
            fieldofcooperation__in=_field_ids(story)
        ).values("storypage_id")
    )
    before = Q(date__lt=story.date) | Q(date=story.date, pk__lt=story.pk)
    after = Q(date__gt=story.date) | Q(date=story.date, pk__gt=story.pk)

    def part(name, condition, count, *order):
        # The limited subquery inside, since SQLite allows no LIMIT in a part of a UNION.
        chosen = siblings.filter(condition).order_by(*order).values("pk")[:count]
        return (
            StoryPage.objects.filter(pk__in=chosen)
            .annotate(part=Value(name))
            .order_by()
            .values_list("pk", "part")
        )

    related = part("related", about_the_same, RELATED_COUNT, "-date", "-pk")
    older = part("older", before, 1, "-date", "-pk")
    newer = part("newer", after, 1, "date", "pk")
    ids = {"related": [], "older": [], "newer": []}
    for pk, name in related.union(older, newer, all=True):
        ids[name].append(pk)
    return ids


def _neighbours(story, siblings):
    """(related, older, newer), the stories themselves fetched in one query."""
    ids = _neighbour_ids(story, siblings)
    wanted = {pk for pks in ids.values() for pk in pks}
    rows = {row.pk: row for row in StoryPage.objects.filter(pk__in=wanted)} if wanted else {}
    related = [rows[pk] for pk in ids["related"] if pk in rows]
    related.sort(key=lambda row: (row.date, row.pk), reverse=True)
    older = rows.get(ids["older"][0]) if ids["older"] else None
    newer = rows.get(ids["newer"][0]) if ids["newer"] else None
    return related, older, newer


def _shown_with(story, language):
    """What the story shows from other rows: its partner cities, fields of cooperation and
    tags, and its related, older and newer stories."""
    siblings = (
        StoryPage.objects.live().sibling_of(story, inclusive=False).filter(alias_of__isnull=True)
    )
    related, older, newer = _neighbours(story, siblings)
    fields = FieldOfCooperation.with_local_names(story.fields_of_cooperation.all(), language)
    return {
        "cities": _story_cities(story, language),
        "fields_of_cooperation": FieldOfCooperation.localised_labels(list(fields), language),
        "tags": list(story.tags.all()),
        "related": related,
        "older": older,
        "newer": newer,
    }


def story_context(story, request):
    language = translation.get_language()
    if getattr(request, "is_preview", False):  # its choices are not saved
        shown = _shown_with(story, language)
    else:
        # They change only when something is published (core/memo.py).
        key = ("story-shown", story.pk, language)
        shown = memo.get(request, key, lambda: _shown_with(story, language))
    return {
        **shown,
        "separator": pgettext("list separator", ", "),
        "structured_data": news_article_json_ld(story, request),
        "reading_time": _("%(minutes)s min read")
        % {"minutes": localise_digits(story.reading_minutes())},
    }
