"""Turning a valid form into a stored application: once, whatever the network does.

The form carries a token made when it was shown. The token is unique on the row, so a double
click, a browser resubmitting after a timeout, or two racing requests end with one application,
and each of them is shown its confirmation. The CV is written before the row and removed if the
row is not committed, so no committed row lacks its file. The confirmation email is queued in the
same transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from applications.emails import queue_email
from applications.models import Application, ApplicationEvent
from applications.models.application import CaptchaOutcome
from applications.pipeline import EmailKind


def existing_for_token(token) -> Application | None:
    if not token:
        return None
    try:
        return Application.objects.filter(submission_token=token).first()
    except (ValueError, ValidationError):  # a malformed token is simply not one of ours
        return None


def over_rate_limit(client: str, email: str, now=None) -> bool:
    """Too many applications from this client, or for this email, in the last window. The same
    answer for both, so a refusal does not say which limit was met (what it can still tell is in
    docs/pipeline.md)."""
    since = (now or timezone.now()) - timedelta(seconds=settings.APPLICATION_RATE_LIMIT_WINDOW)
    recent = Application.objects.filter(submitted_at__gte=since)
    if client and recent.filter(client_hash=client).count() >= (
        settings.APPLICATION_RATE_LIMIT_PER_CLIENT
    ):
        return True
    return recent.filter(email=email).count() >= settings.APPLICATION_RATE_LIMIT_PER_EMAIL


def submit(form, *, page, client: str) -> Application:
    data = form.cleaned_data
    token = data["submission_token"]
    now = timezone.now()
    application = Application(
        submission_token=token,
        submitted_at=now,
        language=form.language,
        call=page,
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        city_of_residence=data["city_of_residence"],
        country_of_residence=data["country_of_residence"],
        category=data["category"],
        organisation=data.get("organisation") or "",
        role=data.get("role") or "",
        languages_spoken=data["languages_spoken"],
        contacts_description=data["contacts_description"],
        proposal=data["proposal"],
        privacy_notice_version=page.privacy_notice_version,
        privacy_accepted_at=now,
        consent_share_with_partner=data.get("consent_share_with_partner", False),
        consent_public_listing=data.get("consent_public_listing", False),
        captcha_outcome=form.captcha_outcome or CaptchaOutcome.PASSED,
        client_hash=client,
    )
    upload = data.get("cv")
    if upload:
        application.cv_kind = form.cv_kind
        application.cv.save("cv", upload, save=False)
    try:
        with transaction.atomic():
            application.save()
            application.partner_cities.set(data["partner_cities"])
            application.fields_of_cooperation.set(data.get("fields_of_cooperation") or [])
            ApplicationEvent.objects.create(
                application=application,
                kind=ApplicationEvent.Kind.SUBMITTED,
                at=now,
                to_status=application.status,
            )
            queue_email(application, EmailKind.CONFIRMATION)
    except IntegrityError:
        _discard_file(application)
        existing = existing_for_token(token)
        if existing is None:
            raise
        return existing
    except (OperationalError, InterfaceError):
        # The connection failed, possibly while committing: the row may exist. The file stays,
        # since a stray file costs some disk and a row without its file loses the applicant's CV.
        raise
    except BaseException:
        _discard_file(application)
        raise
    return application


def _discard_file(application):
    if application.cv:
        application.cv.storage.delete(application.cv.name)
