"""The stylesheets lay out both directions from one set of rules, and the font ships its licence."""

import re
from pathlib import Path

import pytest
from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
STYLESHEETS = sorted(STATIC.rglob("*.css"))

# Physical properties and values that break in one of the two directions.
PHYSICAL = re.compile(
    r"(?<![-\w])(?:margin|padding|border)-(?:left|right)\b"
    r"|(?<![-\w])(?:left|right)\s*:"
    r"|\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
)
FOUR_VALUE_SHORTHAND = re.compile(r"(?<![-\w])(?:margin|padding)\s*:\s*[^;{}]+\s[^;{}]+\s[^;{}]+;")


def test_there_are_stylesheets():
    assert {p.name for p in STYLESHEETS} >= {"main.css", "print.css"}


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_css_uses_logical_properties_only(path):
    css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    assert not PHYSICAL.findall(css)
    assert not FOUR_VALUE_SHORTHAND.findall(css)


def test_persian_font_is_self_hosted_with_its_licence():
    css = (STATIC / "css" / "main.css").read_text()
    src = re.search(r'src:\s*url\("\.\./(fonts/[^"]+\.woff2)"\)', css).group(1)
    font = STATIC / src
    assert font.is_file() and font.stat().st_size > 10_000
    licence = (font.parent / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence.upper()


def test_visible_focus_and_print_styles(client, db):
    css = (STATIC / "css" / "main.css").read_text()
    assert ":focus-visible" in css and "outline:" in css
    html = client.get("/").content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
