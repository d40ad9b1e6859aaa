"""Every public page type renders in at most ``QUERY_BUDGET`` SQL queries for an anonymous
reader, in both languages, and the count does not grow with the amount of content (issue 9).

The site is built small and every page type is counted in both languages; then the site is made
several times larger (more partner cities with agreements, images and fields, weeks with many
programme items, many stories naming the cities, road maps and facilitators, bodies with images,
documents and calls to action) and every page type is counted again, on pages that carry the
larger content. Each URL is fetched once before it is counted, to warm what a live site keeps
warm between requests (the site's root paths, image renditions once generated). Neither the page
cache nor Wagtail's rendition cache takes part: every counted request reads what it shows from
the database, so images must be fetched with their renditions, not found in a cache.

Run with ``-s`` to see the table; it is also in the failure message, with the SQL of each page
that is over the budget or grew.
"""

import datetime
import zoneinfo

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Site

from applications.models import Application, ApplicationPage, RoadmapItem, RoadmapMeeting
from applications.pipeline import Status, transition
from core.models import OfficeDetails, SiteSettings, SocialLink
from home.models import HomePage, StandardPage
from partners.models import CulturalWeekPage, NetworkIndexPage, ProgrammeItem
from tests.factories import (
    CulturalWeekIndexPageFactory,
    FieldOfCooperationFactory,
    PartnerIndexPageFactory,
    ProgrammeCategoryFactory,
    StoryIndexPageFactory,
    partner_city,
    story,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
LANGUAGES = ("fa", "en")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# In the title of every city, story and page in each language, so that search finds them all.
SEARCH_WORDS = {"fa": "همکاری", "en": "partnership"}


def _document(name):
    document = Document(title=name)
    document.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def _image_block(image):
    return (
        "image",
        {"image": image, "alt_text": "x", "decorative": False, "caption": "عکس", "credit": "ع"},
    )


def _call_to_action(page):
    return (
        "call_to_action",
        {"title": "بپیوندید", "text": "", "button_label": "بیشتر", "page": page},
    )


class Content:
    """Builds the site in both languages: Persian pages, each translated to English with
    ``copy_for_translation`` under the English translation of its parent, as editors do."""

    def __init__(self, en_locale, reviewer):
        self.en = en_locale
        self.reviewer = reviewer
        self.serial = 0
        self.cities = []

    def number(self):
        self.serial += 1
        return self.serial

    def translate(self, page, **english):
        copy = page.copy_for_translation(self.en)
        for name, value in english.items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        return copy

    def term(self, factory, persian, english, slug):
        term = factory(name=persian, slug=slug)
        translated = term.copy_for_translation(self.en)
        translated.name = english
        translated.save()
        return term

    def body(self, images=(), documents=(), targets=()):
        """Prose, images, documents and calls to action to ``targets``."""
        blocks = [
            ("paragraph", f"<p>{SEARCH_WORDS['fa']} و دوستی</p>"),
            ("heading", {"text": "بخش", "level": "h2"}),
            ("quote", {"text": "شهرها زودتر دوست می‌شوند.", "attribution": "—"}),
        ]
        blocks += [_image_block(image) for image in images]
        blocks += [("document", {"document": document, "label": ""}) for document in documents]
        blocks += [_call_to_action(target) for target in targets]
        return blocks

    def standard_page(self, slug, *, in_menu, **body):
        n = self.number()
        page = StandardPage(
            title=f"صفحهٔ {SEARCH_WORDS['fa']} {n}",
            slug=slug,
            intro="پیش‌درآمد",
            show_in_menus=in_menu,
            body=self.body(**body),
            locale=self.home.locale,
        )
        self.home.add_child(instance=page)
        page.save_revision().publish()
        self.translate(page, title=f"A {SEARCH_WORDS['en']} page {n}")
        return page

    def city(self, *, fields, images, agreements, exchanges, targets=()):
        n = self.number()
        city = partner_city(
            self.partner_index,
            slug=f"city-{n}",
            title=f"شهر {SEARCH_WORDS['fa']} {n}",
            fields=fields,
            summary=f"{SEARCH_WORDS['fa']} با شهر {n}",
            listing_image=images[0],
            gallery=[_image_block(image) for image in images],
            body=self.body(images=images[:2], targets=targets),
            agreements=[
                (
                    "agreement",
                    {
                        "title": f"پیمان {k}",
                        "kind": "mou",
                        "signed_on": datetime.date(2000 + k, 1, 1),
                        "summary": "خلاصه",
                        "documents": [
                            {"language": "fa", "document": self.documents[0]},
                            {"language": "en", "document": self.documents[1]},
                        ],
                    },
                )
                for k in range(agreements)
            ],
            exchanges=[
                (
                    "exchange",
                    {
                        "date": datetime.date(2010 + k, 5, 1),
                        "kind": "academic",
                        "title": f"رویداد {k}",
                        "note": "یادداشت",
                    },
                )
                for k in range(exchanges)
            ],
            contacts=[
                ("contact", {"name": "دفتر", "email": "office@example.org", "phone": "+39 055"})
            ],
        )
        self.translate(city, title=f"{SEARCH_WORDS['en']} city {n}")
        self.cities.append(city)
        return city

    def road_map(self, city, *, meetings, actions, facilitators):
        for round_ in range(1, meetings + 1):
            meeting = RoadmapMeeting.objects.create(
                partner_city=city, round=round_, date=datetime.date(2022, round_, 1), venue="تالار"
            )
            for k in range(actions):
                RoadmapItem.objects.create(
                    meeting=meeting,
                    sort_order=k,
                    action=f"اقدام {k}",
                    field=self.fields[k % len(self.fields)],
                    owner_institution="دانشگاه",
                    target_date=datetime.date(2023, 1 + k % 12, 1),
                    is_public=k % 4 != 3,
                )
        for _k in range(facilitators):
            n = self.number()
            application = Application.objects.create(
                language="fa",
                full_name=f"سفیر {n}",
                email=f"facilitator{n}@example.org",
                phone=f"+98912000{n:04d}",
                city_of_residence="اصفهان",
                country_of_residence="IR",
                category="professor",
                languages_spoken="فارسی",
                contacts_description="همکاران",
                proposal="پیشنهاد",
                privacy_notice_version="1",
                privacy_accepted_at=timezone.now(),
                consent_public_listing=True,
            )
            application.partner_cities.set([city])
            for status in (Status.SCREENING, Status.SHORTLISTED, Status.ACCEPTED):
                transition(application, status, by=self.reviewer)

    def week(self, *, host, items, start_date, images):
        n = self.number()
        first = datetime.datetime.combine(start_date, datetime.time(9, 0), tzinfo=PARIS)
        week = CulturalWeekPage(
            title=f"هفتهٔ {SEARCH_WORDS['fa']} {n}",
            slug=f"week-{n}",
            host_city=host,
            host_city_name="" if host else "پاریس",
            host_country="" if host else "FR",
            start_date=start_date,
            end_date=start_date + datetime.timedelta(days=6),
            time_zone="Europe/Paris",
            summary="خلاصهٔ هفته",
            hero_image=images[0],
            venues=[("venue", {"name": "تالار", "address": "خیابان", "website": ""})],
            organisers=[("organiser", {"name": "شهرداری", "role": "organiser", "website": ""})],
            body=self.body(images=images[:1]),
            outcomes=[("outcome", {"title": "پیمان", "text": "", "page": self.cities[0]})],
            locale=self.home.locale,
        )
        week.programme_items = [
            ProgrammeItem(
                sort_order=k,
                start=first + datetime.timedelta(hours=3 * k),
                end=first + datetime.timedelta(hours=3 * k + 1),
                title=f"برنامهٔ {k}",
                category=self.categories[k % len(self.categories)],
                venue="تالار",
                description="شرح",
                image=images[k % len(images)],
            )
            for k in range(items)
        ]
        self.week_index.add_child(instance=week)
        week.save_revision().publish()
        self.translate(week, title=f"Cultural week {n}")
        return week

    def story(self, *, cities, fields, tags, images, day=None):
        n = self.number()
        page = story(
            self.story_index,
            slug=f"story-{n}",
            title=f"خبر {SEARCH_WORDS['fa']} {n}",
            summary=f"{SEARCH_WORDS['fa']} در خبر {n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day or n),
            cities=cities,
            fields=fields,
            tags=tags,
            author="نویسنده",
            hero_image=images[0] if images else None,
            body=self.body(images=images[:2], targets=[self.call]),
            gallery=[_image_block(image) for image in images],
        )
        self.translate(page, title=f"{SEARCH_WORDS['en']} story {n}", summary="A story")
        return page

    def build_small(self):
        """The site with a little of everything; returns the slugs of the pages to count."""
        self.home = HomePage.objects.get(locale__language_code="fa")
        office = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        office.email = "office@example.org"
        office.phone = "+98 31 1234 5678"
        office.save()
        OfficeDetails.objects.create(settings=office, language="fa", office_name="دفتر")
        OfficeDetails.objects.create(settings=office, language="en", office_name="Office")
        SocialLink.objects.create(settings=office, name="Mastodon", url="https://social.example/")

        self.documents = [_document(f"copy-{k}") for k in range(4)]
        self.images = [wagtail_factories.ImageFactory() for _ in range(10)]
        self.fields = [
            self.term(FieldOfCooperationFactory, "فرهنگ", "Culture", "culture"),
            self.term(FieldOfCooperationFactory, "گردشگری", "Tourism", "tourism"),
        ]
        self.categories = [
            self.term(ProgrammeCategoryFactory, "موسیقی", "Music", "music"),
            self.term(ProgrammeCategoryFactory, "نمایشگاه", "Exhibition", "exhibition"),
        ]

        for home in HomePage.objects.all():
            home.body = self.body(images=self.images[:1], targets=[home])
            home.save_revision().publish()
        about = self.standard_page(
            "about",
            in_menu=True,
            images=self.images[:1],
            documents=self.documents[:1],
            targets=[self.home],
        )
        self.partner_index = PartnerIndexPageFactory(show_in_menus=True)
        self.translate(self.partner_index, title="Partner cities")
        self.networks = NetworkIndexPage(title="شبکه‌ها", slug="networks", locale=self.home.locale)
        self.partner_index.add_child(instance=self.networks)
        self.networks.save_revision().publish()
        self.translate(self.networks, title="Networks")
        self.week_index = CulturalWeekIndexPageFactory(show_in_menus=True)
        self.translate(self.week_index, title="Cultural weeks")
        self.story_index = StoryIndexPageFactory(show_in_menus=True)
        self.translate(self.story_index, title="News")
        self.call = ApplicationPage(
            title="فراخوان سفیران شهروندی",
            slug="citizen-diplomats",
            intro="<p>پیش‌درآمد</p>",
            eligibility="<p>همه</p>",
            privacy_page=about,
            show_in_menus=True,
            opens_at=timezone.now() - datetime.timedelta(days=1),
            closes_at=timezone.now() + datetime.timedelta(days=30),
            locale=self.home.locale,
        )
        self.home.add_child(instance=self.call)
        self.call.save_revision().publish()
        self.translate(self.call, title="Call for citizen diplomats")

        city = self.city(
            fields=self.fields[:1],
            images=self.images[:1],
            agreements=1,
            exchanges=1,
            targets=[self.call],
        )
        self.city(fields=self.fields, images=self.images[1:2], agreements=1, exchanges=1)
        self.road_map(city, meetings=1, actions=1, facilitators=1)
        week = self.week(
            host=city,
            items=3,
            start_date=timezone.localdate() - datetime.timedelta(days=2),
            images=self.images[:1],
        )
        first = self.story(
            cities=[city], fields=self.fields[:1], tags=["دوستی"], images=self.images[:1]
        )
        for _k in range(2):
            self.story(cities=[city], fields=self.fields[:1], tags=["دوستی"], images=())
        return {"page": about.slug, "city": city.slug, "week": week.slug, "story": first.slug}

    def build_large(self):
        """Several times the small site, and pages that each show much more of the same kinds
        of content than the small ones; returns the slugs of the pages to count."""
        self.fields += [
            self.term(FieldOfCooperationFactory, f"زمینهٔ {k}", f"Field {k}", f"field-{k}")
            for k in range(6)
        ]
        self.categories += [
            self.term(ProgrammeCategoryFactory, f"دستهٔ {k}", f"Category {k}", f"category-{k}")
            for k in range(4)
        ]
        targets = [self.call, self.networks, self.cities[1]]
        for home in HomePage.objects.all():
            home.body = self.body(images=self.images[:3], targets=targets)
            home.save_revision().publish()
        guide = self.standard_page(
            "guide",
            in_menu=False,
            images=self.images[:6],
            documents=self.documents,
            targets=targets,
        )
        big_city = self.city(
            fields=self.fields,
            images=self.images[:8],
            agreements=12,
            exchanges=12,
            targets=targets,
        )
        for k in range(8):
            self.city(
                fields=self.fields[k % 3 : k % 3 + 3],
                images=self.images[k : k + 2],
                agreements=3,
                exchanges=3,
            )
        self.road_map(big_city, meetings=3, actions=8, facilitators=4)
        RoadmapMeeting.objects.create(
            partner_city=big_city, round=4, date=datetime.date(2024, 1, 1)
        )
        for city in self.cities[3:7]:
            self.road_map(city, meetings=1, actions=2, facilitators=1)

        big_week = self.week(
            host=big_city,
            items=40,
            start_date=timezone.localdate() + datetime.timedelta(days=20),
            images=self.images[:6],
        )
        for k, city in enumerate(self.cities[:4]):
            self.week(
                host=city if k % 2 else None,
                items=10,
                start_date=datetime.date(2018 + k, 10, 1),
                images=self.images[k : k + 1],
            )

        big_story = self.story(
            cities=self.cities[:5],
            fields=self.fields[:5],
            tags=["دوستی", "دانشگاه", "هنر", "ورزش", "تجارت"],
            images=self.images[:6],
            day=500,
        )
        for k in range(24):
            self.story(
                cities=[big_city, self.cities[k % len(self.cities)]],
                fields=self.fields[k % 4 : k % 4 + 2],
                tags=[f"برچسب {k % 6}", "دوستی"],
                images=self.images[k % 10 : k % 10 + 1],
            )
        return {
            "page": guide.slug,
            "city": big_city.slug,
            "week": big_week.slug,
            "story": big_story.slug,
        }


def _urls(slugs, language):
    paths = {
        "home": "/",
        "standard page": f"/{slugs['page']}/",
        "partner index": "/partner-cities/",
        "partner city": f"/partner-cities/{slugs['city']}/",
        "cultural-week index": "/cultural-weeks/",
        "cultural week": f"/cultural-weeks/{slugs['week']}/",
        "story index": "/news/",
        "story": f"/news/{slugs['story']}/",
        "search": f"/search/?q={SEARCH_WORDS[language]}",
        "application": "/citizen-diplomats/",
    }
    prefix = "" if language == "fa" else f"/{language}"
    return {page_type: prefix + path for page_type, path in paths.items()}


def _measure(client, slugs):
    """{(page type, language): the SQL of one anonymous GET}, each URL fetched once before."""
    statements = {}
    for language in LANGUAGES:
        for page_type, url in _urls(slugs, language).items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}"' in response.content.decode(), url
            # None at all: the page came from a cache and this measured nothing.
            assert queries.captured_queries, f"{url} was served without reading the database"
            statements[page_type, language] = [query["sql"] for query in queries.captured_queries]
    return statements


def _table(small, large):
    page_types = list(dict.fromkeys(page_type for page_type, _language in small))
    width = max(len(page_type) for page_type in page_types)
    lines = [
        f"SQL queries per anonymous GET (budget {QUERY_BUDGET})",
        f"{'page type':<{width}}  lang  small  large",
    ]
    for page_type in page_types:
        for language in LANGUAGES:
            key = page_type, language
            lines.append(
                f"{page_type:<{width}}  {language:<4}  {len(small[key]):>5}  {len(large[key]):>5}"
            )
    return "\n".join(lines)


def test_every_public_page_type_stays_within_the_budget_whatever_the_content(
    client, en_locale, settings, tmp_path, django_user_model
):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    reviewer = django_user_model.objects.create_user(username="reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    content = Content(en_locale, reviewer)

    small = _measure(client, content.build_small())
    large = _measure(client, content.build_large())

    table = _table(small, large)
    print(f"\n{table}")
    problems = [
        key
        for key in small
        if len(large[key]) > QUERY_BUDGET
        or len(small[key]) > QUERY_BUDGET
        or len(large[key]) != len(small[key])
    ]
    details = "\n\n".join(
        f"{page_type} ({language}), small then large:\n"
        + "\n".join(small[page_type, language])
        + "\n--\n"
        + "\n".join(large[page_type, language])
        for page_type, language in problems
    )
    assert not problems, f"{table}\n\n{details}"
