"""Bulk sample content (``manage.py seed_bulk``): many partner cities and cultural weeks.

Numbered sample cities ("Sample city 17") in real countries, each with a few dated exchanges,
and cultural weeks with full programmes, all in Persian with English translations. Every page is
generated from its number alone, so a run that adds only the missing ones builds the same pages.
"""

import datetime
import random
import zoneinfo
from decimal import Decimal

from django.core.management.base import CommandError
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core import bulk
from core.i18n import localise_digits
from partners.blocks import AgreementKind, ExchangeKind
from partners.models import (
    CulturalWeekIndexPage,
    CulturalWeekPage,
    FieldOfCooperation,
    LifecycleStatus,
    PartnerCityPage,
    PartnerIndexPage,
    ProgrammeCategory,
    ProgrammeItem,
    Region,
    RelationshipKind,
)

# (country, region, latitude, longitude, time zone): where the sample cities lie.
COUNTRIES = [
    ("IT", Region.EUROPE, 42.5, 12.5, "Europe/Rome"),
    ("FR", Region.EUROPE, 46.5, 2.5, "Europe/Paris"),
    ("DE", Region.EUROPE, 51.0, 10.0, "Europe/Berlin"),
    ("ES", Region.EUROPE, 40.0, -3.5, "Europe/Madrid"),
    ("PT", Region.EUROPE, 39.5, -8.0, "Europe/Lisbon"),
    ("RO", Region.EUROPE, 45.8, 24.9, "Europe/Bucharest"),
    ("RU", Region.EUROPE, 55.7, 40.0, "Europe/Moscow"),
    ("TR", Region.ASIA, 39.0, 35.0, "Europe/Istanbul"),
    ("AM", Region.ASIA, 40.2, 44.9, "Asia/Yerevan"),
    ("GE", Region.ASIA, 42.0, 43.5, "Asia/Tbilisi"),
    ("CN", Region.ASIA, 33.0, 110.0, "Asia/Shanghai"),
    ("JP", Region.ASIA, 36.0, 138.0, "Asia/Tokyo"),
    ("KR", Region.ASIA, 36.5, 127.8, "Asia/Seoul"),
    ("IN", Region.ASIA, 22.0, 79.0, "Asia/Kolkata"),
    ("PK", Region.ASIA, 30.0, 70.0, "Asia/Karachi"),
    ("MY", Region.ASIA, 3.5, 102.0, "Asia/Kuala_Lumpur"),
    ("UZ", Region.ASIA, 41.0, 64.5, "Asia/Tashkent"),
    ("LB", Region.ASIA, 33.9, 35.8, "Asia/Beirut"),
    ("KW", Region.ASIA, 29.3, 47.8, "Asia/Kuwait"),
    ("EG", Region.AFRICA, 27.0, 30.0, "Africa/Cairo"),
    ("SN", Region.AFRICA, 14.5, -14.5, "Africa/Dakar"),
    ("KE", Region.AFRICA, 0.5, 37.9, "Africa/Nairobi"),
    ("CU", Region.AMERICAS, 22.0, -79.5, "America/Havana"),
    ("BR", Region.AMERICAS, -14.0, -51.0, "America/Sao_Paulo"),
    ("MX", Region.AMERICAS, 23.6, -102.5, "America/Mexico_City"),
    ("AU", Region.OCEANIA, -25.0, 134.0, "Australia/Sydney"),
]

EXCHANGES = {
    ExchangeKind.DELEGATION_IN: (
        "سفر هیئتی از {fa} به اصفهان",
        "A delegation from {en} visits Isfahan",
    ),
    ExchangeKind.DELEGATION_OUT: ("سفر هیئت اصفهان به {fa}", "An Isfahan delegation visits {en}"),
    ExchangeKind.AMBASSADOR: (
        "دیدار سفیر با شهردار اصفهان",
        "An ambassador meets the mayor of Isfahan",
    ),
    ExchangeKind.CULTURAL_WEEK: (
        "نمایشگاه صنایع دستی اصفهان در {fa}",
        "An exhibition of Isfahan's crafts in {en}",
    ),
    ExchangeKind.ACADEMIC: (
        "کارگاه مشترک دانشگاهی با {fa}",
        "A joint university workshop with {en}",
    ),
    ExchangeKind.BUSINESS: (
        "دیدار هیئت بازرگانی با اتاق بازرگانی {fa}",
        "A trade delegation meets the chamber of commerce of {en}",
    ),
}

CITY_TEXT = (
    (
        "{fa} از سال {year} با اصفهان پیوند دارد. دو شهر در زمینه‌هایی چون گردشگری، فرهنگ و "
        "همکاری دانشگاهی برنامه‌های مشترک دارند.",
        "شهروندان دو شهر هر سال در نمایشگاه‌ها، جشنواره‌ها و دیدارهای کارشناسی با هم آشنا "
        "می‌شوند و تجربه‌های خود را در مدیریت شهری در میان می‌گذارند.",
    ),
    (
        "{en} has been tied to Isfahan since {year}. The two cities run joint programmes in "
        "fields such as tourism, culture and university cooperation.",
        "Every year residents of both cities meet at fairs, festivals and expert visits, and "
        "share what they have learnt about running a city.",
    ),
)

# (category slug, Persian title, English title): what a sample week's programme offers.
ITEMS = [
    ("music", "کنسرت موسیقی ایرانی", "Concert of Persian music"),
    ("exhibition", "نمایشگاه صنایع دستی اصفهان", "Exhibition of Isfahan's handicrafts"),
    ("handicrafts", "نمایش زندهٔ قالی‌بافی", "Carpet weaving, live"),
    ("film", "نمایش فیلم دربارهٔ اصفهان", "A film about Isfahan"),
    ("cuisine", "چشیدن غذاهای اصفهانی", "A taste of Isfahani cooking"),
    ("talk", "سخنرانی دربارهٔ معماری اصفهان", "Talk: the architecture of Isfahan"),
    ("workshop", "کارگاه خوشنویسی", "Calligraphy workshop"),
    ("sport", "نمایش ورزش زورخانه‌ای", "Zurkhaneh athletes' demonstration"),
    ("ceremony", "آیین فرهنگی", "Cultural ceremony"),
]
VENUES = [("تالار اصلی", "Main hall"), ("نگارخانه", "Gallery"), ("حیاط", "Courtyard")]

CITY_SIZES = [bulk.Size("cities", 200, "partner cities to add")]
WEEK_SIZES = [
    bulk.Size("weeks", 40, "cultural weeks to add"),
    bulk.Size("items", 30, "programme items in each cultural week"),
]


def _fa(number):
    return localise_digits(number, "fa")


def _city_names(number):
    return f"شهر نمونهٔ {_fa(number)}", f"Sample city {number}"


def _paragraphs(texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _index(model, what):
    page = model.objects.filter(locale__language_code="fa").first()
    if page is None:
        raise CommandError(f"No Persian {what} page: run seed_demo first.")
    return page


def _city(number, fields):
    """The Persian and English pages of sample city ``number`` and its fields' pks."""
    rng = random.Random(f"city-{number}")
    country, region, lat, lng, _tz = COUNTRIES[number % len(COUNTRIES)]
    fa_name, en_name = _city_names(number)
    kind = rng.choice(RelationshipKind.values)
    status = rng.choice(LifecycleStatus.values)
    signed_on = None
    if status != LifecycleStatus.PROPOSED:
        signed_on = datetime.date(1985, 1, 1) + datetime.timedelta(days=rng.randrange(14600))
    since = signed_on.year if signed_on else 2020
    events = sorted(
        (
            (
                datetime.date(since, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 8)),
                rng.choice(list(EXCHANGES)),
            )
            for _ in range(rng.randrange(5))
        ),
        reverse=True,
    )
    common = {
        "slug": f"bulk-city-{number:03d}",
        "native_name": en_name,
        "country": country,
        "region": region,
        "latitude": Decimal(f"{lat + rng.uniform(-3, 3):.4f}"),
        "longitude": Decimal(f"{lng + rng.uniform(-3, 3):.4f}"),
        "relationship_kind": kind,
        "status": status,
        "signed_on": signed_on,
        "signed_year": signed_on.year if signed_on else None,
    }
    pages = []
    for language, name, text in (("fa", fa_name, CITY_TEXT[0]), ("en", en_name, CITY_TEXT[1])):
        position = 0 if language == "fa" else 1
        year = _fa(since) if language == "fa" else since
        exchanges = [
            (
                "exchange",
                {
                    "date": date,
                    "kind": event,
                    "title": EXCHANGES[event][position].format(fa=fa_name, en=en_name),
                    "note": "",
                },
            )
            for date, event in events
        ]
        agreements = []
        if signed_on and kind == RelationshipKind.SISTER_CITY:
            title = (
                f"پیمان خواهرخواندگی اصفهان و {fa_name}"
                if language == "fa"
                else f"Isfahan–{en_name} sister-city agreement"
            )
            agreements.append(
                (
                    "agreement",
                    {
                        "title": title,
                        "kind": AgreementKind.SISTER_CITY,
                        "signed_on": signed_on,
                        "summary": "",
                        "documents": [],
                    },
                )
            )
        pages.append(
            PartnerCityPage(
                title=name,
                summary=text[0].format(fa=fa_name, en=en_name, year=year),
                body=_paragraphs(t.format(fa=fa_name, en=en_name, year=year) for t in text),
                exchanges=exchanges,
                agreements=agreements,
                **common,
            )
        )
    chosen = rng.sample(fields, k=min(len(fields), rng.randint(1, 3)))
    return pages[0], pages[1], chosen


@bulk.register(order=20, sizes=CITY_SIZES)
def seed_bulk_partner_cities(sizes, log):
    index = _index(PartnerIndexPage, "partner cities index")
    english = Locale.objects.get(language_code="en")
    fields = list(
        FieldOfCooperation.objects.filter(locale__language_code="fa")
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    wanted = [f"bulk-city-{n:03d}" for n in range(1, sizes["cities"] + 1)]
    missing = set(bulk.missing_slugs(index, wanted))
    built = [_city(n, fields) for n in range(1, sizes["cities"] + 1) if wanted[n - 1] in missing]
    fa_pages = bulk.add_live_pages(index, [fa for fa, _en, _fields in built])
    en_pages = bulk.add_live_translations(fa_pages, [en for _fa, en, _fields in built], english)
    # Both languages link to the default language's fields, as wagtail-localize syncs them.
    bulk.link_many_to_many(
        PartnerCityPage,
        "fields_of_cooperation",
        [(page.pk, field) for fa, en, chosen in built for page in (fa, en) for field in chosen],
    )
    bulk.index_for_search(PartnerCityPage, [*fa_pages, *en_pages])
    log(f"  {len(fa_pages)} new partner cities in Persian and English")


def _week(number, hosts, categories, item_count):
    rng = random.Random(f"week-{number}")
    start = datetime.date(2004, 5, 1) + datetime.timedelta(days=220 * number + rng.randrange(60))
    country, _region, _lat, _lng, tz = COUNTRIES[number % len(COUNTRIES)]
    host = hosts[number % len(hosts)] if hosts and number % 4 else None
    if host is not None:
        country, tz = host.country.code, _zone_of(host.country.code, tz)
    host_names = ("", "") if host else (f"شهر میزبان {_fa(number)}", f"Host town {number}")
    zone = zoneinfo.ZoneInfo(tz)
    common = {
        "slug": f"bulk-week-{number:02d}",
        "host_city": host,
        "host_country": country,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=6),
        "time_zone": tz,
    }
    fa = CulturalWeekPage(
        title=f"هفتهٔ فرهنگی اصفهان شمارهٔ {_fa(number)}",
        host_city_name=host_names[0],
        summary="هفته‌ای از هنر، موسیقی و صنایع دستی اصفهان در یکی از شهرهای همکار.",
        venues=[("venue", {"name": v[0], "address": "", "website": ""}) for v in VENUES],
        organisers=[("organiser", {"name": "شهرداری اصفهان", "role": "organiser", "website": ""})],
        body=_paragraphs(["برنامهٔ هفته از نمایشگاه و کنسرت تا کارگاه‌های صنایع دستی است."]),
        **common,
    )
    en = CulturalWeekPage(
        title=f"Isfahan's cultural week no. {number}",
        host_city_name=host_names[1],
        summary="A week of Isfahan's arts, music and crafts in one of its partner cities.",
        venues=[("venue", {"name": v[1], "address": "", "website": ""}) for v in VENUES],
        organisers=[
            ("organiser", {"name": "Isfahan Municipality", "role": "organiser", "website": ""})
        ],
        body=_paragraphs(["The week runs from exhibitions and concerts to craft workshops."]),
        **common,
    )
    programme = []
    for order in range(item_count):
        slug, fa_title, en_title = ITEMS[(number + order) % len(ITEMS)]
        day, slot = order % 7, order // 7
        starts = datetime.datetime.combine(
            start + datetime.timedelta(days=day), datetime.time(9 + (slot * 2) % 14), zone
        )
        venue = VENUES[order % len(VENUES)]
        programme.append(
            {
                "sort_order": order,
                "category_id": categories.get(slug),
                "start": starts,
                "end": starts + datetime.timedelta(minutes=90),
                "titles": (fa_title, en_title),
                "venues": venue,
            }
        )
    return fa, en, programme


def _zone_of(country, fallback):
    return next((c[4] for c in COUNTRIES if c[0] == country), fallback)


def _items(week, programme, language, keys=None):
    position = 0 if language == "fa" else 1
    items = []
    for n, spec in enumerate(programme):
        item = ProgrammeItem(
            week=week,
            locale_id=week.locale_id,
            sort_order=spec["sort_order"],
            title=spec["titles"][position],
            category_id=spec["category_id"],
            start=spec["start"],
            end=spec["end"],
            venue=spec["venues"][position],
        )
        if keys is not None:  # the English item translates the Persian one
            item.translation_key = keys[n]
        items.append(item)
    return items


@bulk.register(order=23, sizes=WEEK_SIZES)
def seed_bulk_cultural_weeks(sizes, log):
    index = _index(CulturalWeekIndexPage, "cultural weeks index")
    english = Locale.objects.get(language_code="en")
    categories = dict(
        ProgrammeCategory.objects.filter(locale__language_code="fa").values_list("slug", "pk")
    )
    hosts = list(
        PartnerCityPage.objects.filter(
            locale__language_code="fa", slug__startswith="bulk-city-"
        ).order_by("path")
    ) or list(PartnerCityPage.objects.filter(locale__language_code="fa").order_by("path"))
    wanted = [f"bulk-week-{n:02d}" for n in range(1, sizes["weeks"] + 1)]
    missing = set(bulk.missing_slugs(index, wanted))
    built = [
        _week(n, hosts, categories, sizes["items"])
        for n in range(1, sizes["weeks"] + 1)
        if wanted[n - 1] in missing
    ]
    fa_pages = bulk.add_live_pages(index, [fa for fa, _en, _programme in built])
    en_pages = bulk.add_live_translations(fa_pages, [en for _fa, en, _p in built], english)
    items = []
    for fa, en, programme in built:
        fa_items = _items(fa, programme, "fa")
        items += fa_items
        items += _items(en, programme, "en", keys=[item.translation_key for item in fa_items])
    ProgrammeItem.objects.bulk_create(items, batch_size=bulk.BATCH_SIZE)
    bulk.index_for_search(CulturalWeekPage, [*fa_pages, *en_pages])
    log(
        f"  {len(fa_pages)} new cultural weeks in Persian and English, "
        f"{sizes['items']} programme items each"
    )
