"""How alike two written names are as names of one person, from 0 (different) to 1 (same).

Compares roles, not strings (research/names.md §7): surname with surname, given name with given
name, father's stem with father's stem, after :mod:`._parse` has read both names. The choices
that matter for a death toll, where a wrong merge hides a victim and a missed one counts a
victim twice:

* spelling differences the fold cannot remove are mostly vowels (Еркін/Еркен, Жулдуз/Жулдыз,
  Төлеген/Тулеген), so names whose consonants agree score high;
* two *different known names* score low however close the letters (Алмас/Алмат, Нұрбек/Нұрбол),
  and so do names where one is the other plus a name-forming ending (Бақыт/Бақытжан), since
  Kazakh builds new names that way;
* a different last consonant is a different name (Жанат/Жанар) unless it is a devoicing pair;
* a missing patronymic costs nothing, a surname with or without -ов/-ев costs little, swapped
  father/son roles (Ержан Болатович / Болат Ержанович) and a contradicted sex cost nearly all;
* agreement on a very common surname and given name, with nothing else, is held a little below
  agreement on rare ones.

The roles combine as a product of their similarities raised to :data:`WEIGHTS` (log-linear, as
Fellegi–Sunter weights add), so one clearly different role outweighs agreement elsewhere.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import JaroWinkler, Levenshtein

from undercount.names._lexicon import load_lexicon
from undercount.names._parse import ParsedName, parse

WEIGHTS: Final[dict[str, float]] = {"surname": 0.6, "given": 0.7, "father": 0.4}
"""Exponents of the role similarities in the product: a log-linear score in which each role
present on both sides multiplies in its own evidence and a role absent from either is neutral."""
MISSING_ROLE_FACTOR: Final = 0.9
"""A role present on one side only: no contradiction, but less evidence."""
CROSSED_ORDER_FACTOR: Final = 0.95
"""Surname of one compared with the given name of the other: order guesses can be wrong."""
EXTRA_WORD_FACTOR: Final = 0.9
"""Given names compared on their first words only, because one side has a word more."""
DISTINCT_NAMES: Final = 0.1
"""Two different listed names, or a name and one built on it: different people's names."""
VOICING_PAIRS: Final[frozenset[frozenset[str]]] = frozenset(
    frozenset(p) for p in ("sz", "dt", "gk", "bp", "vf", "jsh")
)
_VOWELS: Final = frozenset("aeiou")
NAME_ELEMENTS: Final[frozenset[str]] = frozenset(
    (
        "ai", "ak", "ali", "aru", "bai", "bek", "bergen", "berdi", "bibi", "bike", "bol", "bolat",
        "dos", "er", "gali", "gul", "han", "jamal", "jan", "jol", "kul", "lan", "mirza", "murat",
        "nur", "sulu", "sultan", "tai", "temir",
    )
)  # fmt: skip
"""Skeletons of the stems Kazakh names are built from (-бек, -бай, -жан, -гүл, Нұр-, Ер-, Ай- …,
research/names.md §5): two names that share all but a different such element are two names."""
_SURNAME_ENDINGS: Final[tuple[str, ...]] = ("ov", "ev", "in", "uli", "kizi", "skii")


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two written names as the same person's name; symmetric.

    Each name is also read in its opposite order, at a small cost, because the order of a
    two-word name is a guess whenever neither word is a known name or carries a suffix.
    """
    first, second = parse(a), parse(b)
    score = compare_parsed(first, second)
    for x, y in ((first, _flipped(b, second)), (_flipped(a, first), second)):
        if x is not None and y is not None:
            score = max(score, round(compare_parsed(x, y) * CROSSED_ORDER_FACTOR, 6))
    return score


def _flipped(text: str, parsed: ParsedName) -> ParsedName | None:
    if not (parsed.surname_norm and parsed.given_norm):
        return None
    return parse(text, "given_first" if parsed.order == "surname_first" else "surname_first")


def compare_parsed(a: ParsedName, b: ParsedName) -> float:
    """:func:`similarity` for two parses, roles taken as parsed."""
    if _roles_swapped(a, b):
        return 0.05
    score = _combine(a, b) * _sex_factor(a, b)
    return round(min(max(score, 0.0), 1.0), 6)


def _combine(a: ParsedName, b: ParsedName) -> float:
    components: list[tuple[float, float]] = []
    factor = 1.0
    for role, x, y in (
        ("surname", a.surname_norm, b.surname_norm),
        ("given", a.given_norm, b.given_norm),
        ("father", a.father, b.father),
    ):
        if x and y:
            if role == "surname":
                value = surname_similarity(x, y)
            elif role == "given":
                value = _given_names_similarity(a.given_parts, b.given_parts)
            else:
                value = given_similarity(x, y)
            components.append((WEIGHTS[role], value))
        elif (x or y) and role != "father":
            factor *= MISSING_ROLE_FACTOR
    if not components:
        return 0.0
    score = math.exp(sum(w * math.log(max(v, 1e-3)) for w, v in components)) * factor
    if (
        a.surname_norm == b.surname_norm
        and a.given_norm == b.given_norm
        and not (a.father and b.father)
    ):
        score *= 1.0 - _commonness(a.surname_norm) - _commonness(a.given_norm)
    return score


def _given_names_similarity(x: tuple[str, ...], y: tuple[str, ...]) -> float:
    """Whole given names, or else their first words at a discount.

    The discount case is a word one list adds: a patronymic too misspelt to read
    ("Жандосұы"), or the second half of a compound another list left out (Қасым-Жомарт/Қасым).
    """
    whole = given_similarity("".join(x), "".join(y))
    if len(x) == len(y) == 1:
        return whole
    return max(whole, EXTRA_WORD_FACTOR * given_similarity(x[0], y[0]))


@lru_cache(maxsize=1 << 16)
def given_similarity(x: str, y: str) -> float:
    """Two given-name (or father's-name) skeletons: spellings of one name, or two names?"""
    if x == y:
        return 1.0
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) <= 2:  # an initial, folded: А → a, Ш → sh, Ю → iu
        return 0.9 if long.startswith(short) else 0.05
    known = load_lexicon().given_sex
    if x in known and y in known:
        return DISTINCT_NAMES
    if _extends(x, y) or _swaps_element(x, y):
        return 0.15
    return string_similarity(x, y)


@lru_cache(maxsize=1 << 16)
def surname_similarity(x: str, y: str) -> float:
    """Two masculine surname skeletons; a root with and without -ов/-ев/-ұлы nearly agrees."""
    if x == y:
        return 1.0
    root_x, root_y = surname_root(x), surname_root(y)
    if root_x in (root_y, y) or x == root_y:
        return 0.93
    lexicon = load_lexicon()
    if x in lexicon.surnames and y in lexicon.surnames:
        return DISTINCT_NAMES
    return max(string_similarity(x, y), string_similarity(root_x, root_y))


def surname_root(skeleton: str) -> str:
    """A surname without its Russian or Kazakh affix: ahmetov → ahmet, baitursinuli → baitursin."""
    for ending in _SURNAME_ENDINGS:
        if skeleton.endswith(ending) and len(skeleton) - len(ending) >= 3:
            return skeleton[: -len(ending)]
    return skeleton


def string_similarity(x: str, y: str) -> float:
    """Letters alone, once no rule or dictionary has decided: vowels cheap, consonants dear.

    Compared on :func:`kazakh_russian_form`, so the Russian traditions that change a consonant
    (Шоқан/Чокан, Сәдуақас/Садвакас) stay cheap. A different first letter is never cheap,
    except ө/у (Өтеген/Утеген): the fold already merged the initial vowels that spellings swap
    (Ә/А, Ы/И, Е/Э), so Ерлан/Арлан and Есенов/Усенов are different names.
    """
    x, y = kazakh_russian_form(x), kazakh_russian_form(y)
    same_start = x[0] == y[0] or {x[0], y[0]} == {"o", "u"}
    if same_start and _consonants(x) == _consonants(y):
        return 0.9 + 0.1 * JaroWinkler.normalized_similarity(x, y)
    base = 0.5 * JaroWinkler.normalized_similarity(x, y)
    base += 0.5 * Levenshtein.normalized_similarity(x, y)
    if not same_start:
        base *= 0.5
    if (
        len(x) == len(y)
        and x[:-1] == y[:-1]
        and frozenset((x[-1], y[-1])) not in VOICING_PAIRS
        and x[-1] not in _VOWELS
    ):
        base *= 0.5
    return base * 0.85


def kazakh_russian_form(skeleton: str) -> str:
    """A skeleton with ч read as ш and уа as ва, the consonant changes of Russian renderings
    of Kazakh names (Шыңғыс/Чингиз, Уәлиханов/Валиханов); used for comparing, never stored."""
    return skeleton.replace("ch", "sh").replace("ua", "va")


def _extends(x: str, y: str) -> bool:
    """One name is the other plus at least two letters: a new name built on a stem."""
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return (
        len(short) >= 3
        and len(long) - len(short) >= 2
        and (long.startswith(short) or long.endswith(short))
    )


def _swaps_element(x: str, y: str) -> bool:
    """Same stem, different name-forming element at either end: Нұрбек/Нұрбол, Нұрлан/Ерлан."""
    for first in NAME_ELEMENTS:
        if x.endswith(first):
            stem = x[: -len(first)]
            for second in NAME_ELEMENTS:
                if second != first and y == stem + second and len(stem) >= 2:
                    return True
        if x.startswith(first):
            rest = x[len(first) :]
            for second in NAME_ELEMENTS:
                if second != first and y == second + rest and len(rest) >= 2:
                    return True
    return False


def _consonants(skeleton: str) -> str:
    return "".join(c for c in skeleton if c not in _VOWELS)


def _roles_swapped(a: ParsedName, b: ParsedName) -> bool:
    """Ержан Болатович vs Болат Ержанович: each one's given name is the other's father."""
    if not (a.father and b.father and a.given_norm and b.given_norm):
        return False
    return (
        given_similarity(a.given_norm, b.father) >= 0.9
        and given_similarity(a.father, b.given_norm) >= 0.9
        and given_similarity(a.given_norm, b.given_norm) < 0.9
    )


def _sex_factor(a: ParsedName, b: ParsedName) -> float:
    """1 unless the sexes differ: 0.2 when read from patronymics or given names, else 0.85.

    A surname ending alone is weak: a man's surname in the genitive ends in -ова.
    """
    if a.sex is None or b.sex is None or a.sex == b.sex:
        return 1.0
    strong = all(any(not e.startswith("surname") for e in p.sex_evidence) for p in (a, b))
    return 0.2 if strong else 0.85


def _commonness(skeleton: str | None) -> float:
    """Up to 0.03 off for a name borne by tens of thousands (Ахметов 73 627, Азамат 63 000)."""
    count = load_lexicon().frequency.get(skeleton or "", 0)
    return 0.03 * min(1.0, math.log10(count) / 5.0) if count > 1 else 0.0
