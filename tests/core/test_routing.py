"""Pages are found the way Wagtail finds them, from the request's page tree (core/routing.py):
view restrictions, drafts, routable sub-pages, aliases and unknown addresses behave as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import PartnerIndexPageFactory, StandardPageFactory, partner_city

pytestmark = pytest.mark.django_db


def test_a_password_on_a_section_asks_for_it_on_every_page_below(client, fa_home):
    section = StandardPageFactory(slug="members")
    StandardPageFactory(parent=section, slug="minutes")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for url in ("/members/", "/members/minutes/"):
        response = client.get(url)
        assert b'name="password"' in response.content, url
        assert "no-cache" in response["Cache-Control"]


def test_a_login_restriction_sends_readers_to_wagtails_login(client, fa_home):
    page = StandardPageFactory(slug="staff")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/")
    assert client.get(response["Location"]).status_code == 200


def test_drafts_are_not_found_but_live_pages_below_a_draft_are(client, fa_home):
    StandardPageFactory(slug="draft", live=False)
    assert client.get("/draft/").status_code == 404
    parent = StandardPageFactory(slug="withdrawn")
    StandardPageFactory(parent=parent, slug="still-live")
    parent.unpublish()
    assert client.get("/withdrawn/").status_code == 404
    assert client.get("/withdrawn/still-live/").status_code == 200  # as in Wagtail


def test_unknown_addresses_are_not_found(client, fa_home):
    StandardPageFactory(slug="known")
    for url in ("/unknown/", "/known/unknown/", "/en/known/", "/known/a/b/"):
        assert client.get(url).status_code == 404, url


def test_routable_pages_serve_their_sub_pages_and_their_children(client, fa_home):
    index = PartnerIndexPageFactory()
    partner_city(index, slug="xian", title="شیان")
    assert client.get("/partner-cities/registry/csv/")["Content-Type"].startswith("text/csv")
    assert client.get("/partner-cities/xian/").status_code == 200
    assert client.get("/partner-cities/xian/calendar/")["Content-Type"].startswith("text/calendar")
    assert client.get("/partner-cities/xian/no-such-view/").status_code == 404


def test_persian_slugs_and_english_aliases_are_served(client, fa_home, en_home, en_locale):
    page = StandardPageFactory(slug="درباره", title="درباره")
    assert client.get("/درباره/").status_code == 200
    page.copy_for_translation(en_locale, alias=True)
    html = client.get("/en/درباره/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>درباره</h1>" in html


def test_a_deeper_page_costs_no_more_queries(client, fa_home):
    top = StandardPageFactory(slug="a")
    middle = StandardPageFactory(parent=top, slug="b")
    StandardPageFactory(parent=middle, slug="c")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count("/a/") == count("/a/b/c/")
