"""Rich text as readers get it: no link that would run script.

Wagtail's editor never saves a link it would not follow (``wagtail.whitelist.check_url``), but
rich text also arrives past the editor: an import, the shell, a translator's override of a link in
wagtail-localize. Wagtail renders such HTML as it is stored, so every rich text on the site goes
through ``without_script_urls`` (see ``templates/wagtailcore/shared/richtext.html``), which drops
each URL attribute with a scheme the editor would refuse.
"""

import html
import re

from bs4 import BeautifulSoup
from django.utils.html import escape, strip_tags
from wagtail.whitelist import ALLOWED_URL_SCHEMES

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
# Browsers skip controls and whitespace in and before a scheme: "java\tscript:" runs.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\xa0\s\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Any URL attribute, wherever it is: a quick look before parsing, so ordinary text costs nothing.
_NAMES = "|".join(re.escape(name) for name in URL_ATTRIBUTES)
_URL_ATTRIBUTE = re.compile(
    rf"""(?:{_NAMES})[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]+))""",
    re.IGNORECASE,
)


def allowed_url(url: str) -> bool:
    """A relative URL, or one with a scheme the rich-text editor accepts."""
    squeezed = _IGNORED_IN_SCHEME.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(squeezed)
    return match is None or match.group(1) in ALLOWED_URL_SCHEMES


def _has_refused_url(markup: str) -> bool:
    return any(
        not allowed_url(next(value for value in match.groups() if value is not None))
        for match in _URL_ATTRIBUTE.finditer(markup)
    )


def without_script_urls(markup: str) -> str:
    if not _has_refused_url(markup):
        return markup
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            if tag.get(name) is not None and not allowed_url(tag[name]):
                del tag[name]
    cleaned = str(soup)
    if _has_refused_url(cleaned):
        # Markup the parser read otherwise than the quick look: show it as text, never as HTML.
        return escape(strip_tags(markup))
    return cleaned
