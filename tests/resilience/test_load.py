"""No application lost under load: many applicants at once, and one applicant's form sent many
times at once, through the served site and the real form."""

import hashlib
import threading
import time
from collections import Counter

from applications import submissions
from applications.models import Application, OutgoingEmail
from tests.resilience.applicants import (
    Applicant,
    NotAcknowledged,
    answers,
    apply_concurrently,
    cv_upload,
)
from tests.resilience.database import postgres_only

pytestmark = postgres_only()

SUBMISSIONS = 200
CLIENTS = 20


def sha256_of(field_file):
    with field_file.open("rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


def files_in(folder):
    return {path for path in folder.rglob("*") if path.is_file()}


def test_every_acknowledged_application_is_stored_with_its_cv_under_load(
    site, siteverify, private_media, figures
):
    applicant = Applicant(*site)
    start = time.monotonic()

    sent = apply_concurrently(applicant, range(1, SUBMISSIONS + 1), clients=CLIENTS)

    elapsed = time.monotonic() - start
    refused = [(s.number, s.errors) for s in sent if s.reference is None]
    assert refused == []
    acknowledged = {s.reference: s for s in sent}
    assert len(acknowledged) == SUBMISSIONS, "two applicants were shown the same reference"

    stored = {a.reference: a for a in Application.objects.all()}
    assert stored.keys() == acknowledged.keys()
    for reference, submission in acknowledged.items():
        application = stored[reference]
        assert str(application.submission_token) == submission.token
        assert application.email == submission.email
        if submission.cv_sha256:
            assert application.cv, f"{reference} was sent with a CV and stored without one"
            assert sha256_of(application.cv) == submission.cv_sha256
        else:
            assert not application.cv
    # Every stored file belongs to a row, and every row's file is there.
    on_disk = files_in(private_media)
    named = {private_media / a.cv.name for a in stored.values() if a.cv}
    assert named == on_disk
    assert OutgoingEmail.objects.filter(kind="confirmation").count() == SUBMISSIONS
    figures(
        f"{SUBMISSIONS} submissions from {CLIENTS} concurrent clients in {elapsed:.1f} s; "
        f"{len(acknowledged)} acknowledged, {len(stored)} stored, {len(on_disk)} CVs on disk "
        f"({sum(1 for s in sent if s.cv_sha256)} sent), "
        f"{OutgoingEmail.objects.count()} confirmation emails queued"
    )


RACERS = 8
FORMS = 3


def test_one_form_sent_many_times_at_once_makes_one_application(
    site, siteverify, private_media, monkeypatch, figures
):
    """Each form is sent by RACERS requests at the same moment. Google's reply is held until all
    of them are being checked, so every one is past the "already made?" check at the top of
    the view and races into the insert; the form's token must make it one row."""
    applicant = Applicant(*site)
    inserts = Counter()
    real_submit = submissions.submit

    def counting_submit(form, **kwargs):
        inserts[str(form.cleaned_data["submission_token"])] += 1
        return real_submit(form, **kwargs)

    monkeypatch.setattr("applications.views.submit", counting_submit)
    held = threading.Barrier(RACERS, timeout=30)

    def slow_google(params):
        held.wait()
        return {"success": True, "hostname": "testkey.google.com"}

    siteverify["answer"] = slow_google
    shown = {}
    for number in range(1, FORMS + 1):
        form = applicant.open_form()
        data = answers(number, f"racer-{number}@example.org", form)
        cv = cv_upload(1)  # every racer attaches the same CV
        results, refused = [], []

        def send(form=form, data=data, cv=cv, results=results, refused=refused):
            try:
                results.append(applicant.send(form, data, cv))
            except NotAcknowledged as error:
                refused.append(str(error))

        racers = [threading.Thread(target=send) for _ in range(RACERS)]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(timeout=60)
        token = form.hidden["submission_token"]
        assert refused == [], "a racer was not shown a confirmation"
        assert len(results) == RACERS
        assert inserts[token] == RACERS, "the racers did not all reach the insert"
        (reference,) = set(results)
        shown[token] = reference

    stored = dict(Application.objects.values_list("submission_token", "reference"))
    assert {str(token): reference for token, reference in stored.items()} == shown
    assert OutgoingEmail.objects.count() == FORMS
    # The losers' copies of the CV were deleted: one file per application.
    assert len(files_in(private_media)) == FORMS
    for application in Application.objects.all():
        assert sha256_of(application.cv) == hashlib.sha256(cv_upload(1)[1]).hexdigest()
    figures(
        f"{FORMS} forms each sent by {RACERS} simultaneous requests: "
        f"{sum(inserts.values())} inserts attempted, {len(stored)} applications stored, "
        f"{OutgoingEmail.objects.count()} confirmation emails queued"
    )
