from django.utils.translation import gettext as _

from partners.timeline import TimelineEntry, TimelineSource


class StorySource(TimelineSource):
    """Stories that name a partner city, in the city page's language."""

    name = "story"

    def entries(self, city):
        from stories.models import StoryKind, StoryPage

        stories = (
            StoryPage.objects.live()
            .filter(
                partner_cities__translation_key=city.translation_key,
                locale_id=city.locale_id,
                alias_of__isnull=True,
            )
            .distinct()
        )
        labels = dict(StoryKind.choices)
        for story in stories:
            yield TimelineEntry(
                date=story.date,
                kind=str(labels.get(story.kind, _("News"))),
                title=story.title,
                note=story.summary,
                url=story.url,
                source=self.name,
            )

    def latest_dates(self, cities, today):
        from stories.models import StoryPage

        by_key = {city.translation_key: city for city in cities}
        locales = {city.locale_id for city in cities}
        latest = {}
        rows = (
            StoryPage.objects.live()
            .filter(
                partner_cities__translation_key__in=by_key,
                locale_id__in=locales,
                date__lte=today,
                alias_of__isnull=True,
            )
            .values_list("partner_cities__translation_key", "locale_id", "date")
        )
        for key, locale_id, date in rows:
            city = by_key[key]
            if city.locale_id == locale_id and (city.pk not in latest or date > latest[city.pk]):
                latest[city.pk] = date
        return latest
