"""A partner page goes through wagtail-localize: text is translated, facts stay synchronised."""

import datetime
from urllib.parse import urlencode

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from partners.models import PartnerCityPage
from tests.factories import partner_city

pytestmark = pytest.mark.django_db

ENGLISH = {
    "فلورانس": "Florence",
    "florence": "florence",
    "شهر هنر و معماری": "A city of art and architecture",
    "نمایشگاه صنایع دستی": "An exhibition of crafts",
    "پیمان خواهرخواندگی": "Sister-city agreement",
}


def _translate(client, page, locale, django_capture_on_commit_callbacks):
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": ENGLISH[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), segment.string.data
    target = Page.objects.get(translation_key=page.translation_key, locale=locale)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    return {s.string.data for s in segments}, target


def test_partner_page_translation_keeps_facts_synchronised(
    client, moderator, en_locale, partner_index, culture, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    index_en = partner_index.copy_for_translation(en_locale)
    index_en.save_revision().publish()
    city = partner_city(
        partner_index,
        title="فلورانس",
        slug="florence",
        native_name="Firenze",
        country="IT",
        summary="شهر هنر و معماری",
        signed_on=datetime.date(1998, 9, 18),
        fields=[culture],
        exchanges=[
            (
                "exchange",
                {
                    "date": datetime.date(2023, 5, 10),
                    "kind": "cultural-week",
                    "title": "نمایشگاه صنایع دستی",
                    "note": "",
                },
            )
        ],
        agreements=[
            (
                "agreement",
                {
                    "title": "پیمان خواهرخواندگی",
                    "kind": "sister-city",
                    "signed_on": datetime.date(1998, 9, 18),
                    "summary": "",
                    "documents": [],
                },
            )
        ],
    )
    translated_strings, target = _translate(
        client, city, en_locale, django_capture_on_commit_callbacks
    )
    # Only text is offered for translation: no dates, codes, coordinates or choices.
    assert translated_strings == set(ENGLISH)

    english = PartnerCityPage.objects.get(pk=target.pk)
    assert english.live
    assert english.title == "Florence"
    assert english.summary == "A city of art and architecture"
    assert english.exchanges[0].value["title"] == "An exhibition of crafts"
    # Synchronised facts are the source's.
    assert english.native_name == "Firenze"
    assert english.country.code == "IT"
    assert english.signed_on == datetime.date(1998, 9, 18)
    assert english.latitude == city.latitude
    assert english.exchanges[0].value["date"] == datetime.date(2023, 5, 10)
    assert list(english.fields_of_cooperation.all()) == [culture]

    client.logout()
    html = client.get("/en/partner-cities/florence/").content.decode()
    assert "<h1>Florence" in html
    assert "An exhibition of crafts" in html
    assert "18 September 1998" in html
