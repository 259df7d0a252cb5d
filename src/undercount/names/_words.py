"""What one written word of a name tells: its skeleton, script, and whether it reads as a
surname, a given name, a patronymic or the ұлы/қызы of one.

Everything here is per word and cached per word: real lists repeat words far more often than
whole names, so a million-row import folds only a few thousand distinct words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from undercount.names._fold import (
    KAZAKH_ONLY_LETTERS,
    LATIN_HOMOGLYPHS_IN_CYRILLIC,
    finish_skeleton,
    fold_word,
    lower_turkic_safe,
    transcribe_word,
    word_script,
)
from undercount.names._lexicon import canonical_form, canonical_word, load_lexicon

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
    parts = tuple(p for p in (canonical_word(w) for w in written.split("-")) if p)
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
        if marker == "ich" and stem[-1] in "oev":
            # Not Ильич but a typing error in -ович/-евич: Оразбекоич, Валерьпвич.
            stem = stem[:-2] if stem[-1] == "v" else stem[:-1]
        elif marker.startswith("e") and stem[-1] in "aeiou":
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
