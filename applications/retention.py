"""Personal data is kept only as long as it is needed.

Declined and withdrawn applications are anonymised ``APPLICATION_RETENTION_DAYS`` days after they
reached that status: every answer that identifies the person is blanked, the CV is deleted, notes
and unsent emails go. What remains (reference, dates, status, category, cities, fields) keeps the
office's statistics whole. Accepted facilitators are kept while they serve; open applications are
never touched.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications.models import Application, ApplicationEvent
from applications.pipeline import Status

RETAINED_UNTIL_DECIDED = (Status.DECLINED, Status.WITHDRAWN)
_BLANK_FIELDS = (
    "full_name",
    "email",
    "phone",
    "city_of_residence",
    "organisation",
    "role",
    "languages_spoken",
    "contacts_description",
    "proposal",
    "client_hash",
)


def due_for_anonymisation(now=None, days=None):
    now = now or timezone.now()
    days = settings.APPLICATION_RETENTION_DAYS if days is None else days
    return Application.objects.filter(
        status__in=RETAINED_UNTIL_DECIDED,
        status_changed_at__lt=now - timedelta(days=days),
        anonymised_at__isnull=True,
    )


def anonymise(application, now=None):
    now = now or timezone.now()
    cv_name = application.cv.name if application.cv else ""
    with transaction.atomic():
        fields = dict.fromkeys(_BLANK_FIELDS, "")
        Application.objects.filter(pk=application.pk).update(
            **fields, cv="", cv_kind="", anonymised_at=now, consent_public_listing=False
        )
        application.events.update(note="")
        application.emails.all().delete()
        ApplicationEvent.objects.create(
            application=application, kind=ApplicationEvent.Kind.ANONYMISED, at=now
        )
        if cv_name:
            storage = application.cv.storage
            transaction.on_commit(lambda: storage.delete(cv_name))


def apply_retention(now=None, days=None, dry_run=False) -> list[str]:
    """Anonymise every application that is due; return their references."""
    due = list(due_for_anonymisation(now, days))
    if not dry_run:
        for application in due:
            anonymise(application, now)
    return [application.reference for application in due]
