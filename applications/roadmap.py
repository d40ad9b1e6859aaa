"""What the pipeline shows on a partner city's page: its public road map, the facilitators who
agreed to be named, and road-map meetings on the city's timeline.

The page asks twice (timeline and section); the city's meetings and public actions are read once
and kept on the page instance, so the page costs two queries here whatever the road map holds.
"""

from django.db.models import F, FilteredRelation, Q
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
    """The city's meetings, oldest first, each with its public actions in ``public_items`` and
    each action's field of cooperation named in the reader's language (``field_name``).

    One query: the meetings joined to their public actions (a meeting with none comes once,
    with no action), rather than one query for the meetings and another for the actions."""
    if not hasattr(city, "_roadmap"):
        from applications.models import RoadmapItem, RoadmapMeeting
        from partners.models import FieldOfCooperation

        meeting_names = [f.attname for f in RoadmapMeeting._meta.concrete_fields]
        item_names = [f.attname for f in RoadmapItem._meta.concrete_fields]
        rows = (
            RoadmapMeeting.objects.filter(partner_city__translation_key=city.translation_key)
            .annotate(public=FilteredRelation("items", condition=Q(items__is_public=True)))
            .annotate(
                field_name=FieldOfCooperation.local_name(
                    "public__field__translation_key", translation.get_language()
                ),
                field_own_name=F("public__field__name"),
            )
            .order_by("round", "date", "public__sort_order", "public__pk")
            .values_list(
                *meeting_names,
                *(f"public__{name}" for name in item_names),
                "field_name",
                "field_own_name",
            )
        )
        meetings = {}
        for row in rows:
            meeting_values = row[: len(meeting_names)]
            item_values = row[len(meeting_names) : len(meeting_names) + len(item_names)]
            field_name, field_own_name = row[-2:]
            meeting = meetings.get(meeting_values[0])
            if meeting is None:
                meeting = RoadmapMeeting.from_db(
                    RoadmapMeeting.objects.db, meeting_names, meeting_values
                )
                meeting.public_items = []
                meetings[meeting.pk] = meeting
            if item_values[0] is not None:
                item = RoadmapItem.from_db(RoadmapItem.objects.db, item_names, item_values)
                # An untranslated field keeps its own name (FieldOfCooperation.localised_names).
                item.field_name = field_name or field_own_name or ""
                meeting.public_items.append(item)
        city._roadmap = list(meetings.values())
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
        items = [item for meeting in city_roadmap(city) for item in meeting.public_items]
        facilitators = sorted(
            facilitator_pool(city)
            .filter(consent_public_listing=True)
            .values_list("full_name", flat=True)
        )
        if not items and not facilitators:
            return None
        language = translation.get_language()
        rows = [
            {
                "item": item,
                "lang": item.language if item.language != language else "",
                "field": item.field_name,
            }
            for item in items
        ]
        return {"rows": rows, "facilitators": facilitators}
