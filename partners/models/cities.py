import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import memo
from core.blocks import BodyStreamBlock
from core.i18n import localise_digits
from core.models import BasePage, TranslatableTaxonomy
from core.navigation import public_url
from core.structured_data import json_ld_script
from partners import exports
from partners.blocks import (
    AgreementBlock,
    ContactBlock,
    ExchangeBlock,
    GalleryBlock,
    NetworkMembershipBlock,
)
from partners.sections import sections_for
from partners.timeline import (
    ACTIVE_YEARS,
    ACTIVITY_RULE,
    QUIET_YEARS,
    Activity,
    latest_event_dates,
    latest_past_entry,
    timeline_for,
)
from partners.timeline import activity_level as compute_activity


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")


class RelationshipKind(models.TextChoices):
    SISTER_CITY = "sister-city", _("Sister city")
    FRIENDSHIP_CITY = "friendship-city", _("Friendship city")
    COOPERATION_MOU = "cooperation-mou", _("Cooperation memorandum")
    NEIGHBOURHOOD_PACT = "neighbourhood-pact", _("Neighbourhood pact")


class LifecycleStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    COUNCIL_APPROVED = "council-approved", _("Approved by the city council")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


# Ties that exist (as opposed to proposed or ended ones) count towards "13 sister cities".
ESTABLISHED_STATUSES = {
    LifecycleStatus.SIGNED,
    LifecycleStatus.ACTIVE,
    LifecycleStatus.DORMANT,
}


def fields_in_default_language():
    # Pages always link to the default language's fields, so every translation of a page links
    # to the same rows (wagtail-localize copies many-to-many values as they are).
    return {"locale__language_code": settings.LANGUAGE_CODE}


class FieldOfCooperation(TranslatableTaxonomy):
    """A field in which cities cooperate (tourism, universities…), shared by every content type."""

    description = models.TextField(_("description"), blank=True)

    panels = [*TranslatableTaxonomy.panels, FieldPanel("description")]
    translatable_fields = [
        *TranslatableTaxonomy.translatable_fields,
        TranslatableField("description"),
    ]

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("field of cooperation")
        verbose_name_plural = _("fields of cooperation")


class PartnerIndexPage(RoutablePageMixin, BasePage):
    """Every partner city: a map, an accessible list with filters, counts and open data."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerCityPage", "partners.NetworkIndexPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("partner cities index")

    def live_cities(self):
        return (
            PartnerCityPage.objects.child_of(self)
            .live()
            .select_related("locale")
            .prefetch_related(
                # With their names in the reader's language: no query of their own later.
                Prefetch(
                    "fields_of_cooperation",
                    queryset=FieldOfCooperation.with_local_names(FieldOfCooperation.objects.all()),
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        from partners.forms import PartnerFilterForm
        from partners.listing import PartnerListing, city_rows

        context = super().get_context(request, *args, **kwargs)

        def load():
            cities = list(self.live_cities())
            networks = NetworkIndexPage.objects.child_of(self).live().first()
            rows = city_rows(cities, request)
            # What the listing works out from the rows, kept with them (PartnerListing._derived).
            derived = {}
            return rows, PartnerFilterForm.choices_for(cities), networks, derived

        if getattr(request, "is_preview", False):
            rows, choices, networks, derived = load()
        else:
            # Kept by core.memo until the next publication, and for the day only: activity
            # depends on today's date.
            key = ("partner-rows", self.pk, translation.get_language(), timezone.localdate())
            rows, choices, networks, derived = memo.get(request, key, load)
        form = PartnerFilterForm(request.GET, choices=choices)
        context["listing"] = PartnerListing(rows, form, request, derived=derived)
        context["networks_page"] = networks
        context["list_separator"] = pgettext("list separator", ", ")
        context["map_tiles"] = settings.MAP_TILE_URL
        context["map_attribution"] = settings.MAP_ATTRIBUTION
        context["filter_form"] = form
        context["activity_rule"] = activity_rule_text()
        return context

    @path("registry/csv/", name="registry_csv")
    def registry_csv(self, request):
        rows = exports.registry_rows(list(self.live_cities()), request)
        response = HttpResponse(exports.registry_csv(rows), content_type="text/csv; charset=utf-8")
        language = translation.get_language()
        response["Content-Disposition"] = f'attachment; filename="partner-cities-{language}.csv"'
        return response

    @path("registry/json/", name="registry_json")
    def registry_json(self, request):
        rows = exports.registry_rows(list(self.live_cities()), request)
        return HttpResponse(
            exports.registry_json(rows, translation.get_language()),
            content_type="application/json; charset=utf-8",
        )


_NOT_LOOKED_UP = object()


def activity_rule_text():
    return ACTIVITY_RULE % {
        "active": localise_digits(ACTIVE_YEARS),
        "quiet": localise_digits(QUIET_YEARS),
    }


class PartnerCityPage(RoutablePageMixin, BasePage):
    """One partner city: what the tie is, since when, what it covers and what has happened."""

    native_name = models.CharField(
        _("native name"),
        max_length=120,
        blank=True,
        help_text=_("The city's name in its own language and script, e.g. 西安 or Firenze."),
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    relationship_kind = models.CharField(
        _("kind of tie"), max_length=30, choices=RelationshipKind.choices
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=LifecycleStatus.choices,
        default=LifecycleStatus.SIGNED,
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_year = models.PositiveSmallIntegerField(
        _("year signed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Filled in from the date; give it alone when only the year is known."),
    )
    council_resolution = models.CharField(
        _("council resolution"),
        max_length=255,
        blank=True,
        help_text=_("The city council's resolution approving the tie: number and date."),
    )
    fields_of_cooperation = ParentalManyToManyField(
        FieldOfCooperation,
        verbose_name=_("fields of cooperation"),
        blank=True,
        related_name="partner_cities",
        limit_choices_to=fields_in_default_language,
        help_text=_("Chosen from the default language's list; readers see them in their language."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences about the tie.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    benefits = RichTextField(
        _("what this tie offers residents"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
    )
    agreements = StreamField(
        [("agreement", AgreementBlock())], verbose_name=_("agreements"), blank=True
    )
    exchanges = StreamField(
        [("exchange", ExchangeBlock())], verbose_name=_("exchanges"), blank=True
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("gallery"), blank=True)
    contacts = StreamField([("contact", ContactBlock())], verbose_name=_("contacts"), blank=True)

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("native_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("The city"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("relationship_kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signed_year")]),
                FieldPanel("council_resolution"),
                FieldPanel("fields_of_cooperation", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("The tie"),
        ),
        FieldPanel("summary"),
        FieldPanel("benefits"),
        FieldPanel("agreements"),
        FieldPanel("exchanges"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("contacts"),
    ]
    search_text_fields = ("native_name", "summary", "benefits", "body", "agreements", "exchanges")
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("native_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("relationship_kind"),
        index.FilterField("status"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("native_name"),
        SynchronizedField("country"),
        SynchronizedField("region"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("relationship_kind"),
        SynchronizedField("status"),
        SynchronizedField("signed_on"),
        SynchronizedField("signed_year"),
        TranslatableField("council_resolution"),
        SynchronizedField("fields_of_cooperation"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("benefits"),
        TranslatableField("agreements"),
        TranslatableField("exchanges"),
        TranslatableField("gallery"),
        TranslatableField("contacts"),
    ]

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")

    def clean(self):
        super().clean()
        if self.signed_on:
            self.signed_year = self.signed_on.year

    def save(self, *args, **kwargs):
        if self.signed_on:
            self.signed_year = self.signed_on.year
        super().save(*args, **kwargs)

    @property
    def coordinates(self):
        """``34.3416° N, 108.9398° E`` (hemisphere letters in the reader's language)."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lng = float(self.latitude), float(self.longitude)
        north_south = _("N") if lat >= 0 else _("S")
        east_west = _("E") if lng >= 0 else _("W")
        separator = pgettext("list separator", ", ")
        return separator.join(
            (
                f"{localise_digits(f'{abs(lat):.4f}')}° {north_south}",
                f"{localise_digits(f'{abs(lng):.4f}')}° {east_west}",
            )
        )

    @property
    def is_established(self):
        return self.status in ESTABLISHED_STATUSES

    def latest_event_on(self) -> datetime.date | None:
        return latest_event_dates([self]).get(self.pk)

    def activity(self, latest=_NOT_LOOKED_UP):
        """Activity level of an established tie; None for proposed or ended ties and for ties
        with no dated event, rather than a guess."""
        if not self.is_established:
            return None
        if latest is _NOT_LOOKED_UP:
            latest = self.latest_event_on()
        level = compute_activity(latest)
        if level is None:
            return None
        return {"level": level, "label": Activity.LABELS[level]}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def shown():
            fields = FieldOfCooperation.with_local_names(self.fields_of_cooperation.all())
            return (
                FieldOfCooperation.localised_labels(list(fields)),
                timeline_for(self),
                sections_for(self, request),
            )

        if getattr(request, "is_preview", False):
            fields, timeline, sections = shown()
        else:
            # Its fields of cooperation, every story, week and road-map item about the city and
            # the other apps' sections: kept by core.memo until the next publication.
            key = ("city-shown", self.pk, translation.get_language())
            fields, timeline, sections = memo.get(request, key, shown)
        context["fields_of_cooperation"] = fields
        context["timeline"] = timeline
        latest = latest_past_entry(timeline)
        context["activity"] = self.activity(latest.date if latest else None)
        context["structured_data"] = self.structured_data(request)
        context["activity_rule"] = activity_rule_text()
        context["city_sections"] = sections
        return context

    def structured_data(self, request):
        """schema.org City, with its coordinates and country."""
        data = {
            "@context": "https://schema.org",
            "@type": "City",
            "name": self.title,
            "url": public_url(self.get_url(request=request)),
            "containedInPlace": {"@type": "Country", "name": str(self.country.name)},
        }
        if self.native_name and self.native_name != self.title:
            data["alternateName"] = self.native_name
        if self.summary:
            data["description"] = self.summary
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        return json_ld_script(data)

    @path("calendar/", name="exchanges_ics")
    def exchanges_ics(self, request):
        if not self.exchanges:
            raise Http404  # RFC 5545 wants at least one event; the page links none either
        response = HttpResponse(
            exports.exchanges_calendar(self, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-exchanges.ics"'
        return response


class NetworkIndexPage(BasePage):
    """The city's memberships in international city networks."""

    intro = models.TextField(_("introduction"), blank=True)
    memberships = StreamField(
        [("membership", NetworkMembershipBlock())], verbose_name=_("memberships"), blank=True
    )

    parent_page_types = ["home.HomePage", "partners.PartnerIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("memberships")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    search_text_fields = ("intro", "memberships")
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("memberships"),
    ]

    class Meta:
        verbose_name = _("city networks page")
