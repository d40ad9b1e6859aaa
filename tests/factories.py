import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, StandardPage


def persian_home():
    return HomePage.objects.get(locale__language_code="fa")


class StandardPageFactory(wagtail_factories.PageFactory):
    """A published Persian standard page under the Persian home page."""

    title = factory.Sequence(lambda n: f"صفحهٔ آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"test-page-{n}")
    intro = "پیش‌درآمد آزمایشی"
    parent = factory.LazyFunction(persian_home)
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="fa"))

    class Meta:
        model = StandardPage


def _locale(code="fa"):
    return Locale.objects.get(language_code=code)


class FieldOfCooperationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"زمینهٔ {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")
    locale = factory.LazyFunction(_locale)

    class Meta:
        model = "partners.FieldOfCooperation"


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "شهرهای همکار"
    slug = "partner-cities"
    parent = factory.LazyFunction(persian_home)
    locale = factory.LazyFunction(_locale)

    class Meta:
        model = "partners.PartnerIndexPage"


class PartnerCityPageFactory(wagtail_factories.PageFactory):
    """A published partner city with a signing exchange and one agreement."""

    title = factory.Sequence(lambda n: f"شهر {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    locale = factory.LazyFunction(_locale)
    native_name = "Native"
    country = "IT"
    region = "europe"
    latitude = "43.769600"
    longitude = "11.255800"
    relationship_kind = "sister-city"
    status = "signed"
    signed_on = datetime.date(1998, 9, 18)
    summary = "خلاصه"
    exchanges = factory.LazyAttribute(
        lambda page: (
            [
                (
                    "exchange",
                    {"date": page.signed_on, "kind": "signing", "title": "امضا", "note": ""},
                )
            ]
            if page.signed_on
            else []
        )
    )
    agreements = factory.LazyAttribute(
        lambda page: [
            (
                "agreement",
                {
                    "title": "پیمان",
                    "kind": "sister-city",
                    "signed_on": page.signed_on,
                    "summary": "",
                    "documents": [],
                },
            )
        ]
    )

    class Meta:
        model = "partners.PartnerCityPage"


def partner_city(index, fields=(), **kwargs):
    """A partner city under ``index`` linked to ``fields`` of cooperation."""
    city = PartnerCityPageFactory(parent=index, **kwargs)
    if fields:
        city.fields_of_cooperation.set(fields)
        city.save()
    return city


class ProgrammeCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"دسته {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(_locale)

    class Meta:
        model = "partners.ProgrammeCategory"


class CulturalWeekIndexPageFactory(wagtail_factories.PageFactory):
    title = "هفته‌های فرهنگی"
    slug = "cultural-weeks"
    parent = factory.LazyFunction(persian_home)
    locale = factory.LazyFunction(_locale)

    class Meta:
        model = "partners.CulturalWeekIndexPage"


def cultural_week(index, items=(), **kwargs):
    """A published week under ``index`` with ``items``: (start, end, title, category) tuples of
    aware datetimes."""
    from partners.models import CulturalWeekPage, ProgrammeItem

    fields = {
        "title": "هفتهٔ فرهنگی",
        "slug": "week",
        "host_city_name": "پاریس",
        "host_country": "FR",
        "start_date": datetime.date(2019, 10, 21),
        "end_date": datetime.date(2019, 10, 27),
        "time_zone": "Europe/Paris",
        "locale": _locale(),
        **kwargs,
    }
    week = CulturalWeekPage(**fields)
    week.programme_items = [
        ProgrammeItem(sort_order=n, start=start, end=end, title=title, category=category)
        for n, (start, end, title, category) in enumerate(items)
    ]
    index.add_child(instance=week)
    week.save_revision().publish()
    return week


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "خبرها"
    slug = "news"
    parent = factory.LazyFunction(persian_home)
    locale = factory.LazyFunction(_locale)

    class Meta:
        model = "stories.StoryIndexPage"


def story(index, cities=(), fields=(), tags=(), **kwargs):
    """A published story under ``index``."""
    from stories.models import StoryPage

    fields_ = {
        "title": "خبر",
        "summary": "خلاصهٔ خبر",
        "date": datetime.date(2021, 2, 1),
        "kind": "news",
        "locale": index.locale,
        **kwargs,
    }
    page = StoryPage(**fields_)
    index.add_child(instance=page)
    if cities:
        page.partner_cities.set(cities)
    if fields:
        page.fields_of_cooperation.set(fields)
    if tags:
        page.tags.add(*tags)
    if cities or fields or tags:
        page.save()
    page.save_revision().publish()
    return page
