"""How sources write everything but names: dates, ages, sex, status and circumstances.

Each writing convention is a member of an enum, and each formatter turns one true value into the
string a source of that convention would write. The values they produce are exactly the forms the
importer is specified to read (issue 2): dd.mm.yyyy, dd/mm/yyyy, ISO, "7 января 2022",
"7 қаңтар 2022", "January 7, 2022", partial dates ("январь 2022", "қаңтар 2022",
"January 2022", "2022"); ages "34", "~35", "около 35", "30-35", "30–35 лет".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

import numpy as np

_EPOCH = dt.date(1970, 1, 1)
DATE_ERRORS = (0.5, 0.25, 0.25)
"""Shares of the kinds of date error: one day off, previous year, day and month swapped."""

RUSSIAN_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
RUSSIAN_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
KAZAKH_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def write_distinct(keys: np.ndarray, write: Callable[[int], str]) -> np.ndarray:
    """``write(key)`` for every key, calling it once per distinct key (an object array).

    Lists repeat a few thousand distinct values (dates, ages, name parts) over up to millions
    of records; this is what makes writing them cheap.
    """
    distinct, inverse = np.unique(keys, return_inverse=True)
    written = np.array([write(key) for key in distinct.tolist()], dtype=object)
    return written[inverse.ravel()]


class DateStyle(StrEnum):
    """A way of writing a date; the last four keep only part of it."""

    DOTTED = "dd.mm.yyyy"
    SLASHED = "dd/mm/yyyy"
    ISO = "yyyy-mm-dd"
    RUSSIAN_LONG = "d месяца yyyy"
    KAZAKH_LONG = "d ай yyyy"
    ENGLISH_LONG = "Month d, yyyy"
    RUSSIAN_MONTH = "месяц yyyy"
    KAZAKH_MONTH = "ай yyyy"
    ENGLISH_MONTH = "Month yyyy"
    YEAR = "yyyy"


def format_date(days: int, style: DateStyle) -> str:
    """The date ``days`` after 1970-01-01 written in ``style``."""
    date = _EPOCH + dt.timedelta(days=int(days))
    month = date.month - 1
    match style:
        case DateStyle.DOTTED:
            return f"{date.day:02d}.{date.month:02d}.{date.year}"
        case DateStyle.SLASHED:
            return f"{date.day:02d}/{date.month:02d}/{date.year}"
        case DateStyle.ISO:
            return date.isoformat()
        case DateStyle.RUSSIAN_LONG:
            return f"{date.day} {RUSSIAN_MONTHS_GENITIVE[month]} {date.year}"
        case DateStyle.KAZAKH_LONG:
            return f"{date.day} {KAZAKH_MONTHS[month]} {date.year}"
        case DateStyle.ENGLISH_LONG:
            return f"{ENGLISH_MONTHS[month]} {date.day}, {date.year}"
        case DateStyle.RUSSIAN_MONTH:
            return f"{RUSSIAN_MONTHS[month]} {date.year}"
        case DateStyle.KAZAKH_MONTH:
            return f"{KAZAKH_MONTHS[month]} {date.year}"
        case DateStyle.ENGLISH_MONTH:
            return f"{ENGLISH_MONTHS[month]} {date.year}"
        case DateStyle.YEAR:
            return str(date.year)


def misdate(days: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """A ``rate`` share of dates made wrong: one day off either way (date of injury, a night
    death), the previous year (the January habit of writing last year), or day and month
    swapped (only possible when the day is 12 or less; otherwise one day off)."""
    count = len(days)
    wrong = rng.random(count) < rate
    kind = rng.choice(len(DATE_ERRORS), size=count, p=DATE_ERRORS)
    shift = rng.choice((-1, 1), size=count)
    days = days.astype(np.int64)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    year, month = 1970 + months // 12, months % 12
    day = days - _first_of_month(months)
    previous_year = _first_of_month(months - 12) + np.minimum(day, 27)
    swapped = _first_of_month((year - 1970) * 12 + np.minimum(day, 11)) + month
    result = np.where(kind == 1, previous_year, days + shift)
    result = np.where((kind == 2) & (day < 12), swapped, result)
    return np.where(wrong, result, days)


def _first_of_month(months: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of the first day of the month ``months`` after January 1970."""
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


class AgeStyle(StrEnum):
    """A way of writing an age; all but EXACT round to five-year steps."""

    EXACT = "34"
    TILDE = "~35"
    ABOUT_RUSSIAN = "около 35"
    RANGE = "30-35"
    RANGE_RUSSIAN_YEARS = "30–35 лет"


def format_age(age: int, style: AgeStyle) -> str:
    """``age`` as written in ``style``; approximate styles round to the nearest multiple of five
    (children under ten are always written exactly), ranges give the five-year band around it."""
    if style is AgeStyle.EXACT or age < 10:
        return str(age)
    rounded = 5 * round(age / 5)
    low = 5 * (age // 5)
    match style:
        case AgeStyle.TILDE:
            return f"~{rounded}"
        case AgeStyle.ABOUT_RUSSIAN:
            return f"около {rounded}"
        case AgeStyle.RANGE:
            return f"{low}-{low + 5}"
        case AgeStyle.RANGE_RUSSIAN_YEARS:
            return f"{low}–{low + 5} лет"
    raise ValueError(style)


SEX_LABELS: dict[str, tuple[str, str]] = {
    "ru_short": ("м", "ж"),
    "ru_abbreviated": ("муж", "жен"),
    "kk": ("ер", "әйел"),
    "en_letter": ("M", "F"),
    "en_word": ("male", "female"),
}
"""Sex labels as (male, female) by convention name."""

STATUS_LABELS: dict[str, tuple[str, ...]] = {
    "ru": (
        "мирный житель",
        "участник протестов",
        "сотрудник правоохранительных органов",
        "военнослужащий",
        "неизвестно",
    ),
    "en": ("civilian", "protester", "law enforcement", "military", "unknown"),
}
"""Status labels in the order of ``victims.STATUSES``."""

CIRCUMSTANCE_LABELS: dict[str, tuple[str, ...]] = {
    "ru": (
        "огнестрельное ранение",
        "смерть под стражей",
        "избиение",
        "наезд транспортного средства",
        "шальная пуля",
        "неизвестно",
    ),
    "en": (
        "gunshot wound",
        "died in custody",
        "beaten",
        "hit by a vehicle",
        "stray bullet",
        "unknown",
    ),
}
"""Circumstance labels in the order of ``victims.CIRCUMSTANCES``."""
