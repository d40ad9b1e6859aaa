"""Emails to applicants arrive once, whatever the mail server does: failures are counted and
retried through the task queue, given up on at last, and sent again by hand when the outage is
over, never twice."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from applications.emails import enqueue, queue_email
from applications.models import ApplicationEvent, OutgoingEmail
from applications.pipeline import EmailKind, Status, transition
from applications.retention import anonymise
from tests.applications.conftest import run_email_worker

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """The in-memory backend behind a mail server that is down for the next ``failures``
    messages."""

    failures = 0
    refused = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            FlakyBackend.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = 0
    FlakyBackend.refused = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """Runs the queue the way production does: each task's transaction commits, so what it
    queues again on commit (a retry) is queued; then runs again until nothing new is due."""

    def run(rounds=20):
        for _ in range(rounds):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                run_email_worker()
            if not callbacks:
                return

    return run


@pytest.fixture
def owed(make_application):
    """An application with its confirmation owed, as the form leaves it."""
    application = make_application(language="en", full_name="Jane Example")
    email = queue_email(application, EmailKind.CONFIRMATION)
    return application, email


def events(application, kind):
    return ApplicationEvent.objects.filter(application=application, kind=kind)


def test_a_queued_email_is_sent_once_with_an_event(owed, worker):
    application, email = owed

    worker()

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1
    assert email.last_error == ""
    assert events(application, ApplicationEvent.Kind.EMAIL_SENT).count() == 1


def test_a_failed_email_is_retried_until_it_is_sent(settings, flaky_mail, owed, worker):
    settings.APPLICATION_EMAIL_RETRY_DELAYS = [0, 0, 0]
    flaky_mail.failures = 2
    application, email = owed

    worker()

    assert flaky_mail.refused == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]
    email.refresh_from_db()
    assert email.attempts == 3
    assert email.sent_at is not None
    assert not email.gave_up
    assert "SMTPServerDisconnected" in email.last_error
    assert events(application, ApplicationEvent.Kind.EMAIL_SENT).count() == 1
    assert not events(application, ApplicationEvent.Kind.EMAIL_FAILED).exists()


def test_a_retry_waits_for_its_delay(settings, flaky_mail, owed, worker):
    settings.APPLICATION_EMAIL_RETRY_DELAYS = [600]
    flaky_mail.failures = 1
    _, email = owed
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        worker()
        email.refresh_from_db()
        assert email.attempts == 1
        assert email.sent_at is None
        assert mail.outbox == []

    with time_machine.travel(start + timedelta(seconds=599), tick=False):
        worker()
        assert mail.outbox == []

    with time_machine.travel(start + timedelta(seconds=601), tick=False):
        worker()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.sent_at is not None


def test_when_retries_run_out_the_email_is_given_up_with_an_event(
    settings, flaky_mail, owed, worker
):
    settings.APPLICATION_EMAIL_RETRY_DELAYS = [0, 0]
    flaky_mail.failures = 100
    application, email = owed

    worker()

    assert mail.outbox == []
    email.refresh_from_db()
    assert email.gave_up
    assert email.sent_at is None
    assert email.attempts == len(settings.APPLICATION_EMAIL_RETRY_DELAYS) + 1
    assert flaky_mail.refused == email.attempts
    (failed,) = events(application, ApplicationEvent.Kind.EMAIL_FAILED)
    assert "SMTPServerDisconnected" in failed.note
    assert not events(application, ApplicationEvent.Kind.EMAIL_SENT).exists()

    # The queue does not pick it up again by itself.
    flaky_mail.failures = 0
    worker()
    assert mail.outbox == []


def test_retry_applicant_emails_sends_what_is_unsent_and_never_resends(
    settings, flaky_mail, make_application, worker
):
    settings.APPLICATION_EMAIL_RETRY_DELAYS = []
    sent_to = make_application(email="sent@example.org")
    queue_email(sent_to, EmailKind.CONFIRMATION)
    worker()
    assert [m.to for m in mail.outbox] == [["sent@example.org"]]

    flaky_mail.failures = 1
    outage = make_application(email="outage@example.org")
    given_up = queue_email(outage, EmailKind.CONFIRMATION)
    worker()
    given_up.refresh_from_db()
    assert given_up.gave_up
    # The worker was down: the task row was lost with it, the email row remains.
    waiting = make_application(email="waiting@example.org")
    unqueued = OutgoingEmail.objects.create(application=waiting, kind=EmailKind.CONFIRMATION)
    mail.outbox.clear()

    call_command("retry_applicant_emails")
    worker()

    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]
    unqueued.refresh_from_db()
    assert unqueued.sent_at is not None

    mail.outbox.clear()
    call_command("retry_applicant_emails", "--include-abandoned")
    worker()

    assert [m.to for m in mail.outbox] == [["outage@example.org"]]
    given_up.refresh_from_db()
    assert given_up.sent_at is not None
    assert not given_up.gave_up

    mail.outbox.clear()
    call_command("retry_applicant_emails", "--include-abandoned")
    worker()
    assert mail.outbox == []
    for application in (sent_to, outage, waiting):
        assert events(application, ApplicationEvent.Kind.EMAIL_SENT).count() == 1


def test_running_the_worker_twice_never_sends_twice(owed, worker):
    application, email = owed
    enqueue(email.pk)  # the same email queued twice (a manual retry while the task waited)

    worker()
    worker()

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1
    assert events(application, ApplicationEvent.Kind.EMAIL_SENT).count() == 1


def test_an_email_owed_to_an_anonymised_application_is_not_sent(make_application, reviewer, worker):
    application = make_application(Status.SCREENING)
    transition(application, Status.DECLINED, by=reviewer)
    assert OutgoingEmail.objects.filter(application=application, sent_at=None).exists()

    anonymise(application)
    worker()

    assert mail.outbox == []
    assert not OutgoingEmail.objects.filter(application=application).exists()


def test_an_email_without_an_address_is_given_up_not_sent(owed, worker):
    application, email = owed
    type(application).objects.filter(pk=application.pk).update(email="")

    worker()

    assert mail.outbox == []
    email.refresh_from_db()
    assert email.gave_up
    assert email.sent_at is None


def test_the_confirmation_email_carries_the_reference_and_withdraw_link(owed, worker):
    application, _ = owed

    worker()

    (message,) = mail.outbox
    assert application.reference in message.subject
    assert application.reference in message.body
    assert "https://diplomat.example/en/applications/withdraw/" in message.body
    assert "\n" not in message.subject
