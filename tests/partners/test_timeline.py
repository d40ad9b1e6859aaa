import datetime

import pytest

from partners import timeline
from partners.timeline import TimelineEntry, TimelineSource, latest_event_dates, timeline_for
from tests.factories import partner_city

pytestmark = pytest.mark.django_db


class NewsSource(TimelineSource):
    """Stands in for a later app (stories) that registers its own entries."""

    name = "story"

    def __init__(self, dates_by_slug):
        self.dates_by_slug = dates_by_slug

    def entries(self, city):
        for date in self.dates_by_slug.get(city.slug, []):
            yield TimelineEntry(date=date, kind="News", title=f"Story {date}", source=self.name)

    def latest_dates(self, cities, today):
        return {
            city.pk: max(self.dates_by_slug[city.slug])
            for city in cities
            if self.dates_by_slug.get(city.slug)
        }


@pytest.fixture
def news_source(monkeypatch):
    source = NewsSource({})
    monkeypatch.setattr(timeline, "_sources", [*timeline.registered_sources()])
    timeline.register_source(source)
    return source


def _exchange(date, title):
    return ("exchange", {"date": date, "kind": "academic", "title": title, "note": ""})


def test_exchanges_are_a_registered_source():
    assert "exchange" in {source.name for source in timeline.registered_sources()}


def test_timeline_merges_sources_newest_first(partner_index, news_source):
    city = partner_city(
        partner_index,
        slug="florence",
        exchanges=[
            _exchange(datetime.date(1998, 9, 18), "Signing"),
            _exchange(datetime.date(2023, 5, 10), "Exhibition"),
        ],
    )
    news_source.dates_by_slug["florence"] = [datetime.date(2024, 1, 2)]
    entries = timeline_for(city)
    assert [(e.date.isoformat(), e.source) for e in entries] == [
        ("2024-01-02", "story"),
        ("2023-05-10", "exchange"),
        ("1998-09-18", "exchange"),
    ]
    assert entries[1].kind == "تبادل دانشگاهی"  # the exchange kind, in the active language


def test_latest_event_dates_take_the_newest_from_any_source(partner_index, news_source):
    old = partner_city(partner_index, slug="old", signed_on=datetime.date(2000, 1, 1))
    newer = partner_city(partner_index, slug="newer", signed_on=datetime.date(2000, 1, 1))
    news_source.dates_by_slug["newer"] = [datetime.date(2025, 5, 5)]
    latest = latest_event_dates([old, newer])
    assert latest == {old.pk: datetime.date(2000, 1, 1), newer.pk: datetime.date(2025, 5, 5)}


def test_registering_the_same_kind_of_source_twice_is_ignored(news_source):
    count = len(timeline.registered_sources())
    timeline.register_source(NewsSource({}))
    assert len(timeline.registered_sources()) == count
