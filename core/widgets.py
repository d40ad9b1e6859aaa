"""Choice widgets that write their options in Python instead of one template per option.

Django renders every ``<option>`` of a select and every radio button or checkbox of a choice list
through its own template include; the application form's country list (about 250 countries) and
partner cities (one per city) made that most of the page's time. These widgets give the same
HTML, character for character (tests/core/test_widgets.py compares them with Django's), from
the same context Django builds; everything else about them is Django's.
"""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATES = {
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}


def _attrs(attrs):
    """Django's widgets/attrs.html: True as a bare name, False left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget):
    """Django's widgets/input.html."""
    value = widget["value"]
    value = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _option(option):
    """Django's widgets/input_option.html (for a radio button or a checkbox)."""
    tag = _input(option)
    if not option.get("wrap_label"):
        return tag
    label_for = option["attrs"].get("id")
    opening = format_html('<label for="{}">', label_for) if label_for else "<label>"
    # input.html's closing newline stays inside the label, as Django writes it.
    return f"{opening}{tag}\n {conditional_escape(option['label'])}</label>"


def _select(widget):
    """Django's widgets/select.html with widgets/select_option.html for each option."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class PythonRenderedMixin:
    def _render(self, template_name, context, renderer=None):
        if template_name == SELECT_TEMPLATE:
            return mark_safe(_select(context["widget"]))
        if template_name in OPTION_TEMPLATES:
            return mark_safe(_option(context["widget"]))
        return super()._render(template_name, context, renderer)


class Select(PythonRenderedMixin, forms.Select):
    pass


class RadioSelect(PythonRenderedMixin, forms.RadioSelect):
    pass


class CheckboxSelectMultiple(PythonRenderedMixin, forms.CheckboxSelectMultiple):
    pass
