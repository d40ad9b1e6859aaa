"""core/widgets.py writes exactly the HTML Django's own templates write."""

import pytest
from django import forms

from core import widgets

CHOICES = [
    ("", "Choose"),
    ("IR", "ایران"),
    ("a&b", 'Fish & "chips" <b>'),
    (3, "Three"),
]
GROUPED = [
    ("Asia", [("IR", "ایران"), ("CN", "چین")]),
    ("Europe & more", [("FR", "France <fr>")]),
    ("XX", "Loose"),
]


def _form(base_select, base_radio, base_checkbox, choices):
    class Form(forms.Form):
        country = forms.ChoiceField(
            choices=choices, widget=base_select(attrs={"autocomplete": "country"})
        )
        kind = forms.ChoiceField(choices=choices, widget=base_radio, help_text="Pick one")
        many = forms.MultipleChoiceField(
            choices=choices, widget=base_checkbox(attrs={"data-x": True, "data-off": False})
        )

    return Form


OURS = (widgets.Select, widgets.RadioSelect, widgets.CheckboxSelectMultiple)
DJANGOS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def rendered(form):
    out = []
    for name in ("country", "kind", "many"):
        field = form[name]
        out.append(str(field))
        for choice in field:
            out.append(str(choice.tag()))
            out.append(str(choice.tag(wrap_label=True)))
            out.append(str(choice))
    return out


@pytest.mark.parametrize("choices", [CHOICES, GROUPED], ids=["flat", "grouped"])
@pytest.mark.parametrize(
    "data",
    [None, {"country": "a&b", "kind": "3", "many": ["IR", "3"]}, {"country": "nope"}],
    ids=["unbound", "valid", "invalid"],
)
def test_the_same_html_as_djangos_templates(choices, data):
    ours = _form(*OURS, choices)(data=data)
    theirs = _form(*DJANGOS, choices)(data=data)
    if data is not None:
        assert ours.is_valid() == theirs.is_valid()
    assert rendered(ours) == rendered(theirs)
    assert "&lt;b&gt;" in "".join(rendered(ours)) or choices is GROUPED
