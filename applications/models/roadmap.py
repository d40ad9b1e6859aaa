from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from applications.pipeline import Status
from core.models import language_choices
from partners.models import fields_in_default_language


def cities_in_default_language():
    return {"locale__language_code": settings.LANGUAGE_CODE}


def accepted_facilitators():
    return {"status": Status.ACCEPTED, "anonymised_at__isnull": True}


def facilitator_pool(city):
    """The accepted facilitators for ``city`` (a partner page in any language)."""
    from applications.models import Application

    return Application.objects.filter(
        partner_cities__translation_key=city.translation_key, **accepted_facilitators()
    ).distinct()


class RoadmapMeetingForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        city = cleaned.get("partner_city")
        invited = cleaned.get("invited_facilitators")
        if city and invited:
            pool = set(facilitator_pool(city).values_list("pk", flat=True))
            outside = [str(a) for a in invited if a.pk not in pool]
            if outside:
                self.add_error(
                    "invited_facilitators",
                    _("Not in this city's pool of accepted facilitators: %(names)s")
                    % {"names": pgettext("list separator", ", ").join(outside)},
                )
        return cleaned


class RoadmapMeeting(ClusterableModel):
    """The meeting, one per partner city and round, where the office, its partners and the
    city's facilitators agree on a road map for the city's memorandum."""

    partner_city = models.ForeignKey(
        "partners.PartnerCityPage",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        related_name="roadmap_meetings",
        limit_choices_to=cities_in_default_language,
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    partner_institutions = models.TextField(
        _("partner institutions"), blank=True, help_text=_("One per line.")
    )
    invited_facilitators = ParentalManyToManyField(
        "applications.Application",
        verbose_name=_("invited facilitators"),
        blank=True,
        related_name="roadmap_meetings",
        limit_choices_to=accepted_facilitators,
        help_text=_("From the city's pool of accepted facilitators."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Internal; never shown."))

    base_form_class = RoadmapMeetingForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("partner_city"),
                FieldRowPanel([FieldPanel("round"), FieldPanel("date")]),
                FieldPanel("venue"),
                FieldPanel("partner_institutions"),
            ],
            heading=_("The meeting"),
        ),
        FieldPanel("invited_facilitators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        InlinePanel("items", heading=_("Road map"), label=_("action")),
    ]

    class Meta:
        verbose_name = _("road-map meeting")
        verbose_name_plural = _("road-map meetings")
        ordering = ["-date", "partner_city"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner_city", "round"], name="one_roadmap_meeting_per_city_and_round"
            )
        ]

    def __str__(self):
        return f"{self.partner_city.title} ({self.round})"

    def clean(self):
        super().clean()
        if self.partner_city_id and self.partner_city.locale.language_code != (
            settings.LANGUAGE_CODE
        ):
            raise ValidationError(
                {"partner_city": _("Choose the city's page in the default language.")}
            )

    def institution_list(self):
        return [line.strip() for line in self.partner_institutions.splitlines() if line.strip()]


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    STALLED = "stalled", _("Stalled")


class RoadmapItem(Orderable):
    """One action of a road map. Public ones appear on the partner city's page."""

    meeting = ParentalKey(RoadmapMeeting, on_delete=models.CASCADE, related_name="items")
    action = models.CharField(_("action"), max_length=300)
    language = models.CharField(
        _("written in"),
        max_length=10,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("Readers of the other language see it marked as written in this one."),
    )
    field = models.ForeignKey(
        "partners.FieldOfCooperation",
        verbose_name=_("field of cooperation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=fields_in_default_language,
    )
    owner_institution = models.CharField(_("owner institution"), max_length=200, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    is_public = models.BooleanField(_("public"), default=True)

    panels = [
        FieldPanel("action"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("field")]),
        FieldRowPanel([FieldPanel("owner_institution"), FieldPanel("target_date")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("is_public")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("road-map action")
        verbose_name_plural = _("road-map actions")

    def __str__(self):
        return self.action
