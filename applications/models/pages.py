from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage


class CallState(models.TextChoices):
    NOT_YET_OPEN = "not-yet-open", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ApplicationPage(RoutablePageMixin, BasePage):
    """A call for citizen diplomats: what it is, who may apply, and the form itself."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    eligibility = RichTextField(
        _("who may apply"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version"),
        max_length=40,
        default="1",
        help_text=_("Recorded with each application's consent; change it when the notice changes."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("privacy_page"), FieldPanel("privacy_notice_version")]),
            ],
            heading=_("The call"),
        ),
    ]
    search_text_fields = ("intro", "eligibility")
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("eligibility"),
        SynchronizedField("privacy_page"),
        SynchronizedField("privacy_notice_version"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
    ]

    class Meta:
        verbose_name = _("call for citizen diplomats")

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return CallState.NOT_YET_OPEN
        if self.closes_at and now >= self.closes_at:
            return CallState.CLOSED
        return CallState.OPEN

    def localised_privacy_page(self):
        """The privacy notice in this call's language where it is live, else as chosen; one
        query for both (as the page's own type, with its own fields left unfetched)."""
        if self.privacy_page_id is None:
            return None
        chosen = Page.objects.filter(pk=self.privacy_page_id)
        rows = Page.objects.filter(
            Q(pk=self.privacy_page_id)
            | Q(translation_key__in=chosen.values("translation_key"), locale_id=self.locale_id)
        )
        pages = {row.pk: row for row in rows}
        page = pages.get(self.privacy_page_id)
        if page is None:
            return None
        translation = next((row for row in pages.values() if row.locale_id == self.locale_id), None)
        found = translation if translation is not None and translation.live else page
        return found.specific_deferred

    @path("")
    def form_view(self, request):
        from applications.views import application_form

        return application_form(request, self)

    # The signed token goes in the query: Wagtail's page URLs allow only letters, digits and
    # dashes in a path segment.
    @path("confirmation/")
    def confirmation_view(self, request):
        from applications.views import confirmation

        return confirmation(request, self, request.GET.get("ref", ""))
