import io
import json
import uuid
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_recaptcha import client as recaptcha_client

from applications.models import ApplicationPage
from tests.factories import (
    PartnerCityPageFactory,
)


class SiteVerifyReply:
    """What Google's siteverify endpoint sends back, as the file-like object urllib returns."""

    def __init__(self, payload):
        self._body = json.dumps(payload).encode()

    def read(self):
        return self._body

    def close(self):
        pass


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def siteverify(monkeypatch):
    """Stands in for Google's service at the network boundary (tests have no network): every
    token passes, as with Google's documented test keys, unless a test sets another reply.
    The parsing and the decision are django-recaptcha's and ours."""
    replies = {"payload": {"success": True, "hostname": "testkey.google.com"}, "calls": []}

    def fake_request(params):
        replies["calls"].append(params)
        return SiteVerifyReply(replies["payload"])

    monkeypatch.setattr(recaptcha_client, "recaptcha_request", fake_request)
    return replies


@pytest.fixture
def xian(partner_index):
    return PartnerCityPageFactory(parent=partner_index, title="شیان", slug="xian", country="CN")


@pytest.fixture
def florence(partner_index):
    return PartnerCityPageFactory(parent=partner_index, title="فلورانس", slug="florence")


@pytest.fixture
def call_page(fa_home):
    page = ApplicationPage(
        title="فراخوان سفیران شهروندی",
        slug="citizen-diplomats",
        intro="<p>پیش‌درآمد</p>",
        privacy_notice_version="2021-1",
    )
    fa_home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def valid_data(xian, culture, call_page):
    def build(**overrides):
        data = {
            "full_name": "مریم نمونه",
            "email": "maryam@example.org",
            "phone": "۰۹۱۲۳۴۵۶۷۸۹",
            "city_of_residence": "اصفهان",
            "country_of_residence": "IR",
            "category": "professor",
            "organisation": "دانشگاه نمونه",
            "role": "استاد",
            "languages_spoken": "فارسی، انگلیسی",
            "partner_cities": [str(xian.translation_key)],
            "contacts_description": "همکاران دانشگاهی در شیان",
            "fields_of_cooperation": ["culture"],
            "proposal": "برگزاری نشست مشترک",
            "accept_privacy": "on",
            "submission_token": str(uuid.uuid4()),
            "g-recaptcha-response": "test-token",
            "website": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return build


def pdf_file(name="cv.pdf", size=None):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        body = body + b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_file(name="cv.docx", **kwargs):
    return SimpleUploadedFile(
        name,
        docx_bytes(**kwargs),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def reviewer(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="reviewer", email="reviewer@example.org", password="x"
    )
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


def path_to(status):
    """The shortest walk through the pipeline's table from "submitted" to ``status``."""
    from applications.pipeline import TRANSITIONS, Status

    paths = {Status.SUBMITTED: []}
    frontier = [Status.SUBMITTED]
    while frontier:
        source = frontier.pop(0)
        for step in TRANSITIONS:
            if step.source == source and step.target not in paths:
                paths[step.target] = [*paths[source], step]
                frontier.append(step.target)
    return paths[status]


@pytest.fixture
def make_application(xian, reviewer):
    """Creates an application as the form would have stored it, then walks it through the
    pipeline (with ``transition``, as a reviewer) to ``status``. ``cv`` is an upload
    (``pdf_file()``, ``docx_file()``) with its kind taken from the name's extension."""
    from django.utils import timezone

    from applications.models import Application, ApplicationEvent
    from applications.pipeline import Status, transition

    made = []

    def build(status=Status.SUBMITTED, *, cities=None, fields=(), cv=None, **overrides):
        number = len(made) + 1
        values = {
            "language": "fa",
            "full_name": f"متقاضی {number}",
            "email": f"applicant{number}@example.org",
            "phone": f"+98912000{number:04d}",
            "city_of_residence": "اصفهان",
            "country_of_residence": "IR",
            "category": "professor",
            "organisation": "دانشگاه نمونه",
            "role": "استاد",
            "languages_spoken": "فارسی، انگلیسی",
            "contacts_description": "همکاران دانشگاهی",
            "proposal": "برگزاری نشست مشترک",
            "privacy_notice_version": "2021-1",
            "privacy_accepted_at": timezone.now(),
            **overrides,
        }
        application = Application(**values)
        if cv is not None:
            application.cv_kind = cv.name.rsplit(".", 1)[-1]
            application.cv.save("cv", cv, save=False)
        application.save()
        application.partner_cities.set(cities if cities is not None else [xian])
        application.fields_of_cooperation.set(fields)
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.SUBMITTED,
            at=application.submitted_at,
            to_status=application.status,
        )
        for step in path_to(status):
            transition(application, step.target, by=reviewer, note="یادداشت")
        made.append(application)
        return application

    return build


def run_email_worker():
    """Runs the applicant-email queue until nothing in it is due, as `db_worker` does in
    production.

    The worker recycles stale connections between tasks; inside a test's transaction that would
    close PostgreSQL's connection (SQLite's in-memory one survives). Django's test client skips
    the same recycling around requests for the same reason."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--batch",
            "--queue-name",
            "applications",
            "--backend",
            "applications",
            "--no-startup-delay",
        )


@pytest.fixture
def english(call_page, partner_index, xian, culture, en_locale):
    """The call in English at /en/, with its partner city (Xi'an) and field of cooperation
    (Culture) translated too."""
    index = partner_index.copy_for_translation(en_locale)
    index.save_revision().publish()
    city = xian.copy_for_translation(en_locale)
    city.title = "Xi'an"
    city.save_revision().publish()
    term = culture.copy_for_translation(en_locale)
    term.name = "Culture"
    term.save()
    page = call_page.copy_for_translation(en_locale)
    page.title = "Call for citizen diplomats"
    page.save_revision().publish()
    return page


@pytest.fixture
def email_worker(monkeypatch):
    """Runs `db_worker` over the applicant-email queue until nothing is due (run_email_worker).

    The worker closes "old" connections each time it wakes; inside the test's transaction that
    closes the test's own connection on PostgreSQL (SQLite's in-memory one is never closed).
    Django's test client skips the same step around requests, so this does too."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_email_worker
