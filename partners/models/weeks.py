"""Cultural weeks: a week of events in a host city, with a programme readers can filter and save.

Items are stored with aware datetimes (UTC in the database) and always shown in the week's own
time zone, labelled with it, whatever the reader's or the server's zone.
"""

import zoneinfo
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import memo
from core.blocks import BodyStreamBlock
from core.models import BasePage, TranslatableTaxonomy
from partners import programme
from partners.blocks import OrganiserBlock, OutcomeBlock, VenueBlock
from partners.forms_weeks import CulturalWeekForm


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


# Past weeks listed per page of the index.
PAST_PER_PAGE = 10


class WeekStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("On now")
    PAST = "past", _("Past")


class ProgrammeCategory(TranslatableTaxonomy):
    """Music, exhibition, handicrafts…: the kinds of item in a cultural week's programme."""

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("programme category")
        verbose_name_plural = _("programme categories")


class CulturalWeekIndexPage(BasePage):
    """Every cultural week: on now, coming up and past, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.CulturalWeekPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    class Meta:
        verbose_name = _("cultural weeks index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def load():
            weeks = list(
                CulturalWeekPage.objects.child_of(self)
                .live()
                .select_related("host_city")
                .order_by("-start_date")
            )
            attach_hosts(weeks)
            return weeks

        if getattr(request, "is_preview", False):
            weeks = load()
        else:
            # Kept by core.memo until the next publication; grouped here, since a week's status
            # depends on the hour in its host city.
            weeks = memo.get(request, ("weeks", self.pk, translation.get_language()), load)
        by_status = {status: [w for w in weeks if w.status() == status] for status in WeekStatus}
        # Past weeks a page at a time: they are the ones that pile up.
        past = Paginator(by_status[WeekStatus.PAST], PAST_PER_PAGE).get_page(
            request.GET.get("page")
        )
        # On now first, then coming up, then past; newest first within each.
        context["weeks_by_status"] = [
            (status, WeekStatus(status).label, by_status[status])
            for status in (WeekStatus.ONGOING, WeekStatus.UPCOMING)
        ] + [(WeekStatus.PAST, WeekStatus.PAST.label, past.object_list)]
        context["past_page"] = past
        context["has_weeks"] = any(by_status.values())
        context["list_separator"] = pgettext("list separator", ", ")
        return context


class CulturalWeekPage(RoutablePageMixin, BasePage):
    host_city = models.ForeignKey(
        "partners.PartnerCityPage",
        verbose_name=_("host partner city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty when the host city is not a partner; name it below instead."),
    )
    host_city_name = models.CharField(
        _("host city name"),
        max_length=120,
        blank=True,
        help_text=_("For a host city that is not a partner city, e.g. Paris."),
    )
    host_country = CountryField(_("host country"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default="Asia/Tehran",
        help_text=_("The host city's time zone: the programme's times are shown in it."),
    )
    summary = models.TextField(_("summary"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venues = StreamField([("venue", VenueBlock())], verbose_name=_("venues"), blank=True)
    organisers = StreamField(
        [("organiser", OrganiserBlock())], verbose_name=_("organisers and partners"), blank=True
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    outcomes = StreamField([("outcome", OutcomeBlock())], verbose_name=_("outcomes"), blank=True)

    parent_page_types = ["partners.CulturalWeekIndexPage"]
    subpage_types = []
    base_form_class = CulturalWeekForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("host_city"),
                FieldRowPanel([FieldPanel("host_city_name"), FieldPanel("host_country")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("venues"),
        FieldPanel("organisers"),
        InlinePanel(
            "programme_items",
            heading=_("Programme"),
            label=_("Programme item"),
            help_text=_("Drag items to reorder them; the schedule sorts each day by time anyway."),
        ),
        FieldPanel("body"),
        FieldPanel("outcomes"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("host_city_name"),
    ]
    search_text_fields = ("host_city_name", "summary", "body", "venues")
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("host_city"),
        TranslatableField("host_city_name"),
        SynchronizedField("host_country"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("time_zone"),
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("venues"),
        TranslatableField("organisers"),
        TranslatableField("body"),
        TranslatableField("outcomes"),
        TranslatableField("programme_items"),
    ]

    class Meta:
        verbose_name = _("cultural week")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        if not self.host_city_id and not self.host_city_name:
            raise ValidationError(
                {"host_city_name": _("Choose a host partner city or name the host city.")}
            )

    @cached_property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def status(self, now=None):
        """Upcoming, ongoing or past, judged by the date in the host city's time zone."""
        today = (now or timezone.now()).astimezone(self.tz).date()
        if today < self.start_date:
            return WeekStatus.UPCOMING
        if today > self.end_date:
            return WeekStatus.PAST
        return WeekStatus.ONGOING

    def status_label(self):
        return WeekStatus(self.status()).label

    @cached_property
    def _host(self):
        """(page to link or None, name) of the host, in this week's language where published.

        One query for the host page and its translation; the index sets ``_host`` for all its
        weeks at once (``attach_hosts``)."""
        if not self.host_city_id:
            return None, self.host_city_name
        from partners.models.cities import PartnerCityPage

        host = PartnerCityPage.objects.filter(pk=self.host_city_id)
        rows = list(
            PartnerCityPage.objects.filter(
                Q(pk=self.host_city_id)
                | Q(
                    translation_key__in=host.values("translation_key"),
                    locale_id=self.locale_id,
                    live=True,
                )
            )
        )
        city = next(row for row in rows if row.pk == self.host_city_id)
        self.host_city = city  # the foreign key needs no query of its own now
        if city.locale_id != self.locale_id:
            city = next((row for row in rows if row.locale_id == self.locale_id), city)
        return (city if city.live else None), city.title or self.host_city_name

    @property
    def card_html(self):
        """The week's card in the index, made once while the memo keeps the index's weeks."""
        context = {"week": self, "list_separator": pgettext("list separator", ", ")}
        return memo.rendered(self, "partners/includes/week_card.html", context)

    def host_city_in_language(self):
        """The live host partner page to link to, if any."""
        return self._host[0]

    def host_name(self):
        return self._host[1]

    def items(self):
        """The programme, each item with its category and the category's name in the reader's
        language (``category_name``), in one query."""
        items = self.programme_items.select_related("category")
        if isinstance(items, models.QuerySet):  # not a preview's unsaved items
            items = items.annotate(
                category_name=ProgrammeCategory.local_name(
                    "category__translation_key", translation.get_language()
                )
            )
        return list(items)

    @cached_property
    def _items(self):
        return self.items()

    def images_shown_elsewhere(self):
        return [item.image_id for item in self._items if item.image_id]

    def get_context(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            kept = {}
        else:
            # The programme changes only when the week is published (core/memo.py); what the
            # schedule works out from it is kept with it.
            key = ("week-items", self.pk, translation.get_language())
            self._items, kept = memo.get(request, key, lambda: (self.items(), {}))
        context = super().get_context(request, *args, **kwargs)
        images = self.prefetch_shown()  # the items' images are fetched with the page's own
        for item in self._items:
            if item.image_id:
                ProgrammeItem.image.field.set_cached_value(item, images.get(item.image_id))
        context["schedule"] = programme.Schedule(self, self._items, request.GET, kept=kept)
        context["list_separator"] = pgettext("list separator", ", ")
        if getattr(request, "is_preview", False):
            context["structured_data"] = programme.week_json_ld(self, context["schedule"], request)
        else:
            # Made from every item, whatever the filters: kept as long as the items are.
            context["structured_data"] = memo.get(
                request,
                ("week-json-ld", self.pk, translation.get_language()),
                lambda: programme.week_json_ld(self, context["schedule"], request),
            )
        return context

    @path("calendar/", name="week_calendar")
    def week_calendar(self, request):
        if not self.programme_items.exists():
            raise Http404  # RFC 5545 wants at least one event; the page offers no link then
        return _calendar_response(
            programme.week_calendar(self, self.items(), request), f"{self.slug}.ics"
        )

    @path("items/<int:item_id>/calendar/", name="item_calendar")
    def item_calendar(self, request, item_id):
        item = self.programme_items.filter(pk=item_id).select_related("category").first()
        if item is None:
            raise Http404
        return _calendar_response(
            programme.week_calendar(self, [item], request), f"{self.slug}-{item_id}.ics"
        )


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Slugs may be Persian: content_disposition_header writes filename*=utf-8''… for them.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def attach_hosts(weeks):
    """Resolve every week's host in its own language with one query (see ``_host``)."""
    from partners.models.cities import PartnerCityPage

    keys = {w.host_city.translation_key for w in weeks if w.host_city_id}
    translated = {
        (page.translation_key, page.locale_id): page
        for page in PartnerCityPage.objects.live().filter(translation_key__in=keys)
    }
    for week in weeks:
        if not week.host_city_id:
            continue
        city = translated.get((week.host_city.translation_key, week.locale_id), week.host_city)
        week.__dict__["_host"] = ((city if city.live else None), city.title)


class ProgrammeItem(TranslatableMixin, Orderable):
    week = ParentalKey(CulturalWeekPage, related_name="programme_items", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        ProgrammeCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booking_url = models.URLField(_("booking link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("venue"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("booking_url")]),
    ]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("category"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        TranslatableField("venue"),
        TranslatableField("description"),
        SynchronizedField("image"),
        SynchronizedField("booking_url"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An item cannot end before it starts.")})
