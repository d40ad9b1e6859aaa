import datetime
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.timeline import timeline_for
from tests.core.test_query_budget import QUERY_BUDGET
from tests.factories import (
    FieldOfCooperationFactory,
    PartnerIndexPageFactory,
    StoryIndexPageFactory,
    partner_city,
    story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    index = PartnerIndexPageFactory()
    return partner_city(index, slug="samarkand", title="سمرقند", signed_on=None, exchanges=[])


@pytest.fixture
def tourism(db):
    return FieldOfCooperationFactory(name="گردشگری", slug="tourism")


@pytest.fixture
def stories(news, city, tourism):
    return {
        # 1 Bahman 1399 is 20 January 2021; 1 Esfand 1399 is 19 February 2021.
        "call": story(
            news,
            slug="call",
            title="فراخوان",
            kind="news",
            date=datetime.date(2021, 1, 25),
            tags=["فراخوان"],
        ),
        "mou": story(
            news,
            slug="mou",
            title="تفاهم‌نامه",
            kind="press-release",
            date=datetime.date(2021, 2, 18),
            cities=[city],
            fields=[tourism],
        ),
        "visit": story(
            news,
            slug="visit",
            title="سفر",
            kind="visit-report",
            date=datetime.date(2021, 2, 19),
            cities=[city],
        ),
        "oped": story(
            news,
            slug="oped",
            title="یادداشت",
            kind="op-ed",
            date=datetime.date(2024, 6, 1),
            fields=[tourism],
        ),
    }


def _listed(client, query=""):
    html = client.get(f"/news/{query}").content.decode()
    return re.findall(r'<h2 class="story-card__title"><a href="/news/([\w-]+)/">', html)


def test_newest_first(client, stories):
    assert _listed(client) == ["oped", "visit", "mou", "call"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=op-ed", ["oped"]),
        ("?city=samarkand", ["visit", "mou"]),
        ("?field=tourism", ["oped", "mou"]),
        ("?tag=" + "فراخوان", ["call"]),
        # Jalali months: Bahman 1399 runs to 18 February 2021, Esfand starts on the 19th.
        ("?year=1399&month=11", ["mou", "call"]),
        ("?year=1399&month=12", ["visit"]),
        ("?year=1403", ["oped"]),
        ("?kind=nonsense&city=<x>", ["oped", "visit", "mou", "call"]),
    ],
)
def test_filters(client, stories, query, expected):
    assert _listed(client, query) == expected


def test_english_months_are_gregorian(client, stories, en_locale):
    index = stories["call"].get_parent()
    english = index.copy_for_translation(en_locale)
    english.save_revision().publish()
    for item in stories.values():
        item.copy_for_translation(en_locale).save_revision().publish()
    html = client.get("/en/news/?year=2021&month=2").content.decode()
    assert re.findall(r'href="/en/news/([\w-]+)/">', html.split("story-list")[1])[:2] == [
        "visit",
        "mou",
    ]
    assert ">February 2021</a>" in html


def test_archive_lists_jalali_years_and_the_open_years_months_in_persian(client, stories):
    archive = client.get("/news/").content.decode().split('id="archive-heading"')[1]
    years = re.findall(r'<a href="/news/\?year=(\d+)">', archive)
    assert years == ["1403", "1399"]  # newest first, one line a year
    # The newest year is open; another year's months show once it is chosen.
    assert "month=12" not in archive.split('href="/news/?year=1399"')[1]
    html = client.get("/news/?year=1399").content.decode()
    archive = html.split('id="archive-heading"')[1]
    assert '<a href="/news/?year=1399" aria-current="page">۱۳۹۹</a>' in archive
    assert (
        '<a href="/news/?year=1399&amp;month=12">اسفند ۱۳۹۹</a> <span class="muted">(۱)</span>'
        in archive
    )
    assert (
        '<a href="/news/?year=1399&amp;month=11">بهمن ۱۳۹۹</a> <span class="muted">(۲)</span>'
        in archive
    )


def test_pagination(client, news):
    for n in range(12):
        story(news, slug=f"s{n}", date=datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    assert len(_listed(client)) == 10
    assert _listed(client, "?page=2") == ["s1", "s0"]
    assert len(_listed(client, "?page=999")) == 10  # out of range: the first page, not an error


def test_the_page_links_keep_the_chosen_filters(client, news):
    # Persian pages filter by the Jalali year: January 2022 is in 1400.
    for n in range(12):
        story(news, slug=f"s{n}", date=datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    story(news, slug="other-year", date=datetime.date(2023, 5, 1))
    first = client.get("/news/?year=1400").content.decode()
    link = re.search(r'<a href="([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    assert link == "?year=1400&page=2"
    assert _listed(client, link) == ["s1", "s0"]
    second = client.get("/news/" + link).content.decode()
    assert '<a href="?year=1400&amp;page=1" rel="prev">' in second


def test_story_page(client, stories):
    html = client.get("/news/mou/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert '<time datetime="2021-02-18">۳۰ بهمن ۱۳۹۹</time>' in html
    assert "۱ دقیقه" in html  # reading time
    assert '<a href="/partner-cities/samarkand/">سمرقند</a>' in html
    assert "<li>گردشگری</li>" in html
    related = html.split('id="related-heading"')[1]
    assert "/news/visit/" in related and "/news/oped/" in related
    assert 'rel="next"' in html and "/news/visit/" in html.split('rel="next"')[0].rsplit("<a", 1)[1]
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2021-02-18"
    assert data["mainEntityOfPage"] == "https://diplomat.example/news/mou/"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://diplomat.example/news/mou/">' in html


def test_stories_appear_on_the_timelines_of_the_cities_they_name(stories, city):
    entries = timeline_for(city)
    assert [(e.source, e.title) for e in entries] == [("story", "سفر"), ("story", "تفاهم‌نامه")]
    assert city.latest_event_on() == datetime.date(2021, 2, 19)


def test_feeds_parse_without_errors(client, stories):
    for url in ("/feeds/stories/rss/", "/feeds/stories/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert [entry.link for entry in feed.entries][:2] == [
            "https://diplomat.example/news/oped/",
            "https://diplomat.example/news/visit/",
        ]
        assert feed.feed.get("language", "fa").startswith("fa")
    city_feed = feedparser.parse(client.get("/feeds/cities/samarkand/rss/").content)
    assert not city_feed.bozo
    assert {entry.title for entry in city_feed.entries} == {"سفر", "تفاهم‌نامه"}
    assert client.get("/feeds/cities/nowhere/rss/").status_code == 404


def test_feed_autodiscovery(client, stories):
    html = client.get("/partner-cities/samarkand/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" href="/feeds/stories/rss/"' in html
    assert 'href="/feeds/cities/samarkand/rss/"' in html


def test_sitemap_has_hreflang_alternates(client, stories, en_locale):
    index = stories["call"].get_parent()
    index.copy_for_translation(en_locale).save_revision().publish()
    stories["call"].copy_for_translation(en_locale).save_revision().publish()
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    assert "https://diplomat.example/" in urls and "https://diplomat.example/en/" in urls
    call = urls["https://diplomat.example/en/news/call/"]
    alternates = {link.get("hreflang"): link.get("href") for link in call.findall("x:link", ns)}
    assert alternates == {
        "fa": "https://diplomat.example/news/call/",
        "en": "https://diplomat.example/en/news/call/",
        "x-default": "https://diplomat.example/news/call/",
    }
    assert not urls["https://diplomat.example/news/visit/"].findall("x:link", ns)


def test_robots_txt(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: https://diplomat.example/sitemap.xml" in text


def test_home_and_city_json_ld(client, city):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    home = client.get("/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', home).group(1)
    )
    assert data["@type"] == "GovernmentOrganization"
    assert data["email"] and data["sameAs"]
    page = client.get("/partner-cities/xian/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "City"
    assert data["geo"]["latitude"] == 34.3416
    assert '<meta name="description" content="' in page


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_5_and_100_stories(client, city, tourism):
    index = StoryIndexPageFactory()

    def add(start, count):
        for n in range(start, start + count):
            story(
                index,
                slug=f"story-{n}",
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                cities=[city],
                fields=[tourism],
                tags=[f"tag{n % 7}"],
            )

    add(0, 5)
    small = {
        "index": _count(client, "/news/"),
        "filtered": _count(client, "/news/?city=samarkand&year=1398"),
        "story": _count(client, "/news/story-2/"),
    }
    add(5, 95)
    large = {
        "index": _count(client, "/news/"),
        "filtered": _count(client, "/news/?city=samarkand&year=1398"),
        "story": _count(client, "/news/story-2/"),
    }
    print("story queries with 5 stories:", small, "with 100:", large)
    assert small == large
    assert max(large.values()) <= QUERY_BUDGET


def test_feed_survives_control_characters_and_names_an_author(client, news):
    story(news, slug="pasted", title="متن\x0bچسبانده", summary="خلاصه\x0c", author="")
    for url in ("/feeds/stories/rss/", "/feeds/stories/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not feedparser.parse(response.content).bozo
    atom = feedparser.parse(client.get("/feeds/stories/atom/").content)
    assert atom.entries[0].author


def test_aliases_are_not_listed_in_english(client, stories, en_locale):
    index = stories["call"].get_parent()
    index.copy_for_translation(en_locale).save_revision().publish()
    stories["call"].copy_for_translation(en_locale, alias=True)
    assert "/en/news/call/" not in client.get("/en/news/").content.decode()
    assert not feedparser.parse(client.get("/en/feeds/stories/rss/").content).entries


def test_city_feed_with_a_persian_slug(client, news):
    index = PartnerIndexPageFactory()
    city = partner_city(index, slug="کازان", title="کازان", signed_on=None, exchanges=[])
    story(news, slug="kazan", title="کازان", cities=[city])
    assert client.get("/partner-cities/کازان/").status_code == 200
    feed = feedparser.parse(client.get("/feeds/cities/کازان/rss/").content)
    assert [e.title for e in feed.entries] == ["کازان"]


def test_archive_and_later_pages_have_their_own_canonical(client, stories):
    html = client.get("/news/?year=1399&month=11&kind=news").content.decode()
    assert (
        '<link rel="canonical" href="https://diplomat.example/news/?year=1399&amp;month=11">'
        in html
    )


def test_sitemap_skips_pages_without_a_url(client, stories):
    from wagtail.models import Page

    from home.models import HomePage

    root = Page.objects.get(depth=1)
    stray = HomePage(title="بی‌نشانی", slug="stray", locale=stories["call"].locale)
    root.add_child(instance=stray)
    stray.save_revision().publish()
    assert client.get("/sitemap.xml").status_code == 200


def test_clearing_a_storys_cities_reaches_its_translation(stories, city, en_locale):
    from stories.models import StoryPage

    index = stories["mou"].get_parent()
    index.copy_for_translation(en_locale).save_revision().publish()
    english = stories["mou"].copy_for_translation(en_locale)
    english.save_revision().publish()
    assert list(StoryPage.objects.get(pk=english.pk).partner_cities.all()) == [city]

    persian = StoryPage.objects.get(pk=stories["mou"].pk)
    persian.partner_cities.set([])
    persian.fields_of_cooperation.set([])
    persian.save_revision().publish()
    english = StoryPage.objects.get(pk=english.pk)
    assert list(english.partner_cities.all()) == []
    assert list(english.fields_of_cooperation.all()) == []
