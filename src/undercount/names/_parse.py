"""Split a written name into surname, given name(s) and patronymic, and read the sex it implies.

Kazakh and Russian names carry structure that a matcher must respect (research/names.md §5):
the patronymic names the *father* (Ержан Болатович and Болат Ержанович are father and son),
it comes in two grammars (Russian -ович/-овна, Kazakh -ұлы/-қызы fused or as a separate word),
and the order is surname-first on official lists and ID documents but given-first in English
media and in Kazakh style ("Дастан Серікұлы Оспанов").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from undercount.names._fold import clean_text
from undercount.names._lexicon import canonical_form, load_lexicon
from undercount.names._words import (
    DAUGHTER_WORDS,
    SON_WORDS,
    Patronymic,
    Script,
    Word,
    combine_scripts,
    given_name_sex,
    normalize_surname,
    read_word,
    surname_sex_clue,
)

Order = Literal["surname_first", "given_first"]

_TOKEN_RE: Final = re.compile(r"[^\s,;/<()\[\]]+")
_PARENTHESES_RE: Final = re.compile(r"\([^)]*\)")
_INITIALS_RE: Final = re.compile(r"\.\s*-?")
_SEPARATOR_HINT_RE: Final = re.compile(r"^\s*[^\s,]+\s*,|<<")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One written name split into roles.

    ``surname``, ``given`` and ``patronymic`` are as written (compound given names keep their
    hyphen or space); ``surname_norm``, ``given_norm`` and ``father`` are skeletons, with the
    surname in its masculine form and the given name's parts joined (Қасым-Жомарт and
    Kassym Jomart both give "kasimjomart"). ``sex_evidence`` lists each clue as "role:sex".
    """

    surname: str | None
    given: str | None
    patronymic: str | None
    father: str | None
    sex: str | None
    sex_evidence: tuple[str, ...]
    order: Order
    script: Script | None
    surname_norm: str | None
    given_norm: str | None
    given_parts: tuple[str, ...]


def parse(name: str, order: str = "auto") -> ParsedName:
    """Split ``name`` into roles; ``order`` may force "surname_first" or "given_first"."""
    if order not in ("auto", "surname_first", "given_first"):
        raise ValueError(f"order must be 'auto', 'surname_first' or 'given_first', not {order!r}")
    return _parse_cached(name, order)


def read_name(name: str, order: str) -> ParsedName:
    """:func:`parse` without its cache, for callers that cache their own results."""
    units, patronymic_written, patronymic, patronymic_index, script = split_units(name)
    chosen: Order
    if order == "auto":
        chosen = _choose_order(name, units, patronymic_index, script)
    else:
        chosen = "given_first" if order == "given_first" else "surname_first"
    surname_unit: Word | None = None
    given_units: list[Word] = []
    if len(units) == 1:
        # One word beside a patronymic. Beside -ұлы/-қызы, a word no lexicon knows is the given
        # name, the patronymic doubling as the decree's surname ("Сейлхан Бердібекұлы"): a
        # full name always has a given name, and most given names are in no lexicon.
        only = units[0]
        as_surname = _kazakh_patronymic_as_surname(patronymic_written)
        if only.surname_score > only.given_score or (
            patronymic is not None and as_surname is None and only.given_score <= 0
        ):
            surname_unit = only
        else:
            given_units = [only]
            surname_unit = as_surname
    elif units:
        if chosen == "surname_first":
            surname_unit, given_units = units[0], units[1:]
        else:
            surname_unit, given_units = units[-1], units[:-1]
    if patronymic is None and len(given_units) == 2 and all(u.initial for u in given_units):
        # "Ахметов А.С.": Russian lists abbreviate the given name and the patronymic.
        patronymic_written = given_units[1].written
        patronymic = Patronymic(given_units[1].skeleton, None)
        given_units = given_units[:1]
    given_parts = tuple(p for u in given_units for p in u.parts)
    if surname_unit is not None and surname_sex_clue(surname_unit.skeleton) == "F":
        given_parts = undo_genitive(given_parts)
    surname_norm = normalize_surname(surname_unit.skeleton) if surname_unit else None
    given_norm = "".join(given_parts) or None
    surname_skeleton = surname_unit.skeleton if surname_unit else None
    sex, evidence = infer_sex(surname_skeleton, given_parts, patronymic)
    return ParsedName(
        surname=surname_unit.written if surname_unit else None,
        given=" ".join(u.written for u in given_units) or None,
        patronymic=patronymic_written,
        father=patronymic.father if patronymic else None,
        sex=sex,
        sex_evidence=evidence,
        order=chosen,
        script=script,
        surname_norm=surname_norm or None,
        given_norm=given_norm,
        given_parts=given_parts,
    )


_parse_cached = lru_cache(maxsize=1 << 17)(read_name)


def _kazakh_patronymic_as_surname(written: str | None) -> Word | None:
    """ "Медет Арманұлы" with no other surname: -ұлы/-қызы is also the 1996 decree's surname.

    Lists write such a person both as given + patronymic and as surname + given name
    ("Арманұлы Медет"); reading the word in both roles lets the two meet.
    """
    if written is None:
        return None
    word = read_word(written.replace(" ", "").replace("-", ""))
    kazakh = word.skeleton.endswith(tuple(SON_WORDS | DAUGHTER_WORDS))
    return word if kazakh and len(word.skeleton) > 5 else None


def undo_genitive(given_parts: tuple[str, ...]) -> tuple[str, ...]:
    """ "Оспанова Дастана" is Оспанов Дастан in the genitive, as Russian texts write it.

    Applied when the surname looks feminine: a first given part that is no known name but a
    known male name plus -а is read as that name.
    """
    if not given_parts:
        return given_parts
    first, given_sex = given_parts[0], load_lexicon().given_sex
    if first in given_sex or not first.endswith("a"):
        return given_parts
    stem = canonical_form(first[:-1])
    if given_sex.get(stem) == "M":
        return (stem, *given_parts[1:])
    return given_parts


def infer_sex(
    surname: str | None, given_parts: tuple[str, ...], patronymic: Patronymic | None
) -> tuple[str | None, tuple[str, ...]]:
    """Sex from the strongest clue: patronymic grammar, then a known given name, then surname.

    The surname suffix is the weakest clue because Russian case forms put a man's surname in
    -ова ("гибель Оспанова Дастана"); suffix-less, -ұлы and Korean surnames carry none, and
    unisex given names (Бақыт, Сәулет) carry none either.
    """
    evidence: list[str] = []
    if patronymic is not None and patronymic.sex is not None:
        evidence.append(f"patronymic:{patronymic.sex}")
    for part in given_parts:
        sex = given_name_sex(part)
        if sex is not None:
            evidence.append(f"given:{sex}")
            break
    clue = surname_sex_clue(surname) if surname else None
    if clue is not None:
        evidence.append(f"surname:{clue}")
    # Clues were gathered strongest first.
    return (evidence[0][-1] if evidence else None), tuple(evidence)


class Units(NamedTuple):
    """A name's words as role units, with the patronymic pulled out and its position kept."""

    words: list[Word]
    patronymic_written: str | None
    patronymic: Patronymic | None
    patronymic_index: int | None
    script: Script | None


def split_units(name: str) -> Units:
    """Read a name's words; the first word is never a patronymic (a name starts with a surname
    or a given name), and ұлы/қызы as a word of its own joins the word before it."""
    units: list[Word] = []
    patronymic_written: str | None = None
    patronymic: Patronymic | None = None
    patronymic_index: int | None = None
    kinds: set[Script] = set()
    name = clean_text(name)
    for raw in _TOKEN_RE.findall(_PARENTHESES_RE.sub(" ", name) if "(" in name else name):
        for piece in _split_initials(raw.strip(".-")):
            word = read_word(piece)
            if not word.skeleton:
                continue
            if word.script is not None:
                kinds.add(word.script)
            if patronymic is None and units:
                if word.marker is not None:
                    father = units.pop()
                    patronymic_written = f"{father.written} {piece}"
                    patronymic = Patronymic(father.skeleton, word.marker)
                    patronymic_index = len(units)
                    continue
                if word.patronymic is not None:
                    patronymic_written, patronymic = piece, word.patronymic
                    patronymic_index = len(units)
                    continue
            units.append(word)
    script = combine_scripts(kinds) if len(kinds) != 1 else next(iter(kinds))
    return Units(units, patronymic_written, patronymic, patronymic_index, script)


def _split_initials(word: str) -> list[str]:
    """ "К.Ж." → ["К", "Ж"]; a word without inner dots stays whole."""
    if "." in word:
        return [p for p in _INITIALS_RE.split(word) if p]
    return [word]


def _choose_order(
    name: str, units: list[Word], patronymic_index: int | None, script: Script | None
) -> Order:
    """Surname-first or given-first, from layout hints, the patronymic's place and the words.

    Hints, strongest first: "SURNAME, Given" or MRZ "SURNAME<<GIVEN"; a patronymic followed by
    just one word, the surname (Kazakh style "Дастан Серікұлы Оспанов", Russian "Имя Отчество
    Фамилия", "Мухаммед Али Анатольевич Ильин"); one word in capitals among mixed-case words
    (the surname, as on passports). Otherwise the words vote with :func:`surname_score` and
    :func:`given_score`; a tie falls back on custom: Cyrillic lists put the surname first,
    Latin-script media put it last.
    """
    if len(units) < 2:
        return "surname_first" if script != "latin" else "given_first"
    if _SEPARATOR_HINT_RE.search(name):
        return "surname_first"
    if patronymic_index is not None and 0 < patronymic_index == len(units) - 1:
        return "given_first"
    first, last = units[0], units[-1]
    vote = 0.0
    if first.upper and not any(u.upper for u in units[1:]):
        vote += 3.0
    if last.upper and not any(u.upper for u in units[:-1]):
        vote -= 3.0
    vote += first.surname_score + last.given_score - last.surname_score - first.given_score
    if patronymic_index == len(units):
        vote += 0.5
    if vote > 0:
        return "surname_first"
    if vote < 0:
        return "given_first"
    return "given_first" if script == "latin" else "surname_first"
