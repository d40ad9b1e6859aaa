"""The pipeline's one table of transitions, and everything that obeys it: the model, the
reviewer's permission, the applicant's own withdrawal and the emails some steps send."""

import itertools
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import translation

from applications.emails import DEFAULT_WORDING, withdraw_url
from applications.models import Application, ApplicationEvent, EmailWording, OutgoingEmail
from applications.pipeline import (
    OPEN_STATUSES,
    TRANSITIONS,
    EmailKind,
    IllegalTransition,
    Status,
    find_transition,
    next_steps,
    transition,
)
from applications.retention import anonymise
from tests.applications.conftest import run_email_worker

pytestmark = pytest.mark.django_db

# Written out by hand from DESIGN.md §6, not read from the table, so a wrong table fails:
# submitted → screening → (more information ↔ screening) → shortlisted → accepted | declined, and
# withdrawn from any open state. Declining straight from screening is our one addition
# (docs/pipeline.md says why).
_OPEN = ("submitted", "screening", "more-information", "shortlisted")
LEGAL_PAIRS = {
    ("submitted", "screening"),
    ("screening", "more-information"),
    ("more-information", "screening"),
    ("screening", "shortlisted"),
    ("shortlisted", "accepted"),
    ("shortlisted", "declined"),
    ("screening", "declined"),
    *((source, "withdrawn") for source in _OPEN),
}
ILLEGAL_PAIRS = [
    pair for pair in itertools.product(Status.values, repeat=2) if pair not in LEGAL_PAIRS
]
EMAIL_STEPS = [step for step in TRANSITIONS if step.email]
SILENT_STEPS = [step for step in TRANSITIONS if not step.email]


def step_id(step):
    return f"{step.source}->{step.target}"


def built_in_subject(kind, application):
    """The built-in subject as the applicant's language has it."""
    with translation.override(application.language):
        return str(DEFAULT_WORDING[kind][0]).replace("{reference}", application.reference)


def transition_events(application):
    return ApplicationEvent.objects.filter(
        application=application, kind=ApplicationEvent.Kind.TRANSITION
    )


def test_the_table_covers_the_designed_pipeline():
    # DESIGN.md §6: submitted → screening → (more information ↔ screening) → shortlisted →
    # accepted | declined; withdrawn from any open state. Every status is reachable.
    table = [(str(step.source), str(step.target)) for step in TRANSITIONS]
    assert set(table) == LEGAL_PAIRS
    assert len(table) == len(set(table)), "a pair appears twice in the table"
    assert set(Status.values) == {pair[0] for pair in LEGAL_PAIRS} | {
        "accepted",
        "declined",
        "withdrawn",
    }
    assert {str(status) for status in OPEN_STATUSES} == set(_OPEN)
    for closed in (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN):
        assert next_steps(closed) == []


@pytest.mark.parametrize("step", TRANSITIONS, ids=step_id)
def test_every_legal_transition_succeeds_and_is_recorded(step, make_application, reviewer):
    application = make_application(step.source)
    before = transition_events(application).count()

    event = transition(application, step.target, by=reviewer, note="  a note for the file ")

    assert application.status == step.target
    application.refresh_from_db()
    assert application.status == step.target
    assert transition_events(application).count() == before + 1
    stored = transition_events(application).latest("pk")
    assert stored == event
    assert stored.actor == reviewer
    assert stored.from_status == step.source
    assert stored.to_status == step.target
    assert stored.note == "a note for the file"
    assert abs(application.status_changed_at - stored.at) < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("source", "target"), ILLEGAL_PAIRS, ids=[f"{a}->{b}" for a, b in ILLEGAL_PAIRS]
)
def test_every_illegal_pair_is_refused(source, target, make_application, reviewer):
    application = make_application(source)
    before = transition_events(application).count()
    emails_before = OutgoingEmail.objects.count()

    with pytest.raises(IllegalTransition):
        transition(application, target, by=reviewer, note="a note")

    application.refresh_from_db()
    assert application.status == source
    assert transition_events(application).count() == before
    assert OutgoingEmail.objects.count() == emails_before


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.SUBMITTED])
def test_saving_a_new_status_directly_is_refused(status, make_application):
    application = make_application()
    application.status = status

    with pytest.raises(IllegalTransition):
        application.save()
    with pytest.raises(IllegalTransition):
        application.save(update_fields=["status"])

    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    assert not transition_events(application).exists()


@pytest.mark.parametrize("status", Status.values)
def test_saving_directly_is_refused_from_any_status(status, make_application):
    application = make_application(status)
    others = [s for s in Status.values if s != status]
    for other in others:
        application.status = other
        with pytest.raises(IllegalTransition):
            application.save()
    assert Application.objects.get(pk=application.pk).status == status


def test_saving_other_fields_keeps_working(make_application):
    application = make_application(Status.SCREENING)
    application.organisation = "سازمان دیگر"
    application.save()
    application.refresh_from_db()
    assert application.organisation == "سازمان دیگر"
    assert application.status == Status.SCREENING


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.SUBMITTED])
def test_a_new_application_cannot_start_in_another_status(status, make_application):
    template = make_application()
    count = Application.objects.count()
    fresh = Application(
        status=status,
        language="fa",
        full_name="کسی دیگر",
        email="other@example.org",
        phone="+989121111111",
        city_of_residence="تهران",
        country_of_residence="IR",
        category="student",
        languages_spoken="فارسی",
        contacts_description="-",
        proposal="-",
        privacy_notice_version="2021-1",
        privacy_accepted_at=template.privacy_accepted_at,
    )

    with pytest.raises(IllegalTransition):
        fresh.save()

    assert Application.objects.count() == count


@pytest.mark.parametrize("note", ["", "   ", "\n\t"])
def test_asking_for_more_information_needs_a_note(note, make_application, reviewer):
    application = make_application(Status.SCREENING)

    with pytest.raises(IllegalTransition):
        transition(application, Status.MORE_INFORMATION, by=reviewer, note=note)

    application.refresh_from_db()
    assert application.status == Status.SCREENING
    assert not OutgoingEmail.objects.filter(
        application=application, kind=EmailKind.MORE_INFORMATION
    ).exists()
    transition(application, Status.MORE_INFORMATION, by=reviewer, note="Your CV, please.")
    assert application.status == Status.MORE_INFORMATION


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_a_user_without_the_permission_cannot_transition(who, request, make_application):
    user = request.getfixturevalue(who)
    application = make_application()

    with pytest.raises(IllegalTransition):
        transition(application, Status.SCREENING, by=user)
    with pytest.raises(IllegalTransition):
        transition(application, Status.WITHDRAWN, by=user)

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not transition_events(application).exists()


def test_an_inactive_reviewer_cannot_transition(make_application, reviewer):
    application = make_application()
    reviewer.is_active = False
    reviewer.save()

    with pytest.raises(IllegalTransition):
        transition(application, Status.SCREENING, by=reviewer)

    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("step", TRANSITIONS, ids=step_id)
def test_the_applicant_may_only_withdraw(step, make_application):
    application = make_application(step.source)

    if step.target == Status.WITHDRAWN:
        event = transition(application, step.target, note="changed my mind")
        assert event.actor is None
        assert event.from_status == step.source
        assert Application.objects.get(pk=application.pk).status == Status.WITHDRAWN
    else:
        with pytest.raises(IllegalTransition):
            transition(application, step.target, note="a note")
        assert Application.objects.get(pk=application.pk).status == step.source


def test_a_stale_copy_cannot_move_the_application_from_its_old_status(make_application, reviewer):
    application = make_application(Status.SCREENING)
    stale = Application.objects.get(pk=application.pk)
    transition(application, Status.SHORTLISTED, by=reviewer)

    # The other reviewer's page still says "screening"; asking for more information is a step
    # from screening only, so it is refused against the row as it is now.
    assert stale.status == Status.SCREENING
    with pytest.raises(IllegalTransition):
        transition(stale, Status.MORE_INFORMATION, by=reviewer, note="?")
    assert Application.objects.get(pk=application.pk).status == Status.SHORTLISTED


def test_an_anonymised_application_cannot_move(make_application, reviewer):
    application = make_application(Status.SCREENING)
    anonymise(application)

    with pytest.raises(IllegalTransition):
        transition(application, Status.SHORTLISTED, by=reviewer)
    assert Application.objects.get(pk=application.pk).status == Status.SCREENING


@pytest.mark.parametrize("step", SILENT_STEPS, ids=step_id)
def test_steps_without_an_email_queue_none(step, make_application, reviewer):
    application = make_application(step.source)
    owed = OutgoingEmail.objects.filter(application=application).count()

    transition(application, step.target, by=reviewer, note="note")

    assert OutgoingEmail.objects.filter(application=application).count() == owed


@pytest.mark.parametrize("step", EMAIL_STEPS, ids=step_id)
def test_emails_are_queued_and_sent_in_the_applicants_language(step, make_application, reviewer):
    application = make_application(
        step.source, language="en", full_name="Jane Example", email="jane@example.org"
    )
    run_email_worker()  # whatever the walk to the source owed
    mail.outbox.clear()

    transition(application, step.target, by=reviewer, note="Please send your CV in English.")

    email = OutgoingEmail.objects.get(application=application, kind=step.email)
    assert email.sent_at is None
    assert email.note == "Please send your CV in English."
    run_email_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jane@example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == built_in_subject(step.email, application)
    assert message.subject.startswith("Your application " + application.reference)
    assert message.body.startswith("Dear Jane Example,")
    assert "Please send your CV in English." in message.body
    assert application.reference in message.body
    email.refresh_from_db()
    assert email.sent_at is not None


def test_a_persian_applicants_email_is_marked_persian(make_application, reviewer):
    application = make_application(Status.SHORTLISTED)
    run_email_worker()
    mail.outbox.clear()

    transition(application, Status.ACCEPTED, by=reviewer)
    run_email_worker()

    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "fa"
    assert message.subject == built_in_subject(EmailKind.ACCEPTED, application)
    assert message.to == [application.email]
    assert application.reference in message.subject
    assert application.full_name in message.body


def test_the_english_applicants_withdraw_link_is_under_en(make_application):
    english = make_application(language="en")
    persian = make_application(language="fa")

    assert "/en/applications/withdraw/" in withdraw_url(english)
    assert "/en/" not in withdraw_url(persian)
    assert "/applications/withdraw/" in withdraw_url(persian)


@pytest.fixture
def english_wording(en_locale):
    return EmailWording.objects.create(
        locale=en_locale,
        kind=EmailKind.ACCEPTED,
        subject="Welcome aboard, {name} ({reference})",
        body=(
            "Hello {name},\n\n"
            "Reference {reference}. {note}\n"
            "Unknown: {x}. Attribute: {name.__class__}. Index: {reference[0]}.\n"
            "Withdraw: {withdraw_link}\n"
        ),
    )


def test_an_editors_wording_replaces_the_built_in_one(english_wording, make_application, reviewer):
    application = make_application(
        Status.SHORTLISTED, language="en", full_name="Jane Example", email="jane@example.org"
    )
    run_email_worker()
    mail.outbox.clear()

    transition(application, Status.ACCEPTED, by=reviewer, note="See you in Xi'an.")
    run_email_worker()

    (message,) = mail.outbox
    assert message.subject == f"Welcome aboard, Jane Example ({application.reference})"
    assert message.body.startswith("Hello Jane Example,")
    assert f"Reference {application.reference}. See you in Xi'an." in message.body
    assert "Unknown: {x}." in message.body
    assert "Attribute: {name.__class__}." in message.body
    assert "Index: {reference[0]}." in message.body
    assert "<class" not in message.body
    assert f"Withdraw: {withdraw_url(application)}" in message.body
    assert "We are glad to tell you" not in message.body  # the built-in text


def test_a_wording_applies_only_to_its_own_language_and_kind(
    english_wording, make_application, reviewer
):
    persian = make_application(Status.SHORTLISTED, full_name="مریم نمونه")
    english = make_application(Status.SCREENING, language="en", full_name="Jane Example")
    run_email_worker()
    mail.outbox.clear()

    transition(persian, Status.ACCEPTED, by=reviewer)
    transition(english, Status.DECLINED, by=reviewer)
    run_email_worker()

    # The English wording is for English "accepted" emails: both of these use the built-in text.
    assert {message.subject for message in mail.outbox} == {
        built_in_subject(EmailKind.ACCEPTED, persian),
        built_in_subject(EmailKind.DECLINED, english),
    }


def test_a_persian_wording_reaches_persian_applicants(fa_home, make_application, reviewer):
    EmailWording.objects.create(
        locale=fa_home.locale,
        kind=EmailKind.MORE_INFORMATION,
        subject="درخواست {reference}: اطلاعات بیشتر",
        body="{name} گرامی،\n\n{note}\n\n\n\n{office}",
    )
    application = make_application(Status.SCREENING, full_name="مریم نمونه")
    mail.outbox.clear()

    transition(application, Status.MORE_INFORMATION, by=reviewer, note="لطفاً رزومه بفرستید.")
    run_email_worker()

    (message,) = mail.outbox
    assert message.subject == f"درخواست {application.reference}: اطلاعات بیشتر"
    assert message.body.startswith("مریم نمونه گرامی،\n\nلطفاً رزومه بفرستید.\n\n")
    assert "\n\n\n" not in message.body  # runs of blank lines are closed up


def test_a_reviewers_note_is_not_read_as_placeholders(make_application, reviewer):
    application = make_application(Status.SHORTLISTED, language="en")
    run_email_worker()
    mail.outbox.clear()

    transition(application, Status.ACCEPTED, by=reviewer, note="Quote {reference} and {x}.")
    run_email_worker()

    (message,) = mail.outbox
    assert "Quote {reference} and {x}." in message.body


def test_find_transition_matches_the_table():
    for source, target in itertools.product(Status.values, repeat=2):
        step = find_transition(source, target)
        assert (step is not None) == ((source, target) in LEGAL_PAIRS)


def test_bulk_paths_cannot_change_a_status(make_application):
    application = make_application(Status.SCREENING)
    with pytest.raises(IllegalTransition):
        Application.objects.filter(pk=application.pk).update(status=Status.ACCEPTED)
    application.status = Status.ACCEPTED
    with pytest.raises(IllegalTransition):
        Application.objects.bulk_update([application], ["status"])
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    clone = Application(
        full_name="x", email="x@example.org", phone="+989120000000", status=Status.ACCEPTED
    )
    with pytest.raises(IllegalTransition):
        Application.objects.bulk_create([clone])
