"""The cultural week's admin form: programme times are typed and shown in the week's time zone.

Django reads a typed date-time in the active time zone (the editor's, or the site's), which for a
week abroad would shift every item by hours. Here each item's start and end are read and shown
in the time zone chosen on the week itself.
"""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class WeekDateTimeField(forms.DateTimeField):
    def __init__(self, *args, tz, **kwargs):
        self.tz = tz
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        with timezone.override(self.tz):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(self.tz):
            return super().prepare_value(value)


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


class CulturalWeekForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = (self.data.get("time_zone") if self.is_bound else None) or self.instance.time_zone
        self.week_tz = _zone(name) or timezone.get_current_timezone()
        formset = self.formsets.get("programme_items")
        for form in formset.forms if formset else []:
            for field_name in ("start", "end"):
                old = form.fields[field_name]
                form.fields[field_name] = WeekDateTimeField(
                    tz=self.week_tz,
                    required=old.required,
                    widget=old.widget,
                    label=old.label,
                    help_text=_("In the week's time zone (%(zone)s).") % {"zone": self.week_tz.key},
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        formset = self.formsets.get("programme_items")
        if not (start and end and formset) or not formset.is_valid():
            return cleaned
        for form in formset.forms:
            data = form.cleaned_data
            if data.get("DELETE") or not data.get("start"):
                continue
            if not start <= data["start"].astimezone(self.week_tz).date() <= end:
                form.add_error("start", _("This is outside the week's first and last day."))
        return cleaned
