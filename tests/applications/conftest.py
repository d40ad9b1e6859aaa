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
    FieldOfCooperationFactory,
    PartnerCityPageFactory,
    PartnerIndexPageFactory,
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
def partner_index(db):
    return PartnerIndexPageFactory()


@pytest.fixture
def culture(db):
    return FieldOfCooperationFactory(name="فرهنگ", slug="culture")


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
