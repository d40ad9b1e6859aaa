"""The reviewers' admin under hostile input, as a signed-in Reviewer. The application listing's
filters, search, ordering and page numbers: never an error page, applicants' text shown only as
text, and a filter it cannot read ignored (Wagtail then lists without the filters) rather than
obeyed half-way. The notes a reviewer writes: stored clean, shown as text."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from applications.pipeline import Status
from core.i18n import BIDI_CONTROLS
from tests.security.hostile import (
    assert_handled,
    bounded,
    control_characters,
    get,
    hostile_text,
    hostile_value,
    injected_markup,
    post,
)

pytestmark = pytest.mark.django_db

XIAN = "<xian's id>"  # replaced by the real primary key once the fixtures exist


def param(valid):
    return st.one_of(st.none(), st.sampled_from(valid), hostile_value)


dates = ["2020-01-01", "2999-12-31", "1400-01-01", "۲۰۲۰-۰۱-۰۱", "2020-02-30", "01/02/2020"]
admin_params = st.fixed_dictionaries(
    {
        "q": param(["مریم", "CD-", "۱۴۰", "MARYAM@example.org", "%", "_"]),
        "status": param(["submitted", "screening", "Submitted", "deleted"]),
        "category": param(["professor", "student", "spy"]),
        "partner_city": param([XIAN, "0", "-1", "1.5", "abc"]),
        "language": param(["fa", "en", "de"]),
        "submitted_at_from": param(dates),
        "submitted_at_to": param(dates),
        "ordering": param(["reference", "-submitted_at", "full_name", "-password", "pk; --"]),
        "p": param(["1", "2", "0", "-1", "last", "9" * 5000]),
        "export": st.one_of(st.none(), st.none(), st.just("csv"), hostile_text),
    }
)


@pytest.fixture
def applications(make_application):
    return [
        make_application(Status.SCREENING, full_name="مریم نمونه", email="maryam@example.org"),
        make_application(full_name="<script>alert(7301)</script> علی", email="ali@example.org"),
        make_application(language="en", category="student", full_name="'; DROP TABLE x; --"),
    ]


@bounded(25)
@given(drawn=admin_params, results_only=st.booleans())
@example(drawn={"q": "\x00", "status": "\x00", "partner_city": "\x00"}, results_only=False)
@example(drawn={"q": "' OR 1=1 --", "ordering": "-password"}, results_only=True)
@example(drawn={"q": "\ud800<script>", "submitted_at_from": "۲۰۲۰-۰۱-۰۱"}, results_only=False)
@example(drawn={"q": "x" * 100_000, "p": "9" * 5000}, results_only=False)
def test_the_listing_never_fails_whatever_is_asked(
    drawn, results_only, reviewer_visitor, applications, xian
):
    params = {
        name: (str(xian.pk) if value == XIAN else value)
        for name, value in drawn.items()
        if value is not None
    }
    url = reverse(
        "applications_application:index_results"
        if results_only
        else "applications_application:index"
    )

    response = get(reviewer_visitor, url, params)

    assert_handled(response)
    assert response.status_code == 200
    if response.get("Content-Type", "").startswith("text/html"):
        assert not injected_markup(response.content.decode())
        context = response.context
        listed = {application.pk for application in context["object_list"]}
        assert listed <= {application.pk for application in applications}
        filters = context["filters"]
        if not filters.is_valid() and not context["is_searching"]:
            # A filter it cannot read: the listing is not narrowed by half of them.
            assert context["paginator"].count == len(applications)


@bounded(20)
@given(note=hostile_value)
@example(note="a\x00b")  # PostgreSQL refuses NUL in text
@example(note="\u202e<script>alert(7301)</script>\ud800")
def test_a_reviewer_s_note_is_stored_clean_and_shown_as_text(
    note, reviewer_visitor, make_application
):
    application = make_application(consent_public_listing=True)
    steps = [
        ("transition", {"target": Status.SCREENING, "note": note}),
        ("withdraw_listing", {"note": note}),
    ]

    for name, data in steps:
        url = reverse(f"applications_application:{name}", args=[application.pk])
        response = post(reviewer_visitor, url, data)
        assert_handled(response)
        assert response.status_code == 302

    for stored in application.events.values_list("note", flat=True):
        assert not control_characters(stored, allowed="\n")
        assert not set(stored) & set(BIDI_CONTROLS)
    page = reviewer_visitor.get(reverse("applications_application:inspect", args=[application.pk]))
    assert_handled(page)
    assert not injected_markup(page.content.decode())
