"""The names victims are drawn from, with their weights, sexes and Cyrillic forms.

Read from ``undercount.data``'s ``kazakh_names.json`` (a copy of the research data set shipped
with the package, so a simulation never depends on files outside it), extended by the long tail
of :mod:`undercount.simulate.tail_names`. Every listed name carries its Kazakh (kk) and usual
Russian-document (ru) spelling; the simulator writes Russian spellings from the ``ru`` field
rather than deriving them, because the two differ in ways no letter rule gives (Жүсіпов / Юсупов,
Сағынтаев / Сагинтаев). Generated names take the rendering rule's spelling.

Weights are shares of the population (:mod:`undercount.simulate.frequencies` states the figures
and assumptions). A published count over the population it was counted in is the name's share.
Every other name of a pattern shares the rest by a Zipf–Mandelbrot tail that starts below the
rarest published name: first the unranked names of the packaged list (in its order), then the
generated ones. A Kazakh tail surname is an ancestor's name with -ов/-ев, or bare as the 1996
decree allows, in the proportion the published Kazakh surnames show. Names known only from the
2023 newborn top-10 are modern: a tenth of the rarest published share for adults and three times
it for children. Slavic given names (the supplement) are equally weighted within their pool;
Korean surnames keep their published counts relative to each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import numpy as np

from undercount.simulate.frequencies import (
    CENSUS_2021_MEN,
    CENSUS_2021_WOMEN,
    KAZAKH_GIVEN_SHARE,
    NAMING_SHARES,
    POPULATION_2014,
    zipf_tail,
)
from undercount.simulate.tail_names import (
    female_given_names,
    male_given_names,
    russian_rendering,
    slavic_surnames,
    suffixed_surname,
    surname_roots,
)

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
    "Павел": ("Павлович", "Павловна"),
}


def russian_patronymic(father: str, *, female: bool) -> str:
    """Russian-style patronymic from the father's name in Russian spelling.

    -ович/-овна after a hard consonant; -евич/-евна after й, ь, a vowel or a hushing consonant
    (Сергей → Сергеевич, Игорь → Игоревич, Али → Алиевич, Мұса → Мусаевич: the Slavic -а names
    that take -ич, Никита → Никитич, are not in the pool); -ий → -ьевич (Юрий → Юрьевич).
    """
    if father in _RUSSIAN_PATRONYMIC_EXCEPTIONS:
        return _RUSSIAN_PATRONYMIC_EXCEPTIONS[father][female]
    if father.endswith("ий"):
        stem, masculine, feminine = father[:-2], "ьевич", "ьевна"
    elif father.endswith(("й", "ь")):
        stem, masculine, feminine = father[:-1], "евич", "евна"
    elif father.endswith(("а", "я", "и", "е", "о", "у", "ы", "э", "ю", "ж", "ш", "ч", "щ", "ц")):
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


def _given_names(
    entries: list[dict], generated: tuple[str, ...], *, female: bool, population: float
) -> list[GivenName]:
    """Published names at count / (population with a Kazakh given name), newborn-only names
    against the rarest of them, every other name down the Zipf tail."""
    pool = population * KAZAKH_GIVEN_SHARE
    rarest = min(entry["count"] for entry in entries if entry.get("count")) / pool
    names, tail = [], []
    for entry in entries:
        spelling = (entry["kk"], entry["ru"], _first_variant(entry))
        if entry.get("count"):
            share = entry["count"] / pool
            names.append(GivenName(*spelling, female, False, share, share))
        elif "newborn_rank" in entry:
            adult, child = _NEWBORN_ADULT_FACTOR * rarest, _NEWBORN_CHILD_FACTOR * rarest
            names.append(GivenName(*spelling, female, False, adult, child))
        else:
            tail.append(spelling)
    known = {entry["kk"] for entry in entries}
    tail += [
        (kk, russian_rendering(kk), russian_rendering(kk)) for kk in generated if kk not in known
    ]
    weights = zipf_tail(len(tail), 1 - sum(name.adult_weight for name in names), rarest)
    pairs = zip(tail, weights.tolist(), strict=True)
    return names + [GivenName(*spelling, female, False, w, w) for spelling, w in pairs]


def _first_variant(entry: dict) -> str:
    """The Russian variant spelling a source may use instead of ``ru`` (itself if none)."""
    return (entry.get("ru_variants") or [entry["ru"]])[0]


def _surname_ethnicity(entry: dict) -> str:
    note = entry.get("note", "")
    if note.startswith("Korean"):
        return "korean"
    if note.startswith("Slavic"):
        return "slavic"
    return "kazakh"


def _listed_surnames(entries: list[dict]) -> list[Surname]:
    """The packaged surnames; unranked ones get their weight from the tail, later."""
    korean_counts = sum(e["count"] for e in entries if _surname_ethnicity(e) == "korean")
    surnames = []
    for entry in entries:
        ethnicity = _surname_ethnicity(entry)
        count = entry.get("count") or 0.0
        if ethnicity == "korean":
            weight = NAMING_SHARES["korean"] * count / korean_counts
        else:
            weight = count / POPULATION_2014
        surnames.append(Surname(entry["kk"], entry["ru"], _first_variant(entry), ethnicity, weight))
    return surnames


def _kazakh_tail(listed: list[Surname], roots: tuple[str, ...]) -> list[Surname]:
    """Unranked packaged Kazakh surnames, then ancestor names with -ов/-ев or bare, weighted
    down the Zipf tail; the bare share is the published Kazakh surnames' (Серік, Болат …)."""
    published = [s for s in listed if s.ethnicity == "kazakh" and s.weight > 0]
    bare = sum(s.weight for s in published if not s.kk.endswith(("ов", "ев", "ин")))
    bare_share = bare / sum(s.weight for s in published)
    known = {s.kk for s in listed}
    slots = [[(s, 1.0)] for s in listed if s.ethnicity == "kazakh" and s.weight == 0]
    for root in roots:
        slot = []
        for kk, factor in ((suffixed_surname(root), 1 - bare_share), (root, bare_share)):
            if kk and kk not in known:
                known.add(kk)
                ru = russian_rendering(kk)
                slot.append((Surname(kk, ru, ru, "kazakh", 0.0), factor))
        if slot:
            slots.append(slot)
    mass = NAMING_SHARES["kazakh"] - sum(s.weight for s in published)
    weights = zipf_tail(len(slots), mass, min(s.weight for s in published))
    shares = [(s, w * f) for slot, w in zip(slots, weights, strict=True) for s, f in slot]
    scale = mass / sum(share for _, share in shares)
    return [replace(surname, weight=float(share * scale)) for surname, share in shares]


def _slavic_tail(listed: list[Surname], kazakh: list[Surname]) -> list[Surname]:
    """Frequent Slavic surnames not already listed, down the Zipf tail; one also built from a
    Kazakh ancestor's name (Назаров) stays a single, Kazakh, entry."""
    published = [s for s in listed if s.ethnicity == "slavic"]
    known = {s.kk for s in listed + kazakh}
    names = [name for name in slavic_surnames() if name not in known]
    mass = NAMING_SHARES["slavic"] - sum(s.weight for s in published)
    weights = zipf_tail(len(names), mass, min(s.weight for s in published))
    pairs = zip(names, weights, strict=True)
    return [Surname(name, name, name, "slavic", float(w)) for name, w in pairs]


@cache
def load_vocabulary() -> Vocabulary:
    """The packaged and generated names, weighted as the module docstring explains (built once)."""
    text = resources.files("undercount.data").joinpath("kazakh_names.json").read_text("utf-8")
    raw = json.loads(text)
    male_tail = male_given_names()
    given = _given_names(raw["male_given"], male_tail, female=False, population=CENSUS_2021_MEN)
    given += _given_names(
        raw["female_given"], female_given_names(), female=True, population=CENSUS_2021_WOMEN
    )
    supplement = raw["russian_given_supplement"]
    for key, female in (("male", False), ("female", True)):
        given += [GivenName(n, n, n, female, True, 1.0, 1.0) for n in supplement[key]]
    listed = _listed_surnames(raw["surnames"])
    male_kk = tuple(entry["kk"] for entry in raw["male_given"]) + male_tail
    published = [s for s in listed if s.weight > 0]
    kazakh_tail = _kazakh_tail(listed, surname_roots(male_kk))
    surnames = published + kazakh_tail + _slavic_tail(listed, kazakh_tail)
    return Vocabulary(tuple(given), tuple(surnames))
