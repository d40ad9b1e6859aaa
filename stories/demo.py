"""Demo stories in Persian and English (their text is in stories/demo_content.py)."""

from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from core import demo
from partners.models import FieldOfCooperation, PartnerCityPage
from stories.demo_content import STORIES
from stories.models import StoryIndexPage, StoryPage


def _body(paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


@demo.register(order=30)
def seed_stories(log):
    fa_home = Site.objects.get(is_default_site=True).root_page
    index = demo.publish_child(
        fa_home,
        StoryIndexPage(
            title="خبرها",
            slug="news",
            show_in_menus=True,
            intro="خبرها، گفت‌وگوها و یادداشت‌های ادارهٔ روابط بین‌الملل.",
        ),
    )
    demo.publish_translation(
        index,
        "en",
        title="News",
        intro="News, interviews and opinion from the international relations office.",
    )
    english = Locale.objects.get(language_code="en")
    cities = {c.slug: c for c in PartnerCityPage.objects.filter(locale__language_code="fa")}
    fields = {f.slug: f for f in FieldOfCooperation.objects.filter(locale__language_code="fa")}
    created = 0
    for spec in STORIES:
        if index.get_children().filter(slug=spec["slug"]).exists():
            continue
        source = spec["source"] or {}
        fa = spec["fa"]
        story = StoryPage(
            title=fa["title"],
            slug=spec["slug"],
            date=spec["date"],
            kind=spec["kind"],
            author=fa["author"],
            summary=fa["summary"],
            body=_body(fa["body"]),
            source_outlet=source.get("outlet", ""),
            source_url=source.get("url", ""),
        )
        index.add_child(instance=story)
        story.partner_cities.set([cities[slug] for slug in spec["cities"] if slug in cities])
        story.fields_of_cooperation.set([fields[slug] for slug in spec["fields"] if slug in fields])
        story.tags.add(*fa["tags"])
        story.save_revision().publish()

        en = spec["en"]
        translated = story.copy_for_translation(english)
        translated.title = en["title"]
        translated.author = en["author"]
        translated.summary = en["summary"]
        translated.body = _body(en["body"])
        translated.tags.clear()
        translated.tags.add(*en["tags"])
        translated.save_revision().publish()
        created += 1
    log(f"  {created} new stories in Persian and English ({len(STORIES)} in the demo)")
