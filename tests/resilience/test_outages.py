"""No application lost to an outage of a service the site depends on: the mail server (emails
wait in the outbox and go out once it is back) and Google's reCAPTCHA (applications are saved,
flagged for reviewers)."""

import smtplib
import socket
import threading
import uuid
from collections import Counter
from datetime import timedelta
from urllib.error import URLError

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from applications.models import Application, ApplicationEvent, OutgoingEmail
from tests.resilience.applicants import Applicant, apply_concurrently
from tests.resilience.database import postgres_only

pytestmark = postgres_only()


class FlakyBackend(EmailBackend):
    """The in-memory backend behind a mail server that drops the next ``failures`` messages,
    whichever worker sends them, and then works again."""

    lock = threading.Lock()
    failures = 0
    refused = 0

    def send_messages(self, messages):
        with FlakyBackend.lock:
            down = FlakyBackend.failures > 0
            if down:
                FlakyBackend.failures -= 1
                FlakyBackend.refused += 1
        if down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = FlakyBackend.refused = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


def run_workers(count):
    """``count`` of the `db_worker` loop at once, each with its own database connection, until
    nothing in the applicant queue is due. The loop is django-tasks-db's own (the command adds
    only signal handlers, which a thread cannot set)."""

    def work():
        try:
            Worker(
                queue_names=["applications"],
                interval=0,
                batch=True,
                backend_name="applications",
                startup_delay=False,
                max_tasks=None,
                worker_id=uuid.uuid4().hex,
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    # A worker in batch mode stops as soon as it finds nothing ready, which can be while the
    # other is still sending (and about to queue a retry); so run them again until nothing is.
    while DBTaskResult.objects.ready().filter(queue_name="applications").exists():
        workers = [threading.Thread(target=work) for _ in range(count)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)


APPLICANTS = 20
OUTAGE = 50  # messages refused before the mail server is back


def test_emails_refused_during_an_outage_are_each_sent_once_after_it(
    site, siteverify, settings, flaky_mail, figures
):
    # Two quick retries, then one an hour later: the outage outlasts the quick ones for most
    # emails, so the operator runs retry_applicant_emails (twice, to be sure) when the mail
    # server is back, and an hour later the scheduled retries find the emails already sent.
    settings.APPLICATION_EMAIL_RETRY_DELAYS = [0, 0, 3600]
    sent = apply_concurrently(Applicant(*site), range(1, APPLICANTS + 1), clients=10)
    recipients = {s.email for s in sent if s.reference}
    assert len(recipients) == APPLICANTS
    flaky_mail.failures = OUTAGE
    start = timezone.now()

    with time_machine.travel(start, tick=True):
        run_workers(2)
        assert flaky_mail.refused == OUTAGE, "the outage did not end within the quick retries"
        waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        assert waiting, "no email outlasted the quick retries; the hour-long retry is untested"
        call_command("retry_applicant_emails")
        call_command("retry_applicant_emails")
        run_workers(2)
    with time_machine.travel(start + timedelta(hours=2), tick=True):
        run_workers(2)

    per_recipient = Counter(address for message in mail.outbox for address in message.to)
    assert per_recipient == dict.fromkeys(recipients, 1)
    emails = OutgoingEmail.objects.all()
    assert emails.count() == APPLICANTS
    assert not emails.filter(sent_at__isnull=True).exists()
    assert not emails.filter(gave_up=True).exists()
    assert sum(email.attempts for email in emails) == APPLICANTS + OUTAGE
    assert ApplicationEvent.objects.filter(kind="email-sent").count() == APPLICANTS
    assert not ApplicationEvent.objects.filter(kind="email-failed").exists()
    assert not DBTaskResult.objects.failed().exists()
    tasks = DBTaskResult.objects.filter(queue_name="applications").count()
    figures(
        f"{APPLICANTS} applications; mail server refused {flaky_mail.refused} sends, then "
        f"{len(mail.outbox)} emails sent, one to each of the {len(per_recipient)} applicants; "
        f"{waiting} emails outlasted the quick retries; {tasks} send tasks run in all"
    )


@pytest.fixture
def black_hole(settings, monkeypatch):
    """An address that takes connections and never answers, standing in for Google when a
    firewall or a stalled network swallows the request: the real client must time out."""
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        settings.RECAPTCHA_DOMAIN = f"127.0.0.1:{listener.getsockname()[1]}"
        settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 1
        yield


@pytest.mark.parametrize("outage", ["unreachable", "timeout"])
def test_applications_are_saved_flagged_while_recaptcha_cannot_be_reached(
    request, site, outage, figures
):
    if outage == "unreachable":
        stub = request.getfixturevalue("siteverify")

        def unreachable(params):
            raise URLError(ConnectionRefusedError(111, "Connection refused"))

        stub["answer"] = unreachable
    else:
        request.getfixturevalue("black_hole")

    sent = apply_concurrently(Applicant(*site), range(1, 9), clients=4)

    assert [s.errors for s in sent] == [[]] * len(sent)
    stored = {a.reference: a for a in Application.objects.all()}
    assert stored.keys() == {s.reference for s in sent}
    assert {a.captcha_outcome for a in stored.values()} == {"unavailable"}
    assert all(a.needs_closer_look for a in stored.values())
    assert OutgoingEmail.objects.filter(kind="confirmation").count() == len(sent)
    figures(f"reCAPTCHA {outage}: {len(sent)} sent, {len(stored)} stored flagged 'unavailable'")
