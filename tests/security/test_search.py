"""Site search under hostile queries: never an error page (on SQLite's FTS5 and PostgreSQL's
tsquery alike), the query shown back only as text, and always a sentence saying what happened."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given
from hypothesis import strategies as st

from core.search import MAX_QUERY_LENGTH, clean_query
from tests.applications.form_pages import in_language
from tests.factories import story
from tests.security.hostile import (
    as_sent,
    assert_handled,
    bounded,
    get,
    hostile_text,
    hostile_value,
    injected_markup,
    persian_words,
)

pytestmark = pytest.mark.django_db

NO_MATCH = (
    "Nothing matches your search. Try fewer or other words, or the other language's spelling of "
    "a name."
)
NOT_A_WORD = "Type a word or a name to search for: letters or digits, not only symbols."

queries = st.one_of(
    hostile_value,
    st.builds(lambda word, noise: f"{word} {noise}", persian_words, hostile_text),
)


@pytest.fixture
def stories(news):
    # A story whose own text is a payload: its snippet in the results must stay text.
    return [
        story(
            news,
            slug="ambassador",
            title="دیدار سفیر چین",
            summary="سفیر در اصفهان <script>alert(7301)</script> از نمایشگاه ۱۴۰۴ دیدن کرد.",
        ),
        story(news, slug="call", title="فراخوان", summary="ما می‌خواهیم شهروندان سهیم باشند."),
    ]


def assert_says_what_happened(response, raw, language):
    text = BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")
    if clean_query(raw):
        assert response.context["total"] is not None
        if not response.context["results"]:
            assert in_language(language, NO_MATCH) in text
    elif raw:
        assert in_language(language, NOT_A_WORD) in text
    if len(raw) > MAX_QUERY_LENGTH:
        assert response.context["too_long"]


@bounded(40)
@given(
    query=queries,
    kind=st.one_of(st.none(), st.sampled_from(["stories", "pages"]), hostile_text),
    page=st.one_of(st.none(), st.sampled_from(["2", "-1", "0", "۲", "9" * 5000]), hostile_text),
    language=st.sampled_from(["fa", "en"]),
)
@example(query="سفير <script>alert(7301)</script>", kind=None, page=None, language="fa")
@example(query='" OR 1=1 -- NEAR(a b) *', kind="stories", page="1e3", language="fa")
@example(query="\x00\ud800' ; DROP TABLE wagtailcore_page; --", kind=None, page=None, language="en")
@example(query="a:* & !b | (c <-> d)", kind="\x00", page="\x00", language="en")
def test_search_never_fails_and_says_what_it_found(query, kind, page, language, visitor, stories):
    params = {"q": query}
    if kind is not None:
        params["type"] = kind
    if page is not None:
        params["page"] = page

    response = get(visitor, "/search/" if language == "fa" else "/en/search/", params)

    assert_handled(response)
    assert response.status_code == 200
    assert not injected_markup(response.content.decode())
    assert_says_what_happened(response, as_sent(query), language)


def test_a_match_inside_a_payload_is_shown_as_text(visitor, stories):
    response = get(visitor, "/search/", {"q": "سفیر"})

    assert response.status_code == 200
    assert response.context["results"]
    assert not injected_markup(response.content.decode())
    assert "&lt;script&gt;alert(7301)&lt;/script&gt;" in response.content.decode()


# Keys that long would not do for memcached; the page cache runs on Redis or local memory.
@pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")
@bounded(20)
@given(query=queries)
@example(query="\x00\ud800<script>alert(7301)</script>" + "ی" * 5000)
def test_the_page_cache_answers_a_hostile_search_as_the_view_does(
    query, visitor, stories, settings
):
    # Search results are cached per address for anonymous readers: a hostile address becomes a
    # cache key, and the stored page is served again.
    settings.PAGE_CACHE_ENABLED = True

    first = get(visitor, "/search/", {"q": query})
    again = get(visitor, "/search/", {"q": query})

    for response in (first, again):
        assert_handled(response)
        assert response.status_code == 200
    assert again.content == first.content
    assert not injected_markup(again.content.decode())
