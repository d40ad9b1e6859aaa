"""The page cache: anonymous pages are served from it, and a change is seen at once everywhere."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from applications.models import ApplicationPage
from core import memo
from tests.factories import StoryIndexPageFactory, story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SHARED_MAX_AGE = 300
    # As in production: the memo (core/memo.py) is purged with the cache.
    settings.MEMO_ENABLED = True
    memo.clear()
    yield
    memo.clear()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def showing(news):
    """Every page that shows the story: its own, its index, its city's timeline, the home."""
    return [news["story"].url, news["index"].url, news["city"].url, "/"]


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, news):
    first = get(client, news["story"].url)
    second = get(client, news["story"].url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The security headers are those of every page, added again on the way out.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_cached_pages_say_a_shared_cache_may_keep_them_and_browsers_must_check(client, news):
    for response in (get(client, "/"), get(client, "/")):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=300"} <= control
        assert "Cookie" in response["Vary"]


def test_each_language_and_query_has_its_own_entry(client, news, en_home):
    assert get(client, "/")["X-Page-Cache"] == "miss"
    assert get(client, "/en/")["X-Page-Cache"] == "miss"
    assert get(client, news["index"].url + "?page=1")["X-Page-Cache"] == "miss"
    assert get(client, news["index"].url)["X-Page-Cache"] == "miss"
    assert get(client, "/en/")["X-Page-Cache"] == "hit"


def test_publishing_a_change_shows_at_once_on_the_page_and_everywhere_it_is_listed(client, news):
    for url in showing(news):
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "hit"
        assert "خبر نخست" in get(client, url).content.decode(), url

    page = news["story"]
    page.title = "خبر ویرایش‌شده"
    page.save_revision().publish()

    for url in showing(news):
        if url == news["story"].url:
            continue  # the slug is unchanged, the page is where it was
        body = get(client, url).content.decode()
        assert "خبر ویرایش‌شده" in body, url
        assert "خبر نخست" not in body, url
    assert "خبر ویرایش‌شده" in get(client, page.url).content.decode()


def test_a_new_story_appears_on_its_index_and_its_citys_timeline_at_once(client, news):
    for url in showing(news):
        get(client, url)
    story(
        news["index"],
        cities=[news["city"]],
        title="خبر تازه",
        slug="fresh",
        date=datetime.date(2026, 11, 20),
    )
    for url in [news["index"].url, news["city"].url, "/"]:
        assert "خبر تازه" in get(client, url).content.decode(), url


def test_unpublishing_moving_and_deleting_purge_the_cache(client, news, fa_home):
    page = news["story"]
    index_url = news["index"].url
    get(client, index_url)
    page.unpublish()
    assert "خبر نخست" not in get(client, index_url).content.decode()
    assert client.get(page.url).status_code == 404

    page.save_revision().publish()
    assert "خبر نخست" in get(client, index_url).content.decode()
    other = StoryIndexPageFactory(parent=fa_home, title="گزارش‌ها", slug="reports")
    get(client, other.url)
    page.refresh_from_db()
    page.move(other, pos="last-child")
    assert "خبر نخست" not in get(client, index_url).content.decode()
    assert "خبر نخست" in get(client, other.url).content.decode()

    page.refresh_from_db()
    page.delete()
    assert "خبر نخست" not in get(client, other.url).content.decode()


def test_a_changed_snippet_shown_on_pages_purges_them(client, news, culture):
    city = news["city"]
    city.fields_of_cooperation.set([culture])
    city.save_revision().publish()
    assert culture.name in get(client, city.url).content.decode()
    culture.name = "فرهنگ و هنر"
    culture.save()
    assert "فرهنگ و هنر" in get(client, city.url).content.decode()


def test_nothing_is_cached_for_a_signed_in_user(client, news, editor):
    client.force_login(editor)
    for _ in range(2):
        response = get(client, news["story"].url)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    # ...and what they saw is not handed to anonymous readers.
    assert Client().get(news["story"].url)["X-Page-Cache"] == "miss"


def test_the_admin_the_form_and_its_confirmation_are_never_cached(client, fa_home, editor):
    call = ApplicationPage(
        title="فراخوان",
        slug="call",
        intro="<p>پیش‌درآمد</p>",
        privacy_notice_version="1",
        opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    fa_home.add_child(instance=call)
    call.save_revision().publish()
    for _ in range(2):
        response = client.get(call.url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/admin/login/")
    confirmation = client.get(call.url + "confirmation/?ref=nonsense")
    assert "X-Page-Cache" not in confirmation


def test_search_results_are_public_content_and_may_be_cached_per_query(client, news):
    url = "/search/?q=" + "خبر"
    assert get(client, url)["X-Page-Cache"] == "miss"
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert get(client, "/search/?q=other")["X-Page-Cache"] == "miss"


def test_switched_off_nothing_is_cached(client, news, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        assert "X-Page-Cache" not in get(client, news["story"].url)


@pytest.fixture
def purge_server():
    """A stand-in for a caching proxy (Varnish, nginx) that records the PURGE requests sent."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()


def test_with_a_cdn_configured_publishing_purges_the_page_and_the_pages_listing_it(
    news, settings, purge_server
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    page = news["story"]
    page.title = "خبر ویرایش‌شده"
    page.save_revision().publish()
    paths = {path for _, path in received}
    assert page.url in paths  # Wagtail's own handler
    assert news["index"].url in paths  # ours: the index listing it
    assert "/" in paths  # and the home page


def test_cached_pages_tell_nginx_to_keep_them_one_second_only(client, news):
    response = get(client, "/")
    assert response["X-Accel-Expires"] == "1"


def test_an_unknown_query_parameter_is_answered_but_not_stored(client, news):
    for _ in range(2):
        response = get(client, news["index"].url + "?utm_source=x")
        assert "X-Page-Cache" not in response
    assert get(client, news["index"].url + "?page=1")["X-Page-Cache"] == "miss"


class CacheServerDown:
    """Stands in for the page cache's backend while Redis is down: every call fails."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return refuse


def test_with_its_cache_server_down_the_site_still_answers(client, news, monkeypatch):
    from core import page_cache

    monkeypatch.setattr(page_cache, "_cache", CacheServerDown)
    response = get(client, news["story"].url)
    assert "خبر نخست" in response.content.decode()
    assert "X-Page-Cache" not in response
    page = news["story"]
    page.title = "خبر ویرایش‌شده"
    page.save_revision().publish()  # a purge that cannot reach the cache is not an error


def test_an_outage_is_logged_once_a_minute_not_on_every_request(client, news, monkeypatch, caplog):
    from core import cache, page_cache

    monkeypatch.setattr(page_cache, "_cache", CacheServerDown)
    monkeypatch.setattr(cache, "_outage_logged", {})
    clock = [1000.0]
    # The clock of report_outage only, not the whole process's.
    monkeypatch.setattr(cache, "time", SimpleNamespace(monotonic=lambda: clock[0]))

    def errors():
        return [r for r in caplog.records if r.levelname == "ERROR" and "page cache" in r.message]

    with caplog.at_level("DEBUG", logger="core.page_cache"):
        for _ in range(3):
            assert get(client, news["story"].url).status_code == 200
        assert len(errors()) == 1 and errors()[0].exc_info  # with its traceback
        clock[0] += cache.OUTAGE_LOG_SECONDS + 1
        get(client, news["story"].url)
        assert len(errors()) == 2


def test_a_draft_saved_by_an_editor_leaves_the_cache_alone(client, news):
    get(client, news["index"].url)
    page = news["story"]
    page.title = "پیش‌نویس"
    page.save_revision()  # not published
    response = get(client, news["index"].url)
    assert response["X-Page-Cache"] == "hit"
    assert "پیش‌نویس" not in response.content.decode()


def test_purging_inside_a_transaction_purges_again_when_it_commits(
    client, news, culture, django_capture_on_commit_callbacks
):
    from django.db import transaction

    city = news["city"]
    city.fields_of_cooperation.set([culture])
    city.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        culture.name = "فرهنگ و هنر"
        culture.save()
    # A reader between the save and the commit caches the page under the new generation...
    get(client, city.url)
    assert get(client, city.url)["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    # ...and the purge at commit time forgets it.
    assert get(client, city.url)["X-Page-Cache"] == "miss"
