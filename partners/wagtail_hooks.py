from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.models import FieldOfCooperation, ProgrammeCategory


class TaxonomyViewSet(SnippetViewSet):
    icon = "tag"
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class FieldOfCooperationViewSet(TaxonomyViewSet):
    model = FieldOfCooperation
    menu_label = _("Fields of cooperation")
    menu_order = 250


class ProgrammeCategoryViewSet(TaxonomyViewSet):
    model = ProgrammeCategory
    menu_label = _("Programme categories")
    menu_order = 260


register_snippet(FieldOfCooperationViewSet)
register_snippet(ProgrammeCategoryViewSet)
