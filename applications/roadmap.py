"""What the pipeline shows on a partner city's page: its public road map, the facilitators who
agreed to be named, and road-map meetings on the city's timeline."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models.roadmap import facilitator_pool
from partners.sections import CitySection
from partners.timeline import TimelineEntry, TimelineSource


def _meetings(cities):
    from applications.models import RoadmapMeeting

    return RoadmapMeeting.objects.filter(
        partner_city__translation_key__in={city.translation_key for city in cities}
    ).select_related("partner_city")


class RoadmapSource(TimelineSource):
    """Road-map meetings held, and the public actions of their road maps by target date."""

    name = "roadmap"

    def entries(self, city):
        from applications.models import ItemStatus, RoadmapItem

        for meeting in _meetings([city]):
            yield TimelineEntry(
                date=meeting.date,
                kind=_("Road-map meeting"),
                title=_("Road-map meeting, round %(round)s") % {"round": meeting.round},
                note=meeting.venue,
                source=self.name,
            )
        labels = dict(ItemStatus.choices)
        items = RoadmapItem.objects.filter(
            meeting__partner_city__translation_key=city.translation_key,
            is_public=True,
            target_date__isnull=False,
        )
        for item in items:
            yield TimelineEntry(
                date=item.target_date,
                kind=_("Road map: %(status)s") % {"status": labels[item.status]},
                title=item.action,
                note=item.owner_institution,
                source=self.name,
            )

    def latest_dates(self, cities, today):
        by_key = {}
        for city in cities:
            by_key.setdefault(city.translation_key, []).append(city)
        latest = {}
        for meeting in _meetings(cities).filter(date__lte=today):
            for city in by_key.get(meeting.partner_city.translation_key, []):
                if city.pk not in latest or meeting.date > latest[city.pk]:
                    latest[city.pk] = meeting.date
        return latest


class RoadmapSection(CitySection):
    template = "applications/roadmap_section.html"

    def context(self, city, request):
        from applications.models import RoadmapItem
        from partners.models import FieldOfCooperation

        items = list(
            RoadmapItem.objects.filter(
                meeting__partner_city__translation_key=city.translation_key, is_public=True
            )
            .select_related("meeting", "field")
            .order_by("meeting__round", "sort_order", "pk")
        )
        facilitators = sorted(
            facilitator_pool(city)
            .filter(consent_public_listing=True)
            .values_list("full_name", flat=True)
        )
        if not items and not facilitators:
            return None
        language = translation.get_language()
        fields = [item.field for item in items if item.field]
        names = FieldOfCooperation.localised_names(fields, language) if fields else {}
        rows = [
            {
                "item": item,
                "lang": item.language if item.language != language else "",
                "field": names.get(item.field.translation_key, "") if item.field else "",
            }
            for item in items
        ]
        return {
            "rows": rows,
            "facilitators": facilitators,
            "default_language": settings.LANGUAGE_CODE,
        }
