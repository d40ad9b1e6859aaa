"""RSS 2.0 and Atom feeds of stories, per language and per partner city."""

import copy
import datetime
import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.navigation import public_url
from partners.models import PartnerCityPage
from stories.models import StoryPage

FEED_SIZE = 20
# Characters XML 1.0 does not allow (text pasted from word processors sometimes has them).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text):
    return _NOT_XML.sub("", text or "")


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        # urls.py holds one instance for every request: keep this request on a copy of it.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, city_slug=None):
        language = translation.get_language()
        if city_slug is None:
            return None
        city = (
            PartnerCityPage.objects.live()
            .filter(slug=city_slug, locale__language_code=language)
            .first()
        )
        if city is None:
            raise Http404
        return city

    def _site_name(self):
        from core.models import SiteSettings

        site = Site.find_for_request(self.request)
        return SiteSettings.for_site(site).site_name if site else ""

    def title(self, city=None):
        if city:
            return _("%(site)s: stories about %(city)s") % {
                "site": self._site_name(),
                "city": city.title,
            }
        return _("%(site)s: stories") % {"site": self._site_name()}

    def link(self, city=None):
        if city:
            return public_url(city.get_url(request=self.request))
        return public_url("/en/" if translation.get_language() == "en" else "/")

    def description(self, city=None):
        return self.title(city)

    def feed_url(self, city=None):
        return public_url(self.request.path)

    def items(self, city=None):
        stories = StoryPage.objects.live().filter(
            locale__language_code=translation.get_language(), alias_of__isnull=True
        )
        if city:
            stories = stories.filter(partner_cities__translation_key=city.translation_key)
        return stories.distinct().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, story):
        return xml_safe(story.title)

    def item_description(self, story):
        return xml_safe(story.summary)

    def item_link(self, story):
        return public_url(story.get_url(request=self.request))

    def item_guid(self, story):
        return f"{public_url('/')}#story-{story.translation_key}-{story.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        # The story's own date (which editors may set), at the start of that day locally.
        return datetime.datetime.combine(
            story.date, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        # Atom wants an author on every entry: the office when the story names none.
        return xml_safe(story.author) or self._site_name()


class AtomStoryFeed(StoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, city=None):
        return self.description(city)
