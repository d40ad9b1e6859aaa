import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import FieldOfCooperation, NetworkIndexPage, PartnerCityPage
from partners.timeline import Activity

pytestmark = pytest.mark.django_db

SIGNED_BY_2021 = {
    "xian": datetime.date(1989, 5, 7),
    "kuala-lumpur": datetime.date(1997, 6, 23),
    "florence": datetime.date(1998, 9, 18),
    "iasi": datetime.date(1999, 5, 10),
    "barcelona": datetime.date(2000, 1, 14),
    "yerevan": datetime.date(2000, 4, 27),
    "kuwait-city": datetime.date(2000, 6, 19),
    "freiburg": datetime.date(2000, 10, 27),
    "havana": datetime.date(2001, 3, 8),
    "lahore": datetime.date(2004, 7, 22),
    "saint-petersburg": datetime.date(2004, 11, 10),
    "dakar": datetime.date(2009, 11, 25),
    "baalbek": datetime.date(2010, 10, 5),
}


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def _cities(language):
    return {
        city.slug: city
        for city in PartnerCityPage.objects.filter(locale__language_code=language).live()
    }


def test_demo_partner_cities(seeded):
    # Seeding takes seconds, so one test checks everything about the seeded data.
    fa, en = _cities("fa"), _cities("en")

    # The thirteen sister cities of 2021, with their signing dates, in both languages.
    for cities in (fa, en):
        for slug, signed_on in SIGNED_BY_2021.items():
            assert cities[slug].signed_on == signed_on, slug
            assert cities[slug].relationship_kind == "sister-city"

    # Later, proposed and neighbourhood-level ties.
    assert en["samarkand"].signed_year == 2021
    assert en["kazan"].status == "signed"
    assert {en["porto"].status, en["hyderabad"].status} == {"proposed"}
    assert en["issy-les-moulineaux"].relationship_kind == "neighbourhood-pact"
    assert len(en) == 18

    # The two trees are translations of each other, each in its own language.
    assert set(fa) == set(en)
    assert all(fa[slug].translation_key == en[slug].translation_key for slug in fa)
    assert en["xian"].title == "Xi'an" and fa["xian"].title == "شیان"

    # Exchanges make every activity level appear.
    levels = {(city.activity() or {}).get("level") for city in fa.values()}
    assert {Activity.ACTIVE, Activity.QUIET, Activity.DORMANT} <= levels

    # Fields of cooperation and networks.
    assert FieldOfCooperation.objects.filter(locale__language_code="fa").count() == 10
    assert FieldOfCooperation.objects.filter(locale__language_code="en").count() == 10
    for language in ("fa", "en"):
        networks = NetworkIndexPage.objects.get(locale__language_code=language)
        assert len(networks.memberships) >= 3


def test_seeding_twice_changes_nothing(seeded):
    before = (PartnerCityPage.objects.count(), FieldOfCooperation.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (PartnerCityPage.objects.count(), FieldOfCooperation.objects.count()) == before


def test_seeded_index_pages_render(seeded, client):
    assert client.get("/en/partner-cities/xian/").status_code == 200
    fa = client.get("/partner-cities/").content.decode()
    en = client.get("/en/partner-cities/").content.decode()
    assert "۱۵ شهر خواهرخوانده، ۱ پیمان محله‌ای، ۲ پیوند پیشنهادی" in fa
    assert "15 sister cities, 1 neighbourhood pact, 2 proposed" in en


def test_demo_cultural_weeks(seeded):
    from partners.models import CulturalWeekPage, WeekStatus

    for language in ("fa", "en"):
        paris = CulturalWeekPage.objects.get(
            slug="isfahan-in-paris", locale__language_code=language
        )
        items = list(paris.programme_items.select_related("category"))
        assert len(items) == 38
        assert len({item.category.slug for item in items}) == 9
        days = {item.start.astimezone(paris.tz).date() for item in items}
        assert len(days) == 7
        assert paris.status() == WeekStatus.PAST
        xian = CulturalWeekPage.objects.get(slug="isfahan-in-xian", locale__language_code=language)
        assert xian.status() == WeekStatus.UPCOMING
        assert xian.host_city is not None
    en_titles = set(
        CulturalWeekPage.objects.get(
            slug="isfahan-in-paris", locale__language_code="en"
        ).programme_items.values_list("title", flat=True)
    )
    assert "Closing ceremony" in en_titles
