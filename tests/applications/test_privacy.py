"""Applicants' personal data: the CV only through the permission-checked download, the
subject-access export, retention, the withdraw link, and what a partner city's page may show."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail, signing
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from applications.emails import WITHDRAW_SALT, queue_email, withdraw_token, withdraw_url
from applications.files import CONTENT_TYPES
from applications.forms import ApplicationForm
from applications.models import (
    Application,
    ApplicationEvent,
    OutgoingEmail,
    RoadmapItem,
    RoadmapMeeting,
)
from applications.pipeline import OPEN_STATUSES, EmailKind, Status, transition
from applications.retention import _BLANK_FIELDS
from core.i18n import localise_digits
from partners.timeline import timeline_for
from tests.applications.conftest import docx_file, pdf_file, run_email_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def cv_url(application):
    return reverse("application_cv", args=[application.pk])


def events(application, kind):
    return ApplicationEvent.objects.filter(application=application, kind=kind)


# The CV


@pytest.mark.parametrize(
    ("upload", "kind"), [(pdf_file, "pdf"), (docx_file, "docx")], ids=["pdf", "docx"]
)
def test_a_reviewer_downloads_the_cv_as_a_sandboxed_attachment(
    upload, kind, reviewer_client, reviewer, make_application
):
    sent = upload()
    body = sent.read()
    sent.seek(0)
    application = make_application(cv=sent)

    response = reviewer_client.get(cv_url(application))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body
    assert response["Content-Type"] == CONTENT_TYPES[kind]
    assert response["Content-Disposition"] == (
        f'attachment; filename="{application.reference}-cv.{kind}"'
    )
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    (event,) = events(application, ApplicationEvent.Kind.CV_DOWNLOADED)
    assert event.actor == reviewer


def test_the_cv_is_stored_privately_under_a_random_name(
    settings, client, private_media, make_application
):
    application = make_application(cv=pdf_file("Maryam Example CV.pdf"))

    path = Path(application.cv.path).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(private_media).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert re.fullmatch(r"cv/[0-9a-f]{32}\.pdf", application.cv.name)
    with pytest.raises(NotImplementedError):
        application.cv.url  # noqa: B018
    with pytest.raises(NotImplementedError):
        application.cv.storage.url(application.cv.name)
    assert client.get(settings.MEDIA_URL + application.cv.name).status_code == 404


def test_no_cv_or_a_lost_file_is_a_404_not_an_error(reviewer_client, make_application):
    without = make_application()
    lost = make_application(cv=pdf_file())
    Path(lost.cv.path).unlink()

    assert reviewer_client.get(cv_url(without)).status_code == 404
    assert reviewer_client.get(cv_url(lost)).status_code == 404
    assert not ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.CV_DOWNLOADED).exists()


# The applicant's data (a subject-access request)

NOT_ANSWERS = {
    "accept_privacy",  # recorded as the consents' notice version and time
    "consent_share_with_partner",
    "consent_public_listing",
    "website",  # the honeypot
    "submission_token",
}


def test_the_data_export_holds_every_answer_consent_and_event(
    reviewer_client, reviewer, make_application, culture, florence
):
    application = make_application(
        Status.MORE_INFORMATION,
        cv=pdf_file(),
        cities=None,
        fields=[culture],
        consent_share_with_partner=True,
        consent_public_listing=False,
    )
    application.partner_cities.add(florence)
    transition(application, Status.SCREENING, by=reviewer, note="پاسخ رسید")
    url = reverse("applications_application:export_data", args=[application.pk])

    response = reviewer_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{application.reference}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert application.full_name in response.content.decode()  # readable, not \\u-escaped
    data = json.loads(response.content)

    answers = set(ApplicationForm.base_fields) - NOT_ANSWERS
    assert answers <= set(data), answers - set(data)
    application.refresh_from_db()
    for field in answers - {"partner_cities", "fields_of_cooperation", "cv"}:
        value = getattr(application, field)
        assert data[field] == getattr(value, "code", value), field
    assert sorted(data["partner_cities"]) == sorted(["شیان", "فلورانس"])
    assert data["fields_of_cooperation"] == [culture.name]
    assert data["cv"] is True
    assert data["reference"] == application.reference
    assert data["status"] == Status.SCREENING
    assert data["consents"] == {
        "privacy_notice_version": application.privacy_notice_version,
        "privacy_accepted_at": application.privacy_accepted_at.isoformat(),
        "share_with_partner_city": True,
        "public_listing": False,
    }
    stored = list(application.events.all())
    assert [(e["kind"], e["from"], e["to"], e["note"]) for e in data["events"]] == [
        (e.kind, e.from_status, e.to_status, e.note) for e in stored
    ]
    assert any(e["note"] == "پاسخ رسید" for e in data["events"])
    assert [e["kind"] for e in data["emails"]] == [EmailKind.MORE_INFORMATION]
    # Reviewers' names are not the applicant's data.
    assert reviewer.username not in response.content.decode()
    (exported,) = events(application, ApplicationEvent.Kind.EXPORTED)
    assert exported.actor == reviewer


# Retention

START = datetime.datetime(2024, 1, 10, 9, 0, tzinfo=datetime.UTC)


def snapshot(application):
    application.refresh_from_db()
    values = model_to_dict(application)
    values["cv"] = application.cv.name
    values["events"] = list(application.events.values_list("kind", "note"))
    return values


@pytest.fixture
def aged(settings, make_application):
    """Applications closed a year and more ago, and others, seen from START + the retention
    period + a day."""
    settings.APPLICATION_RETENTION_DAYS = 365
    with time_machine.travel(START, tick=False):
        made = {
            "declined": make_application(Status.DECLINED, cv=pdf_file()),
            "withdrawn": make_application(Status.WITHDRAWN, consent_public_listing=True),
            "accepted": make_application(Status.ACCEPTED, cv=pdf_file()),
            "open": make_application(Status.SHORTLISTED, cv=pdf_file()),
        }
    with time_machine.travel(START + datetime.timedelta(days=300), tick=False):
        made["recent"] = make_application(Status.DECLINED, cv=pdf_file())
    made["declined"].events.update(note="تماس تلفنی: متقاضی گفت …")
    return made


def run_retention(capture, *args, at):
    with time_machine.travel(at, tick=False), capture(execute=True):
        call_command("apply_retention", *args)


def test_retention_anonymises_declined_and_withdrawn_applications_after_the_period(
    settings, aged, django_capture_on_commit_callbacks, capsys
):
    cv_file = Path(aged["declined"].cv.path)
    untouched = {key: snapshot(aged[key]) for key in ("accepted", "open", "recent")}
    due_at = START + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)

    run_retention(django_capture_on_commit_callbacks, at=due_at)

    output = capsys.readouterr().out
    for key in ("declined", "withdrawn"):
        application = aged[key]
        assert f"Anonymised: {application.reference}" in output
        application.refresh_from_db()
        for field in _BLANK_FIELDS:
            assert getattr(application, field) == "", field
        assert (application.full_name, application.email, application.phone) == ("", "", "")
        assert not application.cv
        assert application.cv_kind == ""
        assert not application.consent_public_listing
        assert application.anonymised_at == due_at
        assert set(application.events.values_list("note", flat=True)) == {""}
        (event,) = events(application, ApplicationEvent.Kind.ANONYMISED)
        assert event.at == due_at
        assert not OutgoingEmail.objects.filter(application=application).exists()
        # What the statistics need stays.
        assert application.reference
        assert application.status in (Status.DECLINED, Status.WITHDRAWN)
        assert [city.slug for city in application.partner_cities.all()] == ["xian"]
    assert not cv_file.exists()
    for key, before in untouched.items():
        assert snapshot(aged[key]) == before, key
        assert Path(aged[key].cv.path).is_file()
        assert aged[key].anonymised_at is None


def test_retention_dry_run_changes_nothing(
    settings, aged, django_capture_on_commit_callbacks, capsys
):
    before = {key: snapshot(application) for key, application in aged.items()}
    due_at = START + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)

    run_retention(django_capture_on_commit_callbacks, "--dry-run", at=due_at)

    output = capsys.readouterr().out
    assert f"Due: {aged['declined'].reference}" in output
    assert f"Due: {aged['withdrawn'].reference}" in output
    assert "Due: 2 application(s)." in output
    assert {key: snapshot(application) for key, application in aged.items()} == before
    assert Path(aged["declined"].cv.path).is_file()
    assert not ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.ANONYMISED).exists()


def test_retention_waits_for_the_full_period(settings, aged, django_capture_on_commit_callbacks):
    before = {key: snapshot(application) for key, application in aged.items()}
    not_yet = START + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS - 1)

    run_retention(django_capture_on_commit_callbacks, at=not_yet)

    assert {key: snapshot(application) for key, application in aged.items()} == before


def test_retention_days_can_be_overridden(aged, django_capture_on_commit_callbacks):
    # 310 days after START: "recent" was declined 10 days ago; the others 310 days ago.
    at = START + datetime.timedelta(days=310)

    run_retention(django_capture_on_commit_callbacks, "--days", "30", at=at)

    anonymised = set(
        Application.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    assert anonymised == {aged["declined"].pk, aged["withdrawn"].pk}

    run_retention(django_capture_on_commit_callbacks, "--days", "5", at=at)
    aged["recent"].refresh_from_db()
    assert aged["recent"].anonymised_at == at
    assert Path(aged["open"].cv.path).is_file()
    assert Path(aged["accepted"].cv.path).is_file()
    assert not Application.objects.filter(
        pk__in=[aged["open"].pk, aged["accepted"].pk], anonymised_at__isnull=False
    ).exists()


def test_retention_runs_once_per_application(
    settings, aged, django_capture_on_commit_callbacks, capsys
):
    due_at = START + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)
    run_retention(django_capture_on_commit_callbacks, at=due_at)
    capsys.readouterr()

    run_retention(django_capture_on_commit_callbacks, at=due_at + datetime.timedelta(days=1))

    assert "Anonymised: 0 application(s)." in capsys.readouterr().out
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.ANONYMISED).count() == 2


def test_an_anonymised_application_leaves_no_trace_for_reviewers(
    settings, aged, reviewer_client, make_application, django_capture_on_commit_callbacks
):
    declined = aged["declined"]
    name, email = declined.full_name, declined.email
    twin = make_application(full_name="دوقلو", email=email)
    due_at = START + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)
    run_retention(django_capture_on_commit_callbacks, at=due_at)

    assert reviewer_client.get(cv_url(declined)).status_code == 404
    listing = reviewer_client.get(reverse("applications_application:index"), {"q": name})
    assert declined not in listing.context["object_list"]
    html = reviewer_client.get(
        reverse("applications_application:inspect", args=[twin.pk])
    ).content.decode()
    assert declined.reference not in html  # no longer a possible duplicate
    data = json.loads(
        reviewer_client.get(
            reverse("applications_application:export_data", args=[declined.pk])
        ).content
    )
    assert name not in json.dumps(data, ensure_ascii=False)
    assert email not in json.dumps(data, ensure_ascii=False)


# Withdrawal


def link_from_confirmation(application):
    queue_email(application, EmailKind.CONFIRMATION)
    run_email_worker()
    (message,) = [m for m in mail.outbox if m.to == [application.email]]
    (link,) = re.findall(r"https?://\S+/applications/withdraw/\S+", message.body)
    return link


@pytest.mark.parametrize(("language", "prefix"), [("fa", "/"), ("en", "/en/")])
def test_the_withdraw_link_asks_first_then_withdraws(language, prefix, client, make_application):
    application = make_application(Status.SCREENING, language=language)
    link = link_from_confirmation(application)
    assert link == withdraw_url(application)
    path = urlsplit(link).path
    assert path.startswith(f"{prefix}applications/withdraw/")

    page = client.get(path)

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert f'<html lang="{language}"' in html
    assert application.reference in html
    assert '<button class="button" type="submit">' in html
    assert application.full_name not in html
    assert application.email not in html
    application.refresh_from_db()
    assert application.status == Status.SCREENING

    done = client.post(path)

    assert done.status_code == 200
    assert '<button class="button" type="submit">' not in done.content.decode()
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    event = application.events.filter(kind=ApplicationEvent.Kind.TRANSITION).latest("pk")
    assert (event.actor, event.from_status, event.to_status) == (
        None,
        Status.SCREENING,
        Status.WITHDRAWN,
    )
    assert event.note


def test_withdrawing_needs_the_pages_csrf_token(make_application):
    application = make_application()
    path = urlsplit(withdraw_url(application)).path
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(path).status_code == 403
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED

    page = browser.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert browser.post(path, {"csrfmiddlewaretoken": token.group(1)}).status_code == 200
    assert Application.objects.get(pk=application.pk).status == Status.WITHDRAWN


def tampered_tokens(application):
    token = withdraw_token(application)
    reference = token.partition(":")[0]
    other_salt = signing.TimestampSigner(salt="applications.confirmation").sign(
        application.reference
    )
    last = token[-1]
    return [
        token[:-1] + ("A" if last != "A" else "B"),
        token.replace(reference, reference[:-1] + ("9" if reference[-1] != "9" else "8")),
        other_salt,
        "not-a-token",
        # Well signed, but for no application.
        signing.TimestampSigner(salt=WITHDRAW_SALT).sign("CD-1300-9999"),
    ]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_tampered_withdraw_link_is_not_found(language, client, make_application):
    application = make_application(language=language)
    for token in tampered_tokens(application):
        with_prefix = "/en" if language == "en" else ""
        path = f"{with_prefix}/applications/withdraw/{token}/"
        assert client.get(path).status_code == 404, token
        assert client.post(path).status_code == 404, token
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    assert WITHDRAW_SALT != "applications.confirmation"


@pytest.mark.parametrize("language", ["fa", "en"])
def test_an_expired_withdraw_link_is_gone_and_changes_nothing(
    language, settings, client, make_application
):
    application = make_application(language=language)
    path = urlsplit(withdraw_url(application)).path
    later = timezone.now() + datetime.timedelta(days=settings.APPLICATION_WITHDRAW_LINK_DAYS + 1)

    with time_machine.travel(later, tick=False):
        assert client.get(path).status_code == 410
        response = client.post(path)

    assert response.status_code == 410
    assert '<button class="button" type="submit">' not in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not application.events.filter(kind=ApplicationEvent.Kind.TRANSITION).exists()


def test_a_withdraw_link_still_works_just_before_it_expires(settings, client, make_application):
    application = make_application()
    path = urlsplit(withdraw_url(application)).path
    nearly = timezone.now() + datetime.timedelta(days=settings.APPLICATION_WITHDRAW_LINK_DAYS - 1)

    with time_machine.travel(nearly, tick=False):
        assert client.post(path).status_code == 200

    assert Application.objects.get(pk=application.pk).status == Status.WITHDRAWN


@pytest.mark.parametrize("status", [s for s in Status.values if s not in OPEN_STATUSES], ids=str)
def test_a_closed_application_cannot_be_withdrawn(status, client, make_application):
    application = make_application(status, language="en")
    path = urlsplit(withdraw_url(application)).path
    before = list(application.events.values_list("pk", flat=True))

    page = client.get(path)
    assert page.status_code == 200
    assert '<button class="button" type="submit">' not in page.content.decode()
    assert "can no longer be withdrawn" in page.content.decode()
    response = client.post(path)

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == status
    assert list(application.events.values_list("pk", flat=True)) == before


def test_withdrawing_twice_records_it_once(client, make_application):
    application = make_application()
    path = urlsplit(withdraw_url(application)).path

    client.post(path)
    client.post(path)

    assert application.events.filter(to_status=Status.WITHDRAWN).count() == 1


def test_an_anonymised_applications_link_is_not_found(client, make_application):
    from applications.retention import anonymise

    application = make_application(Status.WITHDRAWN)
    anonymise(application)

    assert client.get(urlsplit(withdraw_url(application)).path).status_code == 404


# The road map on the partner city's page


@pytest.fixture
def facilitators(make_application, florence):
    return {
        "listed": make_application(
            Status.ACCEPTED, full_name="نرگس فهرست‌شده", consent_public_listing=True
        ),
        "unlisted": make_application(Status.ACCEPTED, full_name="رضا بی‌نام"),
        "not_yet": make_application(
            Status.SHORTLISTED, full_name="پویا در انتظار", consent_public_listing=True
        ),
        "elsewhere": make_application(
            Status.ACCEPTED,
            cities=[florence],
            full_name="لیلا فلورانسی",
            consent_public_listing=True,
        ),
    }


@pytest.fixture
def meeting(xian, culture, facilitators):
    meeting = RoadmapMeeting.objects.create(
        partner_city=xian,
        round=1,
        date=datetime.date(2025, 3, 1),
        venue="تالار شهر شیان",
        partner_institutions="دانشگاه شیان\nشهرداری شیان",
        agenda="دستور جلسهٔ داخلی",
        minutes="صورت‌جلسهٔ محرمانه",
    )
    meeting.invited_facilitators.set([facilitators["listed"], facilitators["unlisted"]])
    RoadmapItem.objects.create(
        meeting=meeting,
        sort_order=0,
        action="هفتهٔ فیلم ایرانی",
        field=culture,
        owner_institution="دانشگاه شیان",
        target_date=datetime.date(2025, 9, 1),
        is_public=True,
    )
    RoadmapItem.objects.create(
        meeting=meeting,
        sort_order=1,
        action="بودجهٔ محرمانهٔ سفر",
        target_date=datetime.date(2025, 10, 1),
        is_public=False,
    )
    return meeting


def test_the_city_page_shows_the_public_road_map_only(client, xian, meeting):
    html = client.get(xian.url).content.decode()

    assert 'id="roadmap-heading"' in html
    assert "هفتهٔ فیلم ایرانی" in html
    assert "دانشگاه شیان" in html
    assert "بودجهٔ محرمانهٔ سفر" not in html
    assert "صورت‌جلسهٔ محرمانه" not in html
    assert "دستور جلسهٔ داخلی" not in html


def test_only_accepted_facilitators_who_agreed_are_named(client, xian, meeting, facilitators):
    html = client.get(xian.url).content.decode()

    assert "<bdi>نرگس فهرست‌شده</bdi>" in html
    for key in ("unlisted", "not_yet", "elsewhere"):
        assert facilitators[key].full_name not in html, key
    for application in facilitators.values():
        assert application.email not in html
        assert application.phone not in html


def test_facilitators_are_named_even_before_a_meeting(client, xian, facilitators):
    html = client.get(xian.url).content.decode()
    assert "نرگس فهرست‌شده" in html
    assert "رضا بی‌نام" not in html


def test_a_city_without_road_map_or_listed_facilitators_has_no_section(client, florence):
    assert 'id="roadmap-heading"' not in client.get(florence.url).content.decode()


def test_the_meeting_and_public_actions_are_on_the_citys_timeline(client, xian, meeting):
    entries = [entry for entry in timeline_for(xian) if entry.source == "roadmap"]

    assert [entry.date for entry in entries] == [datetime.date(2025, 9, 1), meeting.date]
    action, held = entries
    assert action.title == "هفتهٔ فیلم ایرانی"
    assert action.note == "دانشگاه شیان"
    assert localise_digits(meeting.round) in held.title
    assert held.note == meeting.venue
    assert all("محرمانه" not in entry.title for entry in entries)
    html = client.get(xian.url).content.decode()
    assert html.count("timeline__entry--roadmap") == 2
    assert held.title in html


def test_the_english_city_page_shows_the_road_map_marked_as_persian(
    client, xian, meeting, partner_index, en_locale
):
    partner_index.copy_for_translation(en_locale).save_revision().publish()
    english = xian.copy_for_translation(en_locale)
    english.title = "Xi'an"
    english.save_revision().publish()

    html = client.get(english.url).content.decode()

    assert english.url.startswith("/en/")
    assert '<td lang="fa" dir="auto">هفتهٔ فیلم ایرانی</td>' in html
    assert "بودجهٔ محرمانهٔ سفر" not in html
    assert "نرگس فهرست‌شده" in html


def meeting_form_data(city, invited, round_=2):
    data = nested_form_data(
        {
            "partner_city": city.pk,
            "round": round_,
            "date": "2025-11-20",
            "venue": "",
            "partner_institutions": "",
            "agenda": "",
            "minutes": "",
            "items": inline_formset(
                [
                    {
                        "action": "تبادل دانشجو",
                        "language": "fa",
                        "field": "",
                        "owner_institution": "",
                        "target_date": "",
                        "status": "planned",
                        "is_public": "on",
                    }
                ]
            ),
        }
    )
    # A multiple choice is one key with several values (nested_form_data would number them).
    data["invited_facilitators"] = [str(application.pk) for application in invited]
    return data


def test_a_meeting_may_invite_only_the_citys_accepted_facilitators(
    reviewer_client, xian, facilitators
):
    add = reverse("wagtailsnippets_applications_roadmapmeeting:add")
    form = reviewer_client.get(add).content.decode()
    # The checkboxes offer accepted facilitators only (the pool is checked on saving).
    assert facilitators["listed"].full_name in form
    assert facilitators["not_yet"].full_name not in form

    refused = reviewer_client.post(add, meeting_form_data(xian, [facilitators["elsewhere"]]))

    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "invited_facilitators" in errors
    assert facilitators["elsewhere"].reference in str(errors["invited_facilitators"])
    assert not RoadmapMeeting.objects.exists()

    not_accepted = reviewer_client.post(add, meeting_form_data(xian, [facilitators["not_yet"]]))
    assert "invited_facilitators" in not_accepted.context["form"].errors
    assert not RoadmapMeeting.objects.exists()

    accepted = reviewer_client.post(
        add, meeting_form_data(xian, [facilitators["listed"], facilitators["unlisted"]])
    )

    assert accepted.status_code == 302
    meeting = RoadmapMeeting.objects.get()
    assert set(meeting.invited_facilitators.all()) == {
        facilitators["listed"],
        facilitators["unlisted"],
    }
    assert [item.action for item in meeting.items.all()] == ["تبادل دانشجو"]
    listing = reviewer_client.get(reverse("wagtailsnippets_applications_roadmapmeeting:list"))
    assert listing.status_code == 200


def test_the_meeting_form_checks_the_pool_without_the_admin(xian, florence, facilitators):
    form_class = RoadmapMeeting.snippet_viewset.get_edit_handler().get_form_class()

    form = form_class(meeting_form_data(florence, [facilitators["listed"]]))
    assert not form.is_valid()
    assert "invited_facilitators" in form.errors

    form = form_class(meeting_form_data(florence, [facilitators["elsewhere"]]))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_editors_cannot_open_road_map_meetings(who, request, client, meeting):
    client.force_login(request.getfixturevalue(who))
    for name, args in (("list", []), ("edit", [meeting.pk])):
        response = client.get(
            reverse(f"wagtailsnippets_applications_roadmapmeeting:{name}", args=args)
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
