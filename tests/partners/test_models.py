import datetime

import pytest
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from partners.models import FieldOfCooperation, NetworkIndexPage, PartnerCityPage, PartnerIndexPage
from partners.timeline import Activity, activity_level
from tests.factories import FieldOfCooperationFactory, partner_city


class TestPageTypeRules(WagtailPageTestCase):
    def test_partner_pages_hang_from_the_index(self):
        self.assertAllowedParentPageTypes(PartnerIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerCityPage, NetworkIndexPage})
        self.assertAllowedParentPageTypes(PartnerCityPage, {PartnerIndexPage})
        self.assertAllowedSubpageTypes(PartnerCityPage, set())


TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("latest", "level"),
    [
        (datetime.date(2026, 11, 1), Activity.ACTIVE),
        (datetime.date(2024, 11, 23), Activity.ACTIVE),  # 729 days ago: within two years
        (datetime.date(2024, 11, 21), Activity.QUIET),  # 731 days ago
        (datetime.date(2021, 11, 22), Activity.QUIET),  # exactly five years ago
        (datetime.date(2021, 11, 21), Activity.DORMANT),
        (datetime.date(2021, 11, 1), Activity.DORMANT),
        (datetime.date(1989, 5, 7), Activity.DORMANT),
        (None, None),
    ],
)
def test_activity_rule(latest, level):
    assert activity_level(latest, today=TODAY) == level


@pytest.mark.django_db
def test_signed_year_follows_the_date(partner_index):
    city = partner_city(partner_index, signed_on=datetime.date(2000, 1, 14))
    assert city.signed_year == 2000
    only_year = partner_city(partner_index, signed_on=None, signed_year=2021)
    assert only_year.signed_year == 2021


@pytest.mark.django_db
def test_coordinates_are_written_with_hemispheres(partner_index):
    city = partner_city(partner_index, latitude="23.113600", longitude="-82.366600")
    with translation.override("en"):
        assert city.coordinates == "23.1136° N, 82.3666° W"
    with translation.override("fa"):
        assert city.coordinates == "۲۳٫۱۱۳۶° شمالی، ۸۲٫۳۶۶۶° غربی"


@pytest.mark.django_db
def test_proposed_ties_have_no_activity_level(partner_index):
    proposed = partner_city(partner_index, status="proposed", signed_on=None)
    assert proposed.activity() is None
    recent = partner_city(partner_index, signed_on=datetime.date.today())
    assert recent.activity()["level"] == Activity.ACTIVE


@pytest.mark.django_db
def test_field_names_come_in_the_readers_language(en_locale):
    field = FieldOfCooperationFactory(name="گردشگری", slug="tourism")
    english = field.copy_for_translation(en_locale)
    english.name = "Tourism"
    english.save()
    other = FieldOfCooperationFactory(name="فرهنگ", slug="culture")  # not translated
    names = FieldOfCooperation.localised_names([field, other], "en")
    assert names == {field.translation_key: "Tourism", other.translation_key: "فرهنگ"}


@pytest.mark.django_db
def test_editors_get_the_partner_city_form(client, editor, partner_index, culture, en_locale):
    english = culture.copy_for_translation(en_locale)
    english.name = "Culture"
    english.save()
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/partners/partnercitypage/{partner_index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in (
        "native_name",
        "country",
        "latitude",
        "relationship_kind",
        "status",
        "signed_on",
        "fields_of_cooperation",
        "agreements",
        "exchanges",
        "benefits",
        "contacts",
    ):
        assert f'data-contentpath="{field}"' in html, field
    # Fields of cooperation are chosen from the default language's list only.
    assert f'value="{culture.pk}"' in html
    assert f'value="{english.pk}"' not in html


@pytest.mark.django_db
def test_a_planned_exchange_does_not_make_a_tie_active(partner_index):
    soon = datetime.date.today() + datetime.timedelta(days=300)
    city = partner_city(
        partner_index,
        signed_on=datetime.date(1999, 5, 10),
        exchanges=[
            (
                "exchange",
                {"date": datetime.date(1999, 5, 10), "kind": "signing", "title": "x", "note": ""},
            ),
            ("exchange", {"date": soon, "kind": "delegation-in", "title": "y", "note": ""}),
        ],
    )
    assert city.latest_event_on() == datetime.date(1999, 5, 10)
    assert city.activity()["level"] == Activity.DORMANT


@pytest.mark.django_db
def test_clearing_fields_of_cooperation_reaches_the_translation(partner_index, culture, en_locale):
    index_en = partner_index.copy_for_translation(en_locale)
    index_en.save_revision().publish()
    city = partner_city(partner_index, fields=[culture])
    english = city.copy_for_translation(en_locale)
    english.save_revision().publish()
    assert list(english.fields_of_cooperation.all()) == [culture]

    city.fields_of_cooperation.set([])
    city.save_revision().publish()
    english = PartnerCityPage.objects.get(pk=english.pk)
    assert list(english.fields_of_cooperation.all()) == []


def test_contact_phone_links_dial_whatever_digits_were_typed():
    from partners.blocks import ContactBlock

    value = ContactBlock().to_python({"name": "x", "phone": "۰۳۱ ۳۲۲۲-۱۰۰۰"})
    assert value.phone_href() == "03132221000"
