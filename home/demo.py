"""Demo content for the home page, the office's standard pages and the footer settings.

Written fresh for this project from shared/demo-facts.md. Every page is created in Persian (the
default language) and then translated to English, so the demo's trees are real translations.
"""

from wagtail.models import Site
from wagtail.rich_text import RichText

from core import demo
from core.models import OfficeDetails, SiteSettings, SocialLink
from home.models import HomePage, StandardPage


def _paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


HOME = {
    "fa": {
        "title": "روابط بین‌الملل شهر اصفهان",
        "intro": (
            "اصفهان با سیزده شهر خواهرخوانده در آسیا، اروپا، آفریقا و آمریکای لاتین پیوند رسمی دارد "
            "و عضو نُه شبکهٔ بین‌المللی شهرهاست. این تارنما این پیوندها و کارهای مشترک اصفهان و "
            "شهرهای همتایش را معرفی می‌کند."
        ),
        "body": [
            _heading("شهر، پلی میان مردم"),
            *_paragraphs(
                "نخستین پیمان خواهرخواندگی اصفهان در سال ۱۳۶۸ با شیان چین امضا شد. از آن زمان، "
                "اصفهان با شهرهای همتای خود در زمینهٔ شهرسازی، آموزش دانشگاهی، فرهنگ، گردشگری و "
                "بازرگانی همکاری کرده است.",
                "در این تارنما صفحهٔ هر شهر خواهرخوانده، هفته‌های فرهنگی و خبرها را می‌یابید و با "
                "راه‌های مشارکت شهروندان در دیپلماسی شهری آشنا می‌شوید.",
            ),
        ],
    },
    "en": {
        "title": "Isfahan International Relations",
        "intro": (
            "Isfahan has formal ties with thirteen sister cities across Asia, Europe, Africa and "
            "Latin America, and belongs to nine international city networks. This site tells the "
            "story of those ties and of what the cities do together."
        ),
        "body": [
            _heading("Cities connect people"),
            *_paragraphs(
                "Isfahan signed its first sister-city agreement with Xi'an, China, in 1989. Since "
                "then it has worked with partner cities on urban planning, universities, culture, "
                "tourism and trade.",
                "Here you will find a page for each sister city, the cultural weeks, the news, and "
                "the ways in which residents can take part in the city's diplomacy.",
            ),
        ],
    },
}

PAGES = [
    {
        "slug": "about",
        "fa": {
            "title": "دربارهٔ ما",
            "intro": "ادارهٔ روابط بین‌الملل پیوندهای اصفهان با شهرهای جهان را برقرار می‌کند و زنده نگه می‌دارد.",
            "body": [
                _heading("کار ما"),
                *_paragraphs(
                    "ما پیمان‌های خواهرخواندگی و تفاهم‌نامه‌های همکاری را تهیه و پیگیری می‌کنیم، "
                    "میزبان هیئت‌ها و سفیران هستیم و هفته‌های فرهنگی اصفهان را در شهرهای دیگر جهان "
                    "برگزار می‌کنیم.",
                    "در سال ۱۳۹۹ طرح «شهروند دیپلمات» را با همراهی وزارت امور خارجه، شبکهٔ دانشگاه‌های "
                    "اصفهان برای همکاری‌های بین‌المللی و اتاق بازرگانی اصفهان آغاز کردیم تا شهروندانی که با "
                    "شهرهای خواهرخوانده ارتباط دارند، در کنار ما کار کنند.",
                ),
                _heading("شریکان ما"),
                *_paragraphs(
                    "سیزده شهر خواهرخوانده تا سال ۱۴۰۰، از شیان و کوالالامپور تا فلورانس، بارسلونا، "
                    "هاوانا و داکار؛ و نُه شبکهٔ بین‌المللی شهرها که اصفهان در آن‌ها عضو است."
                ),
            ],
        },
        "en": {
            "title": "About the office",
            "intro": "The international relations office builds and looks after Isfahan's ties with cities around the world.",
            "body": [
                _heading("What we do"),
                *_paragraphs(
                    "We prepare and follow up sister-city agreements and cooperation memoranda, host "
                    "delegations and ambassadors, and organise Isfahan's cultural weeks abroad.",
                    "In 2021 we launched the Citizen Diplomat initiative with the Ministry of Foreign "
                    "Affairs, the Isfahan Universities Network for International Cooperation and the "
                    "Isfahan Chamber of Commerce, so that residents with links to our sister cities "
                    "can work alongside us.",
                ),
                _heading("Our partners"),
                *_paragraphs(
                    "Thirteen sister cities by 2021, from Xi'an and Kuala Lumpur to Florence, "
                    "Barcelona, Havana and Dakar; and nine international city networks of which "
                    "Isfahan is a member."
                ),
            ],
        },
    },
    {
        "slug": "kinds-of-ties",
        "fa": {
            "title": "انواع پیوند میان شهرها",
            "intro": "همهٔ پیوندهای میان شهرها یکسان نیستند. این صفحه تفاوت آن‌ها را توضیح می‌دهد.",
            "body": [
                _heading("خواهرخواندگی"),
                *_paragraphs(
                    "پیمانی بلندمدت میان دو شهر که پس از تصویب شورای شهر امضا می‌شود و هر دو طرف را به "
                    "برنامه‌های مشترک، مانند جشنواره‌ها و هفته‌های فرهنگی و همکاری اقتصادی، متعهد می‌کند."
                ),
                _heading("شهرهای دوست"),
                *_paragraphs(
                    "پیوندی ساده‌تر از خواهرخواندگی، برای شهرهایی که تازه همکاری را آغاز کرده‌اند و "
                    "می‌خواهند ببینند به کجا می‌انجامد."
                ),
                _heading("تفاهم‌نامهٔ همکاری"),
                *_paragraphs(
                    "سندی برای همکاری در زمینه‌هایی مشخص، مانند گردشگری یا آموزش عالی، بی‌آنکه پیوندی "
                    "همه‌جانبه میان دو شهر برقرار کند."
                ),
                _heading("پیمان محله‌ای"),
                *_paragraphs(
                    "پیوند یک محله یا منطقهٔ شهری با شهری دیگر؛ مانند پیمان دوستی یکی از محله‌های "
                    "اصفهان با ایسی‌له‌مولینو در فرانسه."
                ),
                _heading("عضویت در شبکه‌ها"),
                *_paragraphs(
                    "عضویت اصفهان در شبکه‌های بین‌المللی شهرها؛ اصفهان در این شبکه‌ها تجربه‌ها و "
                    "برنامه‌هایش را با ده‌ها شهر دیگر در میان می‌گذارد."
                ),
            ],
        },
        "en": {
            "title": "Kinds of city ties",
            "intro": "Not every tie between cities is the same. This page explains how they differ.",
            "body": [
                _heading("Sister cities"),
                *_paragraphs(
                    "A long-term agreement between two cities, signed after the city council approves "
                    "it. Both sides commit to joint programmes such as festivals, cultural weeks and "
                    "economic cooperation."
                ),
                _heading("Friendship cities"),
                *_paragraphs(
                    "A lighter tie than twinning, for cities that have begun to work together and "
                    "want to see where it leads."
                ),
                _heading("Cooperation memoranda"),
                *_paragraphs(
                    "A document for cooperation in named fields, such as tourism or universities, "
                    "without a tie that covers everything."
                ),
                _heading("Neighbourhood pacts"),
                *_paragraphs(
                    "A tie between one district of a city and another city, such as the friendship "
                    "pact between a neighbourhood of Isfahan and Issy-les-Moulineaux in France."
                ),
                _heading("Network memberships"),
                *_paragraphs(
                    "Isfahan's membership of international city networks, where it shares "
                    "experience and programmes with dozens of other cities."
                ),
            ],
        },
    },
    {
        "slug": "privacy",
        "fa": {
            "title": "اطلاعیهٔ حریم خصوصی",
            "intro": "چه داده‌هایی از شما نگه می‌داریم، چرا و تا چه مدت، و چه حقوقی بر آن‌ها دارید.",
            "body": [
                _heading("داده‌هایی که گردآوری می‌کنیم"),
                *_paragraphs(
                    "خواندن این تارنما به ثبت‌نام نیاز ندارد. ما تنها یک کوکی به کار می‌بریم که زبان "
                    "انتخابی شما را به خاطر می‌سپارد، و از هیچ ابزار ردیابی تبلیغاتی استفاده نمی‌کنیم.",
                    "اگر در فراخوان «شهروند دیپلمات» شرکت کنید، نام، نشانی ایمیل، شمارهٔ تلفن و اطلاعاتی "
                    "را که در فرم می‌نویسید، تنها برای بررسی درخواست شما و برگزاری نشست‌های تدوین نقشهٔ راه نگه می‌داریم.",
                ),
                _heading("مدت نگهداری و حقوق شما"),
                *_paragraphs(
                    "داده‌های شخصی درخواست‌ها پس از پایان مدت نگهداری پاک می‌شوند. برای دریافت رونوشت "
                    "داده‌هایتان یا درخواست پاک کردن آن‌ها، به نشانی ایمیل پایین همین صفحه نامه بفرستید."
                ),
            ],
        },
        "en": {
            "title": "Privacy notice",
            "intro": "What data we keep about you, why, for how long, and what rights you have over it.",
            "body": [
                _heading("What we collect"),
                *_paragraphs(
                    "Reading this site needs no account. We set only the cookie that remembers your "
                    "language, and we use no advertising trackers.",
                    "If you answer the Citizen Diplomat call, we keep your name, email address, phone "
                    "number and what you write in the form, only to review your application and to "
                    "hold the road-map meetings.",
                ),
                _heading("How long we keep it, and your rights"),
                *_paragraphs(
                    "Personal data in applications is deleted when the retention period ends. Write "
                    "to the email address at the foot of this page to ask for a copy of your data or "
                    "for its deletion."
                ),
            ],
        },
    },
    {
        "slug": "accessibility",
        "fa": {
            "title": "بیانیهٔ دسترس‌پذیری",
            "intro": "می‌خواهیم همه، از جمله کسانی که با صفحه‌خوان یا تنها با صفحه‌کلید کار می‌کنند، بتوانند از این تارنما استفاده کنند.",
            "body": [
                _heading("هدف ما"),
                *_paragraphs(
                    "می‌کوشیم سطح AA رهنمودهای دسترس‌پذیری محتوای وب (WCAG 2.2) را رعایت کنیم: همهٔ صفحه‌ها را "
                    "می‌توان با صفحه‌کلید به کار برد، تصویرها متن جایگزین دارند و متن فارسی و انگلیسی "
                    "هر کدام در جهت درست خود نمایش داده می‌شود."
                ),
                _heading("گزارش مشکل"),
                *_paragraphs(
                    "اگر نمی‌توانید از بخشی از تارنما استفاده کنید، از راه نشانی ایمیل پایین صفحه به ما "
                    "خبر دهید. "
                    "ظرف ده روز کاری پاسخ می‌دهیم."
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "intro": "We want everyone, including people using screen readers or a keyboard alone, to be able to use this site.",
            "body": [
                _heading("What we aim for"),
                *_paragraphs(
                    "We aim for level AA of the Web Content Accessibility Guidelines (WCAG 2.2): every "
                    "page works with a keyboard, images have text alternatives, and text in Persian "
                    "and English is shown in its proper direction."
                ),
                _heading("Reporting a problem"),
                *_paragraphs(
                    "If part of the site does not work for you, tell us at the email address at the "
                    "foot of the page. We reply within ten working days."
                ),
            ],
        },
    },
]

OFFICE = {
    "email": "international@isfahan.example",
    "phone": "+98 31 3000 0000",
    "details": {
        "fa": ("ادارهٔ روابط بین‌الملل شهرداری اصفهان", "اصفهان، میدان امام حسین، ساختمان شهرداری"),
        "en": (
            "Isfahan Municipality International Relations Office",
            "Municipality Building, Imam Hossein Square, Isfahan, Iran",
        ),
    },
    "social": [
        ("Instagram", "https://www.instagram.example/isfahan.intl"),
        ("Telegram", "https://t.example/isfahan_intl"),
    ],
}


@demo.register(order=10)
def seed_home_and_pages(log):
    fa_home = HomePage.objects.get(locale__language_code="fa")
    en_home = HomePage.objects.get(locale__language_code="en")
    for home, language in ((fa_home, "fa"), (en_home, "en")):
        if not home.intro:
            for name, value in HOME[language].items():
                setattr(home, name, value)
            home.save_revision().publish()
            log(f"  home page ({language})")

    for spec in PAGES:
        page = demo.publish_child(
            fa_home, StandardPage(slug=spec["slug"], show_in_menus=True, **spec["fa"])
        )
        demo.publish_translation(page, "en", **spec["en"])
    log(f"  {len(PAGES)} standard pages in Persian and English")


@demo.register(order=11)
def seed_site_settings(log):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if site_settings.office_details.exists():
        # Seeded before, or set up by hand in the admin: leave whatever is there alone.
        return
    site_settings.email = OFFICE["email"]
    site_settings.phone = OFFICE["phone"]
    site_settings.is_demo = True
    site_settings.save()
    for language, (name, address) in OFFICE["details"].items():
        OfficeDetails.objects.create(
            settings=site_settings, language=language, office_name=name, address=address
        )
    for order, (name, url) in enumerate(OFFICE["social"]):
        SocialLink.objects.create(settings=site_settings, name=name, url=url, sort_order=order)
    log("  site settings (office details in both languages, social links)")
