"""How each kind of source writes a Cyrillic name: scripts, romanisation systems, degradations.

Written here from the published tables (research/names.md §2–4), independently of
``undercount.names``, so that linkage measured on simulated data tests how well the matcher
generalises rather than whether it inverts this module.

A system starts from one of two Cyrillic spellings of a name: the Kazakh one (Жүсіпов) or the
usual Russian-document one (Юсупов). They differ before any romanisation happens; which one a
system starts from is ``SPELLING_BASE[system]``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache


class NameSystem(StrEnum):
    """A way of writing a name, named for the practice it imitates."""

    KAZAKH_CYRILLIC = "kazakh_cyrillic"
    KAZAKH_CYRILLIC_LATIN_I = "kazakh_cyrillic_latin_i"  # Latin i typed for і (Айгерiм)
    KAZAKH_ON_RUSSIAN_KEYBOARD = "kazakh_on_russian_keyboard"  # қ→к, ә→а … (Жусипов)
    RUSSIAN_CYRILLIC = "russian_cyrillic"  # Russian-document spelling (Юсупов)
    KAZAKH_LATIN_2021 = "kazakh_latin_2021"  # ä ğ q ñ ö ş ū ü ı, и→i/İ
    KAZAKH_LATIN_2018 = "kazakh_latin_2018"  # á ǵ ń ó ú ý, и→ı, і→i
    KAZAKH_LATIN_INFORMAL = "kazakh_latin_informal"  # from Kazakh, ASCII (Toqaev, Ghalymzhan)
    PASSPORT_ICAO = "passport_icao"  # Russian passports since 2014, upper case (TOKAEV)
    PASSPORT_MVD_1997 = "passport_mvd_1997"  # Russian passports 1997–2010 (Yuliya, Gul'nar)
    PASSPORT_GOST_2006 = "passport_gost_2006"  # Russian passports 2010–2013 (Iuliia, Tcoi)
    ENGLISH_PRESS = "english_press"  # official/press English from Russian (Tokayev, Kassym)


SPELLING_BASE: dict[NameSystem, str] = {
    NameSystem.KAZAKH_CYRILLIC: "kk",
    NameSystem.KAZAKH_CYRILLIC_LATIN_I: "kk",
    NameSystem.KAZAKH_ON_RUSSIAN_KEYBOARD: "kk",
    NameSystem.RUSSIAN_CYRILLIC: "ru",
    NameSystem.KAZAKH_LATIN_2021: "kk",
    NameSystem.KAZAKH_LATIN_2018: "kk",
    NameSystem.KAZAKH_LATIN_INFORMAL: "kk",
    NameSystem.PASSPORT_ICAO: "ru",
    NameSystem.PASSPORT_MVD_1997: "ru",
    NameSystem.PASSPORT_GOST_2006: "ru",
    NameSystem.ENGLISH_PRESS: "ru",
}

RUSSIAN_KEYBOARD = dict(zip("әғқңөұүһі", "агкноуухи", strict=True))
"""Kazakh letters as typed on a Russian layout (the instruction's fold: Ә→А, Қ→К, Ө→О …)."""

_COMMON = dict(
    zip(
        "абвгдезклмнопрстф",
        ["a", "b", "v", "g", "d", "e", "z", "k", "l", "m", "n", "o", "p", "r", "s", "t", "f"],
        strict=True,
    )
)

_LATIN_2021 = _COMMON | {
    "ә": "ä", "ғ": "ğ", "ж": "j", "и": "i", "й": "i", "қ": "q", "ң": "ñ", "ө": "ö", "у": "u",
    "ұ": "ū", "ү": "ü", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ё": "io",
}  # fmt: skip
_LATIN_2018 = _COMMON | {
    "ә": "á", "ғ": "ǵ", "ж": "j", "и": "ı", "й": "ı", "қ": "q", "ң": "ń", "ө": "ó", "у": "ý",
    "ұ": "u", "ү": "ú", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "ıý", "я": "ıá", "ё": "ıo",
}  # fmt: skip
_LATIN_INFORMAL = _COMMON | {
    "ә": "a", "ғ": "gh", "ж": "zh", "и": "i", "й": "i", "қ": "q", "ң": "ng", "ө": "o", "у": "u",
    "ұ": "u", "ү": "u", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "yo",
}  # fmt: skip
_RUSSIAN_LATIN = _COMMON | {
    "ж": "zh", "и": "i", "у": "u", "х": "kh", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
    "э": "e", "ё": "e",
}  # fmt: skip
_ICAO = _RUSSIAN_LATIN | {"й": "i", "ц": "ts", "ъ": "ie", "ь": "", "ю": "iu", "я": "ia"}
_MVD_1997 = _RUSSIAN_LATIN | {"й": "y", "ц": "ts", "ъ": "", "ь": "'", "ю": "yu", "я": "ya"}
"""MVD order 310 of 1997: й→y and ь→' make final -ий → -iy (Dmitriy) and Gul'nar."""
_GOST_2006 = _RUSSIAN_LATIN | {"й": "i", "ц": "tc", "ъ": "ie", "ь": "", "ю": "iu", "я": "ia"}
_PRESS = _RUSSIAN_LATIN | {"й": "i", "ц": "ts", "ъ": "", "ь": "", "ю": "yu", "я": "ya"}

_CAPITALS_2021 = {"и": "İ", "й": "İ", "і": "I"}
_VOWELS = set("аәеёиоөуұүыіэюя")


def _letter_by_letter(text: str, table: dict[str, str], capitals: dict[str, str]) -> str:
    """Replace each Cyrillic letter by its table value; a capital starts its value upper-case."""
    out = []
    for char in text:
        lower = char.lower()
        if lower not in table:
            out.append(char)
        elif char != lower:
            value = capitals.get(lower) or table[lower]
            out.append(value[:1].upper() + value[1:])
        else:
            out.append(table[lower])
    return "".join(out)


def _english_press(text: str) -> str:
    """English-press habits over the Russian spelling.

    Initial е and е after a vowel or soft sign → ye (Yerlan, Tokayev, Aliyev); a single с between
    vowels → ss (Kassym, Assel); final -ий → -y (Yury, Dmitry); otherwise like BGN without marks.
    """
    out = []
    lower = text.lower()
    for i, char in enumerate(text):
        low = lower[i]
        before = lower[i - 1] if i else " "
        after = lower[i + 1] if i + 1 < len(lower) else " "
        if low == "е" and (not before.isalpha() or before in _VOWELS or before in "ьъ"):
            value = "ye"
        elif low == "с" and before in _VOWELS and after in _VOWELS:
            value = "ss"
        elif low == "и" and after == "й" and not (lower[i + 2 : i + 3].isalpha()):
            value = "y"
        elif low == "й" and before == "и" and not after.isalpha():
            value = ""
        else:
            value = _PRESS.get(low, char)
        out.append(value[:1].upper() + value[1:] if char != low and value else value)
    return "".join(out)


@cache
def write_name(cyrillic: str, system: NameSystem) -> str:
    """``cyrillic`` (already in the system's spelling base) as the system writes it.

    Cached: a source writes the same few hundred name parts over and over.
    """
    match system:
        case NameSystem.KAZAKH_CYRILLIC | NameSystem.RUSSIAN_CYRILLIC:
            return cyrillic
        case NameSystem.KAZAKH_CYRILLIC_LATIN_I:
            return cyrillic.replace("і", "i").replace("І", "I")
        case NameSystem.KAZAKH_ON_RUSSIAN_KEYBOARD:
            return _letter_by_letter(cyrillic, RUSSIAN_KEYBOARD, {})
        case NameSystem.KAZAKH_LATIN_2021:
            return _letter_by_letter(cyrillic, _LATIN_2021, _CAPITALS_2021)
        case NameSystem.KAZAKH_LATIN_2018:
            return _letter_by_letter(cyrillic, _LATIN_2018, {})
        case NameSystem.KAZAKH_LATIN_INFORMAL:
            return _letter_by_letter(cyrillic, _LATIN_INFORMAL, {})
        case NameSystem.PASSPORT_ICAO:
            folded = _letter_by_letter(cyrillic, RUSSIAN_KEYBOARD, {})
            return _letter_by_letter(folded, _ICAO, {}).upper()
        case NameSystem.PASSPORT_MVD_1997:
            folded = _letter_by_letter(cyrillic, RUSSIAN_KEYBOARD, {})
            return _letter_by_letter(folded, _MVD_1997, {})
        case NameSystem.PASSPORT_GOST_2006:
            folded = _letter_by_letter(cyrillic, RUSSIAN_KEYBOARD, {})
            return _letter_by_letter(folded, _GOST_2006, {})
        case NameSystem.ENGLISH_PRESS:
            return _english_press(_letter_by_letter(cyrillic, RUSSIAN_KEYBOARD, {}))
