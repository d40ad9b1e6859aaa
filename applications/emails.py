"""Emails to applicants: what they say, in which language, and how they are sure to arrive.

Each email is an ``OutgoingEmail`` row written in the same transaction as the change that owes
it. The task queue sends it after the commit; a failure is counted on the row and the task is
queued again later (``APPLICATION_EMAIL_RETRY_DELAYS``). The row is locked while it is sent and
marked sent in the same transaction, so an email goes out once. ``retry_applicant_emails`` queues
again whatever is still unsent (after a long outage, or a worker that was down).
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from applications.pipeline import EmailKind
from core.navigation import public_url

logger = logging.getLogger(__name__)

WITHDRAW_SALT = "applications.withdraw"

# The built-in wording, used where editors have written none (EmailWording).
DEFAULT_WORDING = {
    EmailKind.CONFIRMATION: (
        _("Your application {reference} has been received"),
        _(
            "Dear {name},\n\n"
            "Thank you for applying to be a citizen diplomat. Your application has been received "
            "and its reference number is {reference}. Please quote it if you write to us.\n\n"
            "The international office reads every application and will write to you at this "
            "address when it has been reviewed.\n\n"
            "If you change your mind, you can withdraw your application here:\n{withdraw_link}\n\n"
            "{office}"
        ),
    ),
    EmailKind.MORE_INFORMATION: (
        _("Your application {reference}: we need more information"),
        _(
            "Dear {name},\n\n"
            "Thank you for your application {reference}. To continue reviewing it we need a "
            "little more information:\n\n{note}\n\n"
            "Please reply to this email with your answer.\n\n{office}"
        ),
    ),
    EmailKind.ACCEPTED: (
        _("Your application {reference} has been accepted"),
        _(
            "Dear {name},\n\n"
            "We are glad to tell you that your application {reference} has been accepted: you "
            "are now one of the citizen diplomats for the partner cities you chose. We will "
            "invite you to the road-map meeting for each of them.\n\n{note}\n\n{office}"
        ),
    ),
    EmailKind.DECLINED: (
        _("Your application {reference}"),
        _(
            "Dear {name},\n\n"
            "Thank you for your application {reference} and for your interest in the citizen "
            "diplomat programme. We are sorry that we cannot accept it this time.\n\n"
            "{note}\n\n{office}"
        ),
    ),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_BLANK_LINES = re.compile(r"\n{3,}")


def fill(template: str, values: dict) -> str:
    """Put the values into ``{name}``-style placeholders. Unknown placeholders are left as they
    are; no attribute or index lookups, so editors' text cannot reach into objects."""
    text = _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), str(template))
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def withdraw_token(application) -> str:
    return signing.TimestampSigner(salt=WITHDRAW_SALT).sign(application.reference)


def read_withdraw_token(token: str) -> str:
    """The reference in a withdraw link; raises signing.BadSignature (or SignatureExpired)."""
    max_age = timedelta(days=settings.APPLICATION_WITHDRAW_LINK_DAYS)
    return signing.TimestampSigner(salt=WITHDRAW_SALT).unsign(token, max_age=max_age)


def withdraw_url(application) -> str:
    with translation.override(application.language):
        path = reverse("application_withdraw", kwargs={"token": withdraw_token(application)})
    return public_url(path)


def _wording(kind, language):
    from applications.models import EmailWording

    locale = Locale.objects.filter(language_code=language).first()
    custom = EmailWording.objects.filter(kind=kind, locale=locale).first() if locale else None
    if custom is not None:
        return custom.subject, custom.body
    subject, body = DEFAULT_WORDING[kind]
    return str(subject), str(body)


def _office_name():
    from core.models import SiteSettings

    site_settings = SiteSettings.objects.prefetch_related("office_details").first()
    if site_settings is None:
        return settings.WAGTAIL_SITE_NAME
    return site_settings.site_name


def render(email):
    """(subject, body) of an OutgoingEmail, in the applicant's language."""
    application = email.application
    with translation.override(application.language):
        subject, body = _wording(email.kind, application.language)
        values = {
            "name": application.full_name,
            "reference": application.reference,
            "note": email.note,
            "withdraw_link": withdraw_url(application),
            "office": _office_name(),
        }
        return fill(subject, values).strip(), fill(body, values)


def queue_email(application, kind, note=""):
    """Owe the applicant an email. Call inside the transaction that makes the change."""
    from applications.models import OutgoingEmail

    email = OutgoingEmail.objects.create(application=application, kind=kind, note=note)
    enqueue(email.pk)
    return email


def enqueue(email_id, run_after=None):
    from django_tasks_db import DatabaseBackend

    from applications.tasks import send_applicant_email

    task = send_applicant_email.using(run_after=run_after) if run_after else send_applicant_email
    if isinstance(task.get_backend(), DatabaseBackend):
        # The queue lives in the same database: the task commits (or not) with the change.
        task.enqueue(email_id)
    else:
        transaction.on_commit(lambda: task.enqueue(email_id))


def deliver(email_id) -> bool:
    """Send one OutgoingEmail unless it has been sent; on failure count the attempt and queue
    another. Returns whether the email is now sent."""
    from applications.models import ApplicationEvent, OutgoingEmail
    from applications.tasks import send_applicant_email

    with transaction.atomic():
        email = (
            # Only the outbox row is locked: reviewers and the withdraw link may change the
            # application while its email is being sent.
            OutgoingEmail.objects.select_for_update(of=("self",))
            .select_related("application")
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.sent_at is not None or email.gave_up:
            return bool(email and email.sent_at)
        application = email.application
        if application.anonymised_at or not application.email:
            email.gave_up = True
            email.save(update_fields=["gave_up"])
            return False
        subject, body = render(email)
        message = EmailMessage(
            subject=subject.replace("\n", " "),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[application.email],
            headers={"Content-Language": application.language},
        )
        try:
            message.send()
        except Exception as error:
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:300]
            delays = settings.APPLICATION_EMAIL_RETRY_DELAYS
            if email.attempts <= len(delays):
                run_after = timezone.now() + timedelta(seconds=delays[email.attempts - 1])
                email.save(update_fields=["attempts", "last_error"])
                if send_applicant_email.get_backend().supports_defer:
                    enqueue(email.pk, run_after)
                # A backend that cannot wait leaves it to retry_applicant_emails.
            else:
                email.gave_up = True
                email.save(update_fields=["attempts", "last_error", "gave_up"])
                ApplicationEvent.objects.create(
                    application=application,
                    kind=ApplicationEvent.Kind.EMAIL_FAILED,
                    note=f"{email.get_kind_display()}: {email.last_error}",
                )
            logger.warning("Applicant email %s failed (attempt %s)", email.pk, email.attempts)
            return False
        email.attempts += 1
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "sent_at"])
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.EMAIL_SENT,
            note=str(email.get_kind_display()),
        )
        return True
