from django import template
from django.utils.safestring import mark_safe

from core import rich_text

register = template.Library()


@register.filter
def without_script_urls(markup):
    """Wagtail's rendered rich text without links that would run script (core.rich_text). The
    result is HTML, as in Wagtail's own template, which marks it safe."""
    return mark_safe(rich_text.without_script_urls(str(markup)))
