"""The shared page links (``{% pagination %}``) of every paged listing."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template(
    "{% load navigation_tags %}{% pagination page label kept previous_text next_text %}"
)


def _render(number, kept=None, language="en", **texts):
    page = Paginator(list(range(25)), 10).get_page(number)
    with translation.override(language):
        return TEMPLATE.render(
            Context(
                {
                    "page": page,
                    "label": "Pages of things",
                    "kept": kept,
                    "previous_text": texts.get("previous"),
                    "next_text": texts.get("next"),
                }
            )
        )


def test_middle_page_links_both_ways_keeping_the_parameters():
    html = _render(2, {"q": "اصفهان & co", "type": ""})
    assert 'aria-label="Pages of things"' in html
    # Encoded once for the URL and escaped once for the attribute.
    query = "q=%D8%A7%D8%B5%D9%81%D9%87%D8%A7%D9%86+%26+co&amp;type="
    assert f'href="?{query}&amp;page=1" rel="prev">Previous</a>' in html
    assert f'href="?{query}&amp;page=3" rel="next">Next</a>' in html
    assert "Page 2 of 3" in html


def test_first_and_last_pages_link_one_way_only():
    first, last = _render(1), _render(3)
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last


def test_own_link_texts_and_persian_digits():
    html = _render(2, language="fa", previous="تازه‌تر", next="قدیمی‌تر")
    assert 'rel="prev">تازه‌تر</a>' in html and 'rel="next">قدیمی‌تر</a>' in html
    assert "صفحهٔ ۲ از ۳" in html


def test_nothing_when_everything_fits_on_one_page():
    page = Paginator([1, 2], 10).get_page(1)
    html = TEMPLATE.render(Context({"page": page, "label": "x", "kept": None}))
    assert html.strip() == ""
