from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import escape
from wagtail.models import Page

from partners.models import CulturalWeekPage, PartnerCityPage, ProgrammeItem
from stories.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

SMALL = {"cities": 3, "weeks": 2, "items": 4, "stories": 7}
LANGUAGES = ("fa", "en")


def _seed_bulk(**sizes):
    options = [f"--{name}={number}" for name, number in {**SMALL, **sizes}.items()]
    call_command("seed_bulk", *options, stdout=StringIO())


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=StringIO())


def _bulk(model, language, prefix):
    return model.objects.filter(locale__language_code=language, slug__startswith=prefix)


def _counts():
    return {
        "pages": Page.objects.count(),
        "items": ProgrammeItem.objects.count(),
        "tags": StoryPage.tags.through.objects.count(),
    }


def test_seed_bulk_adds_live_translated_content_in_both_languages(demo):
    demo_stories = StoryPage.objects.filter(locale__language_code="fa").count()
    _seed_bulk()

    for language in LANGUAGES:
        assert _bulk(PartnerCityPage, language, "bulk-city-").live().count() == 3
        assert _bulk(CulturalWeekPage, language, "bulk-week-").live().count() == 2
        assert _bulk(StoryPage, language, "bulk-story-").live().count() == 7
        for week in _bulk(CulturalWeekPage, language, "bulk-week-"):
            assert week.programme_items.filter(locale__language_code=language).count() == 4
    assert StoryPage.objects.filter(locale__language_code="fa").count() == demo_stories + 7

    # The English pages are translations of the Persian ones, not copies or aliases.
    for model, prefix in (
        (PartnerCityPage, "bulk-city-"),
        (CulturalWeekPage, "bulk-week-"),
        (StoryPage, "bulk-story-"),
    ):
        fa = {p.slug: p for p in _bulk(model, "fa", prefix)}
        en = {p.slug: p for p in _bulk(model, "en", prefix)}
        assert set(fa) == set(en)
        for slug, page in fa.items():
            assert en[slug].translation_key == page.translation_key
            assert en[slug].alias_of_id is None
            assert en[slug].title != page.title
    week_fa = _bulk(CulturalWeekPage, "fa", "bulk-week-").first()
    week_en = week_fa.get_translation(_bulk(CulturalWeekPage, "en", "bulk-week-")[0].locale)
    assert {i.translation_key for i in week_fa.programme_items.all()} == {
        i.translation_key for i in week_en.programme_items.all()
    }

    # Both languages name the same (Persian) cities and fields; tags are each language's own.
    story_fa = _bulk(StoryPage, "fa", "bulk-story-").first()
    story_en = story_fa.get_translation(week_en.locale)
    assert set(story_en.partner_cities.all()) == set(story_fa.partner_cities.all()) != set()
    assert set(story_en.fields_of_cooperation.all()) == set(story_fa.fields_of_cooperation.all())
    assert {t.name for t in story_en.tags.all()}.isdisjoint(t.name for t in story_fa.tags.all())

    # The tree Wagtail keeps (paths, depths, child counts) is sound.
    assert not any(Page.find_problems())
    for index in StoryIndexPage.objects.all():
        assert index.numchild == index.get_children().count()

    # Run again, it adds nothing; with a larger size, only the difference.
    counts = _counts()
    _seed_bulk()
    assert _counts() == counts
    _seed_bulk(stories=9)
    assert _bulk(StoryPage, "en", "bulk-story-").count() == 9
    assert _counts()["pages"] == counts["pages"] + 2 * 2
    assert not any(Page.find_problems())


def test_bulk_pages_render_and_are_found_in_both_languages(demo, client):
    _seed_bulk()
    for language in LANGUAGES:
        _check_rendering(client, language)


def _check_rendering(client, language):
    prefix = "" if language == "fa" else "/en"
    story = _bulk(StoryPage, language, "bulk-story-").first()
    pages = [
        _bulk(PartnerCityPage, language, "bulk-city-").first(),
        _bulk(CulturalWeekPage, language, "bulk-week-").first(),
        story,
    ]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode()
    for path in ("/partner-cities/", "/cultural-weeks/", "/news/", "/"):
        assert client.get(f"{prefix}{path}").status_code == 200, path

    # A story shows on the timeline of the city it names, in the city's language.
    city = story.partner_cities.first().get_translation(story.locale)
    assert escape(story.title) in client.get(city.url).content.decode()

    query = "نمونه" if language == "fa" else "sample"
    results = client.get(f"{prefix}/search/", {"q": query, "type": "partners"}).content.decode()
    assert escape(_bulk(PartnerCityPage, language, "bulk-city-").first().title) in results


def test_seed_bulk_needs_the_demo_content_first():
    with pytest.raises(CommandError, match="seed_demo"):
        _seed_bulk()
