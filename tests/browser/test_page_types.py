"""Every page type in both languages, as served: right language and direction, zero axe-core
violations (WCAG 2.2 A and AA) and zero Nu HTML Checker errors. The figures per page type are
printed (run with -s to see them)."""

import urllib.error
import urllib.request

import pytest

from tests.browser.axe import axe_violations
from tests.browser.vnu import html_errors

LANGUAGES = {"fa": ("", "rtl"), "en": ("/en", "ltr")}
# One page of each type from the demo, and the status it is served with.
PAGE_TYPES = {
    "home": ("/", 200),
    "partner index": ("/partner-cities/", 200),
    "partner city": ("/partner-cities/xian/", 200),
    "city networks": ("/partner-cities/networks/", 200),
    "cultural week index": ("/cultural-weeks/", 200),
    "cultural week": ("/cultural-weeks/isfahan-in-paris/", 200),
    "story index": ("/news/", 200),
    "story": ("/news/isfahan-cultural-week-paris-2019/", 200),
    "search results": ("/search/?q=%D8%A7%D8%B5%D9%81%D9%87%D8%A7%D9%86", 200),
    "standard page": ("/about/", 200),
    "call for citizen diplomats": ("/citizen-diplomats/", 200),
    "withdraw link": ("/applications/withdraw/not-a-real-token/", 404),
    "not found": ("/no-such-page/", 404),
}


def _url(language, path):
    return LANGUAGES[language][0] + path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_in_its_language_and_direction(page, language, page_type):
    path, status = PAGE_TYPES[page_type]
    response = page.goto(_url(language, path))

    assert response.status == status
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == LANGUAGES[language][1]
    # Each language-switch link says which language it leads to.
    for item in page.locator(".language-switcher li").all():
        code = item.get_attribute("lang")
        assert code in LANGUAGES
        assert item.get_attribute("dir") == LANGUAGES[code][1]
        link = item.locator("a")
        if link.count():
            assert link.first.get_attribute("hreflang") == code
    violations = axe_violations(page)
    print(f"axe {language} {page_type}: {len(violations)} violations")
    assert violations == []


def test_every_page_type_is_valid_html(live_site, tmp_path):
    files = {}
    for language in LANGUAGES:
        for page_type, (path, _status) in PAGE_TYPES.items():
            try:
                body = urllib.request.urlopen(live_site + _url(language, path)).read()
            except urllib.error.HTTPError as error:  # the 404 pages are checked too
                body = error.read()
            name = f"{language}-{page_type.replace(' ', '-')}.html"
            (tmp_path / name).write_bytes(body)
            files[name] = tmp_path / name

    errors = html_errors(files.values())

    for name in files:
        print(f"Nu HTML Checker {name}: {len(errors[name])} errors")
    assert {name: found for name, found in errors.items() if found} == {}
