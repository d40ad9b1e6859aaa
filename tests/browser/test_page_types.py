"""Every page type in both languages, as served: right language and direction, zero axe-core
violations (WCAG 2.2 A and AA) and zero Nu HTML Checker errors. The figures per page type are
printed (run with -s to see them)."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import _manage
from tests.browser.test_application_journeys import CALL_URLS, apply
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
    # Each language-switch link says which language it leads to (there is one on every page).
    items = page.locator(".language-switcher li").all()
    assert items
    for item in items:
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


def _site_shell(site_env, code):
    """Runs ``code`` in ``manage.py shell`` against the served site's database; its output."""
    done = _manage(site_env, "shell", "--no-imports", "-c", code, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_application_states_and_the_error_pages_pass_both_checkers(
    recaptcha, live_site, site_env, language, tmp_path
):
    """The pages a GET of the demo does not reach: the form with its errors, the confirmation,
    the withdraw page of a real link, the 400 page (an over-size request) and the 500 page."""
    page = recaptcha
    served = {}  # name: (the HTML as served, the page's address)

    def keep(name, response):
        assert response is not None and response.ok, name
        served[name] = (response.body(), response.url)

    # Sent empty: the errors beside each field and in the summary.
    page.goto(CALL_URLS[language])
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.evaluate("document.querySelector('.application-form').noValidate = true")
        page.locator(".application-form button[type=submit]").click()
    keep("form-with-errors", sent.value)
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == []

    # A real application: its confirmation, then the withdraw page its email links to.
    with page.expect_response(lambda r: "/confirmation/" in r.url) as confirmation:
        reference, _answers = apply(page, language, tmp_path)
    keep("confirmation", confirmation.value)
    assert axe_violations(page) == []
    withdraw = _site_shell(
        site_env,
        "from applications.models import Application; from applications.emails import withdraw_url;"
        f" print(withdraw_url(Application.objects.get(reference={reference!r})))",
    )
    keep("withdraw", page.goto(urlsplit(withdraw).path))
    expect(page.locator("main form button[type=submit]")).to_have_count(1)
    assert axe_violations(page) == []

    # Over the upload limit, from the browser that holds the form's cookies: Django refuses it
    # while reading the body, before any view, with the static bilingual page.
    refused = page.request.post(
        CALL_URLS[language],
        data=b"x=" + b"y" * (4 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert refused.status == 400
    served["400"] = (refused.body(), refused.url)
    served["500"] = (
        _site_shell(
            site_env,
            "from django.views.defaults import server_error; from django.test import"
            " RequestFactory; print(server_error(RequestFactory().get('/')).content.decode())",
        ).encode(),
        live_site + "/",
    )
    for name in ("400", "500"):
        page.goto("/")  # the site's origin, so the page's stylesheet loads as it would
        page.set_content(served[name][0].decode())
        assert page.locator("html").get_attribute("lang") == "fa", name
        assert axe_violations(page) == [], name

    files = {}
    for name, (body, _url) in served.items():
        files[name] = tmp_path / f"{language}-{name}.html"
        files[name].write_bytes(body)
    errors = html_errors(files.values())
    for path in files.values():
        print(f"Nu HTML Checker {path.name}: {len(errors[path.name])} errors")
    assert {name: found for name, found in errors.items() if found} == {}
