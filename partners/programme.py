"""A cultural week's programme as readers use it: the schedule by day with its filters and the
"now and next" strip, the iCalendar files, and the schema.org data.

Works on the items already loaded (see ``CulturalWeekPage.items``), so nothing here queries per
item.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

from core import memo
from core.i18n import format_day, format_time, localise_digits, sort_key
from core.navigation import public_url
from core.structured_data import json_ld_script
from partners.exports import uid_domain

# An item with no end time is taken to last this long (for "now" and for calendars).
DEFAULT_DURATION = datetime.timedelta(hours=1)
NEXT_COUNT = 3


@dataclass
class ScheduleItem:
    item: object
    start: datetime.datetime  # in the week's time zone
    end: datetime.datetime | None
    category_name: str
    category_slug: str
    calendar_url: str

    @property
    def time_range(self):
        start = format_time(self.start, self.start.tzinfo)
        if not self.end:
            return start
        end = format_time(self.end, self.end.tzinfo)
        if self.end.date() != self.start.date():
            # Past midnight, or over several days: say on which day it ends.
            end = f"{format_day(self.end.date())} {end}"
        return f"{start}–{end}"

    @property
    def html(self):
        """The item in the programme, made once while the memo keeps the week's items."""
        context = {"entry": self, "list_separator": pgettext("list separator", ", ")}
        return memo.rendered(self.item, "partners/includes/programme_item.html", context)

    @property
    def iso_start(self):
        """With the week's own UTC offset (Django's date filter would convert to the site's)."""
        return self.start.isoformat()

    @property
    def day_label(self):
        return format_day(self.start.date())

    @property
    def ends_at(self):
        return self.end or self.start + DEFAULT_DURATION


@dataclass
class Day:
    date: datetime.date
    label: str
    items: list[ScheduleItem]


def localised_category_names(items):
    """``{translation_key: name}`` of the items' categories in the reader's language; no query
    when the items carry the names already (``CulturalWeekPage.items``)."""
    from partners.models.weeks import ProgrammeCategory

    items = [item for item in items if item.category_id]
    if all(hasattr(item, "category_name") for item in items):
        return {
            item.category.translation_key: item.category_name or item.category.name
            for item in items
        }
    return ProgrammeCategory.localised_names({item.category for item in items})


class Schedule:
    """The programme for one request: every item in the week's time zone, the filters read from
    ``params``, and what is on ``now``. ``kept`` is a dict kept with the items (core/memo.py):
    what does not depend on the hour (the entries, the days, the choices) is worked out into it
    once per language and filter instead of once per request."""

    def __init__(self, week, items, params, now=None, kept=None):
        self.week = week
        self._kept = {} if kept is None else kept
        if "entries" not in self._kept:
            self._kept["entries"] = self._entries(week, items)
        self.all_items, self.days_in_week, self.categories = self._kept["entries"]
        self.selected_day = self._parse_day(params.get("day"))
        slugs = {slug for slug, _name in self.categories}
        category = params.get("category")
        self.selected_category = category if category in slugs else ""
        self.now = now or timezone.now()

    @staticmethod
    def _entries(week, items):
        tz = week.tz
        names = localised_category_names(items)
        base_url = week.url or ""
        entries = sorted(
            (
                ScheduleItem(
                    item=item,
                    start=item.start.astimezone(tz),
                    end=item.end.astimezone(tz) if item.end else None,
                    category_name=names.get(item.category.translation_key, "")
                    if item.category_id
                    else "",
                    category_slug=item.category.slug if item.category_id else "",
                    calendar_url=f"{base_url}items/{item.pk}/calendar/",
                )
                for item in items
            ),
            key=lambda entry: entry.start,
        )
        days_in_week = [
            week.start_date + datetime.timedelta(days=n)
            for n in range((week.end_date - week.start_date).days + 1)
        ]
        categories = sorted(
            {
                (entry.category_slug, entry.category_name)
                for entry in entries
                if entry.category_slug
            },
            key=lambda pair: sort_key(pair[1]),
        )
        return entries, days_in_week, categories

    def _once(self, key, compute):
        if key not in self._kept:
            self._kept[key] = compute()
        return self._kept[key]

    def _parse_day(self, value):
        try:
            day = datetime.date.fromisoformat(value or "")
        except ValueError:
            return None
        return day if day in self.days_in_week else None

    @property
    def is_filtered(self):
        return bool(self.selected_day or self.selected_category)

    @property
    def day_choices(self):
        return self._once(
            "day choices", lambda: [(day.isoformat(), format_day(day)) for day in self.days_in_week]
        )

    @property
    def days(self):
        """Days with their items, after the filters; each day's items in time order."""
        return self._once(("days", self.selected_day, self.selected_category), self._days)

    def _days(self):
        shown = [
            entry
            for entry in self.all_items
            if (not self.selected_category or entry.category_slug == self.selected_category)
            and (not self.selected_day or entry.start.date() == self.selected_day)
        ]
        days = []
        for day in self.days_in_week:
            todays = [entry for entry in shown if entry.start.date() == day]
            if todays:
                days.append(Day(date=day, label=format_day(day), items=todays))
        return days

    @property
    def count_text(self):
        count = sum(len(day.items) for day in self.days)
        return translation.ngettext("%(count)s event", "%(count)s events", count) % {
            "count": localise_digits(count)
        }

    @property
    def time_zone_label(self):
        """ "Times are local time in Paris (Europe/Paris)." in the reader's language."""
        return _("Times are local time in %(city)s (%(zone)s).") % {
            "city": self.week.host_name(),
            "zone": self.week.time_zone,
        }

    @property
    def has_items(self):
        return bool(self.all_items)

    @property
    def is_ongoing(self):
        from partners.models.weeks import WeekStatus

        return self.week.status(self.now) == WeekStatus.ONGOING

    @property
    def now_on(self):
        return [e for e in self.all_items if e.start <= self.now < e.ends_at]

    @property
    def up_next(self):
        return [e for e in self.all_items if e.start > self.now][:NEXT_COUNT]


def week_calendar(week, items, request) -> bytes:
    """RFC 5545: one event per item, in the week's time zone with its VTIMEZONE definition.

    A UID is the item's translation key, the same in every language and on every download, so a
    calendar that imports the file again updates the events instead of adding copies.
    """
    host = uid_domain()
    page_url = public_url(week.get_url(request=request))
    calendar = Calendar()
    calendar.add("prodid", "-//Diplomat//Cultural week programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", week.title)
    calendar.add("x-wr-timezone", week.time_zone)
    stamp = (week.last_published_at or timezone.now()).astimezone(datetime.UTC)
    names = localised_category_names(items)
    for item in sorted(items, key=lambda i: i.start):
        start = item.start.astimezone(week.tz)
        end = (item.end or item.start + DEFAULT_DURATION).astimezone(week.tz)
        event = Event()
        event.add("uid", f"programme-item-{item.translation_key}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", item.title)
        if item.description:
            event.add("description", item.description)
        location = item.venue or week.host_name()
        if location:
            event.add("location", location)
        if item.category_id:
            event.add("categories", [names.get(item.category.translation_key, item.category.name)])
        event.add("url", f"{page_url}#item-{item.pk}")
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=week.start_date - datetime.timedelta(days=1),
        last_date=week.end_date + datetime.timedelta(days=2),
    )
    return calendar.to_ical()


def week_json_ld(week, schedule, request):
    """schema.org EventSeries for the week, with an Event per programme item."""
    page_url = public_url(week.get_url(request=request))
    # First: it loads the host page and its translation in one query (CulturalWeekPage._host).
    host_name = week.host_name()
    country = week.host_country.code if week.host_country else None
    if not country and week.host_city_id:
        country = week.host_city.country.code

    def place(name):
        address = {"@type": "PostalAddress", "addressLocality": host_name}
        if country:
            address["addressCountry"] = country
        return {"@type": "Place", "name": name or host_name, "address": address}

    data = {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": week.title,
        "url": page_url,
        "inLanguage": translation.get_language(),
        "startDate": week.start_date.isoformat(),
        "endDate": week.end_date.isoformat(),
        "location": place(host_name),
        "subEvent": [
            {
                "@type": "Event",
                "name": entry.item.title,
                "startDate": entry.start.isoformat(),
                "endDate": entry.ends_at.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": place(entry.item.venue),
                "url": f"{page_url}#item-{entry.item.pk}",
                **({"description": entry.item.description} if entry.item.description else {}),
            }
            for entry in schedule.all_items
        ],
    }
    if week.summary:
        data["description"] = week.summary
    organisers = [block.value for block in week.organisers if block.value["role"] == "organiser"]
    if organisers:
        data["organizer"] = [
            {
                "@type": "Organization",
                "name": o["name"],
                **({"url": o["website"]} if o["website"] else {}),
            }
            for o in organisers
        ]
    return json_ld_script(data)
