"""A partner city's timeline and activity level, gathered from sources that apps register.

``partners`` imports neither stories, cultural weeks nor the citizen-diplomat pipeline. Each of
those registers a ``TimelineSource`` here (in its ``AppConfig.ready``); a city's timeline merges the
entries of every source, newest first, and its activity level comes from the latest dated entry.
Sources work on many cities at once so that a page's query count does not grow with its content.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str  # a translated label, e.g. "Incoming delegation" or "News"
    title: str
    note: str = ""
    url: str = ""
    source: str = ""  # which source produced it, as a CSS-friendly name


class TimelineSource:
    """Override both methods. ``cities`` are PartnerCityPage instances of one locale."""

    name = "source"

    def entries(self, city) -> Iterable[TimelineEntry]:
        raise NotImplementedError

    def latest_dates(self, cities, today) -> dict[int, datetime.date]:
        """The date of each city's latest entry up to ``today``, by city pk, in a constant
        number of queries."""
        raise NotImplementedError


_sources: list[TimelineSource] = []


def register_source(source: TimelineSource) -> TimelineSource:
    if all(type(existing) is not type(source) for existing in _sources):
        _sources.append(source)
    return source


def registered_sources() -> list[TimelineSource]:
    return list(_sources)


def timeline_for(city) -> list[TimelineEntry]:
    entries = [entry for source in _sources for entry in source.entries(city)]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


def latest_event_dates(cities, today=None) -> dict[int, datetime.date]:
    """Each city's latest entry that has already happened (planned ones do not count)."""
    today = today or timezone.localdate()
    cities = list(cities)
    latest: dict[int, datetime.date] = {}
    for source in _sources:
        for pk, date in source.latest_dates(cities, today).items():
            if date <= today and (pk not in latest or date > latest[pk]):
                latest[pk] = date
    return latest


def latest_past_entry(entries, today=None):
    """The newest entry (of entries sorted newest first) that has already happened."""
    today = today or timezone.localdate()
    return next((entry for entry in entries if entry.date <= today), None)


# The activity rule, stated once: here, on the page (ACTIVITY_RULE) and in docs/partners.md.
ACTIVE_YEARS = 2
QUIET_YEARS = 5


class Activity:
    ACTIVE = "active"
    QUIET = "quiet"
    DORMANT = "dormant"
    LABELS = {ACTIVE: _("Active"), QUIET: _("Quiet"), DORMANT: _("Dormant")}


ACTIVITY_RULE = _(
    "Active: something happened in the tie in the last %(active)s years. Quiet: the latest event "
    "was %(active)s to %(quiet)s years ago. Dormant: nothing dated for more than %(quiet)s years."
)


def activity_level(latest: datetime.date | None, today: datetime.date | None = None) -> str | None:
    """The level for a tie whose latest dated event is ``latest``; None when nothing is dated."""
    if latest is None:
        return None
    today = today or timezone.localdate()
    if latest >= _years_before(today, ACTIVE_YEARS):
        return Activity.ACTIVE
    if latest >= _years_before(today, QUIET_YEARS):
        return Activity.QUIET
    return Activity.DORMANT


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class CulturalWeekSource(TimelineSource):
    """Cultural weeks hosted by a partner city, in the reader's language."""

    name = "cultural-week"

    def _weeks(self, cities):
        from partners.models import CulturalWeekPage

        by_key = {city.translation_key: city for city in cities}
        locales = {city.locale_id for city in cities}
        weeks = (
            CulturalWeekPage.objects.live()
            .filter(host_city__translation_key__in=by_key, locale_id__in=locales)
            .select_related("host_city")
        )
        for week in weeks:
            city = by_key[week.host_city.translation_key]
            if city.locale_id == week.locale_id:
                yield city, week

    def entries(self, city):
        from partners.blocks import ExchangeKind

        label = str(dict(ExchangeKind.CHOICES)[ExchangeKind.CULTURAL_WEEK])
        for _city, week in self._weeks([city]):
            yield TimelineEntry(
                date=week.start_date,
                kind=label,
                title=week.title,
                note=week.summary,
                url=week.url,
                source=self.name,
            )

    def latest_dates(self, cities, today):
        latest = {}
        for city, week in self._weeks(cities):
            if week.start_date <= today and (
                city.pk not in latest or week.start_date > latest[city.pk]
            ):
                latest[city.pk] = week.start_date
        return latest


class ExchangeSource(TimelineSource):
    """The exchanges an editor records on the partner page itself."""

    name = "exchange"

    def entries(self, city):
        from partners.blocks import ExchangeKind

        labels = dict(ExchangeKind.CHOICES)
        for block in city.exchanges:
            value = block.value
            yield TimelineEntry(
                date=value["date"],
                kind=str(labels.get(value["kind"], value["kind"])),
                title=value["title"],
                note=value.get("note") or "",
                source=self.name,
            )

    def latest_dates(self, cities, today):
        latest = {}
        for city in cities:
            dates = [b.value["date"] for b in city.exchanges if b.value["date"] <= today]
            if dates:
                latest[city.pk] = max(dates)
        return latest
