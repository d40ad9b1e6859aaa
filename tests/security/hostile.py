"""Hostile input and the checks every response to it must pass.

The strategies mix what real readers paste (Persian and Arabic digits, ZWNJ, RTL marks) with
what attackers send (bidi overrides, NUL and other control characters, lone surrogates, SQL,
full-text query syntax, markup and script URLs). The helpers encode requests themselves, the way
a raw HTTP client would, so that lone surrogates reach the site as the invalid UTF-8 they are:
Django's test client would refuse to encode them.
"""

import unicodedata
from urllib.parse import quote_plus

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from core.i18n import ARABIC_INDIC_DIGITS, BIDI_CONTROLS, PERSIAN_DIGITS

# Every script payload carries this number, so one that got through is recognised in the page.
MARKER = "7301"

ZWNJ = "\u200c"
CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
INVISIBLE = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u2028", "\u2029"]
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
ARABIC_SPELLINGS = ["ي", "ك", "ى", "ة", "أ", "ـ", "َ"]

SQL = [
    "' OR 1=1 --",
    "'; DROP TABLE applications_application; --",
    '" OR ""="',
    "1 UNION SELECT username, password FROM auth_user --",
    "%' AND 1=0 UNION SELECT NULL --",
    "1); SELECT pg_sleep(10); --",
    "\\'; --",
]
# Operators of SQLite FTS5 and PostgreSQL tsquery, which the search must never pass through raw.
SEARCH_SYNTAX = ['"', "*", "^", "-", "+", ":", "(", ")", "NEAR(a b)", "a AND", "OR", "NOT x"]
SEARCH_SYNTAX += ["&", "|", "!", "<->", "\\", "%", "_", "'", "{", "}", "a:*", "x y z"]
MARKUP = [
    "<script>alert(7301)</script>",
    '"><img src=x onerror=alert(7301)>',
    "'><svg onload=alert(7301)>",
    "javascript:alert(7301)",
    '<a href="javascript:alert(7301)">x</a>',
    "</textarea><script>alert(7301)</script>",
    "</title><script>alert(7301)</script>",
    "<iframe srcdoc='<script>alert(7301)</script>'></iframe>",
    "\u202e<script>alert(7301)</script>\u202c",
    "{{ request.user }}{% debug %}",
    "<!--",
    "]]>",
]
PAYLOADS = SQL + SEARCH_SYNTAX + MARKUP

# What an injected script or handler would look like in the page source, were it not escaped.
RAW_INJECTIONS = [
    "<script>alert(7301)",
    "<img src=x onerror=alert(7301)",
    "<svg onload=alert(7301)",
    '<a href="javascript:alert(7301)',
    "<iframe srcdoc=",
]

special_char = st.sampled_from(
    [
        *BIDI_CONTROLS,
        ZWNJ,
        *PERSIAN_DIGITS,
        *ARABIC_INDIC_DIGITS,
        *CONTROLS,
        *INVISIBLE,
        *LONE_SURROGATES,
        *ARABIC_SPELLINGS,
        "\r",
        "\n",
    ]
)
# Any code point at all, surrogates included.
any_char = st.characters(exclude_categories=())
persian_words = st.sampled_from(["مریم", "می‌خواهم", "اصفهان", "شیان", "سفیر", "۱۴۰۴", "Xi'an"])

fragment = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(st.one_of(special_char, any_char), min_size=1, max_size=12),
    persian_words,
)
hostile_text = st.lists(fragment, max_size=8).map("".join)


def _repeat(piece, size):
    return (piece * (size // len(piece) + 1))[:size]


# Huge values are built by repetition: drawing 100,000 characters one by one is slow.
huge_text = st.builds(_repeat, fragment, st.sampled_from([5_000, 30_000, 100_000]))
hostile_value = st.one_of(hostile_text, hostile_text, hostile_text, huge_text)


# Bounded so the folder stays quick on SQLite. Fixtures are function-scoped (the database is
# rolled back per test, not per example), so each example makes its own unique data. No
# shrinking: an example is a few requests, so shrinking a failure would take minutes; the
# failing example is reported as drawn.
def bounded(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


def as_sent(value: str) -> str:
    """What the site reads for ``value``: lone surrogates arrive as invalid UTF-8 bytes and are
    read as replacement characters."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def encode(params) -> str:
    """A form or query string of ``params`` ({name: value or list of values}), percent-encoding
    each value's UTF-8 bytes even when they are not valid UTF-8."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            raw = item.encode("utf-8", "surrogatepass") if isinstance(item, str) else item
            pairs.append(f"{quote_plus(name)}={quote_plus(raw)}")
    return "&".join(pairs)


def get(client, path, params):
    return client.get(path, QUERY_STRING=encode(params))


def post(client, path, params):
    return client.post(
        path, data=encode(params).encode("ascii"), content_type="application/x-www-form-urlencoded"
    )


def assert_handled(response):
    """Neither an exception escaped the view nor did the server answer with an error."""
    exc_info = getattr(response, "exc_info", None)
    assert exc_info is None, f"the view raised {exc_info[1]!r}"
    assert response.status_code < 500, response.status_code


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def injected_markup(html: str, soup: BeautifulSoup | None = None) -> list[str]:
    """Scripts, event handlers and script URLs in ``html`` that came from a payload."""
    if MARKER not in html:
        return []  # no payload reached the page at all, escaped or not
    found = [raw for raw in RAW_INJECTIONS if raw in html]
    soup = soup or parse(html)
    for script in soup.find_all("script"):
        if MARKER in (script.string or "") or MARKER in script.get("src", ""):
            found.append(str(script)[:120])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") and MARKER in text:
                found.append(f"<{tag.name} {name}=…>")
            if name in {"href", "src", "action", "formaction", "srcdoc", "data"} and (
                MARKER in text and ("javascript:" in text.lower() or "<script" in text.lower())
            ):
                found.append(f"<{tag.name} {name}={text[:60]!r}>")
    return found


def control_characters(text: str, *, allowed: str = "") -> set[str]:
    return {ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in allowed}
