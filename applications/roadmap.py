"""What the pipeline shows on a partner city's page: its public road map, the facilitators who
agreed to be named, and road-map meetings on the city's timeline.

The page asks twice (timeline and section); the city's meetings and public actions are read once
and kept on the page instance, so the page costs three queries here whatever the road map holds.
"""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models.roadmap import facilitator_pool
from core.i18n import localise_digits
from partners.sections import CitySection
from partners.timeline import TimelineEntry, TimelineSource


def _meetings(cities):
    from applications.models import RoadmapMeeting

    return RoadmapMeeting.objects.filter(
        partner_city__translation_key__in={city.translation_key for city in cities}
    ).select_related("partner_city")


def city_roadmap(city):
    """The city's meetings, each with its public actions in ``public_items``, oldest first."""
    if not hasattr(city, "_roadmap"):
        from applications.models import RoadmapItem

        public = RoadmapItem.objects.filter(is_public=True).select_related("field")
        city._roadmap = list(
            _meetings([city])
            .order_by("round", "date")
            .prefetch_related(Prefetch("items", queryset=public, to_attr="public_items"))
        )
    return city._roadmap


class RoadmapSource(TimelineSource):
    """Road-map meetings held, and the public actions of their road maps by target date."""

    name = "roadmap"

    def entries(self, city):
        from applications.models import ItemStatus

        labels = dict(ItemStatus.choices)
        for meeting in city_roadmap(city):
            yield TimelineEntry(
                date=meeting.date,
                kind=_("Road-map meeting"),
                title=_("Road-map meeting, round %(round)s")
                % {"round": localise_digits(meeting.round)},
                note=meeting.venue,
                source=self.name,
            )
            for item in meeting.public_items:
                if item.target_date:
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
        from partners.models import FieldOfCooperation

        items = [item for meeting in city_roadmap(city) for item in meeting.public_items]
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
        return {"rows": rows, "facilitators": facilitators}
