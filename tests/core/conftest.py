import datetime

import pytest
from django.test import Client

from core import memo
from tests.factories import StoryIndexPageFactory, partner_city, story


@pytest.fixture
def news(fa_home, partner_index):
    """A story index in the main menu, a partner city and one story about it, and the site's
    settings row (which the first request creates, and saving it rightly purges)."""
    index = StoryIndexPageFactory(parent=fa_home, show_in_menus=True)
    city = partner_city(partner_index, title="شیان", slug="xian")
    item = story(
        index, cities=[city], title="خبر نخست", slug="first", date=datetime.date(2026, 11, 1)
    )
    Client().get("/")
    memo.clear()  # what that first request kept said there were no settings
    return {"index": index, "city": city, "story": item}
