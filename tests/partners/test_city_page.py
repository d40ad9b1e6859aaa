import datetime

import pytest

from partners.models import NetworkIndexPage, PartnerCityPage
from tests.factories import _locale, partner_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def xian(partner_index, culture, tourism, en_locale):
    city = partner_city(
        partner_index,
        title="شیان",
        slug="xian",
        native_name="西安",
        country="CN",
        region="asia",
        latitude="34.341600",
        longitude="108.939800",
        signed_on=datetime.date(1989, 5, 7),
        council_resolution="مصوبهٔ ۱۲۳",
        fields=[culture],
        exchanges=[
            (
                "exchange",
                {
                    "date": datetime.date(1989, 5, 7),
                    "kind": "signing",
                    "title": "امضای پیمان",
                    "note": "",
                },
            ),
            (
                "exchange",
                {
                    "date": datetime.date.today(),
                    "kind": "delegation-in",
                    "title": "سفر هیئت",
                    "note": "دیدار با شهردار",
                },
            ),
        ],
    )
    english_culture = culture.copy_for_translation(en_locale)
    english_culture.name = "Culture"
    english_culture.save()
    index_en = partner_index.copy_for_translation(en_locale)
    index_en.save_revision().publish()
    english = city.copy_for_translation(en_locale)
    english.title = "Xi'an"
    english.save_revision().publish()
    return city


def test_persian_page(client, xian):
    html = client.get("/partner-cities/xian/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert '<bdi class="native-name" dir="auto">西安</bdi>' in html
    assert "چین" in html  # the country's name in Persian
    assert 'src="/static/flags/cn.gif"' in html
    assert "۱۷ اردیبهشت ۱۳۶۸ (۷ مه ۱۹۸۹)" in html  # both calendars for the signing
    assert "مصوبهٔ ۱۲۳" in html
    assert "<li>فرهنگ</li>" in html
    assert "۳۴٫۳۴۱۶° شمالی، ۱۰۸٫۹۳۹۸° شرقی" in html
    assert '<span class="activity activity--active">فعال</span>' in html


def test_english_page_reads_in_english(client, xian):
    html = client.get("/en/partner-cities/xian/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Xi&#x27;an" in html
    assert "China" in html
    assert "7 May 1989 (17 Ordibehesht 1368 SH)" in html
    assert "<li>Culture</li>" in html  # the Persian page's field, shown by its English name
    assert "34.3416° N, 108.9398° E" in html
    assert '<span class="activity activity--active">Active</span>' in html
    assert "Active: something happened in the tie in the last 2 years." in html


def test_timeline_is_newest_first_with_exchange_kinds(client, xian):
    html = client.get("/en/partner-cities/xian/").content.decode()
    timeline = html.split('<ol class="timeline" reversed>')[1].split("</ol>")[0]
    assert timeline.index("Incoming delegation") < timeline.index("Signing")
    assert '<time datetime="1989-05-07">7 May 1989</time>' in timeline


def test_networks_page_lists_memberships(client, partner_index):
    page = NetworkIndexPage(
        title="شبکه‌ها",
        slug="networks",
        locale=_locale(),
        memberships=[
            (
                "membership",
                {
                    "name": "متروپلیس",
                    "acronym": "Metropolis",
                    "since": 2008,
                    "role": "عضو هیئت مدیره",
                    "url": "https://www.metropolis.org/",
                    "note": "",
                },
            ),
        ],
    )
    partner_index.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/partner-cities/networks/").content.decode()
    assert '<a href="https://www.metropolis.org/" rel="noopener">متروپلیس</a>' in html
    assert "عضو از سال ۲۰۰۸" in html
    assert "عضو هیئت مدیره" in html
    index_html = client.get("/partner-cities/").content.decode()
    assert 'href="/partner-cities/networks/"' in index_html


def test_an_untranslated_field_is_marked_with_its_language(client, xian, tourism):
    persian = PartnerCityPage.objects.get(pk=xian.pk)
    persian.fields_of_cooperation.add(tourism)  # tourism has no English name
    persian.save_revision().publish()  # fields are synchronised to the English page on publish
    html = client.get("/en/partner-cities/xian/").content.decode()
    assert '<li lang="fa" dir="auto">گردشگری</li>' in html
    assert "<li>Culture</li>" in html
