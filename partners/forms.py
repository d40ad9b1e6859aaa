from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import widgets
from core.i18n import localise_digits, sort_key
from partners.models import FieldOfCooperation, LifecycleStatus, Region, RelationshipKind


class SortOrder:
    NAME = "name"
    SIGNED = "signed"
    CHOICES = [(NAME, _("Name")), (SIGNED, _("Date signed"))]


def _blank(label):
    return [("", label)]


class PartnerFilterForm(forms.Form):
    """The index's filters: plain GET parameters, so every filtered view has a shareable URL.

    Choices are built from the cities that exist, so a reader is never offered an empty filter.
    An unknown value is ignored (the field is simply invalid), never an error page.
    """

    region = forms.ChoiceField(label=_("Region"), required=False, widget=widgets.Select)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=widgets.Select)
    kind = forms.ChoiceField(label=_("Kind of tie"), required=False, widget=widgets.Select)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=widgets.Select)
    field = forms.ChoiceField(
        label=_("Field of cooperation"), required=False, widget=widgets.Select
    )
    year = forms.ChoiceField(label=_("Year signed"), required=False, widget=widgets.Select)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, widget=widgets.Select, choices=SortOrder.CHOICES
    )

    def __init__(self, data, *, choices):
        """``choices``: from ``choices_for`` (the index keeps them with its rows)."""
        super().__init__(data)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices

    @staticmethod
    def choices_for(cities):
        """Each filter's choices, from the cities there are (the same for every request until
        a city changes, so the index keeps them with its rows)."""
        regions = {city.region for city in cities}
        codes = {city.country.code for city in cities}
        kinds = {city.relationship_kind for city in cities}
        statuses = {city.status for city in cities}
        # Only fields some city has, so a filter never leads to an empty list.
        fields = {f.slug: f for city in cities for f in city.fields_of_cooperation.all()}.values()
        names = FieldOfCooperation.localised_names(fields)
        years = sorted({city.signed_year for city in cities if city.signed_year}, reverse=True)
        return {
            "region": _blank(_("All regions"))
            + [(value, label) for value, label in Region.choices if value in regions],
            "country": _blank(_("All countries"))
            + sorted(
                ((code, countries.name(code)) for code in codes),
                key=lambda item: sort_key(item[1]),
            ),
            "kind": _blank(_("All kinds"))
            + [(value, label) for value, label in RelationshipKind.choices if value in kinds],
            "status": _blank(_("All statuses"))
            + [(value, label) for value, label in LifecycleStatus.choices if value in statuses],
            "field": _blank(_("All fields"))
            + sorted(
                ((field.slug, names[field.translation_key]) for field in fields),
                key=lambda item: sort_key(item[1]),
            ),
            "year": _blank(_("Any year")) + [(str(year), localise_digits(year)) for year in years],
        }

    def filters(self):
        """The valid, non-empty filters as a dict (invalid values are dropped)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in ("region", "country", "kind", "status", "field", "year")
            if cleaned.get(name)
        }

    def sort_order(self):
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("sort") or SortOrder.NAME
