"""schema.org JSON-LD for pages, written safely into HTML."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

# As Django's json_script does: nothing in the data can close the script element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
