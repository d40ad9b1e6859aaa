"""Language-aware helpers every page uses: Jalali dates, Persian digits, input normalisation.

Dates are stored Gregorian (and in UTC for datetimes). Persian readers see the Jalali (Solar Hijri)
calendar with Persian digits; English readers see the Gregorian calendar. The conversion itself is
persiantools'; this module only decides what to show for which language.
"""

import datetime
import re
import unicodedata

from django.utils import formats, timezone, translation
from persiantools.jdatetime import MONTH_NAMES_EN, MONTH_NAMES_FA, JalaliDate

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

# Bidi controls that can reorder or hide text (LRM, RLM, ALM, embeddings, overrides, isolates).
# ZWNJ (U+200C) is a letter-shaping mark in Persian and is deliberately kept.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Invisible characters that only hide in a text: zero-width space, word joiner, byte-order mark
# (zero-width no-break space) and soft hyphen. Two names that look the same must be the same.
INVISIBLE_MARKS = "\u200b\u2060\ufeff\u00ad"

_NORMALISE_TABLE = str.maketrans(
    {
        **dict(zip(PERSIAN_DIGITS, ASCII_DIGITS, strict=True)),
        **dict(zip(ARABIC_INDIC_DIGITS, ASCII_DIGITS, strict=True)),
        "\u064a": "\u06cc",  # Arabic yeh → Persian yeh
        "\u0649": "\u06cc",  # alef maksura → Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf → Persian keheh
        "\u00a0": " ",  # no-break space → space
        "\u066b": ".",  # Arabic decimal separator → full stop
        "\u066c": None,  # Arabic thousands separator: dropped
        **dict.fromkeys(BIDI_CONTROLS),
        **dict.fromkeys(INVISIBLE_MARKS),
    }
)
_TO_PERSIAN_DIGITS = str.maketrans(ASCII_DIGITS, PERSIAN_DIGITS)
# Control characters (C0, DEL, C1) are never part of a text: NUL in particular, which PostgreSQL
# refuses to store. Those that count as white space (tab, form feed, NEL…) become spaces below.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_LINE_ENDS = re.compile(r" *\n *")


def normalise_text(value: str, *, multiline: bool = False) -> str:
    """Return user input in one canonical spelling.

    Persian and Arabic-Indic digits become ASCII, Arabic ي/ى/ك become Persian ی/ک, bidi and other
    control characters and invisible marks (zero-width space, BOM, soft hyphen) are dropped, and
    runs of spaces collapse to one. ZWNJ stays. With ``multiline`` the line breaks are kept;
    otherwise the value is one line.
    """
    text = value.translate(_NORMALISE_TABLE).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    if not multiline:
        text = text.replace("\n", " ")
    text = _SPACES.sub(" ", text)
    if multiline:
        text = _LINE_ENDS.sub("\n", text)
    return text.strip()


def uses_persian_digits(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").split("-")[0] == "fa"


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def localise_digits(value, language: str | None = None) -> str:
    """The value as text; in Persian with Persian digits and the Persian decimal separator (٫)."""
    text = str(value)
    if not uses_persian_digits(language):
        return text
    return _DECIMAL_POINT.sub("\u066b", text).translate(_TO_PERSIAN_DIGITS)


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def jalali_date(value, *, month_names=MONTH_NAMES_FA) -> str:
    """``13 Bahman 1399`` style (digits are localised by the caller)."""
    jalali = JalaliDate(_as_date(value))
    return f"{jalali.day} {month_names[jalali.month]} {jalali.year}"


def gregorian_date(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(_as_date(value), "DATE_FORMAT")


def format_date(value, language: str | None = None, *, both: bool = False) -> str:
    """A date for readers of ``language``: Jalali in Persian, Gregorian in English.

    With ``both`` the other calendar follows in brackets, as agreements and events need.
    """
    if value in (None, ""):
        return ""
    language = language or translation.get_language() or "fa"
    if uses_persian_digits(language):
        text = jalali_date(value)
        if both:
            text = f"{text} ({gregorian_date(value, 'fa')})"
        return localise_digits(text, "fa")
    text = gregorian_date(value, language)
    if both:
        text = f"{text} ({jalali_date(value, month_names=MONTH_NAMES_EN)} SH)"
    return text


# Persian alphabetical order; code-point order puts پ چ ژ گ after ی, and ی/ک have Arabic twins.
PERSIAN_ALPHABET = "ءآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ALPHABET_RANK = {letter: rank for rank, letter in enumerate(PERSIAN_ALPHABET)}
# Letters that sort as another: hamza seats and the ezafe forms sort with their base letter.
_SORT_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ۀ": "ه", "ة": "ه", "\u200c": None}
)
# Harakat, superscript alef and tatweel do not affect alphabetical order.
_IGNORED_IN_SORT = re.compile("[\u064b-\u065f\u0670\u0640]")


_EXTRA_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "s"})


def _strip_accents(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.translate(_EXTRA_BASE_LETTERS) or char


def sort_key(text: str) -> tuple:
    """A key for alphabetical order: Persian letters in the Persian alphabet's order, then Latin
    ones by letter; case, diacritics, tatweel, ZWNJ and Arabic spelling variants are ignored, and
    a space sorts before any letter (so "آب تنی" comes before "آبان")."""
    folded = _IGNORED_IN_SORT.sub("", normalise_text(text)).translate(_SORT_FOLD).casefold()
    # Latin accents (Évora, Łódź) sort with their base letter; Persian letters are left whole,
    # since decomposing would turn آ into ا.
    folded = "".join(char if char in _ALPHABET_RANK else _strip_accents(char) for char in folded)
    return tuple(
        (1, _ALPHABET_RANK[char])
        if char in _ALPHABET_RANK
        else (2, ord(char))
        if char.isalnum()
        else (0, ord(char))
        for char in folded
    )


def format_day(value, language: str | None = None) -> str:
    """A day heading with its weekday: ``دوشنبه ۲۹ مهر ۱۳۹۸`` / ``Monday 21 October 2019``."""
    language = language or translation.get_language() or "fa"
    with translation.override(language):
        weekday = formats.date_format(_as_date(value), "l")
    return f"{weekday} {format_date(value, language)}"


def format_time(value, tz) -> str:
    """``18:30`` (Persian digits in Persian) for an aware datetime, in time zone ``tz``."""
    return localise_digits(value.astimezone(tz).strftime("%H:%M"))


# Search: one spelling for the index and for queries. Beyond normalise_text: harakat,
# superscript alef and tatweel go; hamza seats and teh marbuta fold into their base letters;
# ZWNJ becomes a space, so "می‌خواهم" and "می خواهم" are the same two words.
_SEARCH_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ة": "ه", "ۀ": "ه", "\u200c": " "}
)


def search_normalise(text: str) -> str:
    # NFKC turns Arabic presentation forms (text copied from PDFs) into ordinary letters.
    text = unicodedata.normalize("NFKC", (text or "").replace("\u200d", ""))
    text = _IGNORED_IN_SORT.sub("", normalise_text(text, multiline=True))
    return _SPACES.sub(" ", text.translate(_SEARCH_FOLD).replace("\n", " ")).strip().casefold()


def search_index_text(text: str) -> str:
    """What the search index holds for ``text``: its normalised words, plus each ZWNJ-joined
    word written solid too, so "می‌خواهم", "می خواهم" and "میخواهم" all find it."""
    joined = {
        search_normalise(word.replace("\u200c", ""))
        for word in (text or "").split()
        if "\u200c" in word
    }
    return " ".join([search_normalise(text), *sorted(joined)])
