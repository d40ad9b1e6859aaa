from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from applications import admin_views
from applications.models import Application, EmailWording, RoadmapMeeting


class ApplicationViewSet(ModelViewSet):
    model = Application
    # The views reverse "applications_application:…"; the default name would be "application",
    # at /admin/application/.
    name = "applications_application"
    url_prefix = "applications/application"
    icon = "form"
    menu_label = _("Applications")
    # Applications are personal data: they never appear in a page's "Usage" tab.
    add_to_reference_index = False
    menu_order = 100
    index_view_class = admin_views.ApplicationIndexView
    inspect_view_class = admin_views.ApplicationDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = admin_views.ApplicationFilterSet
    search_fields = ["full_name", "email", "reference"]
    search_backend_name = None
    list_display = [
        "reference",
        "full_name",
        "status",  # shown with its label (get_status_display)
        "submitted_at",
        "partner_city_names",
        "language",
        "assigned_reviewer",
        "review_flags",
    ]
    list_export = [
        "reference",
        "submitted_at",
        "get_language_display",
        "get_status_display",
        "full_name",
        "email",
        "phone",
        "city_of_residence",
        "country_of_residence",
        "get_category_display",
        "organisation",
        "role",
        "languages_spoken",
        "partner_city_names",
        "field_names",
        "consent_share_with_partner",
        "consent_public_listing",
        "get_captcha_outcome_display",
    ]
    # Readable values in the export, under the same headings as the fields.
    export_headings = {
        "get_language_display": _("Language of submission"),
        "get_status_display": _("Status"),
        "get_category_display": _("Category"),
        "get_captcha_outcome_display": _("reCAPTCHA"),
    }
    export_filename = "applications"
    list_per_page = 50

    @property
    def permission_policy(self):
        return admin_views.ApplicationPermissionPolicy(self.model)

    def get_common_view_kwargs(self, **kwargs):
        # The listing's links open the application view; nothing is edited by a form.
        return super().get_common_view_kwargs(
            **{"edit_url_name": self.get_url_name("inspect"), "add_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/step/", admin_views.transition_view, name="transition"),
            path("<int:pk>/assign/", admin_views.assign_view, name="assign"),
            path(
                "<int:pk>/withdraw-listing/",
                admin_views.withdraw_listing_view,
                name="withdraw_listing",
            ),
            path("<int:pk>/data/", admin_views.export_data_view, name="export_data"),
        ]


class ReviewersMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_applications(request.user)


class FacilitatorPoolViewSet(ViewSet):
    name = "facilitator_pools"
    url_prefix = "applications/pools"
    icon = "group"
    menu_label = _("Facilitator pools")
    menu_order = 105
    menu_item_class = ReviewersMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.FacilitatorPoolsView.as_view(), name="index")]


class RoadmapMeetingViewSet(SnippetViewSet):
    model = RoadmapMeeting
    icon = "list-ol"
    menu_label = _("Road-map meetings")
    menu_order = 110
    list_display = ["partner_city", "round", "date", "venue"]
    list_filter = ["partner_city"]

    def get_queryset(self, request):
        return RoadmapMeeting.objects.select_related("partner_city")


class EmailWordingViewSet(SnippetViewSet):
    model = EmailWording
    icon = "mail"
    menu_label = _("Emails to applicants")
    menu_order = 120
    list_display = ["kind", "subject"]


class CitizenDiplomatsGroup(SnippetViewSetGroup):
    menu_label = _("Citizen diplomats")
    menu_icon = "group"
    menu_order = 240
    items = (
        ApplicationViewSet,
        FacilitatorPoolViewSet,
        RoadmapMeetingViewSet,
        EmailWordingViewSet,
    )


# One menu for the pipeline; each item shows only to those with permission on it.
register_snippet(CitizenDiplomatsGroup)


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if admin_views.may_see_applications(request.user):
        panels.append(admin_views.ApplicationsDashboardPanel())
