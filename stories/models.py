import math

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import memo
from core.blocks import BodyStreamBlock
from core.models import BasePage
from partners.blocks import GalleryBlock
from partners.models import FieldOfCooperation, fields_in_default_language

WORDS_PER_MINUTE = 200


class StoryKind(models.TextChoices):
    NEWS = "news", _("News")
    INTERVIEW = "interview", _("Interview")
    OP_ED = "op-ed", _("Op-ed")
    PRESS_RELEASE = "press-release", _("Press release")
    VISIT_REPORT = "visit-report", _("Visit report")


def partner_pages_in_default_language():
    return {"locale__language_code": settings.LANGUAGE_CODE}


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryIndexPage(BasePage):
    """News, interviews, op-eds…: newest first, filtered by plain GET parameters."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    class Meta:
        verbose_name = _("stories index")

    def live_stories(self):
        return (
            StoryPage.objects.child_of(self)
            .live()
            .filter(alias_of__isnull=True)
            .order_by("-date", "-pk")
        )

    def canonical_query(self, request):
        """Pages of the list and month archives are pages of their own for search engines."""
        params = [(name, request.GET.get(name, "")) for name in ("year", "month", "page")]
        kept = [f"{name}={value}" for name, value in params if value.isdigit()]
        return "?" + "&".join(kept) if kept else ""

    def get_context(self, request, *args, **kwargs):
        from stories.listing import StoryListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = StoryListing(self, request)
        return context


class StoryPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StoryKind.choices, default=StoryKind.NEWS
    )
    author = models.CharField(_("author"), max_length=120, blank=True)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences: shown in lists, feeds and when shared.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(_("main image: alternative text"), max_length=255, blank=True)
    hero_caption = models.CharField(_("main image: caption"), max_length=255, blank=True)
    hero_credit = models.CharField(_("main image: credit"), max_length=120, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    gallery = StreamField(GalleryBlock(), verbose_name=_("gallery"), blank=True)
    partner_cities = ParentalManyToManyField(
        "partners.PartnerCityPage",
        verbose_name=_("partner cities"),
        blank=True,
        related_name="+",
        limit_choices_to=partner_pages_in_default_language,
        help_text=_("The partner cities the story is about: it appears on their timelines."),
    )
    fields_of_cooperation = ParentalManyToManyField(
        FieldOfCooperation,
        verbose_name=_("fields of cooperation"),
        blank=True,
        related_name="stories",
        limit_choices_to=fields_in_default_language,
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("tags"))
    source_outlet = models.CharField(
        _("source outlet"),
        max_length=120,
        blank=True,
        help_text=_("When the story is based on another outlet's report: its name."),
    )
    source_url = models.URLField(_("source link"), blank=True)

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("author")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        FieldPanel("gallery"),
        MultiFieldPanel(
            [
                FieldPanel("partner_cities"),
                FieldPanel("fields_of_cooperation"),
                FieldPanel("tags"),
            ],
            heading=_("What the story is about"),
        ),
        FieldRowPanel([FieldPanel("source_outlet"), FieldPanel("source_url")], heading=_("Source")),
    ]
    search_text_fields = ("author", "summary", "body", "source_outlet")
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("date"),
        SynchronizedField("kind"),
        TranslatableField("author"),
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_alt_text"),
        TranslatableField("hero_caption"),
        TranslatableField("hero_credit"),
        TranslatableField("body"),
        TranslatableField("gallery"),
        SynchronizedField("partner_cities"),
        SynchronizedField("fields_of_cooperation"),
        TranslatableField("source_outlet"),
        SynchronizedField("source_url"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # Newest first, older and newer: every listing walks stories by date.
        indexes = [models.Index(fields=["date", "page_ptr"], name="stories_date_idx")]

    def reading_minutes(self):
        words = sum(len(text.split()) for text in self._body_text())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def _body_text(self):
        return [self.summary, *self._meta.get_field("body").get_searchable_content(self.body)]

    @property
    def card_html(self):
        """The story's card in its index: made once while the memo keeps the page of stories
        it is on (core/memo.py)."""
        context = {"story": self, "separator": pgettext("list separator", ", ")}
        return memo.rendered(self, "stories/includes/story_card.html", context)

    def get_context(self, request, *args, **kwargs):
        from stories.listing import story_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_context(self, request))
        return context
