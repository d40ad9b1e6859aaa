"""The office side: the reviewers' listing, the application view with its next steps, the CV
download, the applicant's data export and the dashboard panel. Only users with the
``applications.view_application`` permission (the Reviewers group) get past any of them."""

import json
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from applications.files import CONTENT_TYPES
from applications.models import Application, ApplicationEvent, Category
from applications.pipeline import (
    OPEN_STATUSES,
    IllegalTransition,
    Status,
    find_transition,
    may_review,
    next_steps,
    transition,
)
from core import page_cache
from core.i18n import normalise_text
from core.models import language_choices
from partners.models import PartnerCityPage

VIEW_PERMISSION = "applications.view_application"
# The listing's search looks in these; a query longer than the longest cannot match.
SEARCHED_FIELDS = ("full_name", "email", "reference")
SEARCHED_LENGTH = max(Application._meta.get_field(name).max_length for name in SEARCHED_FIELDS)

# A spreadsheet runs a CSV cell that starts like a formula. Applicants write the names and
# organisations, so such cells get a leading apostrophe; a plain number (an E.164 phone) does not.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+")


def may_see_applications(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION)
    )


def reviewers():
    """Users who may review: members of a group with the change permission, and superusers."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="change_application",
                groups__permissions__content_type__app_label="applications",
            ),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come only from the public form and are never deleted by hand (retention
    anonymises them): nobody may add or delete one in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


def _default_language_cities(request=None):
    # django-filter calls a queryset callable with the request.
    return PartnerCityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "title"
    )


class ApplicationFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    category = ChoiceFilter(label=gettext_lazy("Category"), choices=Category.choices)
    partner_city = ModelChoiceFilter(
        label=gettext_lazy("Partner city"),
        field_name="partner_cities",
        queryset=_default_language_cities,
    )
    language = ChoiceFilter(label=gettext_lazy("Language"), choices=language_choices)
    submitted_at = DateFromToRangeFilter(
        label=gettext_lazy("Submitted between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Application
        fields = []


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .with_duplicate_flag()
            .select_related("assigned_reviewer")
            .prefetch_related("partner_cities", "fields_of_cooperation")
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        # Reference numbers and phones may be typed with Persian digits.
        query = normalise_text(self.search_query)
        if len(query) > SEARCHED_LENGTH:
            # It matches nothing, and SQLite would refuse a LIKE pattern over 50,000 bytes with
            # an error instead of saying so.
            return queryset.none()
        return queryset.filter(
            Q(full_name__icontains=query)
            | Q(email__icontains=query.lower())
            | Q(reference__icontains=query)
        )

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(_FORMULA_START)
            and not _PLAIN_NUMBER.fullmatch(value)
        ):
            return "'" + value
        return value

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        return response


class ApplicationDetailView(InspectView):
    template_name = "applications/admin/application_detail.html"

    def get_object(self, queryset=None):
        # The object is fetched before the permission check: without this, anyone in the admin
        # could tell which application numbers exist (404) from those that do (refused).
        if not may_see_applications(self.request.user):
            raise PermissionDenied
        return get_object_or_404(
            Application.objects.select_related("assigned_reviewer", "call").prefetch_related(
                "partner_cities",
                "fields_of_cooperation",
                Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor")),
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.reference

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get(self, request, *args, **kwargs):
        ApplicationEvent.objects.create(
            application=self.object, kind=ApplicationEvent.Kind.VIEWED, actor=request.user
        )
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        can_review = may_review(self.request.user)
        context.update(
            {
                "application": application,
                "events": list(application.events.all()),
                "next_steps": next_steps(application.status) if can_review else [],
                "can_review": can_review,
                "reviewers": list(reviewers()) if can_review else [],
                "duplicates": list(application.possible_duplicates()),
                "cv_url": reverse("application_cv", args=[application.pk])
                if application.cv
                else "",
                "export_url": reverse(
                    "applications_application:export_data", args=[application.pk]
                ),
                "transition_url": reverse(
                    "applications_application:transition", args=[application.pk]
                ),
                "assign_url": reverse("applications_application:assign", args=[application.pk]),
                "withdraw_listing_url": reverse(
                    "applications_application:withdraw_listing", args=[application.pk]
                ),
                "partner_cities": list(application.partner_cities.all()),
                "fields_of_cooperation": list(application.fields_of_cooperation.all()),
            }
        )
        return context


def _detail_url(application):
    return reverse("applications_application:inspect", args=[application.pk])


@require_POST
def transition_view(request, pk):
    if not may_review(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    target = request.POST.get("target", "")
    step = find_transition(application.status, target)
    note = normalise_text(request.POST.get("note", ""), multiline=True)
    if step is None:
        messages.error(request, _("That step is not possible from the application's status."))
    elif step.note_required and not note:
        messages.error(request, _("Write the note for the applicant first."))
    else:
        try:
            transition(application, target, by=request.user, note=note)
        except IllegalTransition:
            messages.error(
                request, _("The application changed meanwhile; look at it again and retry.")
            )
        else:
            messages.success(
                request,
                _("%(reference)s is now: %(status)s")
                % {"reference": application.reference, "status": Status(target).label},
            )
    return redirect(_detail_url(application))


@require_POST
def assign_view(request, pk):
    if not may_review(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    reviewer_id = request.POST.get("reviewer") or None
    reviewer = reviewers().filter(pk=reviewer_id).first() if reviewer_id else None
    if reviewer_id and reviewer is None:
        messages.error(request, _("Choose a reviewer from the list."))
        return redirect(_detail_url(application))
    Application.objects.filter(pk=application.pk).update(assigned_reviewer=reviewer)
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.ASSIGNED,
        actor=request.user,
        note=reviewer.get_username() if reviewer else "",
    )
    messages.success(
        request,
        _("The reviewer has been assigned.") if reviewer else _("Nobody is assigned now."),
    )
    return redirect(_detail_url(application))


@require_POST
def withdraw_listing_view(request, pk):
    """A facilitator who no longer wants to be named on the city's page (they may ask at any
    time, in any way): the consent is withdrawn and the change recorded."""
    if not may_review(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if application.consent_public_listing:
        Application.objects.filter(pk=application.pk).update(consent_public_listing=False)
        # The city's page names listed facilitators: a cached copy must not keep the name.
        page_cache.purge()
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.LISTING_WITHDRAWN,
            actor=request.user,
            note=normalise_text(request.POST.get("note", ""), multiline=True),
        )
        messages.success(request, _("The name is no longer listed publicly."))
    return redirect(_detail_url(application))


def cv_download(request, pk):
    """The only way to a CV: for reviewers, as an attachment. Everybody else, signed in or not,
    gets a 404 that says nothing about whether the application exists."""
    if not may_see_applications(request.user):
        raise Http404
    application = get_object_or_404(Application, pk=pk)
    if not application.cv:
        raise Http404
    try:
        handle = application.cv.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEvent.Kind.CV_DOWNLOADED, actor=request.user
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{application.reference}-cv.{application.cv_kind}",
        content_type=CONTENT_TYPES.get(application.cv_kind, "application/octet-stream"),
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def applicant_data(application) -> dict:
    """Everything held about one applicant, for a subject-access request."""
    return {
        "reference": application.reference,
        "submitted_at": application.submitted_at.isoformat(),
        "language": application.language,
        "full_name": application.full_name,
        "email": application.email,
        "phone": application.phone,
        "city_of_residence": application.city_of_residence,
        "country_of_residence": application.country_of_residence.code,
        "category": application.category,
        "organisation": application.organisation,
        "role": application.role,
        "languages_spoken": application.languages_spoken,
        "partner_cities": [city.title for city in application.partner_cities.all()],
        "contacts_description": application.contacts_description,
        "fields_of_cooperation": [f.name for f in application.fields_of_cooperation.all()],
        "proposal": application.proposal,
        "cv": bool(application.cv),
        "consents": {
            "privacy_notice_version": application.privacy_notice_version,
            "privacy_accepted_at": application.privacy_accepted_at.isoformat(),
            "share_with_partner_city": application.consent_share_with_partner,
            "public_listing": application.consent_public_listing,
        },
        "status": application.status,
        "events": [
            {
                "at": event.at.isoformat(),
                "kind": event.kind,
                "from": event.from_status,
                "to": event.to_status,
                "note": event.note,
            }
            for event in application.events.all()
        ],
        "emails": [
            {
                "kind": email.kind,
                "created_at": email.created_at.isoformat(),
                "sent_at": email.sent_at.isoformat() if email.sent_at else None,
            }
            for email in application.emails.all()
        ],
    }


def export_data_view(request, pk):
    if not may_see_applications(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEvent.Kind.EXPORTED, actor=request.user
    )
    body = json.dumps(applicant_data(application), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}.json"'
    add_never_cache_headers(response)
    return response


class ApplicationsDashboardPanel(Component):
    """Open applications by status and by partner city, and cities with no facilitator yet."""

    name = "citizen_diplomats"
    template_name = "applications/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        open_applications = Application.objects.filter(status__in=OPEN_STATUSES)
        by_status = dict(open_applications.values_list("status").annotate(n=Count("pk")).order_by())
        cities = list(
            _default_language_cities()
            .live()
            .annotate(
                open_count=Count(
                    "citizen_applications",
                    filter=Q(citizen_applications__status__in=OPEN_STATUSES),
                    distinct=True,
                ),
                facilitators=Count(
                    "citizen_applications",
                    filter=Q(
                        citizen_applications__status=Status.ACCEPTED,
                        citizen_applications__anonymised_at__isnull=True,
                    ),
                    distinct=True,
                ),
            )
        )
        context.update(
            {
                "by_status": [
                    (Status(status).label, by_status[status])
                    for status in Status.values
                    if status in by_status
                ],
                "open_total": sum(by_status.values()),
                "by_city": [c for c in cities if c.open_count],
                "without_facilitator": [c for c in cities if not c.facilitators],
                "index_url": reverse("applications_application:index"),
                "pools_url": reverse("facilitator_pools:index"),
                "today": timezone.localdate(),
            }
        )
        return context


class FacilitatorPoolsView(WagtailAdminTemplateMixin, TemplateView):
    """Each partner city's pool: its accepted facilitators and what they consented to."""

    template_name = "applications/admin/facilitator_pools.html"
    page_title = gettext_lazy("Facilitator pools")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_applications(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cities = list(_default_language_cities())
        by_key = {city.translation_key: {"city": city, "facilitators": []} for city in cities}
        accepted = (
            Application.objects.filter(status=Status.ACCEPTED, anonymised_at__isnull=True)
            .prefetch_related("partner_cities")
            .order_by("full_name")
        )
        for application in accepted:
            for city in application.partner_cities.all():
                if city.translation_key in by_key:
                    by_key[city.translation_key]["facilitators"].append(application)
        context["pools"] = list(by_key.values())
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        return response
