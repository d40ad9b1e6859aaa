from django import template
from django.utils import timezone

from core import i18n

register = template.Library()


@register.filter
def local_date(value, mode=""):
    """``{{ d|local_date }}``: Jalali in Persian, Gregorian in English; ``:"both"`` adds the other."""
    return i18n.format_date(value, both=mode == "both")


@register.filter
def local_digits(value):
    """``{{ n|local_digits }}``: Persian digits when the page is Persian."""
    if value in (None, ""):
        return ""
    return i18n.localise_digits(value)


OPEN_GRAPH_LOCALES = {"fa": "fa_IR", "en": "en_GB"}


@register.filter
def og_locale(language_code):
    """``fa_IR`` for Open Graph's locale tags."""
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)


@register.filter
def local_time(value):
    """``{{ dt|local_time }}``: ``18:30`` in the office's time zone, Persian digits in Persian."""
    if not value:
        return ""
    return i18n.format_time(value, timezone.get_current_timezone())
