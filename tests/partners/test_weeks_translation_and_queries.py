import datetime
import zoneinfo
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from partners.models import CulturalWeekPage
from tests.core.test_query_budget import QUERY_BUDGET
from tests.factories import CulturalWeekIndexPageFactory, ProgrammeCategoryFactory, cultural_week

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_a_week_is_translated_with_its_items(
    client, moderator, en_locale, django_capture_on_commit_callbacks
):
    index = CulturalWeekIndexPageFactory()
    index.copy_for_translation(en_locale).save_revision().publish()
    music = ProgrammeCategoryFactory(name="موسیقی", slug="music")
    english_music = music.copy_for_translation(en_locale)
    english_music.name = "Music"
    english_music.save()
    start = datetime.datetime(2019, 10, 21, 19, 30, tzinfo=PARIS)
    week = cultural_week(
        index,
        slug="paris",
        title="هفتهٔ پاریس",
        items=[(start, start + datetime.timedelta(hours=1), "کنسرت", music)],
    )
    english = {
        "هفتهٔ پاریس": "The Paris week",
        "paris": "paris",
        "پاریس": "Paris",
        "کنسرت": "Concert",
    }
    client.force_login(moderator)
    client.post(f"/admin/localize/submit/page/{week.pk}/", {"locales": [en_locale.pk]})
    translation = Translation.objects.get(source__object_id=week.translation_key)
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert {s.string.data for s in segments} == set(english)
    for segment in segments:
        client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": english[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
    target = Page.objects.get(translation_key=week.translation_key, locale=en_locale)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})

    week_en = CulturalWeekPage.objects.get(pk=target.pk)
    (item,) = week_en.programme_items.all()
    assert item.title == "Concert"
    assert item.start == start  # times stay synchronised
    assert item.locale == en_locale
    assert item.translation_key == week.programme_items.get().translation_key

    client.logout()
    html = client.get("/en/cultural-weeks/paris/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<h4 class="programme-item__title">Concert</h4>' in html
    assert '<span class="tag">Music</span>' in html
    assert "Monday 21 October 2019" in html
    assert '<time datetime="2019-10-21T19:30:00+02:00">19:30–20:30</time>' in html


def _items(count, categories):
    first = datetime.datetime(2019, 10, 21, 9, 0, tzinfo=PARIS)
    return [
        (
            first + datetime.timedelta(hours=3 * n),
            first + datetime.timedelta(hours=3 * n + 1),
            f"برنامهٔ {n}",
            categories[n % len(categories)],
        )
        for n in range(count)
    ]


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_week_page_query_count_is_the_same_for_5_and_80_items(client):
    index = CulturalWeekIndexPageFactory()
    categories = [ProgrammeCategoryFactory() for _ in range(4)]
    cultural_week(index, slug="small", items=_items(5, categories))
    cultural_week(index, slug="large", items=_items(80, categories))
    counts = {}
    for slug in ("small", "large"):
        counts[slug] = {
            "page": _count(client, f"/cultural-weeks/{slug}/"),
            "filtered": _count(
                client, f"/cultural-weeks/{slug}/?day=2019-10-22&category={categories[0].slug}"
            ),
            "calendar": _count(client, f"/cultural-weeks/{slug}/calendar/"),
        }
    print("week page queries:", counts)
    assert counts["small"] == counts["large"]
    assert max(counts["large"].values()) <= QUERY_BUDGET


def test_english_week_with_a_partner_host_and_images_has_a_fixed_query_count(
    client, en_locale, settings, tmp_path
):
    import wagtail_factories

    from tests.factories import PartnerIndexPageFactory, partner_city

    settings.MEDIA_ROOT = tmp_path
    partners = PartnerIndexPageFactory()
    partners.copy_for_translation(en_locale).save_revision().publish()
    city = partner_city(partners, slug="xian", title="شیان", signed_on=None, exchanges=[])
    city.copy_for_translation(en_locale).save_revision().publish()
    index = CulturalWeekIndexPageFactory()
    index.copy_for_translation(en_locale).save_revision().publish()
    categories = [ProgrammeCategoryFactory() for _ in range(3)]
    images = [wagtail_factories.ImageFactory() for _ in range(4)]
    for slug, count in (("small", 5), ("large", 40)):
        week = cultural_week(
            index, slug=slug, host_city=city, host_city_name="", items=_items(count, categories)
        )
        week = CulturalWeekPage.objects.get(pk=week.pk)
        items = list(week.programme_items.all())
        for n, item in enumerate(items):
            item.image = images[n % len(images)]
        week.programme_items = items
        week.save_revision().publish()
        week.copy_for_translation(en_locale).save_revision().publish()
    counts = {
        slug: (
            _count(client, f"/en/cultural-weeks/{slug}/"),
            _count(client, f"/en/cultural-weeks/{slug}/calendar/"),
        )
        for slug in ("small", "large")
    }
    print("English week queries (page, calendar):", counts)
    assert max(max(pair) for pair in counts.values()) <= QUERY_BUDGET
    assert "programme-item__image" in client.get("/en/cultural-weeks/large/").content.decode()
    assert counts["small"] == counts["large"]
    index_small = _count(client, "/en/cultural-weeks/")
    cultural_week(index, slug="third", host_city=city, host_city_name="").copy_for_translation(
        en_locale
    ).save_revision().publish()
    assert _count(client, "/en/cultural-weeks/") == index_small
