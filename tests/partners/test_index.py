import datetime
import json
import re

import pytest

from tests.factories import partner_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(partner_index, culture, tourism):
    return {
        "xian": partner_city(
            partner_index,
            title="شیان",
            slug="xian",
            country="CN",
            region="asia",
            signed_on=datetime.date(1989, 5, 7),
            fields=[culture, tourism],
        ),
        "florence": partner_city(
            partner_index,
            title="فلورانس",
            slug="florence",
            country="IT",
            region="europe",
            signed_on=datetime.date(1998, 9, 18),
            fields=[culture],
        ),
        "porto": partner_city(
            partner_index,
            title="پورتو",
            slug="porto",
            country="PT",
            region="europe",
            status="proposed",
            signed_on=None,
            fields=[tourism],
        ),
        "issy": partner_city(
            partner_index,
            title="ایسی‌له‌مولینو",
            slug="issy",
            country="FR",
            region="europe",
            relationship_kind="neighbourhood-pact",
            signed_on=None,
        ),
    }


def _listed(client, query=""):
    html = client.get(f"/partner-cities/{query}").content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
    return re.findall(r'<a href="/partner-cities/([\w-]+)/">', table)


def test_every_city_is_listed_in_persian_alphabetical_order(client, cities):
    # Code-point order would put ش (U+0634) before پ (U+067E); Persian order is ا پ ش ف.
    assert _listed(client) == ["issy", "porto", "xian", "florence"]


def test_sort_by_date_signed_puts_undated_ties_last(client, cities):
    assert _listed(client, "?sort=signed") == ["florence", "xian", "issy", "porto"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?region=asia", ["xian"]),
        ("?country=IT", ["florence"]),
        ("?kind=neighbourhood-pact", ["issy"]),
        ("?status=proposed", ["porto"]),
        ("?field=tourism", ["porto", "xian"]),
        ("?year=1998", ["florence"]),
        ("?region=europe&field=culture", ["florence"]),
        ("?region=europe&sort=signed", ["florence", "issy", "porto"]),
    ],
)
def test_filters_are_plain_get_parameters(client, cities, query, expected):
    assert _listed(client, query) == expected


def test_unknown_filter_values_are_ignored_not_errors(client, cities):
    response = client.get("/partner-cities/?region=atlantis&year=<script>&sort=%00")
    assert response.status_code == 200
    assert len(_listed(client, "?region=atlantis&year=<script>")) == 4


def test_an_empty_result_says_so(client, cities):
    html = client.get("/partner-cities/?region=asia&status=proposed").content.decode()
    assert "No partner city matches these filters." in html or "هیچ شهری" in html


def test_filters_offer_only_values_that_exist(client, cities):
    html = client.get("/partner-cities/").content.decode()
    region = html.split('name="region"')[1].split("</select>")[0]
    assert 'value="asia"' in region and 'value="europe"' in region
    assert 'value="africa"' not in region


def test_counts_in_english(client, cities, en_locale):
    index = cities["xian"].get_parent()
    english = index.copy_for_translation(en_locale)
    english.save_revision().publish()
    for city in cities.values():
        city.copy_for_translation(en_locale).save_revision().publish()
    html = client.get("/en/partner-cities/").content.decode()
    assert '<p class="partner-counts">2 sister cities, 1 neighbourhood pact, 1 proposed</p>' in html


def test_counts_in_persian_use_persian_digits(client, cities):
    html = client.get("/partner-cities/").content.decode()
    counts = re.search(r'<p class="partner-counts">([^<]+)</p>', html).group(1)
    assert "۲" in counts and "2" not in counts
    assert "،" in counts


def test_map_data_and_accessible_table(client, cities):
    html = client.get("/partner-cities/").content.decode()
    data = json.loads(
        re.search(
            r'<script id="partner-map-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert {point["url"] for point in data} == {f"/partner-cities/{s}/" for s in cities}
    assert all({"name", "lat", "lng", "country", "kind"} <= set(point) for point in data)
    # The map is hidden until JavaScript shows it; the table works without it.
    assert '<div id="partner-map" class="partner-map" hidden' in html
    assert '<th scope="row">' in html and "<caption" in html


def test_index_shows_jalali_dates_in_persian(client, cities):
    html = client.get("/partner-cities/").content.decode()
    assert '<time datetime="1989-05-07">۱۷ اردیبهشت ۱۳۶۸</time>' in html


def test_the_table_is_paginated_and_the_map_shows_every_city(client, partner_index, monkeypatch):
    from partners import listing

    monkeypatch.setattr(listing, "PER_PAGE", 3)
    for n in range(7):
        partner_city(
            partner_index, title=f"شهر {n}", slug=f"city-{n}", country="FR", region="europe"
        )
    first = _listed(client, "?country=FR")
    html = client.get("/partner-cities/?country=FR").content.decode()
    assert len(first) == 3
    # The next page keeps the filter; the first has no previous page.
    assert 'href="?country=FR&amp;page=2" rel="next"' in html
    assert 'rel="prev"' not in html
    points = json.loads(
        re.search(r'id="partner-map-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert len(points) == 7
    second = _listed(client, "?country=FR&page=2")
    last = _listed(client, "?country=FR&page=3")
    assert len(second) == 3 and len(last) == 1
    assert len(set(first + second + last)) == 7
    assert "۷" in html.split('role="status"')[1].split("</p>")[0]  # cities shown: all 7
    # A page past the end, or not a number, shows the last or the first page.
    assert _listed(client, "?country=FR&page=99") == last
    assert _listed(client, "?country=FR&page=x") == first
