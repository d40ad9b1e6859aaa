import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.i18n import format_date, localise_digits, normalise_text, sort_key


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        ("2021-02-01", "۱۳ بهمن ۱۳۹۹"),
        ("1989-05-07", "۱۷ اردیبهشت ۱۳۶۸"),
        ("2025-03-20", "۳۰ اسفند ۱۴۰۳"),
        ("2025-03-21", "۱ فروردین ۱۴۰۴"),
    ],
)
def test_persian_dates_are_jalali_with_persian_digits(gregorian, jalali):
    assert format_date(datetime.date.fromisoformat(gregorian), "fa") == jalali


def test_english_dates_are_gregorian():
    assert format_date(datetime.date(1989, 5, 7), "en") == "7 May 1989"


def test_both_calendars_when_asked():
    day = datetime.date(2021, 2, 1)
    assert format_date(day, "fa", both=True) == "۱۳ بهمن ۱۳۹۹ (۱ فوریه ۲۰۲۱)"
    assert format_date(day, "en", both=True) == "1 February 2021 (13 Bahman 1399 SH)"


def test_aware_datetimes_use_the_local_day():
    # 22:00 UTC on 20 March 2025 is already 21 March (Nowruz, 1 Farvardin) in Tehran.
    moment = datetime.datetime(2025, 3, 20, 22, 0, tzinfo=datetime.UTC)
    with translation.override("fa"):
        assert format_date(moment) == "۱ فروردین ۱۴۰۴"
    # 02:00 in Tokyo on 21 March is still 20 March in Tehran, the site's time zone.
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    assert format_date(datetime.datetime(2025, 3, 21, 2, 0, tzinfo=tokyo), "en") == "20 March 2025"


def test_empty_dates_render_nothing():
    assert format_date(None, "fa") == ""


def test_digits_are_persian_only_in_persian():
    assert localise_digits(13, "fa") == "۱۳"
    assert localise_digits("2.5 KB", "fa") == "۲٫۵ KB"
    assert localise_digits("2.5 KB", "en") == "2.5 KB"
    assert localise_digits("2021-02", "fa") == "۲۰۲۱-۰۲"
    assert localise_digits(13, "en") == "13"


@pytest.mark.parametrize("language", ["fa", "en"])
def test_template_filters_follow_the_active_language(language):
    template = Template(
        "{% load i18n_extras %}{{ day|local_date }}|{{ day|local_date:'both' }}|{{ n|local_digits }}"
    )
    with translation.override(language):
        rendered = template.render(Context({"day": datetime.date(1989, 5, 7), "n": 38}))
    expected = {
        "fa": "۱۷ اردیبهشت ۱۳۶۸|۱۷ اردیبهشت ۱۳۶۸ (۷ مه ۱۹۸۹)|۳۸",
        "en": "7 May 1989|7 May 1989 (17 Ordibehesht 1368 SH)|38",
    }[language]
    assert rendered == expected


class TestNormaliseText:
    def test_persian_and_arabic_indic_digits_become_ascii(self):
        assert normalise_text("۰۹۱۲۳۴۵۶۷۸۹") == "09123456789"
        assert normalise_text("٠٩١٢٣٤٥٦٧٨٩") == "09123456789"

    def test_arabic_yeh_and_kaf_become_persian(self):
        assert normalise_text("علي كاظمي") == "علی کاظمی"
        assert normalise_text("مصطفى") == "مصطفی"

    def test_bidi_controls_are_removed(self):
        text = "\u202eabc\u202c \u200fنام\u200e \u2067x\u2069 \u061cy"
        assert normalise_text(text) == "abc نام x y"

    def test_invisible_marks_are_removed(self):
        text = "\ufeffعلی\u200b کاظمی\u2060 Ka\u00adzemi"
        assert normalise_text(text) == "علی کاظمی Kazemi"

    def test_zwnj_is_kept(self):
        assert normalise_text("می\u200cخواهم") == "می\u200cخواهم"

    def test_spaces_collapse_and_trim(self):
        assert normalise_text("  اصفهان \u00a0  شیان\n\tچین ") == "اصفهان شیان چین"

    def test_multiline_keeps_line_breaks(self):
        assert normalise_text("سطر  یک \r\n  سطر دو", multiline=True) == "سطر یک\nسطر دو"

    def test_persian_decimal_and_thousands_separators(self):
        assert normalise_text("۱٬۲۳۴٫۵") == "1234.5"

    def test_a_lone_carriage_return_is_a_line_break(self):
        assert normalise_text("یک\rدو", multiline=True) == "یک\nدو"
        assert normalise_text("یک\rدو") == "یک دو"

    def test_idempotent(self):
        once = normalise_text(" ك ي ۱ \u200f ")
        assert normalise_text(once) == once


def test_sort_key_follows_the_persian_alphabet():
    names = ["شیان", "پورتو", "ایروان", "گرجستان", "بارسلونا", "آبادان", "Zagreb", "Athens"]
    assert sorted(names, key=sort_key) == [
        "آبادان",
        "ایروان",
        "بارسلونا",
        "پورتو",
        "شیان",
        "گرجستان",
        "Athens",
        "Zagreb",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("سَعدی", "سعید"),  # diacritics are ignored
        ("محمّد", "محمدی"),
        ("آب تنی", "آبان"),  # a space sorts before any letter
        ("أحمد", "اژدها"),  # hamza seats sort with alef
        ("علي", "علیرضا"),  # Arabic yeh sorts as Persian yeh
        ("Évora", "Florence"),  # Latin accents are ignored
        ("Łódź", "Madrid"),
    ],
)
def test_sort_key_ignores_spelling_variants(before, after):
    assert sort_key(before) < sort_key(after)
