"""The public side: the form, its confirmation, and the applicant's withdraw link."""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from applications.emails import read_withdraw_token
from applications.forms import ApplicationForm
from applications.models import Application
from applications.models.pages import CallState
from applications.pipeline import OPEN_STATUSES, IllegalTransition, Status, transition
from applications.submissions import existing_for_token, over_rate_limit, submit
from core import memo
from core.clients import client_address, client_hash
from core.csp import allow_recaptcha

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "applications.confirmation"
CONFIRMATION_DAYS = 7


def _private(response):
    """Personal answers are never stored by a browser's or a proxy's cache."""
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    return response


def confirmation_url(page, application):
    token = signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(application.reference)
    return page.url + page.reverse_subpage("confirmation_view") + "?" + urlencode({"ref": token})


def _privacy_page(request, page):
    """The call's privacy notice: kept by core.memo until the next publication, except for a
    preview, which may have chosen another."""
    if getattr(request, "is_preview", False):
        return page.localised_privacy_page()
    return memo.get(request, ("privacy-page", page.pk), page.localised_privacy_page)


@sensitive_post_parameters()
def application_form(request, page):
    state = page.state()
    status = 200
    form = None
    if request.method == "POST":
        # A form sent again (double click, reload, a retry after a timeout, even one that
        # arrives just after the call closed) shows the confirmation of the application it
        # already made.
        existing = existing_for_token(request.POST.get("submission_token"))
        if existing is not None:
            return _private(redirect(confirmation_url(page, existing)))
    if state == CallState.OPEN:
        if request.method == "POST":
            form = ApplicationForm(
                request.POST,
                request.FILES,
                page=page,
                remote_ip=client_address(request),
                request=request,
            )
            if form.is_valid():
                client = client_hash(request)
                if over_rate_limit(client, form.cleaned_data["email"]):
                    form.add_error(
                        None,
                        ValidationError(
                            _(
                                "Too many applications have been sent recently. "
                                "Please try again later."
                            ),
                            code="rate_limit",
                        ),
                    )
                    status = 429
                else:
                    application = submit(form, page=page, client=client)
                    return _private(redirect(confirmation_url(page, application)))
            else:
                # The first of two quick sends may have been committed while this one was
                # checked (a reCAPTCHA token is good only once, so this one failed).
                existing = existing_for_token(request.POST.get("submission_token"))
                if existing is not None:
                    return _private(redirect(confirmation_url(page, existing)))
        else:
            form = ApplicationForm(page=page, request=request)
    elif request.method == "POST":
        status = 403
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "call_state": state,
            "privacy_page": _privacy_page(request, page),
        },
    )
    response.status_code = status
    if form is not None:
        allow_recaptcha(response)
    return _private(response)


def confirmation(request, page, token):
    try:
        reference = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign(
            token, max_age=timedelta(days=CONFIRMATION_DAYS)
        )
    except signing.BadSignature as error:
        raise Http404 from error
    if not Application.objects.filter(reference=reference).exists():
        raise Http404
    response = page.render(
        request,
        template="applications/confirmation.html",
        context_overrides={"reference": reference},
    )
    return _private(response)


@never_cache
def withdraw(request, token):
    """The link in the confirmation email: withdraw without an account. Signed and expiring;
    it shows nothing but the reference number."""
    context = {"token": token}
    try:
        reference = read_withdraw_token(token)
    except signing.SignatureExpired:
        context["problem"] = "expired"
        return render(request, "applications/withdraw.html", context, status=410)
    except signing.BadSignature:
        context["problem"] = "invalid"
        return render(request, "applications/withdraw.html", context, status=404)
    application = Application.objects.filter(reference=reference).first()
    if application is None or application.anonymised_at:
        context["problem"] = "invalid"
        return render(request, "applications/withdraw.html", context, status=404)
    context["reference"] = reference
    if request.method == "POST" and application.status in OPEN_STATUSES:
        try:
            transition(application, Status.WITHDRAWN, note=_("Withdrawn by the applicant."))
        except IllegalTransition:
            logger.info("Withdrawal of %s raced another change", reference)
        application.refresh_from_db(fields=["status"])
        context["withdrawn_now"] = application.status == Status.WITHDRAWN
    context["status"] = application.status
    context["is_open"] = application.status in OPEN_STATUSES
    context["status_label"] = application.get_status_display()
    return render(request, "applications/withdraw.html", context)
