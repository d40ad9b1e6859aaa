"""Demo content: Isfahan's cultural week in Paris (38 programme items) and an upcoming week in
Xi'an. The programme, dates and venues are sample content written for the demo site."""

import datetime
import zoneinfo

from wagtail.models import Locale, Site

from core import demo
from partners.models import (
    CulturalWeekIndexPage,
    CulturalWeekPage,
    PartnerCityPage,
    ProgrammeCategory,
    ProgrammeItem,
)

CATEGORIES = [
    ("music", "موسیقی", "Music"),
    ("exhibition", "نمایشگاه", "Exhibition"),
    ("handicrafts", "صنایع دستی", "Handicrafts"),
    ("film", "فیلم", "Film"),
    ("cuisine", "آشپزی", "Cuisine"),
    ("talk", "سخنرانی", "Talk"),
    ("workshop", "کارگاه", "Workshop"),
    ("sport", "ورزش", "Sport"),
    ("ceremony", "آیین", "Ceremony"),
]

VENUES = {
    "hall": ("تالار اصلی", "Main hall"),
    "gallery": ("نگارخانه", "Gallery"),
    "studio": ("اتاق کارگاه", "Workshop room"),
    "courtyard": ("حیاط", "Courtyard"),
    "issy": ("تالار شورای شهر ایسی‌له‌مولینو", "Council chamber, Issy-les-Moulineaux"),
}

# (day of the week from 0, start, end, category, venue, Persian title, English title)
PARIS_PROGRAMME = [
    *[
        (
            day,
            "10:00",
            "18:00",
            "exhibition",
            "gallery",
            "نمایشگاه صنایع دستی اصفهان",
            "Exhibition of Isfahan's handicrafts",
        )
        for day in range(7)
    ],
    *[
        (
            day,
            "12:30",
            "14:00",
            "cuisine",
            "courtyard",
            "چشیدن غذاهای اصفهانی",
            "A taste of Isfahani cooking",
        )
        for day in range(1, 7)
    ],
    (
        1,
        "15:00",
        "17:00",
        "workshop",
        "studio",
        "کارگاه میناکاری",
        "Enamelling (minakari) workshop",
    ),
    (2, "15:00", "17:00", "workshop", "studio", "کارگاه خوشنویسی", "Calligraphy workshop"),
    (3, "15:00", "17:00", "workshop", "studio", "کارگاه نگارگری", "Miniature painting workshop"),
    (
        4,
        "15:00",
        "17:00",
        "workshop",
        "studio",
        "کارگاه قلمکار",
        "Block-printing (qalamkar) workshop",
    ),
    (5, "15:00", "17:00", "workshop", "studio", "کارگاه کاشی‌کاری", "Tilework workshop"),
    (
        0,
        "20:00",
        "21:45",
        "film",
        "hall",
        "نمایش فیلم: میدان نقش جهان",
        "Screening: Naqsh-e Jahan Square",
    ),
    (
        1,
        "20:00",
        "21:45",
        "film",
        "hall",
        "نمایش فیلم: پل‌های زاینده‌رود",
        "Screening: the bridges of the Zayandeh Rud",
    ),
    (2, "20:00", "21:45", "film", "hall", "نمایش فیلم: چهلستون", "Screening: Chehel Sotoun"),
    (
        3,
        "20:00",
        "21:45",
        "film",
        "hall",
        "نمایش فیلم: استادکاران بازار",
        "Screening: masters of the bazaar",
    ),
    (4, "20:00", "21:45", "film", "hall", "نمایش فیلم: شهر باغ‌ها", "Screening: a city of gardens"),
    (
        1,
        "17:30",
        "18:30",
        "talk",
        "hall",
        "سخنرانی: معماری اصفهان",
        "Talk: the architecture of Isfahan",
    ),
    (
        2,
        "17:30",
        "18:30",
        "talk",
        "hall",
        "سخنرانی: شهرهای خواهرخوانده و دیپلماسی شهروندی",
        "Talk: sister cities and citizen diplomacy",
    ),
    (
        3,
        "17:30",
        "18:30",
        "talk",
        "hall",
        "سخنرانی: شعر فارسی در ترجمه",
        "Talk: Persian poetry in translation",
    ),
    (
        4,
        "17:30",
        "18:30",
        "talk",
        "hall",
        "سخنرانی: شهرهای جادهٔ ابریشم",
        "Talk: the cities of the Silk Road",
    ),
    (
        0,
        "19:30",
        "21:00",
        "music",
        "hall",
        "کنسرت موسیقی دستگاهی ایرانی",
        "Concert of Persian classical music",
    ),
    (2, "19:30", "21:00", "music", "courtyard", "آوازهای محلی اصفهان", "Folk songs of Isfahan"),
    (4, "21:45", "23:00", "music", "courtyard", "شب تار و سه‌تار", "An evening of tar and setar"),
    (
        5,
        "19:30",
        "21:00",
        "music",
        "hall",
        "کنسرت مشترک نوازندگان اصفهان و پاریس",
        "Joint concert by musicians of Isfahan and Paris",
    ),
    (
        5,
        "11:00",
        "12:00",
        "sport",
        "courtyard",
        "نمایش ورزش زورخانه‌ای",
        "Zurkhaneh athletes' demonstration",
    ),
    (
        6,
        "11:00",
        "12:00",
        "sport",
        "courtyard",
        "نمایش ورزش زورخانه‌ای",
        "Zurkhaneh athletes' demonstration",
    ),
    (0, "18:00", "19:00", "ceremony", "hall", "آیین گشایش هفتهٔ فرهنگی", "Opening ceremony"),
    (
        3,
        "11:00",
        "12:00",
        "ceremony",
        "issy",
        "امضای پیمان دوستی با ایسی‌له‌مولینو",
        "Signing of the friendship pact with Issy-les-Moulineaux",
    ),
    (6, "18:00", "19:00", "ceremony", "hall", "آیین پایانی", "Closing ceremony"),
    (5, "14:00", "16:00", "handicrafts", "gallery", "نمایش زندهٔ قالی‌بافی", "Carpet weaving, live"),
    (6, "10:00", "16:00", "handicrafts", "courtyard", "بازارچهٔ صنایع دستی", "Handicrafts market"),
]

XIAN_PROGRAMME = [
    (0, "10:00", "11:00", "ceremony", "hall", "آیین گشایش", "Opening ceremony"),
    (
        0,
        "11:00",
        "18:00",
        "exhibition",
        "gallery",
        "نمایشگاه کاشی و سفال اصفهان",
        "Isfahan's tiles and pottery",
    ),
    (
        1,
        "15:00",
        "17:00",
        "workshop",
        "studio",
        "کارگاه خوشنویسی فارسی",
        "Persian calligraphy workshop",
    ),
    (2, "19:30", "21:00", "music", "hall", "کنسرت موسیقی ایرانی", "Concert of Persian music"),
    (
        3,
        "17:00",
        "18:00",
        "talk",
        "hall",
        "سخنرانی: اصفهان و شیان در جادهٔ ابریشم",
        "Talk: Isfahan and Xi'an on the Silk Road",
    ),
    (4, "12:00", "14:00", "cuisine", "courtyard", "سفرهٔ اصفهانی", "An Isfahani table"),
    (6, "18:00", "19:00", "ceremony", "hall", "آیین پایانی", "Closing ceremony"),
]


def _items(programme, first_day, tz, categories, language):
    index = 5 if language == "fa" else 6
    zone = zoneinfo.ZoneInfo(tz)
    items = []
    for order, (day, start, end, category, venue, *titles) in enumerate(programme):
        date = first_day + datetime.timedelta(days=day)
        starts = datetime.datetime.combine(date, datetime.time.fromisoformat(start), zone)
        ends = datetime.datetime.combine(date, datetime.time.fromisoformat(end), zone)
        items.append(
            ProgrammeItem(
                sort_order=order,
                title=titles[index - 5],
                category=categories[category],
                start=starts,
                end=ends,
                venue=VENUES[venue][0 if language == "fa" else 1],
            )
        )
    return items


def _translate_items(week_en, programme):
    """Give the English copy's items their English titles and venues (same order as Persian)."""
    items = list(week_en.programme_items.all().order_by("sort_order"))
    for item, (_day, _start, _end, _category, venue, _fa, en) in zip(items, programme, strict=True):
        item.title = en
        item.venue = VENUES[venue][1]
    week_en.programme_items = items


def _week(index, programme, categories, **fields):
    existing = index.get_children().filter(slug=fields["slug"]).first()
    if existing:
        return existing.specific, False
    week = CulturalWeekPage(**fields)
    week.programme_items = _items(
        programme, fields["start_date"], fields["time_zone"], categories, "fa"
    )
    index.add_child(instance=week)
    week.save_revision().publish()
    return week, True


@demo.register(order=22)
def seed_programme_categories(log):
    demo.seed_terms(ProgrammeCategory, CATEGORIES)
    log(f"  {len(CATEGORIES)} programme categories in Persian and English")


@demo.register(order=23)
def seed_cultural_weeks(log):
    fa_home = Site.objects.get(is_default_site=True).root_page
    index = demo.publish_child(
        fa_home,
        CulturalWeekIndexPage(
            title="هفته‌های فرهنگی",
            slug="cultural-weeks",
            show_in_menus=True,
            intro="هفته‌هایی که اصفهان فرهنگ و هنر خود را در شهرهای دیگر جهان به نمایش می‌گذارد.",
        ),
    )
    demo.publish_translation(
        index,
        "en",
        title="Cultural weeks",
        intro="Weeks in which Isfahan shows its culture and arts in other cities of the world.",
    )
    categories = {c.slug: c for c in ProgrammeCategory.objects.filter(locale__language_code="fa")}
    issy = PartnerCityPage.objects.filter(
        slug="issy-les-moulineaux", locale__language_code="fa"
    ).first()

    paris, created = _week(
        index,
        PARIS_PROGRAMME,
        categories,
        title="هفتهٔ فرهنگی اصفهان در پاریس",
        slug="isfahan-in-paris",
        host_city_name="پاریس",
        host_country="FR",
        start_date=datetime.date(2019, 10, 21),
        end_date=datetime.date(2019, 10, 27),
        time_zone="Europe/Paris",
        summary="نخستین هفتهٔ فرهنگی یک شهر ایرانی در خارج از کشور، با ۳۸ برنامه در فرهنگ و هنر.",
        organisers=[
            ("organiser", {"name": "شهرداری اصفهان", "role": "organiser", "website": ""}),
        ],
        outcomes=[
            (
                "outcome",
                {
                    "title": "پیمان دوستی یکی از محله‌های اصفهان با ایسی‌له‌مولینو",
                    "text": "در میانهٔ هفته امضا شد.",
                    "page": issy,
                    "external_url": "",
                },
            )
        ],
    )
    if created or paris.get_translation_or_none(Locale.objects.get(language_code="en")) is None:
        week_en = paris.copy_for_translation(Locale.objects.get(language_code="en"))
        week_en.title = "Isfahan's cultural week in Paris"
        week_en.host_city_name = "Paris"
        week_en.summary = (
            "The first cultural week of an Iranian city abroad, with 38 programme items in culture "
            "and the arts."
        )
        week_en.organisers = [
            ("organiser", {"name": "Isfahan Municipality", "role": "organiser", "website": ""}),
        ]
        week_en.outcomes = [
            (
                "outcome",
                {
                    "title": "A friendship pact between a neighbourhood of Isfahan and Issy-les-Moulineaux",
                    "text": "Signed in the middle of the week.",
                    "page": issy,
                    "external_url": "",
                },
            )
        ]
        _translate_items(week_en, PARIS_PROGRAMME)
        week_en.save_revision().publish()

    xian_city = PartnerCityPage.objects.filter(slug="xian", locale__language_code="fa").first()
    xian, created = _week(
        index,
        XIAN_PROGRAMME,
        categories,
        title="هفتهٔ فرهنگی اصفهان در شیان",
        slug="isfahan-in-xian",
        host_city=xian_city,
        host_city_name="" if xian_city else "شیان",
        host_country="CN",
        start_date=datetime.date(2027, 5, 10),
        end_date=datetime.date(2027, 5, 16),
        time_zone="Asia/Shanghai",
        summary="هفته‌ای از هنر و صنایع دستی اصفهان در نخستین شهر خواهرخواندهٔ آن.",
    )
    if created or xian.get_translation_or_none(Locale.objects.get(language_code="en")) is None:
        week_en = xian.copy_for_translation(Locale.objects.get(language_code="en"))
        week_en.title = "Isfahan's cultural week in Xi'an"
        week_en.summary = "A week of Isfahan's arts and crafts in its first sister city."
        _translate_items(week_en, XIAN_PROGRAMME)
        week_en.save_revision().publish()
    log("  cultural weeks: Paris (38 items) and Xi'an (upcoming), in Persian and English")
