"""Applicants' personal data: never cached, never in a URL, a log line or an error report."""

import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.views.debug import ExceptionReporter

from applications.pipeline import Status
from tests.applications.conftest import pdf_file
from tests.applications.test_admin import admin_requests

pytestmark = pytest.mark.django_db

PERSONAL = ["مریم نمونه", "maryam@example.org", "9123456789", "همکاران دانشگاهی در شیان"]


@pytest.fixture
def application(make_application):
    return make_application(
        Status.SCREENING,
        cv=pdf_file(),
        full_name="مریم نمونه",
        email="maryam@example.org",
        phone="+989123456789",
    )


def test_every_office_view_of_an_application_is_marked_no_store(reviewer, application):
    client = Client()
    client.force_login(reviewer)
    requests = [
        *[
            (method, url, data)
            for method, url, data in admin_requests(application)
            if method == "get"
        ],
        ("get", reverse("application_cv", args=[application.pk]), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives or "no-store" in directives, url


def test_no_personal_data_in_the_url_the_log_or_the_error_report(
    client, call_page, valid_data, siteverify, caplog, monkeypatch
):
    # A working submission: the confirmation's address carries a signed reference only.
    response = client.post(call_page.url, valid_data())
    assert response.status_code == 302
    assert not any(value in response["Location"] for value in PERSONAL)
    assert re.search(r"confirmation/\?ref=CD-", response["Location"])

    # Now the same form fails deep inside: the error report Django would mail or log keeps
    # the POST but hides every value (sensitive_post_parameters on the view).
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("applications.views.submit", broken)
    failing = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = failing.post(call_page.url, valid_data(email="other@example.org"))
        assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    report = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()
    assert "RuntimeError" in report
    assert "full_name" in report  # the field is listed, its value is not
    for value in [PERSONAL[0], "other@example.org", PERSONAL[2], PERSONAL[3]]:
        assert value not in report
        assert value not in caplog.text
