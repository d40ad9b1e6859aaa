import functools
import re
import uuid

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from applications.captcha import ResilientReCaptchaField
from applications.files import check_cv
from applications.models import Category
from core import memo, widgets
from core.i18n import normalise_text, sort_key
from partners.models import FieldOfCooperation, PartnerCityPage

TEXT_LIMIT = 4000


class NormalisedCharField(forms.CharField):
    """A text field that stores one spelling: Persian/Arabic digits and ي/ك normalised, bidi
    controls dropped, spaces collapsed (core.i18n.normalise_text)."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        # NUL and other control characters are never part of an answer.
        value = "".join(ch for ch in value if ch in "\n\t" or ch >= " ")
        return normalise_text(value, multiline=self.multiline)


class NormalisedEmailField(forms.EmailField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value).replace(" ", "").lower() if value else value


_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
_IRANIAN_MOBILE = re.compile(r"09\d{9}")


def parse_phone(value: str, region: str = "IR") -> str:
    """The phone number in E.164 (``+989121234567``). Accepts Persian and Arabic digits, spaces
    and dashes, ``00`` for ``+``, and a national number of the applicant's country of residence
    or, failing that, of Iran. An Iranian mobile number (``09`` and nine digits) is read as one
    wherever the applicant lives: people abroad often keep theirs."""
    text = _PHONE_PUNCTUATION.sub("", normalise_text(value or ""))
    if text.startswith("00"):
        text = "+" + text[2:]
    if not re.fullmatch(r"\+?\d{4,17}", text):
        raise ValidationError(_("Enter a phone number, for example 0912 345 6789."), code="phone")
    regions = [region or "IR", "IR"]
    if _IRANIAN_MOBILE.fullmatch(text):
        regions.insert(0, "IR")
    for candidate_region in dict.fromkeys(regions):
        try:
            number = phonenumbers.parse(text, candidate_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValidationError(
        _("This is not a valid phone number. Include the country code if it is not Iranian."),
        code="phone",
    )


@functools.lru_cache(maxsize=8)
def _country_choices(language):
    """Every country as (code, name in ``language``), in that language's alphabetical order;
    the same for every request, so sorted once per process."""
    with translation.override(language):
        return tuple(
            (code, str(name)) for code, name in sorted(countries, key=lambda c: sort_key(c.name))
        )


def _text_input(autocomplete=""):
    attrs = {"dir": "auto"}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return forms.TextInput(attrs=attrs)


class ApplicationForm(forms.Form):
    """The citizen-diplomat application, in the reader's language. Every answer is normalised;
    partner cities and fields of cooperation are offered in the reader's language and stored as
    the default language's pages and terms."""

    # Autocomplete tokens let browsers fill in what they know (WCAG 1.3.5); free text may be
    # Persian or English, so it takes its direction from what is typed.
    full_name = NormalisedCharField(
        label=_("Full name"), max_length=200, widget=_text_input("name")
    )
    email = NormalisedEmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    phone = NormalisedCharField(
        label=_("Mobile phone"),
        max_length=40,
        help_text=_("For example 0912 345 6789, or with the country code: +49 …"),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}
        ),
    )
    city_of_residence = NormalisedCharField(
        label=_("City of residence"), max_length=120, widget=_text_input("address-level2")
    )
    country_of_residence = forms.ChoiceField(
        label=_("Country of residence"), widget=widgets.Select(attrs={"autocomplete": "country"})
    )
    category = forms.ChoiceField(
        label=_("Which describes you best?"), choices=Category.choices, widget=widgets.RadioSelect
    )
    organisation = NormalisedCharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=_text_input("organization"),
    )
    role = NormalisedCharField(
        label=_("Role or position"),
        max_length=200,
        required=False,
        widget=_text_input("organization-title"),
    )
    languages_spoken = NormalisedCharField(
        label=_("Languages you speak"),
        max_length=300,
        widget=_text_input(),
        help_text=_("For example: Persian, English, Chinese."),
    )
    partner_cities = forms.MultipleChoiceField(
        label=_("Partner cities where you have contacts"),
        widget=widgets.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    contacts_description = NormalisedCharField(
        label=_("Your contacts there"),
        multiline=True,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Who you know in those cities and how: institutions, colleagues, family."),
    )
    fields_of_cooperation = forms.MultipleChoiceField(
        label=_("Fields of cooperation"), widget=widgets.CheckboxSelectMultiple, required=False
    )
    proposal = NormalisedCharField(
        label=_("What do you propose?"),
        multiline=True,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    cv = forms.FileField(
        label=_("CV (optional)"),
        required=False,
        help_text=_("PDF or Word (DOCX), at most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my data being processed as it says."),
        error_messages={"required": _("Please accept the privacy notice to apply.")},
    )
    consent_share_with_partner = forms.BooleanField(
        label=_("You may share my details with the partner city's office."), required=False
    )
    consent_public_listing = forms.BooleanField(
        label=_("If I am accepted, you may list my name publicly as a facilitator."),
        required=False,
    )
    # A field people never see: bots that fill in every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    # Says which sending of the form this is, so a second click finds the first application.
    # A missing or damaged one is explained in clean(); its own messages are never shown.
    submission_token = forms.UUIDField(label=_("Form token"), widget=forms.HiddenInput)

    def __init__(self, *args, page, language=None, remote_ip=None, request=None, **kwargs):
        self.page = page
        self.language = language or translation.get_language()
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())
        self.fields["country_of_residence"].choices = [
            ("", _("Choose a country")),
            *_country_choices(translation.get_language()),
        ]
        self.fields["country_of_residence"].initial = "IR"
        # The live cities and the fields of cooperation, kept by core.memo until the next
        # publication.
        cities, fields = memo.get(
            request, ("application-choices", self.language), self._live_choices
        )
        self.fields["partner_cities"].choices = cities
        self.fields["fields_of_cooperation"].choices = fields
        self.fields["captcha"] = ResilientReCaptchaField(
            language=self.language, label=_("Are you a person?")
        )
        self.fields["captcha"].remote_ip = remote_ip

    def _live_choices(self):
        cities = sorted(
            ((str(key), title) for key, title in self._city_titles().items()),
            key=lambda choice: sort_key(choice[1]),
        )
        terms = list(
            FieldOfCooperation.with_local_names(
                FieldOfCooperation.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
                self.language,
            )
        )
        names = FieldOfCooperation.localised_names(terms, self.language)
        fields = sorted(
            ((term.slug, names[term.translation_key]) for term in terms),
            key=lambda choice: sort_key(choice[1]),
        )
        return cities, fields

    def _city_titles(self):
        """Every live partner city by translation key, titled in the reader's language, or in
        the default language where it has no page in the reader's."""
        titles, fallbacks = {}, {}
        for key, title, language in (
            PartnerCityPage.objects.live()
            .filter(locale__language_code__in={self.language, settings.LANGUAGE_CODE})
            .values_list("translation_key", "title", "locale__language_code")
        ):
            (titles if language == self.language else fallbacks)[key] = title
        return {**fallbacks, **titles}

    def clean_full_name(self):
        name = self.cleaned_data["full_name"]
        if not any(ch.isalpha() for ch in name):
            raise ValidationError(_("Enter your name in letters."), code="name")
        return name

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if not upload:
            return None
        self.cv_kind = check_cv(upload)
        return upload

    def clean_partner_cities(self):
        keys = set(self.cleaned_data["partner_cities"])
        pages = {}
        for city in (
            PartnerCityPage.objects.live().filter(translation_key__in=keys).select_related("locale")
        ):
            # Store the default language's page where there is one, so every pool is one list.
            current = pages.get(city.translation_key)
            if current is None or city.locale.language_code == settings.LANGUAGE_CODE:
                pages[city.translation_key] = city
        return list(pages.values())

    def clean_fields_of_cooperation(self):
        slugs = self.cleaned_data["fields_of_cooperation"]
        return list(
            FieldOfCooperation.objects.filter(
                slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE
            )
        )

    def clean(self):
        cleaned = super().clean()
        if self._errors.pop("submission_token", None):
            # Not the applicant's answer: said once for the whole form, and the form shown again
            # carries a new token, so sending it again works.
            self.data = self.data.copy()
            self.data[self.add_prefix("submission_token")] = str(uuid.uuid4())
            self.add_error(
                None,
                ValidationError(
                    _("This form could not be read. Check your answers and send it again."),
                    code="token",
                ),
            )
        if cleaned.get("website"):
            raise ValidationError(
                _("Your application could not be sent. Please try again."), code="honeypot"
            )
        phone = cleaned.get("phone")
        if phone:
            try:
                cleaned["phone"] = parse_phone(phone, cleaned.get("country_of_residence") or "IR")
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned

    @property
    def captcha_outcome(self):
        return self.fields["captcha"].outcome
