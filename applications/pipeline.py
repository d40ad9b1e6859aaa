"""The citizen-diplomat pipeline: its statuses and the one table of allowed transitions.

Everything that changes an application's status goes through ``transition``; the model refuses any
other change (``Application.save``), so the admin, the withdraw link, the demo and the tests all
obey the same table. docs/pipeline.md describes it for people.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    MORE_INFORMATION = "more-information", _("More information requested")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.SCREENING, Status.MORE_INFORMATION, Status.SHORTLISTED}
)


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Application received")
    MORE_INFORMATION = "more-information", _("More information requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str  # the button a reviewer presses
    email: str = ""  # the EmailKind sent to the applicant, if any
    note_required: bool = False  # the note is what the applicant is asked or told


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.SUBMITTED, Status.SCREENING, _("Start screening")),
    Transition(
        Status.SCREENING,
        Status.MORE_INFORMATION,
        _("Ask for more information"),
        email=EmailKind.MORE_INFORMATION,
        note_required=True,
    ),
    Transition(Status.MORE_INFORMATION, Status.SCREENING, _("Resume screening")),
    Transition(Status.SCREENING, Status.SHORTLISTED, _("Shortlist")),
    Transition(Status.SCREENING, Status.DECLINED, _("Decline"), email=EmailKind.DECLINED),
    Transition(Status.SHORTLISTED, Status.ACCEPTED, _("Accept"), email=EmailKind.ACCEPTED),
    Transition(Status.SHORTLISTED, Status.DECLINED, _("Decline"), email=EmailKind.DECLINED),
    *(
        Transition(source, Status.WITHDRAWN, _("Mark as withdrawn"))
        for source in (
            Status.SUBMITTED,
            Status.SCREENING,
            Status.MORE_INFORMATION,
            Status.SHORTLISTED,
        )
    ),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


class IllegalTransition(Exception):
    pass


def find_transition(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((str(source), str(target)))


def next_steps(status: str) -> list[Transition]:
    """The transitions open from ``status``, in the table's order."""
    return [t for t in TRANSITIONS if t.source == status]


def may_review(user) -> bool:
    return bool(user and user.is_active and user.has_perm("applications.change_application"))


def transition(application, target: str, *, by=None, note: str = ""):
    """Move ``application`` to ``target`` and record who did it, when, from where and why.

    ``by`` is the reviewer; ``None`` means the applicant (through the signed withdraw link), who may
    only withdraw. The row is locked and re-read, so two reviewers pressing buttons at once cannot
    both move it from the same status. Emails go out after the commit, through the task queue.
    """
    from applications.emails import queue_email
    from applications.models import Application, ApplicationEvent

    if by is None and target != Status.WITHDRAWN:
        raise IllegalTransition("Only a reviewer may do that.")
    if by is not None and not may_review(by):
        raise IllegalTransition("Only reviewers move applications through the pipeline.")
    note = (note or "").strip()
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        step = find_transition(current.status, target)
        if step is None:
            raise IllegalTransition(f"{current.status} → {target} is not allowed.")
        if step.note_required and not note:
            raise IllegalTransition("This step needs a note for the applicant.")
        if current.anonymised_at:
            raise IllegalTransition("The application has been anonymised.")
        source = current.status
        current.status = target
        current.status_changed_at = timezone.now()
        current._transition_in_progress = step
        current.save(update_fields=["status", "status_changed_at"])
        event = ApplicationEvent.objects.create(
            application=current,
            kind=ApplicationEvent.Kind.TRANSITION,
            actor=by,
            from_status=source,
            to_status=target,
            note=note,
        )
        if step.email:
            queue_email(current, step.email, note=note)
    application.status = current.status
    application.status_changed_at = current.status_changed_at
    return event
