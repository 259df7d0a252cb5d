"""Dates as list compilers write them, with how precise each one is.

A partial date ("январь 2022", "2022") is stored as its first day plus a precision of
``month`` or ``year``, never widened into a guess. Day-first is assumed for dd/mm/yyyy, as in
every list from Kazakhstan and Russia; a slashed value valid only month-first (01/31/2022) is read
that way and said so. Anything else is not parsed: the importer keeps it as written and flags it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_MONTHS = {
    # Russian: nominative, genitive, abbreviations
    "январь": 1,
    "января": 1,
    "янв": 1,
    "февраль": 2,
    "февраля": 2,
    "фев": 2,
    "февр": 2,
    "март": 3,
    "марта": 3,
    "мар": 3,
    "апрель": 4,
    "апреля": 4,
    "апр": 4,
    "май": 5,
    "мая": 5,
    "июнь": 6,
    "июня": 6,
    "июн": 6,
    "июль": 7,
    "июля": 7,
    "июл": 7,
    "август": 8,
    "августа": 8,
    "авг": 8,
    "сентябрь": 9,
    "сентября": 9,
    "сен": 9,
    "сент": 9,
    "октябрь": 10,
    "октября": 10,
    "окт": 10,
    "ноябрь": 11,
    "ноября": 11,
    "ноя": 11,
    "нояб": 11,
    "декабрь": 12,
    "декабря": 12,
    "дек": 12,
    # Kazakh
    "қаңтар": 1,
    "қаңтардағы": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
    # Kazakh typed on a Russian keyboard
    "кантар": 1,
    "акпан": 2,
    "сәуiр": 4,
    "сауир": 4,
    "шилде": 7,
    "кыркуйек": 9,
    "казан": 10,
    "караша": 11,
    "желтоксан": 12,
    # Kazakh Latin
    "qantar": 1,
    "aqpan": 2,
    "nauryz": 3,
    "sauir": 4,
    "mamyr": 5,
    "mausym": 6,
    "shilde": 7,
    "tamyz": 8,
    "qyrkuiek": 9,
    "qazan": 10,
    "qarasha": 11,
    "zheltoqsan": 12,
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_EXCEL_EPOCH = date(1899, 12, 30)
_COMPACT = re.compile(r"(?:18[5-9]\d|19\d\d|20\d\d|2100)(?:0[1-9]|1[0-2])\d\d")
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_NUMERIC = re.compile(r"(\d{1,4})([./\-])(\d{1,2})\2(\d{1,4})")
_ISO_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?"
)
_MONTH_YEAR_NUMERIC = re.compile(r"(\d{1,2})[./\-](\d{4})")
_YEAR = re.compile(r"(\d{4})(?:\s*(?:г|г\.|года|год|ж|ж\.|жыл|жылы))?")
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_NOISE_WORDS = {
    "г",
    "года",
    "год",
    "ж",
    "жыл",
    "жылы",
    "жылғы",
    "of",
    "the",
    "th",
    "st",
    "nd",
    "rd",
}


@dataclass(frozen=True)
class ParsedDate:
    value: date
    precision: str  # "day", "month" or "year"
    note: str | None = None  # said when the reading is unusual (month-first, Excel serial)


class DateNotUnderstood(ValueError):
    """The text is not a date this parser recognises; the importer keeps it as written."""


@lru_cache(maxsize=65536)
def parse_date(text: str) -> ParsedDate:
    """Read one date cell. Raises ``DateNotUnderstood`` rather than guessing."""
    raw = text.strip().lower().replace("ё", "е")
    if not raw:
        raise DateNotUnderstood("empty")
    if _EXCEL_SERIAL.fullmatch(raw):
        serial = int(float(raw))
        if 20000 <= serial <= 80000:
            return ParsedDate(_EXCEL_EPOCH + timedelta(days=serial), "day", "Excel serial number")
    if _COMPACT.fullmatch(raw):  # yyyymmdd, as databases export dates (FEBRL, registries)
        return ParsedDate(_make(int(raw[:4]), int(raw[4:6]), int(raw[6:])), "day")
    iso_time = _ISO_TIME.fullmatch(raw)
    if iso_time:
        raw = iso_time.group(1)
    numeric = _NUMERIC.fullmatch(raw)
    if numeric:
        return _numeric_date(*numeric.groups())
    month_year = _MONTH_YEAR_NUMERIC.fullmatch(raw)
    if month_year:
        month, year = int(month_year.group(1)), int(month_year.group(2))
        return ParsedDate(_make(year, month, 1), "month")
    year_only = _YEAR.fullmatch(raw)
    if year_only:
        return ParsedDate(_make(int(year_only.group(1)), 1, 1), "year")
    return _worded_date(raw)


def _numeric_date(first: str, separator: str, second: str, third: str) -> ParsedDate:
    if len(first) == 4:  # ISO order: yyyy-mm-dd
        return ParsedDate(_make(int(first), int(second), int(third)), "day")
    if len(third) not in (2, 4):
        raise DateNotUnderstood("year must have 2 or 4 digits")
    year = _full_year(third)
    day, month = int(first), int(second)
    if separator == "/" and month > 12 and day <= 12:  # only US-style slashes run month-first
        return ParsedDate(_make(year, day, month), "day", "read month-first")
    return ParsedDate(_make(year, month, day), "day")


def _worded_date(raw: str) -> ParsedDate:
    tokens = [t for t in _WORDS.findall(raw) if t not in _NOISE_WORDS]
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    if len(words) != 1 or words[0] not in _MONTHS or not 1 <= len(numbers) <= 2:
        raise DateNotUnderstood("not a date")
    month = _MONTHS[words[0]]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1:
        raise DateNotUnderstood("no four-digit year")
    year = int(years[0])
    if not days:
        return ParsedDate(_make(year, month, 1), "month")
    if len(days) != 1:
        raise DateNotUnderstood("ambiguous")
    return ParsedDate(_make(year, month, int(days[0])), "day")


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years in lists of 2022 deaths: 00–29 are 2000s, the rest 1900s.
        return 2000 + year if year < 30 else 1900 + year
    return year


def _make(year: int, month: int, day: int) -> date:
    if not 1850 <= year <= 2100:
        raise DateNotUnderstood("year out of range")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateNotUnderstood(str(error)) from None
