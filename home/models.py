import datetime

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core import memo
from core.blocks import BodyStreamBlock
from core.models import BasePage


class HomePage(BasePage):
    """The root of one language's tree; one per locale, created by a data migration."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "partners.PartnerIndexPage",
        "partners.NetworkIndexPage",
        "partners.CulturalWeekIndexPage",
        "stories.StoryIndexPage",
        "applications.ApplicationPage",
    ]
    # One home page per language, made by data migrations (and translations); never by hand.
    is_creatable = False

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    search_text_fields = ("intro", "body")
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # home may read every content app to feature it (see docs/architecture.md).
        from partners.models import CulturalWeekPage, PartnerCityPage, PartnerIndexPage
        from stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()

        def load():
            latest = list(
                StoryPage.objects.live()
                .filter(locale_id=self.locale_id)
                .order_by("-date", "-pk")[:3]
            )
            coming = list(
                CulturalWeekPage.objects.live()
                .filter(locale_id=self.locale_id, end_date__gte=today - datetime.timedelta(days=1))
                .order_by("start_date")[:2]
            )
            # The index and the number of live cities in this language, in one query.
            cities = (
                PartnerCityPage.objects.live()
                .filter(locale_id=OuterRef("locale_id"))
                .order_by()
                .values("locale_id")
                .annotate(count=Count("pk"))
                .values("count")
            )
            index = (
                PartnerIndexPage.objects.live()
                .filter(locale_id=self.locale_id)
                .annotate(city_count=Coalesce(Subquery(cities), 0))
                .first()
            )
            return latest, coming, index

        # Listings of whole collections, kept until the next publication (core/memo.py); the
        # date is in the key, so a week that ends drops out the next day.
        latest, coming, index = memo.get(request, ("home", self.pk, today), load)
        context["latest_stories"] = latest
        context["coming_weeks"] = coming
        context["partner_index"] = index
        context["partner_count"] = index.city_count if index else 0
        return context


class StandardPage(BasePage):
    """A page of prose: about the office, privacy notice, accessibility statement and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    search_text_fields = ("intro", "body")
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
