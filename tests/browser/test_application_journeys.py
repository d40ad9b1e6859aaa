"""The citizen's application and the reviewer's work on it, in Chromium, in Persian and English.

The citizen uses the keyboard only: Tab from the skip link, typing, Space and the arrow keys, Enter
to send. The only exception is the operating system's file dialog, which no page can drive: the
CV is handed to the file input directly, as the dialog would. Each test applies with its own
email address, so the tests share the demo database without seeing each other's applications.
"""

import re
import uuid
from itertools import pairwise

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from applications.models import ApplicationEvent
from applications.models.application import CaptchaOutcome
from applications.pipeline import Status, find_transition
from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in

CALL_URLS = {"fa": "/citizen-diplomats/", "en": "/en/citizen-diplomats/"}
# Latin digits, whatever the language: the number is quoted in emails and on the phone.
REFERENCE = re.compile(r"^CD-[0-9]{4}-[0-9]{4}$")
# The form has about forty stops; far more means focus is trapped or lost.
MAX_TAB_STOPS = 120

# One name per stop the Tab key makes: a radio group is one stop, anything else is its id, or
# its tag and target when it has none (the privacy link, the send button).
STOP_KEY = """el => el.type === 'radio' ? 'radio:' + el.name
  : el.id || el.tagName.toLowerCase() + ':' + (el.getAttribute('href') || el.type)"""

FOCUS_STATE = f"""() => {{
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {{
    key: ({STOP_KEY})(el),
    id: el.id,
    href: el.getAttribute('href'),
    inForm: el.closest('.application-form') !== null,
    visible: outline || style.boxShadow !== 'none',
    box: {{top: box.top + scrollY, bottom: box.bottom + scrollY,
           left: box.left + scrollX, right: box.right + scrollX}},
  }};
}}"""

# The form's stops in document order: what Tab should visit, one after the other.
FORM_STOPS = f"""() => {{
  const keys = [];
  const controls = document.querySelectorAll(
    '.application-form :is(a[href], button, input, select, textarea, [tabindex])');
  for (const el of controls) {{
    if (el.tabIndex < 0 || el.disabled || el.type === 'hidden' || !el.checkVisibility()) continue;
    const key = ({STOP_KEY})(el);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }}
  return keys;
}}"""

SEND = "button:submit"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def minimal_pdf(path):
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return path


def answers_for(language):
    """What each applicant writes; the Persian one types Persian digits in the phone number.
    The email and phone are new each time, so no application is another's possible duplicate."""
    token = uuid.uuid4()
    email = f"applicant-{token.hex[:12]}@example.org"
    digits = f"{token.int % 10**8:08d}"
    if language == "fa":
        return {
            "full_name": "مریم آزمون‌زاده",
            "email": email,
            "phone": f"۰۹۱۲ {digits[:3]} {digits[3:7]}".translate(PERSIAN_DIGITS),
            "phone_e164": f"+98912{digits[:7]}",
            "city": "اصفهان",
            "country": None,  # Iran, already chosen
            "organisation": "دانشگاه هنر اصفهان",
            "role": "پژوهشگر",
            "languages": "فارسی، انگلیسی",
            "contacts": "با دو موزه در شهر همکار کار کرده‌ام.",
            "proposal": "یک نمایشگاه مشترک صنایع دستی.",
        }
    return {
        "full_name": "Mary Tester",
        "email": email,
        "phone": f"+49 151 {digits[:4]} {digits[4:]}",
        "phone_e164": f"+49151{digits}",
        "city": "Berlin",
        "country": ("Germany", "DE"),
        "organisation": "Example Museum",
        "role": "Curator",
        "languages": "German, English, Persian",
        "contacts": "I have worked with two museums in the partner city.",
        "proposal": "A joint exhibition of crafts.",
    }


def focused(page):
    return page.evaluate(FOCUS_STATE)


def press(*keys):
    def act(page):
        for key in keys:
            page.keyboard.press(key)

    return act


def type_text(text):
    return lambda page: page.keyboard.type(text)


def replace_text(text):
    def act(page):
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(text)

    return act


def tab_through_form(page, actions):
    """Press Tab until the send button has focus, doing at each stop what ``actions`` says.
    Every stop must show where the focus is. Returns the stops inside the form."""
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["visible"], f"the focus on {state['key']} cannot be seen"
        if state["inForm"]:
            stops.append(state)
        if state["key"] in actions:
            actions[state["key"]](page)
        if state["key"] == SEND:
            return stops
    pytest.fail(f"Tab never reached the send button; last stops: {[s['key'] for s in stops]}")


def assert_reading_order(stops, direction):
    """Each stop comes after the previous one as the eye reads the page: further along the same
    line (rightwards in English, leftwards in Persian) or lower down."""
    for before, after in pairwise(stops):
        a, b = before["box"], after["box"]
        same_line = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0
        if same_line:
            onward = (
                b["left"] >= a["right"] - 1 if direction == "ltr" else b["right"] <= a["left"] + 1
            )
        else:
            onward = b["top"] >= a["bottom"] - 1
        assert onward, f"{after['key']} is visited after {before['key']} but is not after it"


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == [], violations


def assert_summary_link(page, href):
    state = focused(page)
    assert state["href"] == href, state
    assert state["visible"], f"the focus on the summary's link {href} cannot be seen"


@pytest.mark.parametrize("language", ["fa", "en"])
def test_citizen_applies_with_the_keyboard_only(page, recaptcha, language, tmp_path):
    direction = "rtl" if language == "fa" else "ltr"
    answers = answers_for(language)
    page.goto(CALL_URLS[language])
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert_no_axe_violations(page)
    expected_stops = page.evaluate(FORM_STOPS)

    # The first Tab reaches the skip link, which takes the reader to the content.
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["href"] == "#main" and skip["visible"], skip
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    cv = minimal_pdf(tmp_path / "cv.pdf")
    # A first attempt with no name, a phone number that is not one and the privacy notice not
    # accepted; everything else is answered, and must survive the errors.
    first_attempt = {
        "id_email": type_text(answers["email"]),
        "id_phone": type_text("12"),
        "id_city_of_residence": type_text(answers["city"]),
        "radio:category": press("Space", "ArrowDown"),  # the second category
        "id_organisation": type_text(answers["organisation"]),
        "id_role": type_text(answers["role"]),
        "id_languages_spoken": type_text(answers["languages"]),
        "id_partner_cities_0": press("Space"),
        "id_contacts_description": type_text(answers["contacts"]),
        "id_fields_of_cooperation_0": press("Space"),
        "id_proposal": type_text(answers["proposal"]),
        # No page can work the operating system's file dialog: the file is handed to the input
        # as the dialog would.
        "id_cv": lambda page: page.set_input_files("#id_cv", cv),
        "id_consent_share_with_partner": press("Space"),
    }
    if answers["country"]:
        country_name = answers["country"][0]
        first_attempt["id_country_of_residence"] = type_text(country_name)  # the type-ahead
    stops = tab_through_form(page, first_attempt)
    assert [stop["key"] for stop in stops] == expected_stops
    assert_reading_order(stops, direction)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The summary at the top has the focus and links each error to its field.
    summary = page.locator("#error-summary")
    state = focused(page)
    assert state["id"] == "error-summary" and state["visible"], state
    expect(summary).to_be_in_viewport()
    form_top = page.locator(".application-form").bounding_box()["y"]
    assert summary.bounding_box()["y"] < form_top
    invalid = ["id_full_name", "id_phone", "id_accept_privacy"]
    links = summary.locator("a")
    expect(links).to_have_count(len(invalid))
    assert links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        f"#{field}" for field in invalid
    ]
    for field in invalid:
        control = page.locator(f"#{field}")
        expect(page.locator(f"#{field}_error")).to_be_visible()
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", re.compile(rf"\b{field}_error\b"))
    assert_no_axe_violations(page)

    # Every other answer is still there.
    expect(page.locator("#id_email")).to_have_value(answers["email"])
    expect(page.locator("#id_phone")).to_have_value("12")
    expect(page.locator("#id_city_of_residence")).to_have_value(answers["city"])
    expect(page.locator("#id_country_of_residence")).to_have_value(
        answers["country"][1] if answers["country"] else "IR"
    )
    expect(page.locator("#id_category_1")).to_be_checked()
    expect(page.locator("#id_languages_spoken")).to_have_value(answers["languages"])
    expect(page.locator("#id_partner_cities_0")).to_be_checked()
    expect(page.locator("#id_contacts_description")).to_have_value(answers["contacts"])
    expect(page.locator("#id_fields_of_cooperation_0")).to_be_checked()
    expect(page.locator("#id_proposal")).to_have_value(answers["proposal"])
    expect(page.locator("#id_consent_share_with_partner")).to_be_checked()
    # The CV never survives an error (browsers cannot refill a file input): the form says so.
    expect(page.locator(".application-form .notice[role=status]")).to_be_visible()
    assert page.locator("#id_cv").evaluate("input => input.files.length") == 0
    phone_box, email_box = (page.locator(f"#{f}").bounding_box() for f in ("id_phone", "id_email"))
    assert phone_box["width"] == email_box["width"], "the phone field is styled as the others"

    # The summary's first link leads to the name; the second, reached back with Shift+Tab from
    # there (the summary's links come just before the form), to the phone number.
    page.keyboard.press("Tab")
    assert_summary_link(page, "#id_full_name")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_full_name"
    page.keyboard.type(answers["full_name"])
    page.keyboard.press("Shift+Tab")
    assert_summary_link(page, "#id_accept_privacy")
    page.keyboard.press("Shift+Tab")
    assert_summary_link(page, "#id_phone")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_phone"
    replace_text(answers["phone"])(page)

    # On from the phone number to the end: the CV again, the consent, and Enter to send.
    second_attempt = {
        "id_cv": lambda page: page.set_input_files("#id_cv", cv),
        "id_accept_privacy": press("Space"),
    }
    stops = tab_through_form(page, second_attempt)
    assert [stop["key"] for stop in stops] == expected_stops[expected_stops.index("id_phone") + 1 :]
    expect(page.locator("#id_accept_privacy")).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    reference = page.locator(".reference strong")
    expect(reference).to_have_text(REFERENCE)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)


def apply(page, language, tmp_path):
    """An application with a CV, sent the quick way; returns its reference number and answers."""
    answers = answers_for(language)
    page.goto(CALL_URLS[language])
    page.fill("#id_full_name", answers["full_name"])
    page.fill("#id_email", answers["email"])
    page.fill("#id_phone", answers["phone"])
    page.fill("#id_city_of_residence", answers["city"])
    if answers["country"]:
        page.select_option("#id_country_of_residence", answers["country"][1])
    page.check("#id_category_0")
    page.fill("#id_languages_spoken", answers["languages"])
    page.check("#id_partner_cities_0")
    page.fill("#id_contacts_description", answers["contacts"])
    page.fill("#id_proposal", answers["proposal"])
    page.set_input_files("#id_cv", minimal_pdf(tmp_path / "cv.pdf"))
    page.check("#id_accept_privacy")
    page.locator(".application-form button[type=submit]").click()
    reference = page.locator(".reference strong")
    expect(reference).to_have_text(REFERENCE)
    return reference.inner_text(), answers


# The reviewer's journey: submitted → screening → more information (a question for the applicant)
# → screening → shortlisted → accepted.
JOURNEY = [
    (Status.SUBMITTED, Status.SCREENING, ""),
    (Status.SCREENING, Status.MORE_INFORMATION, "Which museums? / کدام موزه‌ها؟"),
    (Status.MORE_INFORMATION, Status.SCREENING, ""),
    (Status.SCREENING, Status.SHORTLISTED, ""),
    (Status.SHORTLISTED, Status.ACCEPTED, ""),
]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_reviewer_moves_an_application_and_downloads_its_cv_and_an_editor_cannot(
    page, recaptcha, language, tmp_path
):
    reference, answers = apply(page, language, tmp_path)

    # A reviewer whose admin speaks the applicant's language.
    log_in(page, "reviewer" if language == "fa" else "reviewer-en")
    page.goto("/admin/applications/application/")
    assert page.locator("html").get_attribute("lang") == language
    page.fill("#id_q", reference)
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r"/admin/applications/application/\d+/$"))
    application_url = page.url
    expect(page.locator(f"a[href='tel:{answers['phone_e164']}']")).to_be_visible()

    # The admin speaks the reviewer's language.
    with translation.override(page.locator("html").get_attribute("lang")):
        # The server could not ask Google (the harness has no network): the reviewer is warned.
        expect(page.locator(".help-warning")).to_contain_text(str(CaptchaOutcome.UNAVAILABLE.label))
        history = page.locator("table.listing tbody")
        note = page.locator("#transition-note")
        for source, target, question in JOURNEY:
            step = find_transition(source, target)
            button = page.locator(f"button[name=target][value='{target}']")
            expect(button).to_have_text(str(step.label))
            if step.note_required:
                # Without the question the step is refused and nothing changes.
                button.click()
                expect(page.locator(".messages .error")).to_contain_text(
                    gettext("Write the note for the applicant first.")
                )
                expect(page.locator("main h2").first).to_contain_text(str(Status(source).label))
                note.fill(question)
            button.click()
            expect(page.locator(".messages .success")).to_contain_text(reference)
            expect(page.locator("main h2").first).to_contain_text(str(Status(target).label))
            change = f"{Status(source).label} → {Status(target).label}"
            row = history.locator("tr", has_text=change)
            expect(row).to_have_count(1)
            expect(row.last).to_contain_text("reviewer")
            if question:
                expect(row.last).to_contain_text(question)
        expect(page.locator("button[name=target]")).to_have_count(0)  # accepted is final

        cv_link = page.locator("a[href^='/admin/applications/cv/']")
        cv_url = cv_link.get_attribute("href")
        with page.expect_download() as download_info:
            cv_link.click()
        download = download_info.value
        assert download.suggested_filename == f"{reference}-cv.pdf"
        with open(download.path(), "rb") as cv:
            assert cv.read(5) == b"%PDF-"
        page.reload()
        expect(
            history.locator("tr", has_text=str(ApplicationEvent.Kind.CV_DOWNLOADED.label))
        ).to_have_count(1)

    # An editor finds nothing there, as at any address that does not exist: not the
    # application, not the CV, not even that the office's views are there.
    page.context.clear_cookies()
    log_in(page, "editor")
    for url in ("/admin/applications/application/", application_url):
        response = page.goto(url)
        assert response.status == 404, url
        expect(page.locator("body")).not_to_contain_text(reference)
    response = page.goto(cv_url)
    assert response.status == 404
    assert not response.body().startswith(b"%PDF")
