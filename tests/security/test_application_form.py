"""The public application form under hostile input: it never fails, it always says what is wrong,
and what it stores is one clean spelling that is shown as text wherever a person reads it."""

import re
import uuid
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import event, example, given
from hypothesis import strategies as st

from applications.models import Application
from core.i18n import ARABIC_INDIC_DIGITS, BIDI_CONTROLS, PERSIAN_DIGITS
from tests.security.hostile import (
    MARKUP,
    PAYLOADS,
    ZWNJ,
    as_sent,
    assert_handled,
    bounded,
    control_characters,
    fragment,
    hostile_text,
    huge_text,
    injected_markup,
    parse,
    post,
    special_char,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]

# Free-text answers and the longest answer each takes (the form's and the model's limit).
TEXT_LIMITS = {
    "full_name": 200,
    "city_of_residence": 120,
    "organisation": 200,
    "role": 200,
    "languages_spoken": 300,
    "contacts_description": 4000,
    "proposal": 4000,
}
MULTILINE = {"contacts_description", "proposal"}
XIAN = object()  # stands for Xi'an's translation key, which exists only once the test runs


@st.composite
def sprinkled(draw, base):
    """A plausible answer with marks, controls or payloads slipped in anywhere."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(special_char, fragment)) + text[at:]
    return text


def answer(valid):
    # None keeps valid_data's answer, so a few examples are accepted and stored; most are refused
    # (test_an_application_full_of_payloads_… sends applications meant to be stored).
    return st.one_of(st.none(), sprinkled(st.just(valid)), hostile_text)


answers = st.fixed_dictionaries(
    {
        "full_name": answer("مریم نمونه"),
        "email": st.one_of(
            st.none(),
            sprinkled(
                st.sampled_from(["maryam@example.org", " MARYAM@Example.ORG ", "مریم@مثال.ایران"])
            ),
            hostile_text,
        ),
        "phone": st.one_of(
            st.none(),
            sprinkled(
                st.sampled_from(
                    ["۰۹۱۲۳۴۵۶۷۸۹", "٠٩١٢ ٣٤٥ ٦٧٨٩", "+49 30 1234567", "0098-912-345-6789"]
                )
            ),
            hostile_text,
        ),
        "city_of_residence": answer("اصفهان"),
        "country_of_residence": st.one_of(
            st.none(), st.sampled_from(["DE", "XX", "ir", ""]), hostile_text
        ),
        "category": st.one_of(st.none(), st.sampled_from(["other", "PROFESSOR"]), hostile_text),
        "organisation": answer("دانشگاه نمونه"),
        "role": answer("استاد"),
        "languages_spoken": answer("فارسی، انگلیسی"),
        "partner_cities": st.one_of(
            st.none(), st.lists(st.one_of(st.just(XIAN), hostile_text), max_size=4)
        ),
        "contacts_description": answer("همکاران دانشگاهی در شیان\nو خانواده"),
        "fields_of_cooperation": st.one_of(
            st.none(), st.lists(st.one_of(st.just("culture"), hostile_text), max_size=3)
        ),
        "proposal": answer("برگزاری نشست مشترک"),
        "accept_privacy": st.one_of(st.none(), st.just(""), hostile_text),
        "consent_share_with_partner": st.one_of(st.none(), hostile_text),
        "consent_public_listing": st.one_of(st.none(), hostile_text),
        "website": st.one_of(st.none(), st.none(), hostile_text),
    }
)
# At most one answer is huge, so the request stays under Django's 2.5 MB limit on a body (a
# larger body is refused as a whole: see test_a_body_over_the_size_limit_is_refused_cleanly).
huge_answer = st.one_of(
    st.none(), st.tuples(st.sampled_from([*TEXT_LIMITS, "email", "phone"]), huge_text)
)


def fill(valid_data, drawn, xian_key):
    data = valid_data(submission_token=str(uuid.uuid4()))
    for name, value in drawn.items():
        if value is None:
            continue
        if isinstance(value, list):
            value = [xian_key if item is XIAN else item for item in value]
        data[name] = value
    return data


def assert_stored_in_one_clean_spelling(application, data):
    for name, limit in TEXT_LIMITS.items():
        value, sent = getattr(application, name), as_sent(data[name])
        assert len(value) <= limit
        assert not set(value) & set(BIDI_CONTROLS), name
        assert not control_characters(value, allowed="\n" if name in MULTILINE else ""), name
        assert not set(value) & set(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS), name
        assert value == value.strip()
        assert "  " not in value
        # ZWNJ is part of Persian spelling: kept, every one of them.
        assert value.count(ZWNJ) == sent.count(ZWNJ), name
    email = application.email
    assert email == email.lower()
    assert not control_characters(email) and not set(email) & set(BIDI_CONTROLS + " ")
    assert re.fullmatch(r"\+[1-9]\d{5,14}", application.phone), application.phone


def assert_shown_as_text_to_reviewers(reviewer_visitor, application):
    response = reviewer_visitor.get(
        reverse("applications_application:inspect", args=[application.pk])
    )
    assert_handled(response)
    assert response.status_code == 200
    html = response.content.decode()
    assert not injected_markup(html)
    for name in TEXT_LIMITS:
        assert escape(getattr(application, name)) in html, name
    assert escape(application.email) in html


def assert_errors_explained(response, html):
    """The error summary names every answer that needs attention and links to it, and each
    field shows its own errors beside it. (Read with patterns over our own templates' markup:
    parsing each page would cost more than the request.)"""
    form = response.context["form"]
    assert form.errors, "a refused form without a reason"
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.DOTALL)
    assert summary, "no error summary"
    for name, errors in form.errors.items():
        if name == "__all__":
            assert summary.group(0).count("<li>") >= len(errors)
            continue
        assert f'href="#id_{name}"' in summary.group(0), f"{name} missing from the error summary"
        # The form token and the bots' trap are not shown: their refusal is in the summary only.
        if form[name].is_hidden or name == "website":
            continue
        beside = re.search(
            rf'<ul class="form-field__errors" id="id_{name}_error">(.*?)</ul>', html, re.DOTALL
        )
        assert beside, f"no errors beside {name}"
        assert beside.group(1).count("<li>") == len(errors), name


@bounded(35)
@given(drawn=answers, huge=huge_answer)
@example(
    drawn={"full_name": "\u202e<script>alert(7301)</script>", "phone": "۰۹۱۲\x00۳۴۵۶۷۸۹"},
    huge=("proposal", "ي\u200c" * 50_000),
)
@example(drawn={"email": "a@b.c\x00", "partner_cities": ["' OR 1=1 --"]}, huge=None)
@example(drawn={"contacts_description": "\ud800\udfff" * 10}, huge=None)
def test_the_form_never_fails_and_always_says_what_is_wrong(
    drawn, huge, visitor, reviewer_visitor, call_page, valid_data, xian, siteverify
):
    data = fill(valid_data, drawn, str(xian.translation_key))
    if huge:
        data[huge[0]] = huge[1]

    response = post(visitor, call_page.url, data)

    assert_handled(response)
    stored = Application.objects.filter(submission_token=data["submission_token"]).first()
    event(f"answered {response.status_code}")  # --hypothesis-show-statistics: how many stored
    if response.status_code == 302:
        assert stored is not None
        assert_stored_in_one_clean_spelling(stored, data)
        confirmation = visitor.get(response["Location"])
        assert_handled(confirmation)
        assert stored.reference in confirmation.content.decode()
        assert_shown_as_text_to_reviewers(reviewer_visitor, stored)
    else:
        assert response.status_code == 200
        assert stored is None
        html = response.content.decode()
        assert_errors_explained(response, html)
        # What was typed comes back in the form, as text.
        assert not injected_markup(html)


def _fitting(text, limit):
    # Starts with letters, so every answer is acceptable; a lone surrogate arrives as up to three
    # replacement characters, so a third of the limit always fits.
    return ("مریم " + text)[: limit // 3]


payload_text = st.lists(st.one_of(st.sampled_from(MARKUP + PAYLOADS), fragment), max_size=6).map(
    "".join
)


@bounded(20)
@given(texts=st.fixed_dictionaries(dict.fromkeys(TEXT_LIMITS, payload_text)))
@example(texts=dict.fromkeys(TEXT_LIMITS, "DEL\x7f NEL\x85 CSI\x9b NUL\x00 <script>alert(7301)"))
def test_an_application_full_of_payloads_is_stored_and_shown_only_as_text(
    texts, visitor, reviewer_visitor, call_page, valid_data, siteverify
):
    data = valid_data(
        submission_token=str(uuid.uuid4()),
        **{name: _fitting(text, TEXT_LIMITS[name]) for name, text in texts.items()},
    )

    response = post(visitor, call_page.url, data)

    assert_handled(response)
    assert response.status_code == 302, response.context["form"].errors
    application = Application.objects.get(submission_token=data["submission_token"])
    assert_stored_in_one_clean_spelling(application, data)
    confirmation = visitor.get(response["Location"])
    assert_handled(confirmation)
    assert not injected_markup(confirmation.content.decode())
    assert_shown_as_text_to_reviewers(reviewer_visitor, application)


@pytest.mark.parametrize("payload", MARKUP)
def test_a_payload_stored_without_the_form_is_still_shown_as_text(
    payload, reviewer_visitor, make_application
):
    # Data that did not come through the form (an import, a fix in the shell) is escaped too.
    application = make_application(
        full_name=payload, organisation=payload, role=payload, proposal=payload
    )

    listing = reviewer_visitor.get(reverse("applications_application:index"))
    assert_handled(listing)
    assert not injected_markup(listing.content.decode())
    assert_shown_as_text_to_reviewers(reviewer_visitor, application)


@bounded(10)
@given(token=hostile_text)
@example(token="\x00")
@example(token="' OR 1=1 --")
def test_a_forged_form_token_is_refused_without_an_error_page(
    token, visitor, call_page, valid_data, siteverify
):
    before = Application.objects.count()

    response = post(visitor, call_page.url, valid_data(submission_token=token))

    assert_handled(response)
    if response.status_code == 200:
        assert_errors_explained(response, response.content.decode())
        assert Application.objects.count() == before
    else:  # only a token that is a real UUID gets through
        assert response.status_code == 302
        uuid.UUID(as_sent(token).strip())


def test_a_body_over_the_size_limit_is_refused_cleanly(visitor, call_page, valid_data, settings):
    data = valid_data(proposal="ی" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2))

    response = post(visitor, call_page.url, data)

    assert_handled(response)
    assert response.status_code == 400
    assert "این درخواست خوانده نشد" in response.content.decode()
    assert "This request could not be read" in response.content.decode()
    assert not Application.objects.exists()


def test_too_many_fields_are_refused_cleanly(visitor, call_page, valid_data, settings):
    data = valid_data(partner_cities=["x"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = post(visitor, call_page.url, data)

    assert_handled(response)
    assert response.status_code == 400


def test_a_payload_in_the_form_page_s_own_address_is_not_reflected(visitor, call_page):
    response = visitor.get(call_page.url + "?<script>alert(7301)</script>=%22%3E%3Cimg")

    assert_handled(response)
    html = response.content.decode()
    assert not injected_markup(html)
    assert parse(html).find("form", class_="application-form") is not None


@bounded(20)
@given(token=st.lists(fragment, min_size=1, max_size=8).map("".join).filter(lambda t: t.strip("/")))
@example(token="\x00")
@example(token="CD-1405-0001:1abc:' OR 1=1 --")
def test_a_forged_withdraw_link_says_it_is_not_valid(token, visitor, make_application):
    make_application()  # there is an application, which no forged link reaches
    path = "/applications/withdraw/" + quote(token.encode("utf-8", "surrogatepass"), safe="") + "/"

    for response in (visitor.get(path), visitor.post(path)):
        assert_handled(response)
        assert response.status_code == 404
        if response.context and "problem" in response.context:
            assert response.context["problem"] == "invalid"
    assert not Application.objects.filter(status="withdrawn").exists()
