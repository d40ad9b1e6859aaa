"""Demo content: Isfahan's partner cities, fields of cooperation and city networks.

Facts (names, countries, signing dates, kinds and statuses) come from shared/demo-facts.md. The
exchanges after the signings, the summaries and the network notes are sample content for the demo
site, which says so in its footer.
"""

import datetime
from decimal import Decimal

from wagtail.models import Locale, Site

from core import demo
from partners.blocks import AgreementKind, ExchangeKind
from partners.models import (
    FieldOfCooperation,
    LifecycleStatus,
    NetworkIndexPage,
    PartnerCityPage,
    PartnerIndexPage,
    Region,
    RelationshipKind,
)

FIELDS = [
    ("urban-planning", "شهرسازی و توسعهٔ شهری", "Urban planning and development"),
    ("urban-governance", "تبادل کارشناس در مدیریت شهری", "Exchange of experts in urban governance"),
    ("universities", "همکاری دانشگاهی", "University cooperation"),
    ("culture", "فرهنگ", "Culture"),
    ("chambers-of-commerce", "اتاق‌های بازرگانی", "Chambers of commerce"),
    ("tourism", "گردشگری", "Tourism"),
    ("exhibitions", "نمایشگاه‌ها", "Exhibitions"),
    ("media", "معرفی رسانه‌ای شهرهای خواهرخوانده", "Media publicity of sister cities"),
    ("regular-meetings", "دیدارهای منظم", "Regular meetings"),
    (
        "academic-exchange",
        "تبادل استاد، دانشجو و بورسیه",
        "Exchange of professors, students and scholarships",
    ),
]

SISTER, FRIEND, PACT = (
    RelationshipKind.SISTER_CITY,
    RelationshipKind.FRIENDSHIP_CITY,
    RelationshipKind.NEIGHBOURHOOD_PACT,
)
D = datetime.date

# slug, fa name, en name, native name, country, region, lat, lng, kind, status, signed on,
# signed year (when only the year is known), fields, fa summary, en summary
CITIES = [
    (
        "xian",
        "شیان",
        "Xi'an",
        "西安",
        "CN",
        Region.ASIA,
        "34.3416",
        "108.9398",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(1989, 5, 7),
        None,
        ["culture", "tourism", "universities"],
        "نخستین شهر خواهرخواندهٔ اصفهان؛ دو شهر کهن در دو سر جادهٔ ابریشم.",
        "Isfahan's first sister city: two old cities at either end of the Silk Road.",
    ),
    (
        "kuala-lumpur",
        "کوالالامپور",
        "Kuala Lumpur",
        "Kuala Lumpur",
        "MY",
        Region.ASIA,
        "3.1390",
        "101.6869",
        SISTER,
        LifecycleStatus.SIGNED,
        D(1997, 6, 23),
        None,
        ["tourism", "chambers-of-commerce"],
        "پیوندی برای گردشگری و بازرگانی با پایتخت مالزی.",
        "A tie for tourism and trade with Malaysia's capital.",
    ),
    (
        "florence",
        "فلورانس",
        "Florence",
        "Firenze",
        "IT",
        Region.EUROPE,
        "43.7696",
        "11.2558",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(1998, 9, 18),
        None,
        ["culture", "urban-planning", "exhibitions"],
        "دو شهر هنر و معماری که در نگهداری از بافت تاریخی تجربه‌های مشترک دارند.",
        "Two cities of art and architecture with shared experience in caring for a historic centre.",
    ),
    (
        "iasi",
        "یاش",
        "Iași",
        "Iași",
        "RO",
        Region.EUROPE,
        "47.1585",
        "27.6014",
        SISTER,
        LifecycleStatus.SIGNED,
        D(1999, 5, 10),
        None,
        ["universities", "culture"],
        "شهری دانشگاهی در شرق رومانی.",
        "A university city in eastern Romania.",
    ),
    (
        "barcelona",
        "بارسلونا",
        "Barcelona",
        "Barcelona",
        "ES",
        Region.EUROPE,
        "41.3874",
        "2.1686",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(2000, 1, 14),
        None,
        ["urban-planning", "urban-governance", "universities"],
        "همکاری در برنامه‌ریزی شهری و مدیریت شهری با یکی از شهرهای پیشرو مدیترانه.",
        "Cooperation on urban planning and governance with a leading Mediterranean city.",
    ),
    (
        "yerevan",
        "ایروان",
        "Yerevan",
        "Երևան",
        "AM",
        Region.ASIA,
        "40.1872",
        "44.5152",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(2000, 4, 27),
        None,
        ["culture", "chambers-of-commerce", "tourism"],
        "همسایه‌ای نزدیک با پیوندهای دیرینه از راه جلفای اصفهان.",
        "A close neighbour, with old ties through Isfahan's New Julfa quarter.",
    ),
    (
        "kuwait-city",
        "شهر کویت",
        "Kuwait City",
        "مدينة الكويت",
        "KW",
        Region.ASIA,
        "29.3759",
        "47.9774",
        SISTER,
        LifecycleStatus.SIGNED,
        D(2000, 6, 19),
        None,
        ["chambers-of-commerce", "tourism"],
        "پیوندی با پایتخت کویت در کرانهٔ خلیج فارس.",
        "A tie with Kuwait's capital on the Persian Gulf.",
    ),
    (
        "freiburg",
        "فرایبورگ",
        "Freiburg im Breisgau",
        "Freiburg im Breisgau",
        "DE",
        Region.EUROPE,
        "47.9990",
        "7.8421",
        SISTER,
        LifecycleStatus.DORMANT,
        D(2000, 10, 27),
        None,
        ["urban-planning", "universities"],
        "شهری دانشگاهی و نمونه‌ای شناخته‌شده در شهرسازی پایدار.",
        "A university city and a well-known example of sustainable urban planning.",
    ),
    (
        "havana",
        "هاوانا",
        "Havana",
        "La Habana",
        "CU",
        Region.AMERICAS,
        "23.1136",
        "-82.3666",
        SISTER,
        LifecycleStatus.SIGNED,
        D(2001, 3, 8),
        None,
        ["culture", "tourism"],
        "تنها شهر خواهرخواندهٔ اصفهان در قارهٔ آمریکا.",
        "Isfahan's only sister city in the Americas.",
    ),
    (
        "lahore",
        "لاهور",
        "Lahore",
        "لاہور",
        "PK",
        Region.ASIA,
        "31.5204",
        "74.3587",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(2004, 7, 22),
        None,
        ["culture", "universities", "exhibitions"],
        "دو شهر با معماری و هنرهای نزدیک به هم، از باغ‌ها تا کاشی‌کاری.",
        "Two cities with kindred architecture and crafts, from gardens to tilework.",
    ),
    (
        "saint-petersburg",
        "سن‌پترزبورگ",
        "Saint Petersburg",
        "Санкт-Петербург",
        "RU",
        Region.EUROPE,
        "59.9311",
        "30.3609",
        SISTER,
        LifecycleStatus.ACTIVE,
        D(2004, 11, 10),
        None,
        ["culture", "universities", "tourism"],
        "همکاری فرهنگی و دانشگاهی با پایتخت فرهنگی روسیه.",
        "Cultural and academic cooperation with Russia's cultural capital.",
    ),
    (
        "dakar",
        "داکار",
        "Dakar",
        "Dakar",
        "SN",
        Region.AFRICA,
        "14.7167",
        "-17.4677",
        SISTER,
        LifecycleStatus.SIGNED,
        D(2009, 11, 25),
        None,
        ["culture", "regular-meetings"],
        "تنها شهر خواهرخواندهٔ اصفهان در آفریقا.",
        "Isfahan's only sister city in Africa.",
    ),
    (
        "baalbek",
        "بعلبک",
        "Baalbek",
        "بعلبك",
        "LB",
        Region.ASIA,
        "34.0047",
        "36.2110",
        SISTER,
        LifecycleStatus.SIGNED,
        D(2010, 10, 5),
        None,
        ["culture", "tourism"],
        "شهری با ویرانه‌های باستانی نامدار در درهٔ بقاع لبنان.",
        "A city of famous ancient ruins in Lebanon's Beqaa Valley.",
    ),
    (
        "samarkand",
        "سمرقند",
        "Samarkand",
        "Samarqand",
        "UZ",
        Region.ASIA,
        "39.6270",
        "66.9750",
        SISTER,
        LifecycleStatus.ACTIVE,
        None,
        2021,
        ["culture", "tourism", "exhibitions"],
        "شهر فیروزه‌ای جادهٔ ابریشم که در سال ۱۴۰۰ به جمع شهرهای خواهرخواندهٔ اصفهان پیوست.",
        "The turquoise city of the Silk Road, which joined Isfahan's sister cities in 2021.",
    ),
    (
        "kazan",
        "کازان",
        "Kazan",
        "Казань",
        "RU",
        Region.EUROPE,
        "55.7961",
        "49.1064",
        SISTER,
        LifecycleStatus.SIGNED,
        None,
        None,
        ["culture", "chambers-of-commerce"],
        "پیمان خواهرخواندگی با کازان در کاخ چهلستون اصفهان امضا شد.",
        "The sister-city agreement with Kazan was signed at Isfahan's Chehel Sotoun Palace.",
    ),
    (
        "porto",
        "پورتو",
        "Porto",
        "Porto",
        "PT",
        Region.EUROPE,
        "41.1579",
        "-8.6291",
        SISTER,
        LifecycleStatus.PROPOSED,
        None,
        None,
        ["tourism", "culture"],
        "پیمان خواهرخواندگی با پورتو اعلام شده و در دست آماده‌سازی است.",
        "A sister-city agreement with Porto has been announced and is being prepared.",
    ),
    (
        "hyderabad",
        "حیدرآباد",
        "Hyderabad",
        "హైదరాబాద్",
        "IN",
        Region.ASIA,
        "17.3850",
        "78.4867",
        SISTER,
        LifecycleStatus.PROPOSED,
        None,
        None,
        ["universities", "chambers-of-commerce"],
        "پیمان خواهرخواندگی با حیدرآباد اعلام شده و در دست آماده‌سازی است.",
        "A sister-city agreement with Hyderabad has been announced and is being prepared.",
    ),
    (
        "issy-les-moulineaux",
        "ایسی‌له‌مولینو",
        "Issy-les-Moulineaux",
        "Issy-les-Moulineaux",
        "FR",
        Region.EUROPE,
        "48.8240",
        "2.2700",
        PACT,
        LifecycleStatus.SIGNED,
        None,
        None,
        ["culture"],
        "پیمان دوستی یکی از محله‌های اصفهان با این شهر، که در هفتهٔ فرهنگی اصفهان در پاریس امضا شد.",
        "A friendship pact between a neighbourhood of Isfahan and this town, signed during Isfahan's cultural week in Paris.",
    ),
]

# Sample exchanges after the signings (slug: [(date, kind, fa title, en title)]), so that the
# timelines and activity levels have something to show.
EXCHANGES = {
    "xian": [
        (
            D(2025, 9, 20),
            ExchangeKind.DELEGATION_IN,
            "سفر هیئت شهرداری شیان به اصفهان",
            "A delegation from Xi'an's municipality visits Isfahan",
        )
    ],
    "florence": [
        (
            D(2023, 5, 10),
            ExchangeKind.CULTURAL_WEEK,
            "نمایشگاه صنایع دستی اصفهان در فلورانس",
            "An exhibition of Isfahan's crafts in Florence",
        )
    ],
    "barcelona": [
        (
            D(2025, 4, 14),
            ExchangeKind.ACADEMIC,
            "کارگاه مشترک دانشگاهی در برنامه‌ریزی شهری",
            "A joint university workshop on urban planning",
        )
    ],
    "yerevan": [
        (
            D(2022, 6, 1),
            ExchangeKind.BUSINESS,
            "دیدار هیئت بازرگانی اصفهان با اتاق بازرگانی ایروان",
            "Isfahan's trade delegation meets Yerevan's chamber of commerce",
        )
    ],
    "lahore": [
        (
            D(2023, 2, 8),
            ExchangeKind.AMBASSADOR,
            "دیدار کنسول پاکستان با شهردار اصفهان",
            "Pakistan's consul meets the mayor of Isfahan",
        )
    ],
    "saint-petersburg": [
        (
            D(2024, 6, 12),
            ExchangeKind.DELEGATION_OUT,
            "سفر هیئت اصفهان به سن‌پترزبورگ",
            "An Isfahan delegation visits Saint Petersburg",
        )
    ],
    "samarkand": [
        (
            D(2025, 5, 18),
            ExchangeKind.DELEGATION_OUT,
            "سفر هیئت گردشگری اصفهان به سمرقند",
            "An Isfahan tourism delegation visits Samarkand",
        )
    ],
}

NETWORKS = [
    (
        "شبکهٔ شهرهای خلاق یونسکو",
        "UNESCO Creative Cities Network",
        "UCCN",
        2015,
        "شهر خلاق صنایع دستی و هنرهای مردمی",
        "Creative City of Crafts and Folk Art",
        "https://www.unesco.org/en/creative-cities",
    ),
    (
        "اتحادیهٔ شهرهای تاریخی",
        "League of Historical Cities",
        "LHC",
        None,
        "عضو",
        "Member",
        "https://www2.city.kyoto.lg.jp/somu/kokusai/lhcs/",
    ),
    (
        "شورای جهانی صنایع دستی",
        "World Crafts Council",
        "WCC",
        None,
        "شهر جهانی صنایع دستی",
        "World Craft City",
        "https://www.wcc-asiapacific.org/",
    ),
]


def _signing(date, fa, en):
    fa_title = f"امضای پیمان خواهرخواندگی با {fa}"
    en_title = f"Sister-city agreement signed with {en}"
    return (date, ExchangeKind.SIGNING, fa_title, en_title)


def _exchanges(events, language):
    index = 2 if language == "fa" else 3
    return [
        ("exchange", {"date": event[0], "kind": event[1], "title": event[index], "note": ""})
        for event in events
    ]


def _agreements(spec, language):
    slug, fa, en, *_rest = spec
    signed_on = spec[10]
    if signed_on is None or spec[8] != SISTER:
        return []
    title = (
        f"پیمان خواهرخواندگی اصفهان و {fa}"
        if language == "fa"
        else f"Isfahan–{en} sister-city agreement"
    )
    return [
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
    ]


@demo.register(order=20)
def seed_fields_of_cooperation(log):
    fa, en = Locale.objects.get(language_code="fa"), Locale.objects.get(language_code="en")
    for slug, fa_name, en_name in FIELDS:
        source, _ = FieldOfCooperation.objects.get_or_create(
            slug=slug, locale=fa, defaults={"name": fa_name}
        )
        if not FieldOfCooperation.objects.filter(
            translation_key=source.translation_key, locale=en
        ).exists():
            translated = source.copy_for_translation(en)
            translated.name = en_name
            translated.save()
    log(f"  {len(FIELDS)} fields of cooperation in Persian and English")


@demo.register(order=21)
def seed_partner_cities(log):
    # The site's root page is the default language's home (partners does not import home).
    fa_home = Site.objects.get(is_default_site=True).root_page
    index = demo.publish_child(
        fa_home,
        PartnerIndexPage(
            title="شهرهای همکار",
            slug="partner-cities",
            show_in_menus=True,
            intro="شهرهای خواهرخوانده، شهرهای دوست و پیمان‌های محله‌ای اصفهان در سراسر جهان.",
        ),
    )
    demo.publish_translation(
        index,
        "en",
        title="Partner cities",
        intro="Isfahan's sister cities, friendship ties and neighbourhood pacts around the world.",
    )
    fields = {f.slug: f for f in FieldOfCooperation.objects.filter(locale__language_code="fa")}
    for spec in CITIES:
        (
            slug,
            fa,
            en,
            native,
            country,
            region,
            lat,
            lng,
            kind,
            status,
            signed_on,
            signed_year,
            field_slugs,
            fa_summary,
            en_summary,
        ) = spec
        events = list(EXCHANGES.get(slug, []))
        if signed_on and kind == SISTER:
            events.append(_signing(signed_on, fa, en))
        city = PartnerCityPage(
            title=fa,
            slug=slug,
            native_name=native,
            country=country,
            region=region,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            relationship_kind=kind,
            status=status,
            signed_on=signed_on,
            signed_year=signed_year,
            summary=fa_summary,
            exchanges=_exchanges(events, "fa"),
            agreements=_agreements(spec, "fa"),
        )
        existed = index.get_children().filter(slug=slug).exists()
        city = demo.publish_child(index, city)
        if not existed:
            city.fields_of_cooperation.set([fields[s] for s in field_slugs])
            city.save_revision().publish()
        demo.publish_translation(
            city,
            "en",
            title=en,
            summary=en_summary,
            exchanges=_exchanges(events, "en"),
            agreements=_agreements(spec, "en"),
        )
    log(f"  {len(CITIES)} partner cities in Persian and English")

    networks = demo.publish_child(
        index,
        NetworkIndexPage(
            title="شبکه‌های بین‌المللی شهرها",
            slug="networks",
            intro="اصفهان عضو نُه شبکهٔ بین‌المللی شهرهاست. چند نمونه از آن‌ها:",
            memberships=[
                (
                    "membership",
                    {
                        "name": n[0],
                        "acronym": n[2],
                        "since": n[3],
                        "role": n[4],
                        "url": n[6],
                        "note": "",
                    },
                )
                for n in NETWORKS
            ],
        ),
    )
    demo.publish_translation(
        networks,
        "en",
        title="City networks",
        intro="Isfahan is a member of nine international city networks. Some of them:",
        memberships=[
            (
                "membership",
                {
                    "name": n[1],
                    "acronym": n[2],
                    "since": n[3],
                    "role": n[5],
                    "url": n[6],
                    "note": "",
                },
            )
            for n in NETWORKS
        ],
    )
    log(f"  city networks page with {len(NETWORKS)} memberships")
