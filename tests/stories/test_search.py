"""Persian-aware search, on SQLite and PostgreSQL alike (CI runs this file on both)."""

import re

import pytest

from core.i18n import search_index_text, search_normalise
from core.search import MAX_QUERY_LENGTH, clean_query, highlight
from tests.factories import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(news):
    items = [
        story(
            news,
            slug="ambassador",
            title="دیدار سفیر چین با شهردار",
            summary="سفیر چین در کتابخانهٔ مرکزی از نمایشگاه ۱۴۰۴ دیدن کرد.",
        ),
        story(
            news,
            slug="call",
            title="فراخوان شهروند دیپلمات",
            summary="ما می‌خواهیم شهروندان در دیپلماسی شهری سهیم باشند.",
        ),
        story(
            news, slug="diacritics", title="شعرهای سعدی", summary="خوانش شعرهای سَعدی در اصفهـــان."
        ),
    ]
    # Publishing indexes each page (Wagtail's tasks run at once here), so no rebuild is needed.
    return items


def _found(client, query, url="/search/"):
    html = client.get(url, {"q": query}).content.decode()
    return re.findall(r'<h2 class="search-results__title"><a href="/news/([\w-]+)/">', html), html


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("سفير", "ambassador"),  # Arabic yeh finds Persian yeh
        ("كتابخانه", "ambassador"),  # Arabic kaf finds Persian keheh
        ("1404", "ambassador"),  # Latin digits find Persian digits
        ("۱۴۰۴", "ambassador"),
        ("سعدی", "diacritics"),  # diacritics in the text are ignored
        ("سَعدی", "diacritics"),  # … and in the query
        ("اصفهان", "diacritics"),  # tatweel is ignored
        ("می‌خواهیم", "call"),  # ZWNJ spelling
        ("می خواهیم", "call"),  # space spelling
        ("میخواهیم", "call"),  # written solid
    ],
)
def test_persian_spelling_variants_match(client, stories, query, slug):
    found, _html = _found(client, query)
    assert slug in found


def test_results_only_in_the_readers_language(client, stories):
    found, _html = _found(client, "سفیر", url="/en/search/")
    assert found == []


def test_matches_are_highlighted(client, stories):
    _found_slugs, html = _found(client, "سفير")
    assert "<mark>سفیر</mark>" in html


@pytest.mark.parametrize("query", ["", "   ", "%%%", "<script>", "\u202e", "؟؟؟"])
def test_empty_or_junk_queries_get_a_helpful_page(client, stories, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "search-results" not in response.content.decode()


def test_long_queries_are_capped(client, stories):
    response = client.get("/search/", {"q": "سفیر " * 200})
    assert response.status_code == 200
    assert "نخست" in response.content.decode() or "first" in response.content.decode()


def test_filter_by_type(client, stories):
    found, _html = _found(client, "سفیر")
    assert found
    html = client.get("/search/", {"q": "سفیر", "type": "partners"}).content.decode()
    assert "/news/ambassador/" not in html


def test_normalisation_helpers():
    assert search_normalise("كتابي ۱۲۳ مُحَمَّد اصفهـــان") == "کتابی 123 محمد اصفهان"
    assert search_normalise("می\u200cخواهم") == "می خواهم"
    assert search_index_text("می\u200cخواهم").split() == ["می", "خواهم", "میخواهم"]
    assert clean_query("x" * 500) == "x" * MAX_QUERY_LENGTH
    assert clean_query("<<>>") == ""
    assert str(highlight("سفیر <b>چین</b>", "سفير")) == "<mark>سفیر</mark> &lt;b&gt;چین&lt;/b&gt;"


@pytest.mark.parametrize("query", ['a"', 'سفیر"', 'شهر 1404"', "a\x00b", "\x0bسفیر"])
def test_quotes_and_control_characters_never_break_search(client, stories, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_long_query_is_cut_at_a_word_boundary(client, stories):
    query = "سفیر " + "چین " * 40
    found, _html = _found(client, query)
    assert "ambassador" in found


def test_presentation_forms_and_zwj_are_normalised(client, stories):
    assert "ambassador" in _found(client, "ﺳﻔﯿﺮ")[0]  # Arabic presentation forms, as PDFs have
    assert "ambassador" in _found(client, "سف\u200dیر")[0]


def test_solid_spelling_is_highlighted_too():
    assert "<mark>" in str(highlight("ما می\u200cخواهیم", "میخواهیم"))


def test_the_page_links_keep_the_query_and_the_type(client, news):
    for n in range(12):
        story(news, slug=f"hafte-{n}", title=f"هفتهٔ فرهنگی {n}", summary="هفتهٔ فرهنگی اصفهان")
    html = client.get("/search/", {"q": "هفتهٔ فرهنگی", "type": "stories"}).content.decode()

    link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert (
        link
        == "?q=%D9%87%D9%81%D8%AA%D9%87%D9%94+%D9%81%D8%B1%D9%87%D9%86%DA%AF%DB%8C&type=stories&page=2"
    )
    page_two = client.get("/search/" + link).content.decode()
    assert len(re.findall(r'class="search-results__title"', page_two)) == 2
    assert 'rel="prev"' in page_two and "type=stories" in page_two
