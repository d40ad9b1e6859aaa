"""Demo content: Isfahan's partner cities, fields of cooperation and city networks.

Facts (names, countries, signing dates, kinds and statuses) come from shared/demo-facts.md. The
exchanges after the signings, the summaries and the network notes are sample content for the demo
site, which says so in its footer.
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from wagtail.models import Site

from core import demo
from partners import demo_weeks  # noqa: F401  (registers the cultural-week seeders)
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


class City(NamedTuple):
    slug: str
    fa: str
    en: str
    native: str
    country: str
    region: str
    lat: str
    lng: str
    kind: str
    status: str
    signed_on: datetime.date | None
    signed_year: int | None  # when only the year is known
    fields: list[str]
    fa_summary: str
    en_summary: str


CITIES = [
    City(
        slug="xian",
        fa="شیان",
        en="Xi'an",
        native="西安",
        country="CN",
        region=Region.ASIA,
        lat="34.3416",
        lng="108.9398",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(1989, 5, 7),
        signed_year=None,
        fields=["culture", "tourism", "universities"],
        fa_summary="نخستین شهر خواهرخواندهٔ اصفهان؛ دو شهر کهن در دو سر جادهٔ ابریشم.",
        en_summary="Isfahan's first sister city: two old cities at either end of the Silk Road.",
    ),
    City(
        slug="kuala-lumpur",
        fa="کوالالامپور",
        en="Kuala Lumpur",
        native="Kuala Lumpur",
        country="MY",
        region=Region.ASIA,
        lat="3.1390",
        lng="101.6869",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(1997, 6, 23),
        signed_year=None,
        fields=["tourism", "chambers-of-commerce"],
        fa_summary="پیوندی برای گردشگری و بازرگانی با پایتخت مالزی.",
        en_summary="A tie for tourism and trade with Malaysia's capital.",
    ),
    City(
        slug="florence",
        fa="فلورانس",
        en="Florence",
        native="Firenze",
        country="IT",
        region=Region.EUROPE,
        lat="43.7696",
        lng="11.2558",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(1998, 9, 18),
        signed_year=None,
        fields=["culture", "urban-planning", "exhibitions"],
        fa_summary="دو شهر هنر و معماری که در نگهداری از بافت تاریخی تجربه‌های مشترک دارند.",
        en_summary="Two cities of art and architecture with shared experience in caring for a historic centre.",
    ),
    City(
        slug="iasi",
        fa="یاش",
        en="Iași",
        native="Iași",
        country="RO",
        region=Region.EUROPE,
        lat="47.1585",
        lng="27.6014",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(1999, 5, 10),
        signed_year=None,
        fields=["universities", "culture"],
        fa_summary="شهری دانشگاهی در شرق رومانی.",
        en_summary="A university city in eastern Romania.",
    ),
    City(
        slug="barcelona",
        fa="بارسلونا",
        en="Barcelona",
        native="Barcelona",
        country="ES",
        region=Region.EUROPE,
        lat="41.3874",
        lng="2.1686",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(2000, 1, 14),
        signed_year=None,
        fields=["urban-planning", "urban-governance", "universities"],
        fa_summary="همکاری در برنامه‌ریزی شهری و مدیریت شهری با یکی از شهرهای پیشرو مدیترانه.",
        en_summary="Cooperation on urban planning and governance with a leading Mediterranean city.",
    ),
    City(
        slug="yerevan",
        fa="ایروان",
        en="Yerevan",
        native="Երևան",
        country="AM",
        region=Region.ASIA,
        lat="40.1872",
        lng="44.5152",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(2000, 4, 27),
        signed_year=None,
        fields=["culture", "chambers-of-commerce", "tourism"],
        fa_summary="همسایه‌ای نزدیک با پیوندهای دیرینه از راه جلفای اصفهان.",
        en_summary="A close neighbour, with old ties through Isfahan's New Julfa quarter.",
    ),
    City(
        slug="kuwait-city",
        fa="شهر کویت",
        en="Kuwait City",
        native="مدينة الكويت",
        country="KW",
        region=Region.ASIA,
        lat="29.3759",
        lng="47.9774",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(2000, 6, 19),
        signed_year=None,
        fields=["chambers-of-commerce", "tourism"],
        fa_summary="پیوندی با پایتخت کویت در کرانهٔ خلیج فارس.",
        en_summary="A tie with Kuwait's capital on the Persian Gulf.",
    ),
    City(
        slug="freiburg",
        fa="فرایبورگ",
        en="Freiburg im Breisgau",
        native="Freiburg im Breisgau",
        country="DE",
        region=Region.EUROPE,
        lat="47.9990",
        lng="7.8421",
        kind=SISTER,
        status=LifecycleStatus.DORMANT,
        signed_on=D(2000, 10, 27),
        signed_year=None,
        fields=["urban-planning", "universities"],
        fa_summary="شهری دانشگاهی و نمونه‌ای شناخته‌شده در شهرسازی پایدار.",
        en_summary="A university city and a well-known example of sustainable urban planning.",
    ),
    City(
        slug="havana",
        fa="هاوانا",
        en="Havana",
        native="La Habana",
        country="CU",
        region=Region.AMERICAS,
        lat="23.1136",
        lng="-82.3666",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(2001, 3, 8),
        signed_year=None,
        fields=["culture", "tourism"],
        fa_summary="تنها شهر خواهرخواندهٔ اصفهان در قارهٔ آمریکا.",
        en_summary="Isfahan's only sister city in the Americas.",
    ),
    City(
        slug="lahore",
        fa="لاهور",
        en="Lahore",
        native="لاہور",
        country="PK",
        region=Region.ASIA,
        lat="31.5204",
        lng="74.3587",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(2004, 7, 22),
        signed_year=None,
        fields=["culture", "universities", "exhibitions"],
        fa_summary="دو شهر با معماری و هنرهای نزدیک به هم، از باغ‌ها تا کاشی‌کاری.",
        en_summary="Two cities with kindred architecture and crafts, from gardens to tilework.",
    ),
    City(
        slug="saint-petersburg",
        fa="سن‌پترزبورگ",
        en="Saint Petersburg",
        native="Санкт-Петербург",
        country="RU",
        region=Region.EUROPE,
        lat="59.9311",
        lng="30.3609",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=D(2004, 11, 10),
        signed_year=None,
        fields=["culture", "universities", "tourism"],
        fa_summary="همکاری فرهنگی و دانشگاهی با پایتخت فرهنگی روسیه.",
        en_summary="Cultural and academic cooperation with Russia's cultural capital.",
    ),
    City(
        slug="dakar",
        fa="داکار",
        en="Dakar",
        native="Dakar",
        country="SN",
        region=Region.AFRICA,
        lat="14.7167",
        lng="-17.4677",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(2009, 11, 25),
        signed_year=None,
        fields=["culture", "regular-meetings"],
        fa_summary="تنها شهر خواهرخواندهٔ اصفهان در آفریقا.",
        en_summary="Isfahan's only sister city in Africa.",
    ),
    City(
        slug="baalbek",
        fa="بعلبک",
        en="Baalbek",
        native="بعلبك",
        country="LB",
        region=Region.ASIA,
        lat="34.0047",
        lng="36.2110",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=D(2010, 10, 5),
        signed_year=None,
        fields=["culture", "tourism"],
        fa_summary="شهری با ویرانه‌های باستانی نامدار در درهٔ بقاع لبنان.",
        en_summary="A city of famous ancient ruins in Lebanon's Beqaa Valley.",
    ),
    City(
        slug="samarkand",
        fa="سمرقند",
        en="Samarkand",
        native="Samarqand",
        country="UZ",
        region=Region.ASIA,
        lat="39.6270",
        lng="66.9750",
        kind=SISTER,
        status=LifecycleStatus.ACTIVE,
        signed_on=None,
        signed_year=2021,
        fields=["culture", "tourism", "exhibitions"],
        fa_summary="شهر فیروزه‌ای جادهٔ ابریشم که در سال ۱۴۰۰ به جمع شهرهای خواهرخواندهٔ اصفهان پیوست.",
        en_summary="The turquoise city of the Silk Road, which joined Isfahan's sister cities in 2021.",
    ),
    City(
        slug="kazan",
        fa="کازان",
        en="Kazan",
        native="Казань",
        country="RU",
        region=Region.EUROPE,
        lat="55.7961",
        lng="49.1064",
        kind=SISTER,
        status=LifecycleStatus.SIGNED,
        signed_on=None,
        signed_year=None,
        fields=["culture", "chambers-of-commerce"],
        fa_summary="پیمان خواهرخواندگی با کازان در کاخ چهلستون اصفهان امضا شد.",
        en_summary="The sister-city agreement with Kazan was signed at Isfahan's Chehel Sotoun Palace.",
    ),
    City(
        slug="porto",
        fa="پورتو",
        en="Porto",
        native="Porto",
        country="PT",
        region=Region.EUROPE,
        lat="41.1579",
        lng="-8.6291",
        kind=SISTER,
        status=LifecycleStatus.PROPOSED,
        signed_on=None,
        signed_year=None,
        fields=["tourism", "culture"],
        fa_summary="پیمان خواهرخواندگی با پورتو اعلام شده و در دست آماده‌سازی است.",
        en_summary="A sister-city agreement with Porto has been announced and is being prepared.",
    ),
    City(
        slug="hyderabad",
        fa="حیدرآباد",
        en="Hyderabad",
        native="హైదరాబాద్",
        country="IN",
        region=Region.ASIA,
        lat="17.3850",
        lng="78.4867",
        kind=SISTER,
        status=LifecycleStatus.PROPOSED,
        signed_on=None,
        signed_year=None,
        fields=["universities", "chambers-of-commerce"],
        fa_summary="پیمان خواهرخواندگی با حیدرآباد اعلام شده و در دست آماده‌سازی است.",
        en_summary="A sister-city agreement with Hyderabad has been announced and is being prepared.",
    ),
    City(
        slug="issy-les-moulineaux",
        fa="ایسی‌له‌مولینو",
        en="Issy-les-Moulineaux",
        native="Issy-les-Moulineaux",
        country="FR",
        region=Region.EUROPE,
        lat="48.8240",
        lng="2.2700",
        kind=PACT,
        status=LifecycleStatus.SIGNED,
        signed_on=None,
        signed_year=None,
        fields=["culture"],
        fa_summary="پیمان دوستی یکی از محله‌های اصفهان با این شهر، که در هفتهٔ فرهنگی اصفهان در پاریس امضا شد.",
        en_summary="A friendship pact between a neighbourhood of Isfahan and this town, signed during Isfahan's cultural week in Paris.",
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

# What a few ties offer residents (sample text for the demo).
BENEFITS = {
    "xian": (
        "<ul><li>بورسیهٔ کوتاه‌مدت زبان چینی برای دانشجویان اصفهانی</li>"
        "<li>حضور صنعتگران اصفهانی در نمایشگاه‌های شیان</li></ul>",
        "<ul><li>Short Chinese-language scholarships for Isfahan's students</li>"
        "<li>Stands for Isfahan's craftspeople at Xi'an's fairs</li></ul>",
    ),
    "barcelona": (
        "<ul><li>کارگاه‌های مشترک برای کارشناسان شهرسازی شهرداری</li>"
        "<li>دوره‌های تابستانی دانشگاهی برای دانشجویان معماری</li></ul>",
        "<ul><li>Joint workshops for the municipality's urban planners</li>"
        "<li>University summer courses for architecture students</li></ul>",
    ),
    "samarkand": (
        "<ul><li>تورهای گردشگری مشترک در مسیر جادهٔ ابریشم</li>"
        "<li>بازارچهٔ صنایع دستی دو شهر در نوروز</li></ul>",
        "<ul><li>Joint tours along the Silk Road</li>"
        "<li>A Nowruz market of both cities' crafts</li></ul>",
    ),
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


def _agreements(city, language):
    if city.signed_on is None or city.kind != SISTER:
        return []
    if language == "fa":
        title = f"پیمان خواهرخواندگی اصفهان و {city.fa}"
    else:
        title = f"Isfahan–{city.en} sister-city agreement"
    value = {
        "title": title,
        "kind": AgreementKind.SISTER_CITY,
        "signed_on": city.signed_on,
        "summary": "",
        "documents": [],
    }
    return [("agreement", value)]


@demo.register(order=20)
def seed_fields_of_cooperation(log):
    demo.seed_terms(FieldOfCooperation, FIELDS)
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
        events = list(EXCHANGES.get(spec.slug, []))
        if spec.signed_on and spec.kind == SISTER:
            events.append(_signing(spec.signed_on, spec.fa, spec.en))
        existed = index.get_children().filter(slug=spec.slug).exists()
        city = demo.publish_child(
            index,
            PartnerCityPage(
                title=spec.fa,
                slug=spec.slug,
                native_name=spec.native,
                country=spec.country,
                region=spec.region,
                latitude=Decimal(spec.lat),
                longitude=Decimal(spec.lng),
                relationship_kind=spec.kind,
                status=spec.status,
                signed_on=spec.signed_on,
                signed_year=spec.signed_year,
                summary=spec.fa_summary,
                benefits=BENEFITS.get(spec.slug, ("", ""))[0],
                exchanges=_exchanges(events, "fa"),
                agreements=_agreements(spec, "fa"),
            ),
        )
        if not existed:
            city.fields_of_cooperation.set([fields[slug] for slug in spec.fields])
            city.save_revision().publish()
        demo.publish_translation(
            city,
            "en",
            title=spec.en,
            summary=spec.en_summary,
            benefits=BENEFITS.get(spec.slug, ("", ""))[1],
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
