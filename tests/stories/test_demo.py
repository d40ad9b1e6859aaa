from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape

from stories.models import StoryKind, StoryPage

pytestmark = pytest.mark.django_db


def test_demo_stories(client):
    call_command("seed_demo", stdout=StringIO())
    for language in ("fa", "en"):
        stories = list(StoryPage.objects.live().filter(locale__language_code=language))
        assert len(stories) >= 12
        assert {s.kind for s in stories} == set(StoryKind.values)
        assert sum(1 for s in stories if s.partner_cities.exists()) >= 10
    fa = {s.slug: s for s in StoryPage.objects.filter(locale__language_code="fa")}
    en = {s.slug: s for s in StoryPage.objects.filter(locale__language_code="en")}
    assert set(fa) == set(en)
    assert all(fa[slug].translation_key == en[slug].translation_key for slug in fa)
    # Stories show on the partner cities they name.
    html = client.get("/en/partner-cities/samarkand/").content.decode()
    assert "timeline__entry--story" in html
    call_command("seed_demo", stdout=StringIO())
    assert StoryPage.objects.count() == len(fa) + len(en)


def test_home_page_features_the_latest_stories_and_weeks_in_its_language(client):
    call_command("seed_demo", stdout=StringIO())
    fa = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    latest_fa = StoryPage.objects.filter(locale__language_code="fa").order_by("-date").first()
    latest_en = StoryPage.objects.filter(locale__language_code="en").order_by("-date").first()
    assert latest_fa.title in fa.split('id="latest-heading"')[1]
    assert escape(latest_en.title) in en.split('id="latest-heading"')[1]
    assert latest_fa.title not in en
    assert "۱۸ شهر همکار" in fa and "18 partner cities" in en
    assert "Isfahan&#x27;s cultural week in Xi&#x27;an" in en  # the upcoming week
