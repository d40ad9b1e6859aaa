"""reCAPTCHA that never loses an application to an outage.

django-recaptcha's field turns only an HTTP error into a form error; an unreachable service (DNS,
refused connection, timeout) escapes as an exception and the applicant sees a server error. This
field records what happened instead: ``outcome`` is "passed", or "unavailable" when Google could
not be asked, or "unverified" when v3 returned no score (Google's test keys never do). Either of
the last two lets the application through, flagged for reviewers. A token Google rejects is
still an error for the applicant.
"""

import logging
from http.client import HTTPException
from urllib.error import URLError

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from applications.models.application import CaptchaOutcome

logger = logging.getLogger(__name__)


class ScriptlessCheckbox(ReCaptchaV2Checkbox):
    """django-recaptcha's widgets write inline scripts, which the site's Content-Security-Policy
    refuses; these render only the element, naming Google's script for static/js/recaptcha.js
    to load (see core/csp.py)."""

    template_name = "applications/recaptcha/checkbox.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback")  # it named a function of the inline script
        return attrs


class ScriptlessScore(ReCaptchaV3):
    template_name = "applications/recaptcha/score.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback")
        return attrs


def recaptcha_widget(language):
    params = {"hl": language}  # the checkbox speaks the reader's language
    if settings.RECAPTCHA_MODE == "v3":
        return ScriptlessScore(api_params=params, action="apply")
    return ScriptlessCheckbox(api_params=params)


class ResilientReCaptchaField(ReCaptchaField):
    def __init__(self, language="fa", **kwargs):
        super().__init__(widget=recaptcha_widget(language), **kwargs)
        self.remote_ip = None
        self.outcome = None

    def validate(self, value):
        forms.CharField.validate(self, value)
        try:
            answer = client.submit(
                recaptcha_response=value, private_key=self.private_key, remoteip=self.remote_ip
            )
        except (URLError, OSError, HTTPException, ValueError, KeyError) as error:
            # URLError covers HTTP errors, DNS failures and refused connections; OSError
            # timeouts; HTTPException a broken reply; ValueError and KeyError a reply that is
            # not Google's JSON.
            logger.warning("reCAPTCHA could not be verified: %s", type(error).__name__)
            self.outcome = CaptchaOutcome.UNAVAILABLE
            return
        if not answer.is_valid:
            raise ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        if isinstance(self.widget, ReCaptchaV3):
            if answer.action and answer.action != self.widget.action:
                raise ValidationError(
                    self.error_messages["captcha_invalid"], code="captcha_invalid"
                )
            score = answer.extra_data.get("score")
            if score is None:
                self.outcome = CaptchaOutcome.UNVERIFIED
                return
            if float(score) < settings.RECAPTCHA_REQUIRED_SCORE:
                raise ValidationError(
                    self.error_messages["captcha_invalid"], code="captcha_invalid"
                )
        self.outcome = CaptchaOutcome.PASSED
