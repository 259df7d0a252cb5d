"""The names victims are drawn from, with their weights, sexes and Cyrillic forms.

Read from ``undercount.data``'s ``kazakh_names.json`` (a copy of the research data set shipped
with the package, so a simulation never depends on files outside it). Every name carries its
Kazakh (kk) and usual Russian-document (ru) spelling; the simulator writes Russian spellings
from the ``ru`` field rather than deriving them, because the two differ in ways no letter rule
gives (Жүсіпов / Юсупов, Сағынтаев / Сагинтаев).

Weights. A published bearer count is used as it is. A name without one is, by construction, rarer
than every published name of its list, so it gets half the smallest published count of that list:
a flat tail, because the curated order carries no frequency information. Names known only from
the 2023 newborn top-10 are modern: they get a tenth of the tail weight for adults and three times
the tail weight for children. Slavic given names (the supplement) are equally weighted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

ETHNICITIES = ("kazakh", "slavic", "korean")
"""Ethnic naming pattern of a person, decided by the surname drawn."""

_NEWBORN_ADULT_FACTOR = 0.1
_NEWBORN_CHILD_FACTOR = 3.0
_INFLECTING_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")


@dataclass(frozen=True)
class GivenName:
    """A given name in its Kazakh and Russian-document spellings."""

    kk: str
    ru: str
    ru_variant: str
    female: bool
    slavic: bool
    adult_weight: float
    child_weight: float


@dataclass(frozen=True)
class Surname:
    """A surname (masculine form) in its Kazakh and Russian-document spellings."""

    kk: str
    ru: str
    ru_variant: str
    ethnicity: str
    weight: float


@dataclass(frozen=True)
class Vocabulary:
    """All given names (both sexes, Kazakh and Slavic) and surnames, indexable by position."""

    given: tuple[GivenName, ...]
    surnames: tuple[Surname, ...]

    def given_indices(self, *, female: bool, slavic: bool) -> np.ndarray:
        """Positions of the given names of one sex and pool, in vocabulary order."""
        return np.array(
            [
                i
                for i, name in enumerate(self.given)
                if name.female == female and name.slavic == slavic
            ],
            dtype=np.int32,
        )


def feminine_surname(surname: str) -> str:
    """The feminine form: Russian-type -ов/-ев/-ин take -а; all other surnames are invariant.

    Invariant are suffix-less Kazakh surnames (Серік, Бөкейхан), Korean surnames (Ким, Цой),
    Ukrainian -енко and -ұлы/-улы surnames.
    """
    return surname + "а" if surname.endswith(_INFLECTING_ENDINGS) else surname


def decree_surname(surname: str) -> str:
    """The surname without its -ов/-ев, as the 1996 decree lets Kazakhs write it, back to the
    ancestor's name it was made from: Ахметов → Ахмет, Әлиев → Әли, and -бай, -тай, -рай names
    whose й the Russian suffix absorbed (Жұмабаев → Жұмабай, Сағынтаев → Сағынтай). The same
    for both sexes; other surnames are returned unchanged."""
    if surname.endswith(("баев", "таев", "раев")):
        return surname[:-2] + "й"
    return surname[:-2] if surname.endswith(("ов", "ев")) else surname


def soviet_spelling(surname: str) -> str:
    """The Soviet-era Russian spelling of a Kazakh surname, Дж for initial Ж (Джаксыбеков)."""
    return "Дж" + surname[1:] if surname.startswith("Ж") else surname


_RUSSIAN_PATRONYMIC_EXCEPTIONS = {
    "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Илья": ("Ильич", "Ильинична"),
}


def russian_patronymic(father: str, *, female: bool) -> str:
    """Russian-style patronymic from the father's name in Russian spelling.

    -ович/-овна after a hard consonant; -евич/-евна after й, ь, a vowel or a hushing consonant
    (Сергей → Сергеевич, Игорь → Игоревич, Али → Алиевич); -ий → -ьевич (Юрий → Юрьевич).
    """
    if father in _RUSSIAN_PATRONYMIC_EXCEPTIONS:
        return _RUSSIAN_PATRONYMIC_EXCEPTIONS[father][female]
    if father.endswith("ий"):
        stem, masculine, feminine = father[:-2], "ьевич", "ьевна"
    elif father.endswith(("й", "ь")):
        stem, masculine, feminine = father[:-1], "евич", "евна"
    elif father.endswith(("а", "я")):
        stem, masculine, feminine = father[:-1], "ич", "ична"
    elif father.endswith(("и", "е", "о", "у", "ы", "э", "ю", "ж", "ш", "ч", "щ", "ц")):
        stem, masculine, feminine = father, "евич", "евна"
    else:
        stem, masculine, feminine = father, "ович", "овна"
    return stem + (feminine if female else masculine)


KAZAKH_SON = {"kk": "ұлы", "ru": "улы"}
KAZAKH_DAUGHTER = {"kk": "қызы", "ru": "кызы"}


def kazakh_patronymic(father: str, *, female: bool, spelling: str, joiner: str = "") -> str:
    """Kazakh-style patronymic: the father's name + ұлы (son) / қызы (daughter).

    ``spelling`` is "kk" or "ru" (Russian texts write улы/кызы without Kazakh letters);
    ``joiner`` is "" for the solid form of the 1996 decree, " " or "-" for the forms seen in use.
    """
    suffix = (KAZAKH_DAUGHTER if female else KAZAKH_SON)[spelling]
    return father + joiner + suffix


def _tail_weight(entries: list[dict]) -> float:
    counts = [entry["count"] for entry in entries if entry.get("count")]
    return 0.5 * min(counts)


def _given_names(entries: list[dict], *, female: bool) -> list[GivenName]:
    tail = _tail_weight(entries)
    names = []
    for entry in entries:
        if entry.get("count"):
            adult = child = float(entry["count"])
        elif "newborn_rank" in entry:
            adult, child = tail * _NEWBORN_ADULT_FACTOR, tail * _NEWBORN_CHILD_FACTOR
        else:
            adult = child = tail
        variants = entry.get("ru_variants") or [entry["ru"]]
        names.append(GivenName(entry["kk"], entry["ru"], variants[0], female, False, adult, child))
    return names


def _surname_ethnicity(entry: dict) -> str:
    note = entry.get("note", "")
    if note.startswith("Korean"):
        return "korean"
    if note.startswith("Slavic"):
        return "slavic"
    return "kazakh"


@cache
def load_vocabulary() -> Vocabulary:
    """The packaged name lists, weighted as the module docstring explains (read once)."""
    text = resources.files("undercount.data").joinpath("kazakh_names.json").read_text("utf-8")
    raw = json.loads(text)
    given = _given_names(raw["male_given"], female=False)
    given += _given_names(raw["female_given"], female=True)
    supplement = raw["russian_given_supplement"]
    for key, female in (("male", False), ("female", True)):
        given += [GivenName(n, n, n, female, True, 1.0, 1.0) for n in supplement[key]]
    surname_tail = _tail_weight(raw["surnames"])
    surnames = tuple(
        Surname(
            entry["kk"],
            entry["ru"],
            (entry.get("ru_variants") or [entry["ru"]])[0],
            _surname_ethnicity(entry),
            float(entry.get("count") or surname_tail),
        )
        for entry in raw["surnames"]
    )
    return Vocabulary(tuple(given), surnames)
