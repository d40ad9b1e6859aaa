"""The memo (core/memo.py): site-wide lookups kept between requests, forgotten on every change."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core import memo, page_cache
from tests.factories import StandardPageFactory, story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memo_on(settings):
    # The page cache stays off: the memo is what serves uncached pages faster.
    settings.MEMO_ENABLED = True
    memo.clear()
    yield
    memo.clear()


def body(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_second_request_finds_the_site_tree_and_settings_without_a_query(client, news):
    url = news["story"].url
    first = queries(client, url)
    second = queries(client, url)
    # Kept: the site, the page tree, the settings, the story itself and what it shows of other
    # rows (decision 0006): the page is rendered again from them without reading the database.
    assert first and not second, (first, second)
    third = client.get(url)
    client_without_memo = Client()
    with override_settings(MEMO_ENABLED=False):
        assert client_without_memo.get(url).content == third.content


def test_each_language_and_address_has_its_own_tree(client, news, en_home):
    assert 'lang="fa"' in body(client, "/")
    assert 'lang="en"' in body(client, "/en/")
    assert "خبر نخست" in body(client, news["story"].url)
    body(client, news["index"].url + "missing/", status=404)
    assert "خبر نخست" in body(client, news["story"].url)


def test_publishing_a_change_is_seen_at_once_in_the_menu_and_the_route(client, news):
    index = news["index"]
    assert index.title in body(client, "/")  # in the main menu, read from the memoised tree
    index.title = "گزارش‌ها"
    index.save_revision().publish()
    assert "گزارش‌ها" in body(client, "/")

    page = news["story"]
    body(client, page.url)
    page.unpublish()
    body(client, page.url, status=404)
    page.save_revision().publish()
    assert "خبر نخست" in body(client, page.url)


def test_a_new_page_is_found_at_once(client, fa_home, news):
    body(client, "/about/", status=404)
    StandardPageFactory(parent=fa_home, title="دربارهٔ ما", slug="about").save_revision().publish()
    assert "دربارهٔ ما" in body(client, "/about/")


def test_saving_the_site_settings_is_seen_at_once(client, news):
    from core.models import SiteSettings

    body(client, "/")
    settings_row = SiteSettings.objects.get()
    settings_row.email = "office@example.org"
    settings_row.save()
    assert "office@example.org" in body(client, "/")


def test_no_generation_means_no_memo(client, news, monkeypatch):
    def unavailable():
        raise ConnectionError("the cache server is down")

    monkeypatch.setattr(page_cache, "generation", unavailable)
    url = news["story"].url
    assert len(queries(client, url)) == len(queries(client, url))
    assert "خبر نخست" in body(client, url)


def test_the_memo_holds_a_bounded_number_of_entries(client, news, monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 5)
    for n in range(20):
        body(client, f"/missing-{n}/", status=404)
    assert len(memo._values) <= 5
    assert "خبر نخست" in body(client, news["story"].url)


def test_search_keeps_the_first_pages_and_sees_a_new_story_at_once(client, news, monkeypatch):
    import re

    from home import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    monkeypatch.setattr(views, "KEPT_RESULTS", 2)
    for n in range(3):
        story(news["index"], title=f"گزارش همایش {n}", slug=f"meeting-{n}")

    def found(page):
        html = body(client, f"/search/?q=همایش&page={page}")
        return re.findall(r'href="/news/(meeting-\d)/"', html)

    pages = [found(n) for n in (1, 2, 3)]
    assert all(len(p) == 1 for p in pages)  # 1 and 2 from the kept ids, 3 from the search
    assert len({p[0] for p in pages}) == 3
    assert found(1) == pages[0]
    story(news["index"], title="همایش تازه", slug="meeting-9")
    every = {slug for n in (1, 2, 3, 4) for slug in found(n)}
    assert every == {"meeting-0", "meeting-1", "meeting-2", "meeting-9"}


def test_a_change_without_the_purging_signals_is_seen_after_memo_seconds(client, news, settings):
    from core.models import SiteSettings

    body(client, "/")
    # An update that sends no post_save, as a data migration or a shell might make.
    SiteSettings.objects.update(email="quiet@example.org")
    assert "quiet@example.org" not in body(client, "/")  # still the kept settings
    settings.MEMO_SECONDS = 0
    assert "quiet@example.org" in body(client, "/")


def test_a_request_under_an_older_generation_neither_uses_nor_stores(client, news, monkeypatch):
    body(client, news["story"].url)
    current = memo._generation
    kept = dict(memo._values)
    monkeypatch.setattr(page_cache, "generation", lambda: current - 1)
    assert len(queries(client, news["story"].url)) == len(queries(client, news["story"].url))
    assert memo._generation == current and memo._values.keys() == kept.keys()
