from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.models import FieldOfCooperation, ProgrammeCategory


class FieldOfCooperationViewSet(SnippetViewSet):
    model = FieldOfCooperation
    icon = "tag"
    menu_label = _("Fields of cooperation")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


register_snippet(FieldOfCooperationViewSet)


class ProgrammeCategoryViewSet(SnippetViewSet):
    model = ProgrammeCategory
    icon = "tag"
    menu_label = _("Programme categories")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


register_snippet(ProgrammeCategoryViewSet)
