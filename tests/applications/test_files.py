"""The CV upload: judged by its content, stored privately under a random name."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.forms import ApplicationForm
from applications.models import Application
from applications.submissions import submit
from tests.applications.conftest import docx_bytes, docx_file, pdf_file
from tests.applications.form_pages import errors_beside, in_language, stored_after, value_of

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INVALID_TYPE = "The CV must be a PDF or a Word (DOCX) file."
ZIP_BOMB = "This DOCX file expands to far more than a CV could; it was refused."


def files_in(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def refused(client, call_page, data, message, private_media):
    response = client.post(call_page.url, data)
    assert response.status_code == 200
    assert errors_beside(response, "cv") == [in_language("fa", message)]
    assert not Application.objects.exists()
    assert files_in(private_media) == []
    return response


def test_pdf_cv_is_stored_privately_under_a_random_name(
    client, call_page, valid_data, siteverify, private_media, settings
):
    upload = pdf_file("رزومهٔ مریم نمونه.pdf")
    body = upload.read()
    upload.seek(0)

    application = stored_after(client, call_page, valid_data(cv=upload))

    assert application.cv_kind == "pdf"
    assert re.fullmatch(r"cv/[0-9a-f]{32}\.pdf", application.cv.name)
    (stored,) = files_in(private_media)
    assert stored.read_bytes() == body
    assert stored.is_relative_to(private_media)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert "مریم" not in str(stored) and "maryam" not in str(stored)
    with pytest.raises(NotImplementedError):
        application.cv.url  # noqa: B018 (private files have no public address)


def test_two_cvs_get_different_names(client, call_page, valid_data, siteverify, private_media):
    for email in ("one@example.org", "two@example.org"):
        client.post(call_page.url, valid_data(email=email, cv=pdf_file()))

    names = set(Application.objects.values_list("cv", flat=True))
    assert len(names) == 2
    assert len(files_in(private_media)) == 2


def test_docx_cv_is_accepted(client, call_page, valid_data, siteverify, private_media):
    upload = docx_file()
    body = upload.read()
    upload.seek(0)

    application = stored_after(client, call_page, valid_data(cv=upload))

    assert application.cv_kind == "docx"
    assert re.fullmatch(r"cv/[0-9a-f]{32}\.docx", application.cv.name)
    (stored,) = files_in(private_media)
    assert stored.read_bytes() == body


def test_stored_extension_is_the_one_the_content_shows(
    client, call_page, valid_data, siteverify, private_media
):
    word_named_pdf = SimpleUploadedFile("cv.pdf", docx_bytes(), content_type="application/pdf")

    application = stored_after(client, call_page, valid_data(cv=word_named_pdf))

    assert application.cv_kind == "docx"
    assert application.cv.name.endswith(".docx")


def test_cv_may_be_left_out(client, call_page, valid_data, siteverify, private_media):
    application = stored_after(client, call_page, valid_data())

    assert not application.cv
    assert application.cv_kind == ""
    assert files_in(private_media) == []


@pytest.mark.parametrize(
    "head",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",  # a Windows executable
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # an old Word .doc (OLE compound file)
        b"\x89PNG\r\n\x1a\n",
        b"<html><script>",
    ],
)
def test_file_that_is_not_a_pdf_is_refused_whatever_its_name_and_type(
    client, call_page, valid_data, siteverify, private_media, head
):
    upload = SimpleUploadedFile("cv.pdf", head + b"\x00" * 200, content_type="application/pdf")

    refused(client, call_page, valid_data(cv=upload), INVALID_TYPE, private_media)


@pytest.mark.parametrize(
    "members",
    [
        {"readme.txt": "not a CV"},
        # A spreadsheet: a real Office file, but not a Word document.
        {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"},
        {"word/document.xml": "<w:document/>"},
    ],
    ids=["plain-zip", "spreadsheet", "no-content-types"],
)
def test_zip_that_is_not_a_word_document_is_refused(
    client, call_page, valid_data, siteverify, private_media, members
):
    upload = SimpleUploadedFile("cv.docx", zip_of(members), content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), INVALID_TYPE, private_media)


def test_damaged_zip_is_refused(client, call_page, valid_data, siteverify, private_media):
    upload = SimpleUploadedFile("cv.docx", b"PK\x03\x04" + b"\x17" * 500, content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), INVALID_TYPE, private_media)


def test_docx_zip_bomb_is_refused(client, call_page, valid_data, siteverify, private_media):
    body = docx_bytes(extra={"word/media/image1.png": b"\x00" * (60 * MB)})
    assert len(body) < MB  # small on the wire; 60 MB once opened
    upload = SimpleUploadedFile("cv.docx", body, content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), ZIP_BOMB, private_media)


def test_docx_that_expands_a_thousandfold_is_refused(
    client, call_page, valid_data, siteverify, private_media
):
    # Under the total limit, but far more compressed than any Word file is.
    body = docx_bytes(extra={"word/media/image1.png": b"\x00" * (10 * MB)})
    upload = SimpleUploadedFile("cv.docx", body, content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), ZIP_BOMB, private_media)


def test_docx_of_very_many_parts_is_refused(
    client, call_page, valid_data, siteverify, private_media
):
    parts = {f"word/part{n}.xml": f"<p>{n}</p>" for n in range(1001)}
    upload = SimpleUploadedFile("cv.docx", docx_bytes(extra=parts), content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), INVALID_TYPE, private_media)


def mark_encrypted(body, name):
    """The archive with ``name`` flagged as encrypted, in its local and its central header
    (zipfile cannot write encrypted members)."""
    data = bytearray(body)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        local = archive.getinfo(name).header_offset
    data[local + 6] |= 0x1
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == encoded:
            data[central + 8] |= 0x1
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_encrypted_docx_is_refused(client, call_page, valid_data, siteverify, private_media):
    body = mark_encrypted(docx_bytes(), "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.getinfo("word/document.xml").flag_bits & 0x1
    upload = SimpleUploadedFile("cv.docx", body, content_type=DOCX_TYPE)

    refused(client, call_page, valid_data(cv=upload), INVALID_TYPE, private_media)


def test_cv_over_5_mb_is_refused(client, call_page, valid_data, siteverify, private_media):
    upload = pdf_file(size=5 * MB + 1)

    refused(client, call_page, valid_data(cv=upload), "The CV may be at most 5 MB.", private_media)


def test_cv_of_exactly_5_mb_is_accepted(client, call_page, valid_data, siteverify, private_media):
    application = stored_after(client, call_page, valid_data(cv=pdf_file(size=5 * MB)))

    (stored,) = files_in(private_media)
    assert stored.stat().st_size == 5 * MB
    assert application.cv.size == 5 * MB


def test_empty_cv_is_refused(client, call_page, valid_data, siteverify, private_media):
    upload = SimpleUploadedFile("cv.pdf", b"", content_type="application/pdf")

    response = client.post(call_page.url, valid_data(cv=upload))

    # Django's FileField refuses it before the content check is reached.
    assert errors_beside(response, "cv") == [in_language("fa", "The submitted file is empty.")]
    assert not Application.objects.exists()
    assert files_in(private_media) == []


def test_other_answers_are_kept_when_the_cv_is_refused(
    client, call_page, valid_data, siteverify, private_media
):
    upload = SimpleUploadedFile("cv.pdf", b"MZ" + b"\x00" * 64, content_type="application/pdf")
    data = valid_data(cv=upload, consent_share_with_partner="on")

    response = client.post(call_page.url, data)

    assert errors_beside(response, "cv") == [in_language("fa", INVALID_TYPE)]
    for name in ("full_name", "email", "phone", "city_of_residence", "submission_token"):
        assert value_of(response, name) == data[name], name
    for name in ("contacts_description", "proposal"):
        assert value_of(response, name) == data[name], name
    assert value_of(response, "partner_cities") == data["partner_cities"]
    assert value_of(response, "consent_share_with_partner") == ["on"]
    assert value_of(response, "accept_privacy") == ["on"]


def test_cv_error_is_in_the_readers_language(client, english, valid_data, siteverify):
    upload = SimpleUploadedFile("cv.pdf", b"MZ" + b"\x00" * 64, content_type="application/pdf")

    response = client.post(english.url, valid_data(cv=upload))

    assert errors_beside(response, "cv") == [in_language("en", INVALID_TYPE)]


def test_racing_submissions_of_one_form_make_one_application_and_keep_one_cv(
    call_page, valid_data, siteverify, private_media
):
    data = valid_data()
    forms = []
    for _ in range(2):
        form = ApplicationForm(data, {"cv": pdf_file()}, page=call_page, language="fa")
        assert form.is_valid(), form.errors
        forms.append(form)

    first = submit(forms[0], page=call_page, client="client")
    second = submit(forms[1], page=call_page, client="client")

    assert second.pk == first.pk
    assert Application.objects.count() == 1
    assert files_in(private_media) == [private_media / first.cv.name]
    # The losing request's reference number was given back: the next one follows on.
    other = ApplicationForm(valid_data(email="next@example.org"), page=call_page, language="fa")
    assert other.is_valid(), other.errors
    following = submit(other, page=call_page, client="client")
    assert int(following.reference[-4:]) == int(first.reference[-4:]) + 1


def _valid_form(call_page, valid_data):
    form = ApplicationForm(valid_data(), {"cv": pdf_file()}, page=call_page, language="fa")
    assert form.is_valid(), form.errors
    return form


def test_a_failure_before_the_commit_removes_the_cv_it_wrote(
    call_page, valid_data, siteverify, private_media, monkeypatch
):
    form = _valid_form(call_page, valid_data)
    monkeypatch.setattr(
        "applications.submissions.queue_email",
        lambda *args: (_ for _ in ()).throw(RuntimeError("queue refused")),
    )
    with pytest.raises(RuntimeError):
        submit(form, page=call_page, client="client")
    assert not Application.objects.exists()
    assert files_in(private_media) == []


def test_a_connection_lost_while_saving_keeps_the_cv_since_the_row_may_be_committed(
    call_page, valid_data, siteverify, private_media, monkeypatch
):
    from django.db import OperationalError

    form = _valid_form(call_page, valid_data)
    monkeypatch.setattr(
        "applications.submissions.queue_email",
        lambda *args: (_ for _ in ()).throw(OperationalError("server closed the connection")),
    )
    with pytest.raises(OperationalError):
        submit(form, page=call_page, client="client")
    assert len(files_in(private_media)) == 1
