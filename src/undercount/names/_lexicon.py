"""What the toolkit knows about particular names: variants, sex and frequency.

Seeded from ``kazakh_names.json`` (a copy of the research data set: Kazakh spelling, usual
Russian document spelling and observed Russian variants of 215 given names and 104 surnames,
with national counts where published) plus the few equivalences of ``research/names.md`` that
no letter rule gives. Everything is keyed by skeleton (:func:`fold_word`), so one entry covers
every script and romanisation of its spellings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Final

from undercount.names._fold import fold_readings, fold_word

EXTRA_VARIANTS: Final[tuple[tuple[str, ...], ...]] = (
    ("Шоқан", "Чокан"),
    ("Уәлиханов", "Валиханов"),
    ("Шолпан", "Чолпан"),
    ("Шыңғыс", "Чингиз", "Чингис", "Шынгис"),
    ("Ли", "Lee"),
    ("Цой", "Choi", "Tsoy"),
    ("Пак", "Park"),
    ("Жүсіп", "Юсуп"),
    ("Ыбырай", "Ибрай"),
    ("Мұхаммед", "Мухаммед", "Мухамед", "Мухаммад", "Мухамад"),
    ("Бөкейхан", "Букейхан"),
    ("Александр", "Alexander"),
)
"""Name-level equivalences that letter rules cannot give, first spelling canonical
(research/names.md §2 and §7.5: Шоқан/Чокан, Уәлиханов/Валиханов, Шыңғыс/Чингиз; romanised
Korean surnames of the top-30 list, Ли/Lee, Цой/Choi, Пак/Park; the English Alexander)."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Skeleton-keyed knowledge; built once from the packaged data set."""

    canonical: dict[str, str]
    """Any known spelling's skeleton → the skeleton of its Kazakh spelling."""
    given_sex: dict[str, str | None]
    """Canonical given name → "M", "F", or None for names given to both sexes."""
    surnames: frozenset[str]
    """Canonical surnames (masculine form)."""
    frequency: dict[str, int]
    """Canonical name → published number of bearers (given names and surnames)."""


def canonical_form(skeleton: str) -> str:
    """The canonical skeleton of a known name, else the skeleton itself.

    A feminine surname follows its masculine entry: Юсупова → the Жүсіпов skeleton + "a".
    """
    canonical = load_lexicon().canonical
    found = canonical.get(skeleton)
    if found is not None:
        return found
    if skeleton.endswith(("ova", "eva", "ina")):
        masculine = canonical.get(skeleton[:-1])
        if masculine is not None and masculine.endswith(("ov", "ev", "in")):
            return masculine + "a"
    return skeleton


@lru_cache(maxsize=1 << 17)
def canonical_word(word: str) -> str:
    """The canonical skeleton of one written word (no spaces or hyphens).

    Its first reading unless only another reading of an ambiguous Latin letter is a known name.
    """
    readings = fold_readings(word)
    canonical = load_lexicon().canonical
    for reading in readings:
        found = canonical_form(reading)
        if found != reading or reading in canonical:
            return found
    return readings[0]


@cache
def load_lexicon() -> Lexicon:
    """Read the packaged name list once per process."""
    text = resources.files("undercount.data").joinpath("kazakh_names.json").read_text("utf-8")
    data = json.loads(text)
    canonical: dict[str, str] = {}
    given_sex: dict[str, str | None] = {}
    frequency: dict[str, int] = {}

    def add_group(spellings: list[str]) -> str:
        head = fold_word(spellings[0])
        # setdefault: a spelling already claimed by another name (first come) stays with it.
        for spelling in spellings:
            canonical.setdefault(fold_word(spelling), head)
        return canonical[head]

    for sex, key in (("M", "male_given"), ("F", "female_given")):
        for entry in data[key]:
            head = add_group([entry["kk"], entry["ru"], *entry.get("ru_variants", [])])
            previous = given_sex.get(head, sex)
            given_sex[head] = None if entry.get("unisex") or previous != sex else sex
            if entry.get("count"):
                frequency[head] = int(entry["count"])
    for sex, key in (("M", "male"), ("F", "female")):
        for name in data["russian_given_supplement"][key]:
            given_sex.setdefault(add_group([name]), sex)

    surnames: set[str] = set()
    for entry in data["surnames"]:
        spellings = [entry["kk"], entry["ru"], *entry.get("ru_variants", [])]
        head = add_group(spellings)
        surnames.add(head)
        if entry.get("count"):
            frequency[head] = int(entry["count"])
        _add_surname_roots(canonical, [fold_word(s) for s in spellings])

    for group in EXTRA_VARIANTS:
        add_group(list(group))
    return Lexicon(canonical, given_sex, frozenset(surnames), frequency)


def _add_surname_roots(canonical: dict[str, str], skeletons: list[str]) -> None:
    """Let the roots of a surname's spellings meet too (Жүсіпов/Юсупов → Жүсіп/Юсуп).

    Surnames lose -ов/-ев under the 1996 decree (Жанбулатов → Жанбулат), so the bare root of
    a variant pair is as much a spelling of one name as the suffixed forms.
    """
    roots = [s[:-2] for s in skeletons if s.endswith(("ov", "ev")) and len(s) >= 6]
    if len(roots) < 2:
        return
    head = roots[0]
    for root in roots[1:]:
        if root != head:
            canonical.setdefault(root, head)
