import csv
import datetime
import io
import json

import pytest
from icalendar import Calendar

from partners.exports import COLUMNS, SCHEMA_VERSION
from tests.factories import partner_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cities(partner_index, culture, tourism):
    return [
        partner_city(
            partner_index,
            title="شیان",
            slug="xian",
            country="CN",
            region="asia",
            native_name="西安",
            latitude="34.341600",
            longitude="108.939800",
            signed_on=datetime.date(1989, 5, 7),
            fields=[tourism, culture],
        ),
        partner_city(
            partner_index,
            title="پورتو",
            slug="porto",
            country="PT",
            status="proposed",
            signed_on=None,
        ),
    ]


def test_csv_has_the_documented_columns_and_one_row_per_city(client, two_cities):
    response = client.get("/partner-cities/registry/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="partner-cities-fa.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0].keys()) == COLUMNS
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {"xian", "porto"}
    xian = by_slug["xian"]
    assert xian["name"] == "شیان"
    assert xian["native_name"] == "西安"
    assert xian["country_code"] == "CN"
    assert xian["signed_on"] == "1989-05-07"
    assert xian["signed_on_jalali"] == "1368-02-17"
    assert xian["fields_of_cooperation"] == "culture;tourism"
    assert xian["latitude"] == "34.3416"
    assert xian["activity_level"] == "dormant"
    assert xian["url"] == "https://diplomat.example/partner-cities/xian/"
    assert by_slug["porto"]["signed_on"] == ""
    assert by_slug["porto"]["activity_level"] == ""


def test_json_has_the_same_schema(client, two_cities):
    response = client.get("/partner-cities/registry/json/")
    document = json.loads(response.content)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["language"] == "fa"
    assert document["columns"] == COLUMNS
    assert document["count"] == 2
    for city in document["cities"]:
        assert list(city.keys()) == COLUMNS
    xian = next(c for c in document["cities"] if c["slug"] == "xian")
    assert xian["fields_of_cooperation"] == ["culture", "tourism"]
    assert xian["latitude"] == 34.3416
    assert xian["signed_year"] == 1989
    porto = next(c for c in document["cities"] if c["slug"] == "porto")
    assert porto["signed_on"] is None
    assert porto["council_resolution"] is None  # empty text is null, as documented


def test_exchanges_calendar_is_valid_and_stable(client, partner_index):
    city = partner_city(
        partner_index,
        slug="florence",
        signed_on=datetime.date(1998, 9, 18),
        exchanges=[
            (
                "exchange",
                {
                    "date": datetime.date(1998, 9, 18),
                    "kind": "signing",
                    "title": "امضا",
                    "note": "",
                },
            ),
            (
                "exchange",
                {
                    "date": datetime.date(2023, 5, 10),
                    "kind": "cultural-week",
                    "title": "نمایشگاه",
                    "note": "یادداشت",
                },
            ),
        ],
    )
    first = client.get("/partner-cities/florence/calendar/")
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(first.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    by_title = {str(event["SUMMARY"]): event for event in events}
    exhibition = by_title["نمایشگاه"]
    assert exhibition.decoded("DTSTART") == datetime.date(2023, 5, 10)
    assert exhibition.decoded("DTEND") == datetime.date(2023, 5, 11)
    assert str(exhibition["DESCRIPTION"]) == "یادداشت"
    assert str(exhibition["URL"]) == "https://diplomat.example/partner-cities/florence/"
    assert str(exhibition["UID"]).startswith(str(city.translation_key))

    # Another host name (a CDN, the bare IP) must not change the UIDs.
    second = Calendar.from_ical(
        client.get("/partner-cities/florence/calendar/", headers={"host": "10.0.0.7"}).content
    )
    assert sorted(str(e["UID"]) for e in second.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in events
    )


def test_city_page_links_its_calendar(client, partner_index):
    partner_city(partner_index, slug="linked")
    html = client.get("/partner-cities/linked/").content.decode()
    assert 'href="/partner-cities/linked/calendar/"' in html


def test_a_city_without_exchanges_has_no_calendar(client, partner_index):
    partner_city(partner_index, slug="quiet-city", signed_on=None, exchanges=[])
    assert client.get("/partner-cities/quiet-city/calendar/").status_code == 404
    html = client.get("/partner-cities/quiet-city/").content.decode()
    assert "/calendar/" not in html
