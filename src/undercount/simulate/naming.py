"""Writing the names of a list's records: surname, given name and patronymic as the list would.

Each name part of each record is reduced to an integer key (which person-name part, in which
system, with or without the Russian spelling variant); each distinct key is spelled and
transliterated once, and the result is broadcast back to the records. A list of a million records
therefore costs a few thousand spellings, not a million.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from undercount.simulate.fields import write_distinct
from undercount.simulate.sources import WritingStyle
from undercount.simulate.transliteration import SPELLING_BASE, NameSystem, write_name
from undercount.simulate.typos import TYPO_SHARES, Typo, misspell
from undercount.simulate.victims import Victims
from undercount.simulate.vocabulary import (
    Vocabulary,
    decree_surname,
    feminine_surname,
    kazakh_patronymic,
    russian_patronymic,
    soviet_spelling,
)

_FROM_FATHER = 1_000_000
"""Surname keys at or above this are -ұлы/-қызы surnames built from the father's name."""
_NO_PART = -1
_TYPO_PART_SHARES = (0.45, 0.35, 0.20)  # surname, given name, patronymic


@dataclass(frozen=True)
class WrittenNames:
    """The name parts of each record as the list writes them ("" where absent)."""

    surname: np.ndarray
    given: np.ndarray
    patronymic: np.ndarray

    def full(self, *, surname_first: bool, flipped: np.ndarray) -> list[str]:
        """One-column names: "Surname Given Patronymic" or "Given Patronymic Surname", the other
        way round where ``flipped``."""
        records = zip(self.surname, self.given, self.patronymic, flipped, strict=True)
        return [
            " ".join(part for part in ((s, g, p) if surname_first != flip else (g, p, s)) if part)
            for s, g, p, flip in records
        ]


def write_names(
    victims: Victims,
    who: np.ndarray,
    style: WritingStyle,
    vocabulary: Vocabulary,
    rng: np.random.Generator,
) -> WrittenNames:
    """Name parts for the records of persons ``who`` (one entry per record, repeats allowed)."""
    count = len(who)
    systems = tuple(system for system, _ in style.systems)
    weights = np.array([weight for _, weight in style.systems])
    system = rng.choice(len(systems), size=count, p=weights / weights.sum())
    variant = rng.random(count) < style.spelling_variant_rate
    decree = (rng.random(count) < style.decree_surname_rate) & (victims.ethnicity[who] == 0)
    surname_key = _surname_keys(victims, who, decree)
    patronymic_key = _patronymic_keys(victims, who, style, rng)
    speller = _Speller(vocabulary)
    written = WrittenNames(
        surname=_write_part(surname_key, system, variant, systems, speller.surname),
        given=_write_part(victims.given[who], system, variant, systems, speller.given),
        patronymic=_write_part(patronymic_key, system, variant, systems, speller.patronymic),
    )
    _add_typos(written, style.typo_rate, rng)
    return written


def _patronymic_keys(
    victims: Victims, who: np.ndarray, style: WritingStyle, rng: np.random.Generator
) -> np.ndarray:
    """Key = father · 8 + female · 4 + form; form 0 is -ович/-овна, 1–3 are -ұлы/-қызы joined
    solid, with a space, or with a hyphen. -1 when the record has no patronymic."""
    count = len(who)
    joiners = np.array([weight for _, weight in style.kazakh_patronymic_joiners])
    joiner_codes = {"": 1, " ": 2, "-": 3}
    codes = np.array([joiner_codes[joiner] for joiner, _ in style.kazakh_patronymic_joiners])
    kazakh_form = codes[rng.choice(len(codes), size=count, p=joiners / joiners.sum())]
    missing = rng.random(count) < style.missing.get("patronymic", 0.0)
    if style.patronymic == "kazakh":
        kazakh = victims.ethnicity[who] == 0
    elif style.patronymic == "document":
        kazakh = victims.kazakh_patronymic[who]
    else:
        kazakh = np.zeros(count, dtype=bool)
    form = np.where(kazakh, kazakh_form, 0)
    key = victims.father[who].astype(np.int64) * 8 + victims.female[who] * 4 + form
    absent = missing | (victims.surname[who] < 0) | (style.patronymic == "none")
    return np.where(absent, _NO_PART, key)


def _write_part(
    keys: np.ndarray,
    system: np.ndarray,
    variant: np.ndarray,
    systems: tuple[NameSystem, ...],
    spell: Callable[[int, str, bool], str],
) -> np.ndarray:
    """Spell each distinct (system, variant, key) once and broadcast to the records."""
    stride = 4 * _FROM_FATHER

    def write(code: int) -> str:
        slot, key = divmod(code, stride)
        if key - 1 == _NO_PART:
            return ""
        chosen = systems[slot // 2]
        return write_name(spell(key - 1, SPELLING_BASE[chosen], bool(slot % 2)), chosen)

    return write_distinct((system.astype(np.int64) * 2 + variant) * stride + (keys + 1), write)


def true_names(victims: Victims, vocabulary: Vocabulary) -> tuple[np.ndarray, ...]:
    """Surname, given name and documented patronymic of every victim, in Kazakh Cyrillic."""
    everyone = np.arange(len(victims))
    female = victims.female.astype(np.int64)
    form = victims.kazakh_patronymic.astype(np.int64)
    patronymic = victims.father.astype(np.int64) * 8 + female * 4 + form
    keys = (
        _surname_keys(victims, everyone, np.zeros(len(victims), dtype=bool)),
        victims.given,
        np.where(victims.surname < 0, _NO_PART, patronymic),
    )
    speller = _Speller(vocabulary)
    spellers = (speller.surname, speller.given, speller.patronymic)
    zeros = np.zeros(len(victims), dtype=np.int64)
    systems = (NameSystem.KAZAKH_CYRILLIC,)
    return tuple(
        _write_part(key, zeros, zeros, systems, spell)
        for key, spell in zip(keys, spellers, strict=True)
    )


def _surname_keys(victims: Victims, who: np.ndarray, decree: np.ndarray) -> np.ndarray:
    """Key = surname · 4 + decree form · 2 + female, or _FROM_FATHER + father · 2 + female for
    a -ұлы/-қызы surname."""
    female = victims.female[who].astype(np.int64)
    surname = victims.surname[who].astype(np.int64)
    father = victims.father[who].astype(np.int64)
    own = surname * 4 + decree * 2 + female
    return np.where(surname >= 0, own, _FROM_FATHER + father * 2 + female)


class _Speller:
    """Cyrillic spellings of name parts in a base spelling ("kk" or "ru", optionally the
    Russian variant spelling such as Жулдуз for Жулдыз)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def _given_spelling(self, index: int, base: str, variant: bool) -> str:
        name = self.vocabulary.given[index]
        if base == "kk":
            return name.kk
        return name.ru_variant if variant else name.ru

    def given(self, key: int, base: str, variant: bool) -> str:
        return self._given_spelling(key, base, variant)

    def surname(self, key: int, base: str, variant: bool) -> str:
        if key >= _FROM_FATHER:
            father, female = divmod(key - _FROM_FATHER, 2)
            stem = self._given_spelling(father, base, False)
            return kazakh_patronymic(stem, female=bool(female), spelling=base)
        index, rest = divmod(key, 4)
        decree, female = divmod(rest, 2)
        name = self.vocabulary.surnames[index]
        if base == "kk":
            text = name.kk
        elif variant and name.ethnicity == "kazakh":
            text = name.ru_variant if name.ru_variant != name.ru else soviet_spelling(name.ru)
        else:
            text = name.ru
        if decree:
            return decree_surname(text)
        return feminine_surname(text) if female else text

    def patronymic(self, key: int, base: str, variant: bool) -> str:
        father, rest = divmod(key, 8)
        female, form = bool(rest // 4), rest % 4
        stem = self._given_spelling(father, base, False)
        if form == 0:
            return russian_patronymic(stem, female=female)
        joiner = ("", " ", "-")[form - 1]
        return kazakh_patronymic(stem, female=female, spelling=base, joiner=joiner)


def _add_typos(written: WrittenNames, rate: float, rng: np.random.Generator) -> None:
    """One typing error in a name part of a ``rate`` share of records (in place)."""
    count = len(written.surname)
    chosen = np.flatnonzero(rng.random(count) < rate)
    part = rng.choice(3, size=len(chosen), p=_TYPO_PART_SHARES)
    kind = rng.choice(len(TYPO_SHARES), size=len(chosen), p=TYPO_SHARES)
    where, which = rng.random(len(chosen)), rng.random(len(chosen))
    columns = (written.surname, written.given, written.patronymic)
    for i, record in enumerate(chosen.tolist()):
        column = columns[part[i]] if columns[part[i]][record] else written.surname
        column[record] = misspell(column[record], Typo(kind[i]), where[i], which[i])
