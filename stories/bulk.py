"""Bulk sample stories (``manage.py seed_bulk``): thousands of stories in Persian and English.

Each story is generated from its number alone (date, kind, cities, fields, tags, text), so a run
that adds only the missing ones builds the same stories. Stories name the partner cities that
exist when they are seeded, so run after the partner cities (the seeders' order sees to it).
"""

import datetime
import random
from typing import NamedTuple

from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core import bulk
from core.i18n import localise_digits
from partners.models import FieldOfCooperation, PartnerCityPage
from stories.models import StoryIndexPage, StoryKind, StoryPage, StoryTag

SIZES = [bulk.Size("stories", 5000, "stories to add")]
CHUNK = 500  # stories built and inserted at a time, to keep memory flat

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2026, 6, 30)

# (Persian, English) pairs; {city} and {field} are filled in each language.
TITLES = [
    (
        "دیدار هیئتی از {city} با شهردار اصفهان",
        "A delegation from {city} meets the mayor of Isfahan",
    ),
    ("گفت‌وگو با نمایندهٔ {city} دربارهٔ {field}", "An interview with {city}'s envoy on {field}"),
    ("اصفهان و {city} در {field} همکاری می‌کنند", "Isfahan and {city} work together on {field}"),
    ("گزارش سفر هیئت اصفهان به {city}", "Report of the Isfahan delegation's visit to {city}"),
    ("نشست مشترک {city} و اصفهان دربارهٔ {field}", "{city} and Isfahan meet on {field}"),
]
SENTENCES = [
    (
        "در این دیدار دو طرف دربارهٔ {field} و راه‌های گسترش همکاری گفت‌وگو کردند.",
        "At the meeting both sides discussed {field} and ways to widen their cooperation.",
    ),
    (
        "نمایندگان {city} از بازار بزرگ، میدان نقش جهان و کارگاه‌های صنایع دستی اصفهان بازدید کردند.",
        "The envoys of {city} visited Isfahan's grand bazaar, Naqsh-e Jahan Square and its craft workshops.",
    ),
    (
        "قرار شد کارشناسان دو شهر تا پایان سال برنامه‌ای مشترک برای دانشجویان و هنرمندان آماده کنند.",
        "Experts from both cities agreed to draw up a joint programme for students and artists by the end of the year.",
    ),
    (
        "شهردار اصفهان گفت پیوند با {city} برای شهروندان هر دو شهر فرصت‌های تازه‌ای می‌سازد.",
        "The mayor of Isfahan said the tie with {city} creates new opportunities for the residents of both cities.",
    ),
    (
        "دانشگاه‌های دو شهر نیز دربارهٔ تبادل استاد و دانشجو در زمینهٔ {field} گفت‌وگو کردند.",
        "The universities of both cities also talked about exchanging professors and students in {field}.",
    ),
    (
        "این نخستین دیدار رسمی میان دو شهر در سال جاری بود و دیدار بعدی در {city} برگزار می‌شود.",
        "This was the first official meeting of the two cities this year; the next will be held in {city}.",
    ),
]
AUTHORS = [
    ("روابط عمومی شهرداری", "Municipality press office"),
    ("ادارهٔ روابط بین‌الملل", "International relations office"),
    ("خبرنگار شهری", "City reporter"),
]
TAGS = [(f"برچسب نمونهٔ {localise_digits(n, 'fa')}", f"sample tag {n}") for n in range(1, 31)]


class SampleStory(NamedTuple):
    fa: StoryPage
    en: StoryPage
    cities: list[int]  # pks of the Persian partner pages it names
    fields: list[int]  # pks of the Persian fields of cooperation
    tags: list[int]  # positions in TAGS


def _story(number, cities, fields):
    rng = random.Random(f"story-{number}")
    date = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    named = rng.sample(cities, k=min(len(cities), rng.randint(1, 2)))
    chosen = rng.sample(fields, k=min(len(fields), rng.randint(1, 2)))
    title = rng.choice(TITLES)
    sentences = rng.sample(SENTENCES, k=4)
    author = rng.choice(AUTHORS)
    tags = rng.sample(range(len(TAGS)), k=3)
    common = {
        "slug": f"bulk-story-{number:05d}",
        "date": date,
        "kind": rng.choice(StoryKind.values),
        "first_published_at": datetime.datetime.combine(date, datetime.time(9), datetime.UTC),
    }
    city = named[0][1:] if named else ("اصفهان", "Isfahan")
    field = chosen[0][1:] if chosen else ("فرهنگ", "Culture")
    # In running English text a field's name is lower case ("work together on tourism").
    field = (field[0], field[1][:1].lower() + field[1][1:])
    pages = []
    for position in (0, 1):
        words = {"city": city[position], "field": field[position]}
        text = [sentence[position].format(**words) for sentence in sentences]
        pages.append(
            StoryPage(
                title=title[position].format(**words),
                author=author[position],
                summary=text[0],
                body=[("paragraph", RichText(f"<p>{line}</p>")) for line in text],
                **common,
            )
        )
    return SampleStory(*pages, [c[0] for c in named], [f[0] for f in chosen], tags)


def _names(model, language_of_names):
    """(pk, Persian name, English name) of every default-language row of ``model``."""
    english = dict(
        model.objects.filter(locale__language_code="en").values_list(
            "translation_key", language_of_names
        )
    )
    return [
        (pk, name, english.get(key, name))
        for pk, key, name in model.objects.filter(locale__language_code="fa")
        .order_by("pk")
        .values_list("pk", "translation_key", language_of_names)
    ]


@bulk.register(order=30, sizes=SIZES)
def seed_bulk_stories(sizes, log):
    index = StoryIndexPage.objects.filter(locale__language_code="fa").first()
    if index is None:
        raise CommandError("No Persian stories index: run seed_demo first.")
    english = Locale.objects.get(language_code="en")
    cities = _names(PartnerCityPage, "title")
    fields = _names(FieldOfCooperation, "name")
    tags = [
        (Tag.objects.get_or_create(name=fa)[0].pk, Tag.objects.get_or_create(name=en)[0].pk)
        for fa, en in TAGS
    ]
    wanted = [f"bulk-story-{n:05d}" for n in range(1, sizes["stories"] + 1)]
    missing = set(bulk.missing_slugs(index, wanted))
    numbers = [n for n in range(1, sizes["stories"] + 1) if wanted[n - 1] in missing]
    for start in range(0, len(numbers), CHUNK):
        built = [_story(n, cities, fields) for n in numbers[start : start + CHUNK]]
        fa_pages = bulk.add_live_pages(index, [story.fa for story in built])
        en_pages = bulk.add_live_translations(fa_pages, [story.en for story in built], english)
        # Both languages name the default language's cities and fields, as wagtail-localize
        # syncs them; tags are per language, as the demo's are.
        bulk.link_many_to_many(
            StoryPage,
            "partner_cities",
            [(page.pk, pk) for s in built for page in (s.fa, s.en) for pk in s.cities],
        )
        bulk.link_many_to_many(
            StoryPage,
            "fields_of_cooperation",
            [(page.pk, pk) for s in built for page in (s.fa, s.en) for pk in s.fields],
        )
        StoryTag.objects.bulk_create(
            [
                StoryTag(content_object_id=page.pk, tag_id=tags[tag][language])
                for s in built
                for language, page in enumerate((s.fa, s.en))
                for tag in s.tags
            ],
            batch_size=bulk.BATCH_SIZE,
        )
        bulk.index_for_search(StoryPage, [*fa_pages, *en_pages])
        log(f"  {start + len(built)} of {len(numbers)} new stories in Persian and English")
    if not numbers:
        log("  no new stories")
