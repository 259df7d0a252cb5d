"""Split a written name into surname, given name(s) and patronymic, and read the sex it implies.

Kazakh and Russian names carry structure that a matcher must respect (research/names.md §5):
the patronymic names the *father* (Ержан Болатович and Болат Ержанович are father and son),
it comes in two grammars (Russian -ович/-овна, Kazakh -ұлы/-қызы fused or as a separate word),
and the order is surname-first on official lists and ID documents but given-first in English
media and in Kazakh style ("Дастан Серікұлы Оспанов").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from undercount.names._fold import (
    KAZAKH_ONLY_LETTERS,
    LATIN_HOMOGLYPHS_IN_CYRILLIC,
    finish_skeleton,
    fold_word,
    lower_turkic_safe,
    transcribe_word,
    word_script,
)
from undercount.names._lexicon import canonical_form, load_lexicon

Order = Literal["surname_first", "given_first"]
Script = Literal["kazakh_cyrillic", "russian_cyrillic", "latin", "mixed"]

SON_WORDS: Final[frozenset[str]] = frozenset({"uli", "ulu", "ugli", "ogli", "oglu"})
DAUGHTER_WORDS: Final[frozenset[str]] = frozenset({"kizi", "gizi"})
"""Skeletons of ұлы/улы/uly/uli, Uzbek o'g'li, Azerbaijani oğlu; қызы/кызы/kyzy/qyzy/kizi/qızı."""

_FUSED_KAZAKH_RE: Final = re.compile(
    r"^(?P<stem>[a-z]{3,}?)(?P<marker>uli|ugli|ogli|oglu|kizi|gizi)$"
)
_RUSSIAN_PATRONYMIC_RE: Final = re.compile(
    r"^(?P<stem>[a-z]{2,}?)(?P<marker>ovich|evich|ovna|evna|ichna|ich)$"
)
_MALE_SURNAME_RE: Final = re.compile(r"(?:ov|ev|in|skii|ski|tskii)$")
FEMALE_SURNAME_RE: Final = re.compile(r"(?:ova|eva|ina|skaia|ska|tskaia)$")
_NEUTRAL_SURNAME_RE: Final = re.compile(r"(?:enko|iuk|uk|ian|dze|shvili)$")
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


@dataclass(frozen=True, slots=True)
class Patronymic:
    """A father's-name stem and the sex the patronymic's grammar gives its bearer."""

    father: str
    sex: str | None
    """None for a bare father's name, which says nothing about the bearer's sex."""


@dataclass(frozen=True, slots=True)
class Word:
    """One written word (or hyphenated compound) with everything the parse asks of it."""

    written: str
    skeleton: str
    parts: tuple[str, ...]
    upper: bool
    initial: bool
    """A single letter, as in "А.С." (the skeleton may still be two letters: Ш → sh)."""
    script: Script | None
    marker: str | None
    """"M"/"F" when the word is a bare ұлы/қызы (uly, kyzy …) following the father's name."""
    patronymic: Patronymic | None
    surname_score: float
    given_score: float


@lru_cache(maxsize=1 << 17)
def read_word(written: str) -> Word:
    """Fold and classify one word once; real lists repeat words far more than whole names."""
    parts = tuple(p for p in (fold_word(w) for w in written.split("-")) if p)
    skeleton = "".join(parts)
    marker = None
    if skeleton in SON_WORDS:
        marker = "M"
    elif skeleton in DAUGHTER_WORDS:
        marker = "F"
    return Word(
        written=written,
        skeleton=skeleton,
        parts=parts,
        upper=written.isupper() and len(written) > 1,
        initial=sum(c.isalpha() for c in written) == 1,
        script=_word_kind(written),
        marker=marker,
        patronymic=read_patronymic(written) if skeleton and marker is None else None,
        surname_score=surname_score(skeleton),
        given_score=given_score(skeleton),
    )


def parse(name: str, order: str = "auto") -> ParsedName:
    """Split ``name`` into roles; ``order`` may force "surname_first" or "given_first"."""
    if order not in ("auto", "surname_first", "given_first"):
        raise ValueError(f"order must be 'auto', 'surname_first' or 'given_first', not {order!r}")
    return _parse_cached(name, order)


def read_name(name: str, order: str) -> ParsedName:
    """:func:`parse` without its cache, for callers that cache their own results."""
    units, patronymic_written, patronymic, patronymic_index, script = split_units(name)
    chosen: Order = (
        _choose_order(name, units, patronymic_index, script) if order == "auto" else order  # type: ignore[assignment]
    )
    surname_unit: Word | None = None
    given_units: list[Word] = []
    if len(units) == 1:
        only = units[0]
        if only.surname_score > only.given_score or (
            patronymic is not None and only.given_score <= 0
        ):
            surname_unit = only
        else:
            given_units = [only]
            surname_unit = _kazakh_patronymic_as_surname(patronymic_written)
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
    given_parts = tuple(canonical_form(p) for u in given_units for p in u.parts if p)
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


_parse_cached = lru_cache(maxsize=1 << 16)(read_name)


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


def detect_script(text: str) -> Script | None:
    """Script of a whole name: Kazakh Cyrillic if any Kazakh-only letter, Latin, or mixed."""
    return combine_scripts(_word_kind(word) for word in text.split())


def combine_scripts(kinds: Iterable[Script | None]) -> Script | None:
    """One script for several words: Kazakh wins over Russian; Cyrillic with Latin is mixed."""
    found = {kind for kind in kinds if kind is not None}
    if not found:
        return None
    if len(found) == 1:
        return found.pop()
    if "latin" in found or "mixed" in found:
        return "mixed"
    return "kazakh_cyrillic"


@lru_cache(maxsize=1 << 17)
def _word_kind(word: str) -> Script | None:
    script = word_script(word)
    if script == "latin":
        return "latin"
    if script != "cyrillic":
        return None
    kazakh = any(
        c in KAZAKH_ONLY_LETTERS or LATIN_HOMOGLYPHS_IN_CYRILLIC.get(c) in KAZAKH_ONLY_LETTERS
        for c in lower_turkic_safe(word)
    )
    return "kazakh_cyrillic" if kazakh else "russian_cyrillic"


def read_patronymic(word: str) -> Patronymic | None:
    """Father's stem and sex from a patronymic word, fused or hyphenated; None if it is not one.

    Russian -евич after a vowel stem restores the father's -й (Николаевич → Николай,
    Сергеевич → Сергей) and -ич/-ична restore -а (Никитич → Никита) so the stem meets the
    father's own given name.
    """
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        marker = fold_word(parts[-1])
        if marker in SON_WORDS or marker in DAUGHTER_WORDS:
            stem = "".join(fold_word(p) for p in parts[:-1])
            return Patronymic(canonical_form(stem), "M" if marker in SON_WORDS else "F")
    transcribed = transcribe_word(word.replace("-", ""))
    match = _FUSED_KAZAKH_RE.match(transcribed)
    if match:
        stem = finish_skeleton(match["stem"])
        sex = "F" if match["marker"] in DAUGHTER_WORDS else "M"
        return Patronymic(canonical_form(stem), sex)
    match = _RUSSIAN_PATRONYMIC_RE.match(transcribed)
    if match is None or match["marker"].startswith("i"):
        # A doubled letter hides -ович (Дулатовиич reads as -ич): the finished form shows it.
        finished = _RUSSIAN_PATRONYMIC_RE.match(finish_skeleton(transcribed))
        if finished is not None and not finished["marker"].startswith("i"):
            match = finished
    if match:
        stem, marker = match["stem"], match["marker"]
        if marker.startswith("e") and stem[-1] in "aeiou":
            stem += "i"
        elif marker.startswith("i"):  # Ильич, Никитична, Кузьминична: fathers in -а/-я
            stem = stem.removesuffix("in") + "a" if marker == "ichna" else stem + "a"
        sex = "F" if match["marker"].endswith("na") else "M"
        return Patronymic(canonical_form(finish_skeleton(stem)), sex)
    return None


@lru_cache(maxsize=1 << 16)
def surname_sex_clue(skeleton: str) -> str | None:
    """ "F" for -ова/-ева/-ина/-ская, "M" for -ов/-ев/-ин/-ский, None for other surnames and for
    words that are known given names (a surname like Дина is no clue)."""
    if canonical_form(skeleton) in load_lexicon().given_sex:
        return None
    if FEMALE_SURNAME_RE.search(skeleton):
        return "F"
    if _MALE_SURNAME_RE.search(skeleton):
        return "M"
    return None


@lru_cache(maxsize=1 << 16)
def normalize_surname(skeleton: str) -> str:
    """Masculine, canonical surname skeleton: Ахметова → ahmetov, Юсупова → jusipov."""
    if not skeleton:
        return skeleton
    lexicon = load_lexicon()
    if skeleton in lexicon.canonical:
        return lexicon.canonical[skeleton]
    masculine = skeleton
    if FEMALE_SURNAME_RE.search(skeleton) and skeleton not in lexicon.given_sex:
        masculine = skeleton[:-3] + "skii" if skeleton.endswith("skaia") else skeleton[:-1]
    return canonical_form(masculine)


def surname_score(skeleton: str) -> float:
    """How much a word looks like a surname (positive) rather than a given name."""
    lexicon = load_lexicon()
    canon = canonical_form(skeleton)
    score = 0.0
    if canon in lexicon.surnames or normalize_surname(skeleton) in lexicon.surnames:
        score += 1.5
    if canon in lexicon.given_sex:
        return score - 1.0
    if skeleton.endswith(("ova", "eva", "skaia")):
        score += 2.5  # a feminine surname beside an -ов word: that word is a name (Любовь)
    elif skeleton.endswith(("ov", "ev", "skii", "enko")):
        score += 2.0
    elif any(
        pattern.search(skeleton)
        for pattern in (_MALE_SURNAME_RE, FEMALE_SURNAME_RE, _NEUTRAL_SURNAME_RE, _FUSED_KAZAKH_RE)
    ):
        score += 1.0
    return score


def given_score(skeleton: str) -> float:
    """How much a word looks like a given name; known given names score, surname endings cost."""
    canon = canonical_form(skeleton)
    score = 2.0 if canon in load_lexicon().given_sex else 0.0
    if skeleton.endswith(("ov", "ev", "ova", "eva", "skii", "skaia", "enko")):
        score -= 2.0
    return score


MALE_ENDINGS: Final[tuple[str, ...]] = ("bek", "bai", "bolat", "sultan", "gali", "berdi", "bergen")
FEMALE_ENDINGS: Final[tuple[str, ...]] = ("gul", "sulu", "jamal", "bibi", "aim")
"""Name-forming elements that fix the sex of an unlisted Kazakh name: -бек/-бай/-болат/-сұлтан/
-ғали/-берді/-берген for men, -гүл/-сұлу/-жамал/-бибі/-айым for women (-жан and -нұр serve both)."""


@lru_cache(maxsize=1 << 16)
def given_name_sex(skeleton: str) -> str | None:
    """Sex of a given name: the lexicon's if listed (None for unisex), else its last element."""
    given_sex = load_lexicon().given_sex
    if skeleton in given_sex:
        return given_sex[skeleton]
    if len(skeleton) > 4 and skeleton.endswith(MALE_ENDINGS):
        return "M"
    if len(skeleton) > 4 and skeleton.endswith(FEMALE_ENDINGS):
        return "F"
    return None


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
                    patronymic = Patronymic(canonical_form(father.skeleton), word.marker)
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
