import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def translation_editor_direction():
    """wagtail-localize's translation editor sets no ``dir`` on its fields (upstream issue #197),
    so Persian typed into it runs left to right. This script sets the direction from the target
    language, and lets the source strings pick their own."""
    rtl = [
        code for code, _name in settings.LANGUAGES if translation.get_language_info(code)["bidi"]
    ]
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" data-rtl-languages="{}" defer></script>',
        static("css/admin/translation-direction.css"),
        static("js/admin/translation-direction.js"),
        json.dumps(rtl),
    )
