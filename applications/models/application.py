import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from persiantools.jdatetime import JalaliDate
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from applications.pipeline import EmailKind, IllegalTransition, Status
from applications.storage import private_storage, random_cv_name
from core.models import language_choices


class Category(models.TextChoices):
    PROFESSOR = "professor", _("University professor")
    STUDENT = "student", _("Student")
    ACADEMIC_STAFF = "academic-staff", _("Academic staff")
    BUSINESS = "business", _("Business person")
    ATHLETE = "athlete", _("Athlete")
    CULTURAL_ACTIVIST = "cultural-activist", _("Cultural activist")
    MEDIA_ACTIVIST = "media-activist", _("Media activist")
    DIASPORA = "diaspora", _("Member of the diaspora")
    OTHER = "other", _("Other")


class CaptchaOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    UNAVAILABLE = "unavailable", _("Service unreachable")
    UNVERIFIED = "unverified", _("No score returned")


class ReferenceCounter(models.Model):
    """The last reference number given out in each Jalali year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


def next_reference(now=None) -> str:
    """``CD-1405-0042``: the Jalali year of submission and a number counting up within it.

    Runs inside the caller's transaction: the counter row stays locked until the application is
    committed, so two submissions never get the same number and a failed one leaves no gap.
    """
    year = JalaliDate(timezone.localdate(now or timezone.now())).year
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
        number = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
    return f"CD-{year}-{number:04d}"


class ApplicationQuerySet(models.QuerySet):
    def with_duplicate_flag(self):
        """Annotate ``has_duplicate``: another application with the same email or phone."""
        others = Application.objects.exclude(pk=OuterRef("pk")).filter(
            Q(email=OuterRef("email")) | Q(phone=OuterRef("phone")), anonymised_at__isnull=True
        )
        return self.annotate(has_duplicate=Exists(others))

    # Statuses change only through applications.pipeline.transition, which saves one row at a
    # time; the bulk paths would skip its checks and its history, so they refuse.
    def update(self, **kwargs):
        if "status" in kwargs:
            raise IllegalTransition("Change the status with applications.pipeline.transition.")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "status" in fields:
            raise IllegalTransition("Change the status with applications.pipeline.transition.")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        if any(obj.status != Status.SUBMITTED for obj in objs):
            raise IllegalTransition("A new application starts as submitted.")
        return super().bulk_create(objs, *args, **kwargs)


class Application(models.Model):
    """One citizen's application to be a facilitator for one or more partner cities.

    Data, not a page: never translated, never public. Its status changes only through
    ``applications.pipeline.transition``.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    # The hidden token of the form that created it: a form sent twice makes one application.
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    language = models.CharField(
        _("language of submission"), max_length=10, choices=language_choices
    )
    call = models.ForeignKey(
        "applications.ApplicationPage",
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=20, db_index=True, help_text="E.164")
    city_of_residence = models.CharField(_("city of residence"), max_length=120)
    country_of_residence = CountryField(_("country of residence"))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    languages_spoken = models.CharField(_("languages spoken"), max_length=300)
    partner_cities = models.ManyToManyField(
        "partners.PartnerCityPage",
        verbose_name=_("partner cities"),
        related_name="citizen_applications",
    )
    contacts_description = models.TextField(_("contacts in those cities"))
    fields_of_cooperation = models.ManyToManyField(
        "partners.FieldOfCooperation",
        verbose_name=_("fields of cooperation"),
        related_name="citizen_applications",
        blank=True,
    )
    proposal = models.TextField(_("proposal"))
    cv = models.FileField(
        _("CV"), storage=private_storage, upload_to=random_cv_name, blank=True, max_length=200
    )
    cv_kind = models.CharField(_("CV format"), max_length=10, blank=True)

    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=40)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"))
    consent_share_with_partner = models.BooleanField(
        _("may share details with the partner city"), default=False
    )
    consent_public_listing = models.BooleanField(
        _("may be listed publicly as a facilitator"), default=False
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    captcha_outcome = models.CharField(
        _("reCAPTCHA"), max_length=20, choices=CaptchaOutcome.choices, default=CaptchaOutcome.PASSED
    )
    # A keyed hash of the client's address, for the rate limit; never the address itself.
    client_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="application_status_is_known"
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.full_name}".strip()

    def save(self, *args, **kwargs):
        step = getattr(self, "_transition_in_progress", None)
        self._transition_in_progress = None
        if self._state.adding:
            if self.status != Status.SUBMITTED:
                raise IllegalTransition("A new application starts as submitted.")
            if not self.reference:
                self.reference = next_reference(self.submitted_at)
        elif step is None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != self.status:
                raise IllegalTransition("Change the status with applications.pipeline.transition.")
        super().save(*args, **kwargs)

    @property
    def needs_closer_look(self):
        return self.captcha_outcome != CaptchaOutcome.PASSED

    def possible_duplicates(self):
        if self.anonymised_at:
            return Application.objects.none()
        return (
            Application.objects.exclude(pk=self.pk)
            .filter(Q(email=self.email) | Q(phone=self.phone), anonymised_at__isnull=True)
            .order_by("submitted_at")
        )

    # For the admin listing and its exports.
    def review_flags(self):
        """What a reviewer should notice: a possible duplicate (from the listing's annotation)
        and a reCAPTCHA that could not confirm the applicant."""
        flags = []
        if getattr(self, "has_duplicate", False):
            flags.append(str(_("possible duplicate")))
        if self.needs_closer_look:
            flags.append(str(_("reCAPTCHA not confirmed")))
        return pgettext("list separator", ", ").join(flags)

    review_flags.short_description = _("flags")

    def partner_city_names(self):
        return pgettext("list separator", ", ").join(c.title for c in self.partner_cities.all())

    partner_city_names.short_description = _("partner cities")

    def field_names(self):
        return pgettext("list separator", ", ").join(
            field.name for field in self.fields_of_cooperation.all()
        )

    field_names.short_description = _("fields of cooperation")


class ApplicationEvent(models.Model):
    """One line of an application's history: what happened, when, and who did it."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        TRANSITION = "transition", _("Status changed")
        ASSIGNED = "assigned", _("Reviewer assigned")
        LISTING_WITHDRAWN = "listing-withdrawn", _("Public listing withdrawn")
        EMAIL_SENT = "email-sent", _("Email sent")
        EMAIL_FAILED = "email-failed", _("Email failed")
        VIEWED = "viewed", _("Viewed")
        CV_DOWNLOADED = "cv-downloaded", _("CV downloaded")
        EXPORTED = "exported", _("Data exported")
        ANONYMISED = "anonymised", _("Anonymised")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("application event")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """An email the applicant is owed: written in the same transaction as the change that owes
    it, so it is never lost, and sent (and retried) by the task queue."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    gave_up = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.kind}"


class EmailWordingForm(WagtailAdminModelForm):
    """One wording per email and language (a database constraint): the locale is not a form
    field, so Django's form validation does not check it and a second one would be a 500."""

    def clean(self):
        cleaned = super().clean()
        kind, locale_id = cleaned.get("kind"), self.instance.locale_id
        if kind and locale_id:
            others = type(self.instance).objects.filter(kind=kind, locale_id=locale_id)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "kind",
                    _("This email already has a wording in this language; edit that one."),
                )
        return cleaned


class EmailWording(TranslatableMixin, models.Model):
    """The wording of one email to applicants, per language; editors change it in the admin.

    Placeholders: {name}, {reference}, {note}, {withdraw_link}, {office}. Without a wording for
    a kind and language, the built-in text is used (applications/emails.py).
    """

    kind = models.CharField(_("which email"), max_length=20, choices=EmailKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text. Placeholders: {name}, {reference}, {note} (the reviewer's note), "
            "{withdraw_link}, {office}."
        ),
    )

    base_form_class = EmailWordingForm
    panels = [
        HelpPanel(
            content=_(
                "The email applicants receive at this step, in this language. Leave out a "
                "placeholder and its value is left out of the email."
            )
        ),
        FieldPanel("kind"),
        FieldPanel("subject"),
        FieldPanel("body"),
    ]
    translatable_fields = [
        SynchronizedField("kind"),
        TranslatableField("subject"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("email to applicants")
        verbose_name_plural = _("emails to applicants")
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="unique_email_wording")
        ]

    def __str__(self):
        return self.get_kind_display()
