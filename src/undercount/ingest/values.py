"""Ages, sexes and victim statuses as written in Kazakh, Russian and English lists.

Each parser returns a normalised value or raises ``ValueNotUnderstood``; the importer keeps the
original text in the raw row either way, so nothing a compiler wrote is lost to a wrong guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


class ValueNotUnderstood(ValueError):
    """The cell holds something this parser does not recognise."""


@dataclass(frozen=True)
class ParsedAge:
    low: int
    high: int
    approximate: bool


_APPROXIMATE = re.compile(
    r"^(?:~|≈|около|примерно|прибл\.?|приблизительно|шамамен|шамасы|about|approx\.?|c\.|ca\.?|circa)\s*"
)
_AGE_UNITS = re.compile(
    r"\s*(?:лет|год|года|г\.?|жаста|жас|жасар|years?\s*old|years?|yrs?|y\.?o\.?)$"
)
_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:-|–|—|до|to)\s*(\d{1,3})")
_AGE_PLUS = re.compile(r"(\d{1,3})\s*\+")
_AGE_NUMBER = re.compile(r"(\d{1,3})(?:[.,]0+)?")
MAX_AGE = 120


@lru_cache(maxsize=4096)
def parse_age(text: str) -> ParsedAge:
    raw = text.strip().lower()
    if not raw:
        raise ValueNotUnderstood("empty")
    approximate = False
    stripped = _APPROXIMATE.sub("", raw)
    if stripped != raw:
        approximate, raw = True, stripped
    raw = _AGE_UNITS.sub("", raw).strip()
    if raw.endswith("?"):
        approximate, raw = True, raw.rstrip("?").strip()
    if match := _AGE_RANGE.fullmatch(raw):
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise ValueNotUnderstood("age range runs backwards")
    elif match := _AGE_PLUS.fullmatch(raw):
        low, high, approximate = int(match.group(1)), MAX_AGE, True
    elif match := _AGE_NUMBER.fullmatch(raw):
        low = high = int(match.group(1))
    else:
        raise ValueNotUnderstood("not an age")
    if high > MAX_AGE:
        raise ValueNotUnderstood(f"age over {MAX_AGE}")
    return ParsedAge(low, high, approximate)


_SEX = {
    "M": (
        "м",
        "м.",
        "муж",
        "муж.",
        "мужской",
        "мужчина",
        "ер",
        "ер адам",
        "еркек",
        "ерк",
        "m",
        "male",
        "man",
        "men",
        "boy",
        "мальчик",
        "ұл",
        "ул",
    ),
    "F": (
        "ж",
        "ж.",
        "жен",
        "жен.",
        "женский",
        "женщина",
        "әйел",
        "айел",
        "әйел адам",
        "f",
        "female",
        "woman",
        "women",
        "girl",
        "девочка",
        "қыз",
        "кыз",
    ),
}
_SEX_LOOKUP = {word: sex for sex, words in _SEX.items() for word in words}


@lru_cache(maxsize=1024)
def parse_sex(text: str) -> str:
    raw = text.strip().lower()
    if not raw:
        raise ValueNotUnderstood("empty")
    if raw in _SEX_LOOKUP:
        return _SEX_LOOKUP[raw]
    raise ValueNotUnderstood("not a sex")


STATUSES = ("civilian", "protester", "law_enforcement", "military", "unknown")

# Word stems that name a status in any of the three languages. A value naming stems of two
# statuses ("сотрудник полиции, участник протестов") is ambiguous and not guessed.
_STATUS_STEMS = {
    "civilian": (
        "мирн",
        "гражданск",
        "бейбіт",
        "бейбит",
        "тұрғын",
        "турғын",
        "тургын",
        "прохож",
        "civilian",
        "bystander",
        "passer",
    ),
    "protester": (
        "протест",
        "митинг",
        "демонстрант",
        "шеру",
        "наразылық",
        "наразылык",
        "protest",
        "demonstrat",
    ),
    "law_enforcement": (
        "полиц",
        "правоохран",
        "кнб",
        "нацгвард",
        "национальной гвард",
        "силовик",
        "құқық қорғау",
        "кукык коргау",
        "police",
        "law enforcement",
        "law-enforcement",
        "security force",
    ),
    "military": (
        "военн",
        "солдат",
        "әскер",
        "аскер",
        "сарбаз",
        "military",
        "soldier",
        "army",
        "serviceman",
    ),
    "unknown": ("неизвест", "не установлен", "нет данных", "белгісіз", "белгисиз", "unknown"),
}
_UNKNOWN_MARKS = {"-", "?", "n/a", "na"}


@lru_cache(maxsize=4096)
def parse_status(text: str) -> str:
    raw = " ".join(text.strip().lower().replace("ё", "е").split())
    if not raw:
        raise ValueNotUnderstood("empty")
    if raw in _UNKNOWN_MARKS:
        return "unknown"
    found = {status for status, stems in _STATUS_STEMS.items() if any(s in raw for s in stems)}
    if len(found) == 1:
        return found.pop()
    raise ValueNotUnderstood("ambiguous status" if found else "not a known status")
