"""The public listings' GET parameters under hostile values: the partner index's filters and sort,
a cultural week's day and category, the story index's filters and pages. A value the page does not
offer is ignored (the rest of the filters still apply), never an error page, and a filter that
leaves nothing says so."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given
from hypothesis import strategies as st

from stories.models import StoryKind
from tests.applications.form_pages import in_language
from tests.factories import (
    CulturalWeekIndexPageFactory,
    FieldOfCooperationFactory,
    ProgrammeCategoryFactory,
    cultural_week,
    partner_city,
    story,
)
from tests.security.hostile import (
    as_sent,
    assert_handled,
    bounded,
    get,
    hostile_value,
    injected_markup,
)

pytestmark = pytest.mark.django_db


def param(valid):
    """Absent, one of the values the page offers (or almost: case and digits changed), or
    anything at all."""
    return st.one_of(st.none(), st.sampled_from(valid), hostile_value)


def query(drawn):
    return {name: value for name, value in drawn.items() if value is not None}


def page_text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def assert_listing_rendered(response):
    assert_handled(response)
    assert response.status_code == 200
    assert not injected_markup(response.content.decode())


# --- The partner index ----------------------------------------------------------------------------

CITIES = {
    "شیان": {
        "region": "asia",
        "country": "CN",
        "kind": "sister-city",
        "status": "signed",
        "field": {"culture"},
        "year": "1989",
    },
    "فلورانس": {
        "region": "europe",
        "country": "IT",
        "kind": "friendship-city",
        "status": "active",
        "field": {"culture", "tourism"},
        "year": "1998",
    },
    "پورتو": {
        "region": "europe",
        "country": "PT",
        "kind": "sister-city",
        "status": "proposed",
        "field": {"tourism"},
        "year": None,
    },
}
PARTNER_FILTERS = ("region", "country", "kind", "status", "field", "year")
NAME_ORDER = ["پورتو", "شیان", "فلورانس"]  # Persian alphabetical order
SIGNED_ORDER = ["فلورانس", "شیان", "پورتو"]  # newest first, the undated last


@pytest.fixture
def cities(partner_index, culture):
    tourism = FieldOfCooperationFactory(name="گردشگری", slug="tourism")
    fields = {"culture": culture, "tourism": tourism}
    for title, facts in CITIES.items():
        partner_city(
            partner_index,
            title=title,
            country=facts["country"],
            region=facts["region"],
            relationship_kind=facts["kind"],
            status=facts["status"],
            signed_on=datetime.date(int(facts["year"]), 5, 7) if facts["year"] else None,
            fields=[fields[slug] for slug in sorted(facts["field"])],
        )
    return partner_index


def offered(name):
    values = set()
    for facts in CITIES.values():
        value = facts[name]
        values |= value if isinstance(value, set) else {value} - {None}
    return values


def expected_cities(params):
    """The cities the filters that are valid select; every other value is ignored."""
    wanted = {name: value for name, value in params.items() if name in PARTNER_FILTERS and value}
    wanted = {name: value for name, value in wanted.items() if value in offered(name)}
    return {
        title
        for title, facts in CITIES.items()
        if all(
            value in facts[name] if isinstance(facts[name], set) else value == facts[name]
            for name, value in wanted.items()
        )
    }


partner_params = st.fixed_dictionaries(
    {
        "region": param(["asia", "europe", "Asia", "africa"]),
        "country": param(["CN", "IT", "cn", "IR"]),
        "kind": param(["sister-city", "friendship-city", "neighbourhood-pact"]),
        "status": param(["signed", "proposed", "ended"]),
        "field": param(["culture", "tourism", "sport"]),
        "year": param(["1989", "1998", "۱۹۸۹", "1989.0", "2100"]),
        "sort": param(["name", "signed", "-signed"]),
    }
)


@bounded(30)
@given(drawn=partner_params)
@example(drawn={"region": "asia", "country": "' OR 1=1 --", "year": "\x00"})
@example(drawn={"field": "culture", "sort": "<script>alert(7301)</script>", "status": "\u202e"})
def test_the_partner_index_ignores_what_it_does_not_offer(drawn, visitor, cities):
    params = query(drawn)

    response = get(visitor, cities.url, params)

    assert_listing_rendered(response)
    rows = [row.page.title for row in response.context["listing"].rows]
    sent = {name: as_sent(value) for name, value in params.items()}
    assert set(rows) == expected_cities(sent)
    # Newest first only when asked in so many words; by name otherwise.
    order = SIGNED_ORDER if sent.get("sort") == "signed" else NAME_ORDER
    assert rows == [title for title in order if title in rows]
    shown = set(rows)
    if not shown:
        assert in_language("fa", "No partner city matches these filters.") in page_text(response)


# --- A cultural week --------------------------------------------------------------------------

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
WEEK_DAYS = [datetime.date(2019, 10, day) for day in range(21, 28)]


@pytest.fixture
def week(db):
    music = ProgrammeCategoryFactory(name="موسیقی", slug="music")
    film = ProgrammeCategoryFactory(name="فیلم", slug="film")
    return cultural_week(
        CulturalWeekIndexPageFactory(),
        items=[
            (datetime.datetime(2019, 10, 21, 18, tzinfo=PARIS), None, "کنسرت", music),
            (datetime.datetime(2019, 10, 22, 20, tzinfo=PARIS), None, "فیلم کوتاه", film),
        ],
    )


@bounded(30)
@given(
    drawn=st.fixed_dictionaries(
        {
            "day": param(["2019-10-21", "2019-10-22", "2019-10-23", "2019-10-28", "۲۰۱۹-۱۰-۲۱"]),
            "category": param(["music", "film", "Music", "dance"]),
        }
    )
)
@example(drawn={"day": "2019-02-30", "category": "<script>alert(7301)</script>"})
@example(drawn={"day": "9999-99-99\x00", "category": "' OR 1=1 --"})
@example(drawn={"day": "20191021", "category": "music"})  # ISO 8601's basic format
def test_a_cultural_week_ignores_a_day_or_category_it_does_not_have(drawn, visitor, week):
    params = query(drawn)

    response = get(visitor, week.url, params)

    assert_listing_rendered(response)
    schedule = response.context["schedule"]
    assert schedule.selected_day in (None, *WEEK_DAYS)
    if params.get("day") in {day.isoformat() for day in WEEK_DAYS}:
        assert schedule.selected_day.isoformat() == params["day"]
    category = as_sent(params.get("category", ""))
    assert schedule.selected_category == (category if category in {"music", "film"} else "")
    if schedule.is_filtered and not schedule.days:
        assert in_language("fa", "Nothing in the programme matches these filters.") in (
            page_text(response)
        )


def test_the_cultural_weeks_index_ignores_any_parameter(visitor, week):
    response = get(visitor, week.get_parent().url, {"day": "\x00", "<script>": "' OR 1=1 --"})

    assert_listing_rendered(response)


# --- The story index ----------------------------------------------------------------------------


@pytest.fixture
def stories(news, partner_index, culture):
    xian = partner_city(partner_index, title="شیان", slug="xian")
    kinds = [StoryKind.NEWS, StoryKind.INTERVIEW]
    # Eleven stories, so there is a second page to ask for (ten to a page).
    for number in range(11):
        story(
            news,
            slug=f"story-{number}",
            title=f"خبر {number}",
            kind=kinds[number % 2],
            date=datetime.date(2021, 1 + number % 3, 10),
            cities=[xian] if number % 3 == 0 else (),
            fields=[culture] if number % 4 == 0 else (),
            tags=["visit"] if number % 5 == 0 else (),
        )
    return news


@bounded(30)
@given(
    drawn=st.fixed_dictionaries(
        {
            "kind": param(["news", "interview", "NEWS", "podcast"]),
            "city": param(["xian", "florence"]),
            "field": param(["culture", "sport"]),
            "tag": param(["visit", "visits"]),
            "year": param(["1399", "1400", "۱۳۹۹", "2021", "-1", "99999999999999999999"]),
            "month": param(["10", "11", "13", "0", "۱۱"]),
            "page": param(["2", "3", "0", "-1", "۲", "1e3", "9" * 5000]),
        }
    )
)
@example(drawn={"kind": "' OR 1=1 --", "year": "1399", "month": "\x00", "page": "2"})
@example(drawn={"city": "<script>alert(7301)</script>", "tag": "\ud800", "page": "10**10"})
def test_the_story_index_ignores_what_it_does_not_offer(drawn, visitor, stories):
    params = query(drawn)

    response = get(visitor, stories.url, params)

    assert_listing_rendered(response)
    listing = response.context["listing"]
    offered_values = {
        "kind": set(StoryKind.values),
        "city": {"xian"},
        "field": {"culture"},
        "tag": {"visit"},
    }
    for name, values in offered_values.items():
        if name in listing.selected:
            assert listing.selected[name] in values
            assert listing.selected[name] == as_sent(params[name])
    assert set(listing.selected) <= {*offered_values, "year", "month"}
    if "month" in listing.selected:
        assert "year" in listing.selected and 1 <= listing.selected["month"] <= 12
    assert listing.page.number in listing.page.paginator.page_range
    if not listing.stories:
        assert in_language("fa", "No story matches these filters.") in page_text(response)
