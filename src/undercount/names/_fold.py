"""Fold one written word of a name, in any script or romanisation, to a comparable skeleton.

The skeleton is lower-case ASCII built for matching, not for display. It is the meeting point of
two pipelines that reach English lists (see ``docs/names.md``): romanised from the Kazakh
spelling (Toqaev, Qasym-Zhomart) and from the Russian spelling (Tokayev, Kassym-Jomart). Every
letter value below follows the tables of ``research/names.md`` §2–4:

* Kazakh letters fold to their Russian-keyboard counterpart (ә→а, қ→к, ұ/ү→у, і→и …), exactly
  the official "Instruction on the Russian rendering of Kazakh anthroponyms";
* the vowels и, й, ы, і and Latin y, ı, ï, ī all become ``i`` (Сағынтаев = Сагинтаев = Sagyntaev,
  Смайылов = Смаилов = Smaiylov), е/э/ё become ``e`` (Yerlan = Ерлан);
* ж is ``j`` (zh, j, ž, dzh, dj, Soviet дж), х is ``h`` (kh, h, x, һ), ш/щ are ``sh``, ч is
  ``ch``, ц is ``ts`` (tc, ISO c);
* runs of one letter collapse (Kassym = Kasym), ``ng`` becomes ``n`` (ң is written ng by BGN),
  and vowel + ``ui`` + consonant loses the epenthetic ы (Бауыржан = Бауржан).

Deliberately *not* used: unidecode (ә→"@"), NFKD-then-ASCII (deletes ı, ə, ŋ) and ICU
``Latin-ASCII`` (keeps "ˌ"); the precomposed letters they mangle are mapped explicitly first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

CYRILLIC_TO_SKELETON: Final[dict[str, str]] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "ґ": "g", "д": "d", "е": "e",
    "ё": "e", "є": "e", "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "ї": "i", "к": "k",
    "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ў": "u", "ф": "f", "х": "h", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
"""Russian keyboard fold of Kazakh letters, then one Latin value per letter."""

KAZAKH_ONLY_LETTERS: Final[frozenset[str]] = frozenset("әғқңөұүһі")

LATIN_HOMOGLYPHS_IN_CYRILLIC: Final[dict[str, str]] = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "I": "І", "Ə": "Ә", "Ɵ": "Ө",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "k": "к",
    "h": "һ", "m": "м", "ə": "ә", "ɵ": "ө", "ӏ": "і",
}  # fmt: skip
"""Latin letters typed inside a Cyrillic word, read as the Cyrillic letter they look like.

Case matters: upper-case H is Н but lower-case h is һ, upper-case B is В but b is nothing.
Latin ``i`` becomes Kazakh і: that is the usual intrusion (Айгерiм), and і and и share one
skeleton letter anyway.
"""

CYRILLIC_HOMOGLYPHS_IN_LATIN: Final[dict[str, str]] = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "к": "k",
    "ј": "j", "ѕ": "s", "һ": "h", "ә": "ə", "ө": "ɵ",
}  # fmt: skip

LATIN_PRECOMPOSED: Final[dict[str, str]] = {
    "ş": "sh", "ș": "sh", "š": "sh", "ŝ": "sh", "ç": "ch", "č": "ch", "ĉ": "ch", "ž": "zh",
    "ǰ": "zh", "ý": "u", "ŋ": "n", "ı": "i", "ə": "a", "ǝ": "a", "ɵ": "o", "ø": "o", "û": "iu",
    "â": "ia", "ß": "ss", "æ": "ae", "ð": "d", "ł": "l", "đ": "d", "ħ": "h",
}  # fmt: skip
"""Latin letters whose accent carries the letter's value, so NFD stripping would corrupt them:
2021/Turkish ş ç, ISO 9 ž š č ŝ û â, 2018 ý (= у), 2021 ŋ, dotless ı, Latin schwa."""

APOSTROPHES: Final[str] = "'’‘ʼʹʺ\"”“`´′″ʻ"

_APOSTROPHE_DIGRAPHS: Final[dict[str, str]] = {"s": "sh", "c": "ch", "y": "u", "u": "u"}
"""Kazakh Latin 2017 letters that an apostrophe turns into another sound: s' ш, c' ч, y' у, u' ү.
Other 2017 apostrophes (a' g' i' n' o') mark a Kazakh letter whose Russian fold is the bare
letter, and a Russian soft or hard sign written as an apostrophe is dropped like ь and ъ."""

_LATIN_CLUSTERS: Final[dict[str, str]] = {
    "shch": "sh", "shsh": "sh", "sch": "sh", "tch": "ch", "dzh": "j", "dj": "j", "zh": "j",
    "kh": "h", "gh": "g", "tc": "ts", "ch": "ch", "ph": "f",
    "ck": "k", "x": "h", "q": "k", "w": "u", "c": "ts",
}  # fmt: skip
"""Latin spellings of one sound, longest first; a bare c is decided by :func:`_replace_cluster`.

x is х, as in QazAqparat 2004 and Turkish-style Kazakh (Axmetov, Muxtar, Raxat): no documented
system writes кс as x, and the English habit (Alexey, Maxim) is covered by the lexicon."""
_LATIN_CLUSTER_RE: Final = re.compile(
    "|".join(sorted((re.escape(k) for k in _LATIN_CLUSTERS), key=len, reverse=True))
)
_J_AS_GLIDE_RE: Final = re.compile(r"(?<=[aeiouy])j(?=[^aeiouy]|$)")
"""ISO 9 and scholarly j = й: after a vowel and before a consonant or the end (Ajgerim, Sergej).
Everywhere else Kazakh Latin and informal spelling use j for ж (Jomart, Oljas, Juldyz)."""
_YE_RE: Final = re.compile(r"ye")
_YO_AFTER_CONSONANT_RE: Final = re.compile(r"(?<=[bcdfgjklmnprstvz])[yi]o")
"""ё after a consonant: English yo (Fyodor) and Kazakh Latin io (Fiodor, Artiom, Aliona) are
the ё that Russian documents mostly write е (Федор)."""
_ISO9_LETTERS: Final = frozenset("ķņʹʺ")
_ISO9_MARKS: Final = ("\u030c", "\u0302", "\u0300", "\u030b", "\u0323")
_VOWEL_LETTERS: Final = frozenset("aeiouy")
"""A bare c before a consonant is English k (Victor); elsewhere it is ц, as in ISO 9, the
Telegram habit and QazAqparat (Coj, Kuznecov). English c before a vowel (Nicolai) is lost to
that choice: Kazakh and Russian names rarely reach Latin lists that way."""
_EPENTHETIC_UI_RE: Final = re.compile(r"(?<=[aeo]u)i(?=[^aeiou])")
"""Kazakh уы after a vowel (Бауыржан) is written уы in Kazakh and у in Russian (Бауржан)."""
_NG_RE: Final = re.compile(r"ng")
_RUN_RE: Final = re.compile(r"(.)\1+")
_NON_SKELETON_RE: Final = re.compile(r"[^a-z]")


_INVISIBLE: Final[dict[int, str | None]] = {
    0x200B: " ", 0x2028: " ", 0x2029: " ",  # zero-width and line/paragraph separators
    0x00AD: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None,  # soft hyphen, joiners
}  # fmt: skip


def clean_text(text: str) -> str:
    """Drop the invisible characters web copies carry (soft hyphens, joiners, BOM); a zero-width
    space separates words like a space."""
    return text.translate(_INVISIBLE)


def is_cyrillic(char: str) -> bool:
    """Whether ``char`` is in the Cyrillic blocks (basic and supplement)."""
    return "\u0400" <= char <= "\u052f"


def is_latin(char: str) -> bool:
    """Whether ``char`` is a Latin letter, including the IPA-block schwa and barred o."""
    return (
        ("a" <= char <= "z")
        or ("\u00c0" <= char <= "\u024f" and char not in "×÷")
        or (char in "əɵŋ")
    )


def lower_turkic_safe(word: str) -> str:
    """Lower-case without Python's "İ".lower() == "i̇" (two code points); I, İ, ı all give i."""
    return word.replace("İ", "i").replace("I", "i").lower().replace("i\u0307", "i")


def word_script(word: str) -> str:
    """'cyrillic', 'latin' or '' by majority of letters; look-alikes break ties toward Cyrillic.

    A word with any Cyrillic letter whose Latin letters are all look-alikes is Cyrillic: a typist
    on a mixed keyboard slips Latin i or H into a Cyrillic name, never the reverse in bulk.
    """
    cyrillic = latin = homoglyph_latin = 0
    for char in word:
        if is_cyrillic(char):
            cyrillic += 1
        elif is_latin(char):
            latin += 1
            if char in LATIN_HOMOGLYPHS_IN_CYRILLIC:
                homoglyph_latin += 1
    if cyrillic and (cyrillic > latin or latin == homoglyph_latin):
        return "cyrillic"
    if latin:
        return "latin"
    return ""


@lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """Fold one word (no spaces, no hyphens) to its skeleton; '' when it has no letters."""
    return finish_skeleton(transcribe_word(word))


@lru_cache(maxsize=1 << 17)
def transcribe_word(word: str) -> str:
    """The skeleton before letter runs collapse and clusters simplify.

    Suffix grammar needs it: Серікқызы is "serikkizi" here, so the stem "serik" survives,
    while the finished skeleton "serikizi" has lost the boundary.
    """
    word = unicodedata.normalize("NFC", word)
    if word_script(word) == "cyrillic":
        return _NON_SKELETON_RE.sub("", _fold_cyrillic(word))
    return _fold_latin(lower_turkic_safe(word))


_AMBIGUOUS_LATIN: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"(?<![dz])j"), "zh"),
    (re.compile(r"(?<![dz])j"), "y"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"c(?!h)"), "zh"),
)
"""Latin letters with several values: j is ж (Kazakh Latin) or й (ISO 9), x is х (QazAqparat)
or кс (English), c is ц (ISO 9), к (English) or ж (Turkish spelling of Kazakh: Galımcan)."""


@lru_cache(maxsize=1 << 17)
def fold_readings(word: str) -> tuple[str, ...]:
    """The skeleton of ``word``, then those of the other readings of its ambiguous Latin letters.

    The fold picks one value per letter by context; when that reading is no known name and
    another is (Nadejda is Надежда, Rajan is Райан, Alexey is Алексей, Capa is Сара), the
    lexicon decides.
    """
    default = fold_word(word)
    if word_script(word) != "latin":
        return (default,)
    readings = [default]
    if all(c in LATIN_HOMOGLYPHS_IN_CYRILLIC for c in word if c.isalpha()):
        # Nothing but look-alikes (Capa, HOC): it may be a Cyrillic word typed in Latin letters.
        readings.append(finish_skeleton(_fold_cyrillic(word)))
    lower = lower_turkic_safe(unicodedata.normalize("NFC", word))
    for pattern, value in _AMBIGUOUS_LATIN:
        if pattern.search(lower):
            reading = fold_word(pattern.sub(value, lower))
            if reading not in readings:
                readings.append(reading)
    return tuple(readings)


def _fold_cyrillic(word: str) -> str:
    word = "".join(LATIN_HOMOGLYPHS_IN_CYRILLIC.get(c, c) for c in word)
    word = lower_turkic_safe(word).replace("дж", "ж")
    return "".join(CYRILLIC_TO_SKELETON.get(c, c) for c in word)


def _fold_latin(word: str) -> str:
    word = "".join(
        CYRILLIC_HOMOGLYPHS_IN_LATIN.get(c) or CYRILLIC_TO_SKELETON.get(c, c) for c in word
    )
    if _is_iso9(word):
        word = word.replace("j", "y")
    word = "".join(LATIN_PRECOMPOSED.get(c, c) for c in word)
    word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    word = "".join(LATIN_PRECOMPOSED.get(c, c) for c in word)
    word = _fold_apostrophes(word)
    word = _NON_SKELETON_RE.sub("", word)
    word = _J_AS_GLIDE_RE.sub("i", word)
    word = _LATIN_CLUSTER_RE.sub(_replace_cluster, word)
    word = _YO_AFTER_CONSONANT_RE.sub("e", word)
    return _YE_RE.sub("e", word).replace("y", "i")


def _is_iso9(word: str) -> bool:
    """Whether a word carries ISO 9 (or ALA-LC) marks, in which j is й everywhere (Mejìrhan,
    Ķajyržan), not the Kazakh-Latin ж: carons, circumflexes, graves, double acute, ķ ņ, ʹ ʺ."""
    if any(c in _ISO9_LETTERS for c in word):
        return True
    decomposed = unicodedata.normalize("NFD", word)
    return any(mark in decomposed for mark in _ISO9_MARKS)


def _replace_cluster(match: re.Match[str]) -> str:
    cluster = match.group()
    if cluster == "c":
        after = match.string[match.end() : match.end() + 1]
        return "k" if after and after not in _VOWEL_LETTERS else "ts"
    return _LATIN_CLUSTERS[cluster]


def _fold_apostrophes(word: str) -> str:
    if not any(c in APOSTROPHES for c in word):
        return word
    out: list[str] = []
    for char in word:
        if char in APOSTROPHES:
            if out and out[-1] in _APOSTROPHE_DIGRAPHS:
                out[-1] = _APOSTROPHE_DIGRAPHS[out[-1]]
        else:
            out.append(char)
    return "".join(out)


def finish_skeleton(skeleton: str) -> str:
    """Collapse letter runs, ``ng`` and the epenthetic ы of a transcribed word."""
    skeleton = _RUN_RE.sub(r"\1", skeleton)
    skeleton = _NG_RE.sub("n", skeleton)
    skeleton = _EPENTHETIC_UI_RE.sub("", skeleton)
    return _RUN_RE.sub(r"\1", skeleton)
