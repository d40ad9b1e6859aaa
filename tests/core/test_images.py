"""Content images go through Wagtail's renditions as responsive pictures (issue 9): AVIF and
WebP with a JPEG fallback, several widths with ``sizes``, width and height against layout
shift, and ``loading="lazy"`` on every image but the one at the top of the page."""

import datetime
import zoneinfo
from html.parser import HTMLParser

import pytest
import wagtail_factories

from partners.models import ProgrammeItem
from tests.factories import (
    CulturalWeekIndexPageFactory,
    ProgrammeCategoryFactory,
    StoryIndexPageFactory,
    cultural_week,
    story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _photo(title):
    return wagtail_factories.ImageFactory(title=title, file__width=1600, file__height=900)


class _Pictures(HTMLParser):
    """Each <picture>'s source types and the attributes of its <img>."""

    def __init__(self):
        super().__init__()
        self.pictures = []
        self._sources = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._sources = []
        elif tag == "source" and self._sources is not None:
            self._sources.append(attrs.get("type"))
        elif tag == "img" and self._sources is not None:
            self.pictures.append({"types": self._sources, **attrs})
            self._sources = None


def pictures(response):
    assert response.status_code == 200
    parser = _Pictures()
    parser.feed(response.content.decode())
    return parser.pictures


def assert_responsive(img):
    assert img["types"] == ["image/avif", "image/webp"]
    assert img["src"].endswith(".jpg")
    assert len(img["srcset"].split(",")) == 3 and img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_story_hero_loads_at_once_and_gallery_images_lazily(client):
    hero, first, second = _photo("hero"), _photo("one"), _photo("two")
    gallery = [
        ("image", {"image": image, "alt_text": "", "decorative": True}) for image in (first, second)
    ]
    story(StoryIndexPageFactory(), slug="pictures", hero_image=hero, gallery=gallery)

    top, *below = pictures(client.get("/news/pictures/"))
    assert_responsive(top)
    assert "loading" not in top
    assert top["sizes"] == "(max-width: 50rem) 100vw, 50rem"
    assert len(below) == 2
    for img in below:
        assert_responsive(img)
        assert img["loading"] == "lazy"
        # Gallery columns, not the page's width, decide which width the browser picks.
        assert img["sizes"] == "(max-width: 35rem) 100vw, 25rem"
        assert img["alt"] == ""


def test_cultural_week_hero_loads_at_once_and_programme_images_lazily(client):
    start = datetime.datetime(2019, 10, 21, 19, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    week = cultural_week(
        CulturalWeekIndexPageFactory(),
        slug="week",
        hero_image=_photo("hero"),
        items=[(start, start + datetime.timedelta(hours=2), "کنسرت", ProgrammeCategoryFactory())],
    )
    ProgrammeItem.objects.filter(week=week).update(image=_photo("concert"))

    top, item = pictures(client.get("/cultural-weeks/week/"))
    assert_responsive(top)
    assert "loading" not in top
    assert_responsive(item)
    assert item["loading"] == "lazy"
    assert item["class"] == "programme-item__image"
    assert item["alt"] == ""
