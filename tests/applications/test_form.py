"""The public application form: what it accepts, how it stores it, and what the applicant sees."""

import re
import uuid
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail, signing
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from persiantools.jdatetime import JalaliDate

from applications.forms import TEXT_LIMIT
from applications.models import Application, ApplicationEvent, OutgoingEmail
from applications.views import CONFIRMATION_SALT
from core.i18n import format_date, sort_key
from partners.models import FieldOfCooperation
from tests.applications.form_pages import (
    choices_offered,
    errors_beside,
    form_on_page,
    in_language,
    parse,
    stored_after,
    summary_links,
    summary_messages,
    value_of,
)
from tests.factories import PartnerCityPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

REQUIRED = [
    "full_name",
    "email",
    "phone",
    "city_of_residence",
    "country_of_residence",
    "category",
    "languages_spoken",
    "partner_cities",
    "contacts_description",
    "proposal",
    "accept_privacy",
]


def reference_in(location):
    """The reference a confirmation address is signed for."""
    token = parse_qs(urlsplit(location).query)["ref"][0]
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign(token)


# --- Answers: each stored in one spelling -------------------------------------------------------


def test_valid_application_is_stored_with_every_answer(client, call_page, valid_data, siteverify):
    application = stored_after(client, call_page, valid_data(consent_share_with_partner="on"))

    assert application.full_name == "مریم نمونه"
    assert application.email == "maryam@example.org"
    assert application.phone == "+989123456789"
    assert application.city_of_residence == "اصفهان"
    assert application.country_of_residence.code == "IR"
    assert application.category == "professor"
    assert application.organisation == "دانشگاه نمونه"
    assert application.role == "استاد"
    assert application.languages_spoken == "فارسی، انگلیسی"
    assert application.contacts_description == "همکاران دانشگاهی در شیان"
    assert application.proposal == "برگزاری نشست مشترک"
    assert application.language == "fa"
    assert application.call_id == call_page.pk
    assert application.status == "submitted"
    assert application.captcha_outcome == "passed"
    assert not application.needs_closer_look
    assert list(application.events.values_list("kind", flat=True)) == [
        ApplicationEvent.Kind.SUBMITTED
    ]


@pytest.mark.parametrize("name", ["مریم نمونه", "Maryam Nemooneh", "Zoë O'Brien-Łukasz"])
def test_full_name_in_persian_or_latin_letters_is_accepted(
    client, call_page, valid_data, siteverify, name
):
    application = stored_after(client, call_page, valid_data(full_name=name))

    assert application.full_name == name


@pytest.mark.parametrize("name", ["12345", "۱۲۳۴۵", "٠١٢٣٤", "123 - 456"])
def test_full_name_without_letters_is_refused(client, call_page, valid_data, siteverify, name):
    response = client.post(call_page.url, valid_data(full_name=name))

    assert response.status_code == 200
    assert errors_beside(response, "full_name") == [
        in_language("fa", "Enter your name in letters.")
    ]
    assert not Application.objects.exists()


def test_full_name_of_invisible_characters_only_counts_as_missing(
    client, call_page, valid_data, siteverify
):
    response = client.post(call_page.url, valid_data(full_name="\u200f \u202e\u2066 \x00"))

    assert errors_beside(response, "full_name") == [in_language("fa", "This field is required.")]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("maryam@example.org", "maryam@example.org"),
        ("  Maryam.Nemooneh@Example.ORG ", "maryam.nemooneh@example.org"),
        ("maryam @ example.org", "maryam@example.org"),
        ("maryam۱۳۶۰@example.org", "maryam1360@example.org"),
        ("maryam٢٠@example.org", "maryam20@example.org"),
        ("\u200fmaryam@example.org\u200e", "maryam@example.org"),
    ],
)
def test_email_is_stored_in_one_spelling(client, call_page, valid_data, siteverify, typed, stored):
    application = stored_after(client, call_page, valid_data(email=typed))

    assert application.email == stored


@pytest.mark.parametrize(
    "typed", ["maryam", "maryam@", "maryam.example.org", "maryam@example", "مریم@example.org"]
)
def test_invalid_email_is_refused(client, call_page, valid_data, siteverify, typed):
    response = client.post(call_page.url, valid_data(email=typed))

    assert errors_beside(response, "email") == [in_language("fa", "Enter a valid email address.")]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        "0912 345 6789",
        "+98 912 345 6789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "00989123456789",
        "0098 912-345-6789",
        "(0912) 345.6789",
        "۰۰۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
        "\u200e+98 912 345 6789\u200e",
    ],
)
def test_iranian_mobile_number_is_stored_in_e164(client, call_page, valid_data, siteverify, typed):
    application = stored_after(client, call_page, valid_data(phone=typed))

    assert application.phone == "+989123456789"


def test_foreign_number_with_its_country_code_is_stored_in_e164(
    client, call_page, valid_data, siteverify
):
    data = valid_data(phone="+49 30 123456", country_of_residence="DE", city_of_residence="برلین")

    application = stored_after(client, call_page, data)

    assert application.phone == "+4930123456"


def test_iranian_mobile_number_of_someone_living_abroad_stays_iranian(
    client, call_page, valid_data, siteverify
):
    application = stored_after(
        client, call_page, valid_data(phone="۰۹۱۲ ۳۴۵ ۶۷۸۹", country_of_residence="DE")
    )

    assert application.phone == "+989123456789"
    assert application.country_of_residence.code == "DE"


def test_national_number_is_read_in_the_country_of_residence(
    client, call_page, valid_data, siteverify
):
    application = stored_after(
        client, call_page, valid_data(phone="030 123456", country_of_residence="DE")
    )

    assert application.phone == "+4930123456"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("garbage", "Enter a phone number, for example 0912 345 6789."),
        ("0912-abc-6789", "Enter a phone number, for example 0912 345 6789."),
        ("12", "Enter a phone number, for example 0912 345 6789."),
        (
            "0912 345",
            "This is not a valid phone number. Include the country code if it is not Iranian.",
        ),
        (
            "+98 912 345 678",
            "This is not a valid phone number. Include the country code if it is not Iranian.",
        ),
    ],
)
def test_phone_number_that_cannot_be_dialled_is_refused(
    client, call_page, valid_data, siteverify, typed, message
):
    response = client.post(call_page.url, valid_data(phone=typed))

    assert response.status_code == 200
    assert errors_beside(response, "phone") == [in_language("fa", message)]
    assert summary_links(response)["#id_phone"].endswith(in_language("fa", message))
    assert not Application.objects.exists()


def test_arabic_yeh_and_kaf_are_stored_as_persian_letters(
    client, call_page, valid_data, siteverify
):
    data = valid_data(
        full_name="علي كريمي",
        city_of_residence="كاشان",
        organisation="دانشگاه كاشان",
        contacts_description="همكاران در شيان",
        proposal="نشست مشترك",
    )

    application = stored_after(client, call_page, data)

    assert application.full_name == "علی کریمی"
    assert application.city_of_residence == "کاشان"
    assert application.organisation == "دانشگاه کاشان"
    assert application.contacts_description == "همکاران در شیان"
    assert application.proposal == "نشست مشترک"


def test_persian_and_arabic_digits_in_answers_are_stored_as_latin_digits(
    client, call_page, valid_data, siteverify
):
    data = valid_data(organisation="دانشکدهٔ ۲", role="استاد پایهٔ ٣", proposal="۳ نشست در ۱۴۰۵")

    application = stored_after(client, call_page, data)

    assert application.organisation == "دانشکدهٔ 2"
    assert application.role == "استاد پایهٔ 3"
    assert application.proposal == "3 نشست در 1405"


def test_bidi_control_characters_are_stripped(client, call_page, valid_data, siteverify):
    data = valid_data(
        full_name="\u202eمریم\u202c نمونه\u200f",
        city_of_residence="\u2067اصفهان\u2069",
        proposal="نشست \u200eZoom\u200e با \u202aXi'an\u202c",
    )

    application = stored_after(client, call_page, data)

    assert application.full_name == "مریم نمونه"
    assert application.city_of_residence == "اصفهان"
    assert application.proposal == "نشست Zoom با Xi'an"


def test_zero_width_non_joiner_is_kept(client, call_page, valid_data, siteverify):
    application = stored_after(client, call_page, valid_data(proposal="می\u200cخواهم همکاری کنم"))

    assert application.proposal == "می\u200cخواهم همکاری کنم"


def test_runs_of_spaces_collapse_and_paragraphs_stay(client, call_page, valid_data, siteverify):
    data = valid_data(
        full_name="  مریم \t   نمونه  ",
        city_of_residence="اصفهان\nشمالی",
        proposal="  بند  اول  \r\n\r\n   بند\u00a0\u00a0دوم  ",
    )

    application = stored_after(client, call_page, data)

    assert application.full_name == "مریم نمونه"
    assert application.city_of_residence == "اصفهان شمالی"
    assert application.proposal == "بند اول\n\nبند دوم"


def test_nul_and_control_characters_are_removed(client, call_page, valid_data, siteverify):
    data = valid_data(
        full_name="مریم\x00 نمونه", role="استاد\x07\x1b", proposal="بند اول\x00\n\x0bبند دوم"
    )

    application = stored_after(client, call_page, data)

    assert application.full_name == "مریم نمونه"
    assert application.role == "استاد"
    assert application.proposal == "بند اول\nبند دوم"


def test_answers_longer_than_their_limit_are_refused(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(proposal="الف" * 4001))

    assert len(errors_beside(response, "proposal")) == 1
    assert not Application.objects.exists()


# --- Missing answers: beside the field and in the summary, in the reader's language ------------


def test_missing_answers_are_shown_beside_each_field_and_in_the_summary_in_english(
    client, english, siteverify
):
    data = {"submission_token": str(uuid.uuid4()), "g-recaptcha-response": "token"}

    response = client.post(english.url, data)

    assert response.status_code == 200
    required = in_language("en", "This field is required.")
    privacy = in_language("en", "Please accept the privacy notice to apply.")
    assert required == "This field is required."
    links = summary_links(response)
    assert set(links) == {f"#id_{name}" for name in REQUIRED}
    for name in REQUIRED:
        message = privacy if name == "accept_privacy" else required
        assert errors_beside(response, name) == [message], name
        assert links[f"#id_{name}"].endswith(f": {message}"), name
    soup = parse(response)
    assert soup.html["lang"] == "en"
    assert soup.title.get_text().startswith("Error:")
    assert (
        soup.find(id="error-summary-title").get_text().startswith("Your application was not sent")
    )
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    assert not Application.objects.exists()


def test_missing_answers_are_shown_in_persian_on_the_persian_page(
    client, call_page, valid_data, siteverify
):
    response = client.post(call_page.url, valid_data(full_name="", proposal="", category=None))

    persian = in_language("fa", "This field is required.")
    assert persian != in_language("en", "This field is required.")
    for name in ("full_name", "proposal", "category"):
        assert errors_beside(response, name) == [persian]
        assert summary_links(response)[f"#id_{name}"].endswith(persian)
    assert parse(response).html["lang"] == "fa"


def test_summary_links_lead_to_elements_on_the_page(client, english, siteverify):
    response = client.post(english.url, {"submission_token": str(uuid.uuid4())})

    soup = parse(response)
    links = summary_links(response)
    assert "#id_captcha" in links
    for href in links:
        assert len(soup.select(href)) == 1, href


def test_every_id_on_the_form_page_is_unique(client, call_page, valid_data, siteverify):
    # With every field in error, so each error list is on the page too.
    response = client.post(call_page.url, {"submission_token": str(uuid.uuid4())})

    ids = [element["id"] for element in parse(response).find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_each_field_is_described_by_its_help_text_and_errors(
    client, call_page, valid_data, siteverify
):
    response = client.post(
        call_page.url, valid_data(phone="garbage", accept_privacy=None, partner_cities=None)
    )

    soup = parse(response)
    phone = soup.find("input", attrs={"name": "phone"})
    described = [soup.find(id=i) for i in phone["aria-describedby"].split()]
    assert [element.get_text(strip=True) for element in described] == [
        in_language("fa", "For example 0912 345 6789, or with the country code: +49 …"),
        in_language("fa", "Enter a phone number, for example 0912 345 6789."),
    ]
    assert phone["aria-invalid"] == "true"
    privacy = soup.find("input", attrs={"name": "accept_privacy"})
    assert soup.find(id=privacy["aria-describedby"]).get_text(strip=True) == in_language(
        "fa", "Please accept the privacy notice to apply."
    )
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for target in element["aria-describedby"].split():
            assert soup.find(id=target) is not None, (element.get("name"), target)


def test_other_answers_are_kept_when_one_is_refused(client, call_page, valid_data, siteverify):
    data = valid_data(full_name="", consent_public_listing="on", country_of_residence="DE")
    data["phone"] = "+49 30 123456"

    response = client.post(call_page.url, data)

    assert response.status_code == 200
    assert errors_beside(response, "full_name")
    assert value_of(response, "full_name") in (None, "")
    assert value_of(response, "email") == data["email"]
    assert value_of(response, "phone") == data["phone"]
    assert value_of(response, "city_of_residence") == data["city_of_residence"]
    assert value_of(response, "country_of_residence") == "DE"
    assert value_of(response, "category") == ["professor"]
    assert value_of(response, "organisation") == data["organisation"]
    assert value_of(response, "role") == data["role"]
    assert value_of(response, "languages_spoken") == data["languages_spoken"]
    assert value_of(response, "partner_cities") == data["partner_cities"]
    assert value_of(response, "contacts_description") == data["contacts_description"]
    assert value_of(response, "fields_of_cooperation") == ["culture"]
    assert value_of(response, "proposal") == data["proposal"]
    assert value_of(response, "accept_privacy") == ["on"]
    assert value_of(response, "consent_public_listing") == ["on"]
    assert value_of(response, "consent_share_with_partner") == []
    assert value_of(response, "submission_token") == data["submission_token"]


def test_each_showing_of_the_form_has_its_own_submission_token(client, call_page):
    first = value_of(client.get(call_page.url), "submission_token")
    second = value_of(client.get(call_page.url), "submission_token")

    assert uuid.UUID(first) != uuid.UUID(second)


# --- Partner cities, fields of cooperation and countries ---------------------------------------


def test_only_live_partner_cities_are_offered(client, call_page, xian, florence):
    florence.unpublish()

    offered = choices_offered(client.get(call_page.url), "partner_cities")

    assert offered == {str(xian.translation_key): "شیان"}


def test_partner_cities_are_offered_in_persian_alphabetical_order(
    client, call_page, partner_index, xian, florence
):
    PartnerCityPageFactory(parent=partner_index, title="پاریس", slug="paris", country="FR")

    offered = choices_offered(client.get(call_page.url), "partner_cities")

    # In code-point order پ (U+067E) would come last.
    assert list(offered.values()) == ["پاریس", "شیان", "فلورانس"]


def test_partner_cities_are_offered_in_the_readers_language(client, english, xian, florence):
    offered = choices_offered(client.get(english.url), "partner_cities")

    # Florence has no English page: English readers are offered it under its Persian title
    # rather than not at all.
    assert offered == {str(xian.translation_key): "Xi'an", str(florence.translation_key): "فلورانس"}


@pytest.mark.parametrize("choice", ["not-a-key", str(uuid.uuid4())])
def test_unknown_partner_city_is_refused(client, call_page, valid_data, siteverify, choice):
    response = client.post(call_page.url, valid_data(partner_cities=[choice]))

    assert len(errors_beside(response, "partner_cities")) == 1
    assert not Application.objects.exists()


def test_partner_city_that_is_not_live_is_refused(
    client, call_page, valid_data, siteverify, florence
):
    florence.unpublish()

    response = client.post(
        call_page.url, valid_data(partner_cities=[str(florence.translation_key)])
    )

    assert len(errors_beside(response, "partner_cities")) == 1
    assert not Application.objects.exists()


def test_a_city_without_an_english_page_is_offered_on_the_english_form_under_its_persian_name(
    client, english, valid_data, siteverify, florence
):
    response = client.get(english.url)
    choices = dict(response.context["form"].fields["partner_cities"].choices)
    assert choices[str(florence.translation_key)] == florence.title

    application = stored_after(
        client, english, valid_data(partner_cities=[str(florence.translation_key)])
    )

    assert list(application.partner_cities.all()) == [florence]


def test_several_partner_cities_are_stored(client, call_page, valid_data, siteverify, florence):
    xian_key = valid_data()["partner_cities"][0]
    data = valid_data(partner_cities=[xian_key, str(florence.translation_key)])

    application = stored_after(client, call_page, data)

    assert sorted(application.partner_cities.values_list("slug", flat=True)) == [
        "florence",
        "xian",
    ]


def test_partner_city_chosen_in_english_is_stored_as_the_persian_page(
    client, english, valid_data, xian, siteverify
):
    application = stored_after(client, english, valid_data())

    assert application.language == "en"
    assert application.call_id == english.pk
    assert list(application.partner_cities.all()) == [xian]
    assert application.partner_cities.get().locale.language_code == "fa"


def test_fields_of_cooperation_are_offered_in_english_and_stored_as_persian_terms(
    client, english, valid_data, culture, siteverify
):
    assert choices_offered(client.get(english.url), "fields_of_cooperation") == {
        "culture": "Culture"
    }

    application = stored_after(client, english, valid_data(fields_of_cooperation=["culture"]))

    assert list(application.fields_of_cooperation.all()) == [culture]
    assert application.fields_of_cooperation.get().locale.language_code == "fa"
    assert FieldOfCooperation.objects.filter(slug="culture").count() == 2


def test_fields_of_cooperation_may_be_left_out(client, call_page, valid_data, siteverify):
    application = stored_after(client, call_page, valid_data(fields_of_cooperation=None))

    assert not application.fields_of_cooperation.exists()


def test_unknown_field_of_cooperation_is_refused(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(fields_of_cooperation=["astrology"]))

    assert len(errors_beside(response, "fields_of_cooperation")) == 1
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_countries_are_offered_in_the_readers_alphabetical_order(
    client, english, call_page, language
):
    page = english if language == "en" else call_page
    select = parse(client.get(page.url)).find("select", attrs={"name": "country_of_residence"})
    options = select.find_all("option")

    assert options[0]["value"] == ""
    names = [option.get_text(strip=True) for option in options[1:]]
    assert len(names) > 200
    assert names == sorted(names, key=sort_key)
    iran = {"fa": "ایران", "en": "Iran"}[language]
    assert select.find("option", selected=True).get_text(strip=True) == iran


def test_unknown_country_is_refused(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(country_of_residence="XX"))

    assert len(errors_beside(response, "country_of_residence")) == 1
    assert not Application.objects.exists()


# --- Sent twice, references and the confirmation page -----------------------------------------


def test_same_form_sent_twice_makes_one_application(client, call_page, valid_data, siteverify):
    data = valid_data()

    first = client.post(call_page.url, data)
    second = client.post(call_page.url, data)

    assert first.status_code == second.status_code == 302
    application = Application.objects.get()
    assert urlsplit(first["Location"]).path == urlsplit(second["Location"]).path
    assert reference_in(first["Location"]) == reference_in(second["Location"])
    assert reference_in(second["Location"]) == application.reference
    assert OutgoingEmail.objects.count() == 1
    assert application.events.count() == 1


def test_form_sent_again_with_other_answers_still_shows_the_first_confirmation(
    client, call_page, valid_data, siteverify
):
    data = valid_data()
    first = client.post(call_page.url, data)

    again = client.post(call_page.url, {**data, "full_name": "", "email": "other@example.org"})

    assert again.status_code == 302
    assert reference_in(again["Location"]) == reference_in(first["Location"])
    assert Application.objects.get().email == "maryam@example.org"


def test_confirmation_page_shows_the_reference(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(), follow=True)

    application = Application.objects.get()
    year = JalaliDate(timezone.localdate(application.submitted_at)).year
    assert re.fullmatch(r"CD-\d{4}-\d{4}", application.reference)
    assert application.reference == f"CD-{year}-0001"
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(call_page.url + "confirmation/?ref=")
    shown = parse(response).select_one(".reference strong")
    assert shown.get_text() == application.reference
    assert shown["dir"] == "ltr"


def test_references_count_up(client, call_page, valid_data, siteverify):
    for email in ("one@example.org", "two@example.org", "three@example.org"):
        client.post(call_page.url, valid_data(email=email))

    references = list(Application.objects.order_by("pk").values_list("reference", flat=True))
    year = JalaliDate(timezone.localdate()).year
    assert references == [f"CD-{year}-{n:04d}" for n in (1, 2, 3)]


def test_confirmation_with_a_forged_reference_is_not_found(
    client, call_page, valid_data, siteverify
):
    client.post(call_page.url, valid_data())
    reference = Application.objects.get().reference

    forged = client.get(call_page.url + "confirmation/", {"ref": f"{reference}:abc:def"})
    missing = client.get(call_page.url + "confirmation/")

    assert forged.status_code == missing.status_code == 404


def test_confirmation_page_does_not_tell_whether_the_email_applied_before(
    client, call_page, valid_data, siteverify
):
    pages = []
    for email in ("maryam@example.org", "maryam@example.org", "someone.else@example.org"):
        response = client.post(call_page.url, valid_data(email=email), follow=True)
        reference = Application.objects.order_by("-pk").first().reference
        pages.append(response.content.decode().replace(reference, "REFERENCE"))

    assert Application.objects.filter(email="maryam@example.org").count() == 2
    assert pages[0] == pages[1] == pages[2]


# --- reCAPTCHA ---------------------------------------------------------------------------------


def test_captcha_is_checked_with_the_secret_and_the_clients_address(
    client, call_page, valid_data, siteverify, settings
):
    stored_after(client, call_page, valid_data(), REMOTE_ADDR="203.0.113.7")

    (params,) = siteverify["calls"]
    sent = parse_qs(params.decode())
    assert sent == {
        "secret": [settings.RECAPTCHA_PRIVATE_KEY],
        "response": ["test-token"],
        "remoteip": ["203.0.113.7"],
    }


def test_token_rejected_by_google_is_refused(client, call_page, valid_data, siteverify):
    siteverify["payload"] = {"success": False, "error-codes": ["invalid-input-response"]}

    response = client.post(call_page.url, valid_data())

    assert response.status_code == 200
    assert errors_beside(response, "captcha") == [
        in_language("fa", "Error verifying reCAPTCHA, please try again.")
    ]
    assert "#id_captcha" in summary_links(response)
    assert not Application.objects.exists()


def test_missing_captcha_token_is_refused_without_asking_google(
    client, call_page, valid_data, siteverify
):
    response = client.post(call_page.url, valid_data(**{"g-recaptcha-response": None}))

    assert errors_beside(response, "captcha") == [in_language("fa", "This field is required.")]
    assert siteverify["calls"] == []
    assert not Application.objects.exists()


def test_unreachable_captcha_service_lets_the_application_through_flagged(
    client, call_page, valid_data, settings, monkeypatch
):
    # A real request, to a port where nothing listens: the connection is refused.
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    settings.RECAPTCHA_DOMAIN = "127.0.0.1:9"

    application = stored_after(client, call_page, valid_data())

    assert application.captcha_outcome == "unavailable"
    assert application.needs_closer_look


def test_captcha_reply_that_is_not_googles_json_lets_the_application_through_flagged(
    client, call_page, valid_data, siteverify, monkeypatch
):
    from django_recaptcha import client as recaptcha_client

    class HtmlReply:
        def read(self):
            return b"<html>Bad gateway</html>"

        def close(self):
            pass

    monkeypatch.setattr(recaptcha_client, "recaptcha_request", lambda params: HtmlReply())

    application = stored_after(client, call_page, valid_data())

    assert application.captcha_outcome == "unavailable"


@pytest.fixture
def v3(settings, siteverify):
    settings.RECAPTCHA_MODE = "v3"
    settings.RECAPTCHA_REQUIRED_SCORE = 0.5
    return siteverify


def v3_data(valid_data, **overrides):
    # The v3 widget sends its token under the field's own name.
    return valid_data(**{"g-recaptcha-response": None, "captcha": "v3-token", **overrides})


def test_v3_form_carries_a_hidden_token_field(client, call_page, v3):
    captcha = parse(client.get(call_page.url)).find(attrs={"name": "captcha"})

    assert captcha.name == "input"
    assert captcha["type"] == "hidden"


def test_v3_reply_without_a_score_is_saved_unverified(client, call_page, valid_data, v3):
    v3["payload"] = {"success": True, "hostname": "testkey.google.com"}

    application = stored_after(client, call_page, v3_data(valid_data))

    assert application.captcha_outcome == "unverified"
    assert application.needs_closer_look
    assert parse_qs(v3["calls"][0].decode())["response"] == ["v3-token"]


def test_v3_low_score_is_refused(client, call_page, valid_data, v3):
    v3["payload"] = {"success": True, "score": 0.1, "action": "apply"}

    response = client.post(call_page.url, v3_data(valid_data))

    assert response.status_code == 200
    assert errors_beside(response, "captcha") == [
        in_language("fa", "Error verifying reCAPTCHA, please try again.")
    ]
    assert not Application.objects.exists()


def test_v3_good_score_for_the_apply_action_passes(client, call_page, valid_data, v3):
    v3["payload"] = {"success": True, "score": 0.9, "action": "apply"}

    application = stored_after(client, call_page, v3_data(valid_data))

    assert application.captcha_outcome == "passed"
    assert not application.needs_closer_look


def test_v3_token_made_for_another_action_is_refused(client, call_page, valid_data, v3):
    v3["payload"] = {"success": True, "score": 0.9, "action": "login"}

    response = client.post(call_page.url, v3_data(valid_data))

    assert errors_beside(response, "captcha")
    assert not Application.objects.exists()


# --- Honeypot and rate limits ------------------------------------------------------------------


def test_filled_honeypot_is_refused_with_a_generic_error(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(website="https://spam.example"))

    assert response.status_code == 200
    message = in_language("fa", "Your application could not be sent. Please try again.")
    assert summary_messages(response) == [message]
    assert "website" not in summary_links(response)
    assert parse(response).find("input", attrs={"name": "website"}).get("value") in (None, "")
    assert not Application.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_honeypot_is_hidden_from_people(client, call_page):
    trap = parse(client.get(call_page.url)).find("input", attrs={"name": "website"})

    assert trap.find_parent(class_="form-trap")["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"


def rate_limited_message(response):
    assert response.status_code == 429
    messages = summary_messages(response)
    assert len(messages) == 1
    return messages[0]


def test_third_application_from_one_client_is_refused(
    client, call_page, valid_data, siteverify, settings
):
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 2
    for n in (1, 2):
        assert client.post(call_page.url, valid_data(email=f"a{n}@example.org")).status_code == 302

    response = client.post(call_page.url, valid_data(email="a3@example.org"))

    message = rate_limited_message(response)
    assert message
    assert message != in_language("fa", "Your application could not be sent. Please try again.")
    assert value_of(response, "email") == "a3@example.org"
    assert Application.objects.count() == 2
    assert not Application.objects.filter(email="a3@example.org").exists()
    # Another client is not held back.
    other = client.post(call_page.url, valid_data(email="a4@example.org"), REMOTE_ADDR="10.0.0.4")
    assert other.status_code == 302


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_forwarded_address(
    client, call_page, valid_data, siteverify, settings
):
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    first = client.post(
        call_page.url,
        valid_data(email="a1@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    other = client.post(
        call_page.url,
        valid_data(email="a2@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.6",
        **proxy,
    )
    # A client cannot escape the limit by writing its own X-Forwarded-For in front.
    again = client.post(
        call_page.url,
        valid_data(email="a3@example.org"),
        HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5",
        **proxy,
    )

    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


def test_third_application_for_one_email_is_refused_with_the_same_message(
    client, call_page, valid_data, siteverify, settings
):
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 2
    for n in (1, 2):
        client.post(call_page.url, valid_data(email=f"a{n}@example.org"))
    by_client = client.post(call_page.url, valid_data(email="a3@example.org"))
    Application.objects.all().delete()

    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 100
    settings.APPLICATION_RATE_LIMIT_PER_EMAIL = 2
    for n, email in enumerate(("maryam@example.org", "Maryam@Example.org"), start=1):
        sent = client.post(call_page.url, valid_data(email=email), REMOTE_ADDR=f"10.0.1.{n}")
        assert sent.status_code == 302
    by_email = client.post(
        call_page.url, valid_data(email=" MARYAM@example.org"), REMOTE_ADDR="10.0.1.3"
    )

    assert Application.objects.filter(email="maryam@example.org").count() == 2
    assert rate_limited_message(by_email) == rate_limited_message(by_client)
    assert (
        parse(by_email).find(id="error-summary").decode()
        == parse(by_client).find(id="error-summary").decode()
    )


def test_rate_limit_counts_only_the_recent_window(
    client, call_page, valid_data, siteverify, settings
):
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 1
    client.post(call_page.url, valid_data(email="a1@example.org"))
    assert client.post(call_page.url, valid_data(email="a2@example.org")).status_code == 429
    earlier = timezone.now() - timedelta(seconds=settings.APPLICATION_RATE_LIMIT_WINDOW + 1)
    Application.objects.update(submitted_at=earlier)

    response = client.post(call_page.url, valid_data(email="a2@example.org"))

    assert response.status_code == 302
    assert Application.objects.count() == 2


def test_client_address_is_stored_only_as_a_keyed_hash(client, call_page, valid_data, siteverify):
    application = stored_after(client, call_page, valid_data(), REMOTE_ADDR="203.0.113.7")

    assert re.fullmatch(r"[0-9a-f]{64}", application.client_hash)
    stored = Application.objects.filter(pk=application.pk).values().get()
    assert not any("203.0.113.7" in str(value) for value in stored.values())


# --- The confirmation email --------------------------------------------------------------------


def test_confirmation_email_is_sent_by_the_worker_only(
    email_worker, client, call_page, valid_data, siteverify
):
    client.post(call_page.url, valid_data())
    application = Application.objects.get()

    assert mail.outbox == []
    email = OutgoingEmail.objects.get(application=application)
    assert email.kind == "confirmation" and email.sent_at is None
    assert DBTaskResult.objects.filter(queue_name="applications").count() == 1

    email_worker()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maryam@example.org"]
    email.refresh_from_db()
    assert email.sent_at is not None
    email_worker()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["fa", "en"])
def test_confirmation_email_is_in_the_applicants_language(
    email_worker, client, english, call_page, valid_data, siteverify, language
):
    page = english if language == "en" else call_page
    client.post(page.url, valid_data(email=f"{language}@example.org"))
    application = Application.objects.get()
    assert application.language == language

    email_worker()

    (message,) = mail.outbox
    assert message.to == [f"{language}@example.org"]
    assert message.extra_headers["Content-Language"] == language
    subject = in_language(language, "Your application {reference} has been received")
    assert message.subject == subject.format(reference=application.reference)
    assert application.reference in message.subject
    links = re.findall(r"https?://\S+/applications/withdraw/\S+", message.body)
    assert len(links) == 1
    path = urlsplit(links[0]).path
    assert path.startswith("/en/applications/withdraw/" if language == "en" else "/applications/")
    withdraw_page = client.get(path)
    assert withdraw_page.status_code == 200
    assert application.reference in withdraw_page.content.decode()


def test_application_that_fails_to_be_stored_leaves_no_email_and_no_cv(
    email_worker, client, call_page, valid_data, siteverify, private_media, monkeypatch
):
    from applications import submissions
    from tests.applications.conftest import pdf_file

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(submissions, "queue_email", broken)

    with pytest.raises(RuntimeError):
        client.post(call_page.url, valid_data(cv=pdf_file()))

    assert not Application.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not [path for path in private_media.rglob("*") if path.is_file()]
    email_worker()
    assert mail.outbox == []


# --- Closed and not-yet-open calls -------------------------------------------------------------


@pytest.fixture
def closed_call(call_page):
    call_page.closes_at = timezone.now() - timedelta(days=1)
    call_page.save_revision().publish()
    return call_page


@pytest.fixture
def future_call(call_page):
    call_page.opens_at = timezone.now() + timedelta(days=3)
    call_page.save_revision().publish()
    return call_page


def test_closed_call_shows_that_it_is_closed_and_no_form(client, closed_call):
    response = client.get(closed_call.url)

    assert response.status_code == 200
    notice = parse(response).select_one(".notice--closed")
    assert notice["role"] == "status"
    assert in_language("fa", "This call is closed.") in notice.get_text()
    assert form_on_page(response) is None
    assert parse(response).find(attrs={"name": "submission_token"}) is None


def test_call_not_yet_open_shows_when_it_opens_and_no_form(client, future_call):
    response = client.get(future_call.url)

    assert response.status_code == 200
    notice = parse(response).select_one(".notice[role=status]")
    assert format_date(future_call.opens_at, "fa") in notice.get_text()
    assert form_on_page(response) is None


@pytest.mark.parametrize("call", ["closed_call", "future_call"])
def test_application_to_a_call_that_is_not_open_is_refused(
    client, valid_data, siteverify, request, call
):
    page = request.getfixturevalue(call)

    response = client.post(page.url, valid_data())

    assert response.status_code == 403
    assert form_on_page(response) is None
    assert not Application.objects.exists()
    assert siteverify["calls"] == []


def test_a_form_sent_again_just_after_the_call_closed_still_shows_its_confirmation(
    client, call_page, valid_data, siteverify
):
    data = valid_data()
    assert client.post(call_page.url, data).status_code == 302
    call_page.closes_at = timezone.now() - timedelta(seconds=1)
    call_page.save_revision().publish()

    again = client.post(call_page.url, data)

    assert again.status_code == 302
    assert "/confirmation/" in again["Location"]
    assert Application.objects.count() == 1


def test_call_that_has_opened_takes_applications(client, call_page, valid_data, siteverify):
    call_page.opens_at = timezone.now() - timedelta(minutes=1)
    call_page.closes_at = timezone.now() + timedelta(days=1)
    call_page.save_revision().publish()

    assert form_on_page(client.get(call_page.url)) is not None
    stored_after(client, call_page, valid_data())


# --- Privacy and consent -----------------------------------------------------------------------


def test_privacy_notice_must_be_accepted(client, call_page, valid_data, siteverify):
    response = client.post(call_page.url, valid_data(accept_privacy=None))

    message = in_language("fa", "Please accept the privacy notice to apply.")
    assert errors_beside(response, "accept_privacy") == [message]
    assert summary_links(response)["#id_accept_privacy"].endswith(message)
    assert not Application.objects.exists()


def test_accepting_the_privacy_notice_records_its_version_and_time(
    client, call_page, valid_data, siteverify
):
    before = timezone.now()

    application = stored_after(client, call_page, valid_data())

    assert application.privacy_notice_version == call_page.privacy_notice_version == "2021-1"
    assert before <= application.privacy_accepted_at <= timezone.now()


def test_notice_version_is_the_one_the_page_has_when_the_applicant_applies(
    client, call_page, valid_data, siteverify
):
    call_page.privacy_notice_version = "2022-2"
    call_page.save_revision().publish()

    application = stored_after(client, call_page, valid_data())

    assert application.privacy_notice_version == "2022-2"


@pytest.mark.parametrize(
    ("share", "listing"), [(None, None), ("on", None), (None, "on"), ("on", "on")]
)
def test_optional_consents_are_stored_as_given(
    client, call_page, valid_data, siteverify, share, listing
):
    data = valid_data(consent_share_with_partner=share, consent_public_listing=listing)

    application = stored_after(client, call_page, data)

    assert application.consent_share_with_partner is (share == "on")
    assert application.consent_public_listing is (listing == "on")


def test_the_consent_links_to_the_notice_in_the_readers_language_outside_its_label(
    client, english, call_page, en_locale
):
    notice = StandardPageFactory(title="حریم خصوصی", slug="privacy")
    english_notice = notice.copy_for_translation(en_locale)
    english_notice.title = "Privacy"
    english_notice.save_revision().publish()
    call_page.privacy_page = notice
    call_page.save_revision().publish()
    english.refresh_from_db()
    english.privacy_page = notice
    english.save_revision().publish()

    for page, target in ((call_page, notice), (english, english_notice)):
        html = parse(client.get(page.url))
        box = html.find("input", attrs={"name": "accept_privacy"})
        label = box.find_parent().find("label", attrs={"for": box["id"]})
        # A link inside a checkbox's label would be a second target of the same click.
        assert label.find("a") is None
        fieldset = box.find_parent("fieldset")
        assert [a["href"] for a in fieldset.find_all("a")] == [target.url]


# --- Caching and language ----------------------------------------------------------------------


def cache_directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_form_page_is_never_cached(client, call_page, valid_data, siteverify):
    shown = client.get(call_page.url)
    refused = client.post(call_page.url, valid_data(full_name=""))

    for response in (shown, refused):
        assert {"no-store", "private"} <= cache_directives(response)


def test_confirmation_and_its_redirect_are_never_cached(client, call_page, valid_data, siteverify):
    redirect = client.post(call_page.url, valid_data())
    confirmation = client.get(redirect["Location"])

    assert confirmation.status_code == 200
    for response in (redirect, confirmation):
        assert {"no-store", "private"} <= cache_directives(response)


def test_closed_call_is_never_cached(client, closed_call):
    assert {"no-store", "private"} <= cache_directives(client.get(closed_call.url))


@pytest.mark.parametrize(("language", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_form_renders_in_the_readers_language_and_direction(
    client, english, call_page, language, direction
):
    page = english if language == "en" else call_page

    response = client.get(page.url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == language
    assert soup.html["dir"] == direction
    form = form_on_page(response)
    assert form["action"] == page.url
    assert form["enctype"] == "multipart/form-data"
    button = form.find("button", attrs={"type": "submit"})
    assert button.get_text(strip=True) == in_language(language, "Send my application")
    label = soup.find("label", attrs={"for": "id_full_name"})
    assert label.get_text(" ", strip=True).startswith(in_language(language, "Full name"))
    assert f"hl={language}" in response.content.decode()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_damaged_form_token_is_explained_and_replaced(
    language, client, call_page, english, valid_data, siteverify
):
    page = call_page if language == "fa" else english
    response = client.post(page.url, valid_data(submission_token="not-a-token"))

    assert response.status_code == 200
    assert not Application.objects.exists()
    message = in_language(
        language, "This form could not be read. Check your answers and send it again."
    )
    assert summary_messages(response) == [message]
    assert "#id_submission_token" not in summary_links(response)
    # The form shown again carries a new token: sending it as it is now goes through.
    token = value_of(response, "submission_token")
    assert uuid.UUID(token)
    again = client.post(page.url, valid_data(submission_token=token))
    assert again.status_code == 302
    assert Application.objects.get().submission_token == uuid.UUID(token)


def test_an_application_written_in_latin_letters_on_the_english_page_is_stored_as_sent(
    client, english, valid_data, siteverify
):
    answers = {
        "full_name": "Zoë O'Brien",
        "email": "Zoe.OBrien@Example.ORG",
        "phone": "+98 912 345 6789",
        "city_of_residence": "Isfahan",
        "country_of_residence": "FR",
        "category": "student",
        "organisation": "Université de Lyon",
        "role": "PhD candidate",
        "languages_spoken": "French, English, Persian",
        "contacts_description": "Colleagues at Xi'an Jiaotong University",
        "proposal": "A joint summer school on heritage conservation",
    }
    application = stored_after(client, english, valid_data(**answers))

    assert application.language == "en"
    assert application.email == "zoe.obrien@example.org"
    assert application.phone == "+989123456789"
    assert application.country_of_residence.code == "FR"
    for name in answers.keys() - {"email", "phone", "country_of_residence"}:
        assert getattr(application, name) == answers[name], name


@pytest.mark.parametrize(
    ("name", "persian", "latin"),
    [
        ("city_of_residence", "  نجف‌آباد  ", "  Najaf  Abad "),
        ("organisation", "دانشگاه  صنعتي اصفهان", "Isfahan  University of Technology"),
        ("role", "دانشجوي دكتري", "PhD  student"),
        ("languages_spoken", "فارسي،  عربي", "Persian,  Arabic"),
    ],
)
def test_each_short_answer_is_normalised_in_persian_and_latin_letters(
    client, call_page, valid_data, siteverify, name, persian, latin
):
    expected = {
        "city_of_residence": ("نجف‌آباد", "Najaf Abad"),
        "organisation": ("دانشگاه صنعتی اصفهان", "Isfahan University of Technology"),
        "role": ("دانشجوی دکتری", "PhD student"),
        "languages_spoken": ("فارسی، عربی", "Persian, Arabic"),
    }[name]
    for sent, stored in zip((persian, latin), expected, strict=True):
        Application.objects.all().delete()
        application = stored_after(client, call_page, valid_data(**{name: sent}))
        assert getattr(application, name) == stored, sent


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("همكاران  دانشگاهي\r\n در شيان", "همکاران دانشگاهی\nدر شیان"),
        ("Colleagues  at the\r\n  museum", "Colleagues at the\nmuseum"),
    ],
)
def test_the_contacts_description_keeps_its_lines_in_persian_and_latin_letters(
    client, call_page, valid_data, siteverify, text, stored
):
    application = stored_after(client, call_page, valid_data(contacts_description=text))
    assert application.contacts_description == stored


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("full_name", 200),
        ("city_of_residence", 120),
        ("organisation", 200),
        ("role", 200),
        ("languages_spoken", 300),
        ("contacts_description", TEXT_LIMIT),
    ],
)
def test_an_answer_over_its_length_limit_is_refused_beside_its_field(
    client, call_page, valid_data, siteverify, name, limit
):
    response = client.post(call_page.url, valid_data(**{name: "ب" * (limit + 1)}))

    assert response.status_code == 200
    assert not Application.objects.exists()
    assert len(errors_beside(response, name)) == 1
    assert f"#id_{name}" in summary_links(response)
    # At the limit it goes through.
    assert stored_after(client, call_page, valid_data(**{name: "ب" * limit}))


@pytest.mark.parametrize(
    ("name", "value"),
    [("category", "astronaut"), ("country_of_residence", "XX"), ("partner_cities", "not-a-city")],
)
def test_a_value_the_form_never_offered_is_refused(
    client, call_page, valid_data, siteverify, name, value
):
    data = valid_data(**{name: [value] if name == "partner_cities" else value})
    response = client.post(call_page.url, data)

    assert response.status_code == 200
    assert not Application.objects.exists()
    assert len(errors_beside(response, name)) == 1
