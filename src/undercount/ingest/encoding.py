"""Which text encoding a list was saved in.

Lists arrive as UTF-8 (with or without a BOM), UTF-16 from Excel's "Unicode text", Windows-1251
from Excel on a Russian Windows, its Kazakh sibling KZ-1048, and KOI8-R from older systems. Byte
order marks settle the first cases. Between the single-byte Cyrillic code pages, generic
detectors guess badly on short lists of names, so we decide by how Cyrillic text looks: KOI8-R
read as cp1251 (and the reverse) scrambles the alphabet, so the right reading is the one whose
letters are common ones; and KZ-1048 read as cp1251 turns Kazakh letters into Serbian and
Macedonian ones that do not occur in Kazakh or Russian names.
"""

from __future__ import annotations

import codecs
import math

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Letters that cp1251 shows where KZ-1048 has Kazakh ones (Ә Ғ Қ Ң Ө Ұ Ү Һ І).
_SERBIAN_MACEDONIAN = set("ЉЊЌЋЏљњќћџЎўЈҐ")

# Letter frequencies of Russian prose, per mille; rare and unknown letters get 0.5.
_LETTER_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (
            110,
            85,
            80,
            73,
            67,
            63,
            55,
            47,
            45,
            44,
            35,
            32,
            30,
            28,
            26,
            20,
            19,
            17,
            17,
            16,
            16,
            14,
            12,
            10,
            9,
            7,
            6,
            5,
            4,
            3,
            3,
            0.5,
            1,
        ),
        strict=True,
    )
)


def detect_encoding(sample: bytes) -> str:
    """The Python codec name for ``sample`` (the start of a file)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if error.start >= len(sample) - 3 and error.reason == "unexpected end of data":
            return "utf-8"
    if _mostly_high_bytes_are_cyrillic(sample):
        return _choose_cyrillic_codepage(sample)
    best = from_bytes(sample).best()
    return best.encoding if best is not None else "cp1252"


def looks_binary(sample: bytes, encoding: str) -> bool:
    """NUL bytes or control characters in text that is not UTF-16 mean it is not a table."""
    if encoding.startswith("utf-16"):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 puts a near-constant high byte (0x00 for ASCII, 0x04 for Cyrillic) in every pair."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]

    def high_byte_share(half: bytes) -> float:
        return sum(1 for b in half if b in (0x00, 0x04)) / len(half)

    if high_byte_share(odd) > 0.9 and high_byte_share(even) < 0.5 and 0 in odd:
        return "utf-16-le"
    if high_byte_share(even) > 0.9 and high_byte_share(odd) < 0.5 and 0 in even:
        return "utf-16-be"
    return None


def _mostly_high_bytes_are_cyrillic(sample: bytes) -> bool:
    high = [b for b in sample if b >= 0x80]
    if not high:
        return False
    # In cp1251, KZ-1048 and KOI8-R alike, 0xC0–0xFF are Cyrillic letters.
    return sum(1 for b in high if b >= 0xC0) >= 0.6 * len(high)


def _choose_cyrillic_codepage(sample: bytes) -> str:
    as_1251 = sample.decode("cp1251", errors="replace")
    as_koi8 = sample.decode("koi8_r", errors="replace")
    if _plausibility(as_koi8) > _plausibility(as_1251):
        return "koi8_r"
    if any(ch in _SERBIAN_MACEDONIAN for ch in as_1251):
        return "kz1048"
    return "cp1251"


def _plausibility(text: str) -> float:
    """Mean log frequency of the Cyrillic letters: high for real text, low for a wrong code page."""
    letters = [ch for ch in text.lower() if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    return sum(math.log(_LETTER_FREQUENCY.get(ch, 0.5)) for ch in letters) / len(letters)
