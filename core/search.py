"""Persian-aware site search on Wagtail's database backend (SQLite and PostgreSQL alike).

PostgreSQL has no Persian configuration and SQLite's tokenizer knows nothing of Persian spelling,
so both sides are normalised in Python: every page indexes ``search_text`` (see BasePage), a
normalised copy of its text, and queries go through the same ``search_normalise``.
"""

import html
import re

from django.utils.safestring import mark_safe

from core.i18n import search_normalise

MAX_QUERY_LENGTH = 100
SNIPPET_WORDS = 32
_WORD = re.compile(r"\S+")


# Characters the full-text engines treat as syntax or refuse (quotes, NUL, control characters).
_UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def clean_query(raw: str) -> str:
    """The query as searched: normalised, without characters the database would choke on,
    capped at a word boundary, and empty if nothing searchable is left."""
    query = search_normalise(_UNSEARCHABLE.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 2]))
    if len(query) > MAX_QUERY_LENGTH:
        # Cut at the last whole word: with every word required, a fragment would match nothing.
        head = query[: MAX_QUERY_LENGTH + 1]
        query = head.rsplit(" ", 1)[0] if " " in head else head[:MAX_QUERY_LENGTH]
    return query if any(ch.isalnum() for ch in query) else ""


def query_terms(query: str) -> list[str]:
    return [term for term in re.split(r"[^\w]+", query) if term]


def highlight(text: str, query: str) -> str:
    """A snippet of ``text`` around the first match, with matching words in ``<mark>``.

    Words are compared in their normalised spelling, so a query typed with Arabic ي finds and
    marks a word written with Persian ی; the snippet shows the text as it was written.
    """
    terms = query_terms(search_normalise(query))
    words = _WORD.findall(text or "")
    if not words:
        return ""

    def matches_term(word):
        spelled = search_normalise(word)
        solid = spelled.replace(" ", "")  # a ZWNJ word also matches its solid spelling
        return any(term in spelled or term in solid for term in terms)

    matches = [matches_term(word) if terms else False for word in words]
    first = matches.index(True) if True in matches else 0
    start = max(0, first - SNIPPET_WORDS // 3)
    end = min(len(words), start + SNIPPET_WORDS)
    parts = [
        f"<mark>{html.escape(word)}</mark>" if matched else html.escape(word)
        for word, matched in zip(words[start:end], matches[start:end], strict=True)
    ]
    snippet = " ".join(parts)
    if start > 0:
        snippet = "… " + snippet
    if end < len(words):
        snippet += " …"
    return mark_safe(snippet)
