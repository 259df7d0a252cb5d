"""Forward romanisation systems, written out independently of the fold, to generate test data.

Each system maps Cyrillic to the Latin spelling a real list would carry, with the letter values
of research/names.md §3.2 (Kazakh: 2017, 2018, 2021 with ñ or ŋ, BGN/PCGN, ODNI, ISO 9,
QazAqparat 2004, RFE/RL style) and §4 (Russian: ICAO 9303, MVD-310, GOST R 52535.1-2006,
BGN/PCGN, ISO 9, ALA-LC, Telegram), plus the habits of official English (Kassym, Yerlan,
Tokayev). The fold must *invert* these; sharing no code with it keeps the test honest.
"""

from __future__ import annotations

from collections.abc import Callable

BASE = dict(zip("абвгдезклмнопрстф", "abvgdezklmnoprstf", strict=True))


def _table(**letters: str) -> dict[str, str]:
    table = dict(BASE)
    for cyrillic, latin in letters.items():
        table[cyrillic] = latin
    return table


KAZAKH_SYSTEMS: dict[str, dict[str, str]] = {
    "kk_latin_2017": _table(
        ә="a'", ғ="g'", ж="j", и="i'", й="i'", қ="q", ң="n'", ө="o'", у="y'", ұ="u", ү="u'",
        х="h", һ="h", ц="ts", ч="c'", ш="s'", щ="s'", ы="y", і="i", э="e", ю="i'y'", я="i'a",
        ё="io", ь="", ъ="", е="e",
    ),
    "kk_latin_2018": _table(
        ә="á", ғ="ǵ", ж="j", и="ı", й="ı", қ="q", ң="ń", ө="ó", у="ý", ұ="u", ү="ú", х="h",
        һ="h", ц="ts", ч="ch", ш="sh", щ="sh", ы="y", і="i", э="e", ю="ıý", я="ıá", ё="ıo",
        ь="", ъ="", е="e",
    ),
    "kk_latin_2021": _table(
        ә="ä", ғ="ğ", ж="j", и="i", й="i", қ="q", ң="ñ", ө="ö", у="u", ұ="ū", ү="ü", х="h",
        һ="h", ц="ts", ч="ch", ш="ş", щ="şş", ы="y", і="ı", э="e", ю="iu", я="ia", ё="io",
        ь="", ъ="", е="e",
    ),
    "kk_latin_2021_eng": _table(
        ә="ä", ғ="ğ", ж="j", и="i", й="i", қ="q", ң="ŋ", ө="ö", у="u", ұ="ū", ү="ü", х="h",
        һ="h", ц="ts", ч="ch", ш="ş", щ="şş", ы="y", і="ı", э="e", ю="iu", я="ia", ё="io",
        ь="", ъ="", е="e",
    ),
    "bgn_pcgn_kk": _table(
        ә="ä", ғ="gh", ж="zh", и="ī", й="y", қ="q", ң="ng", ө="ö", у="ū", ұ="u", ү="ü",
        х="kh", һ="h", ц="ts", ч="ch", ш="sh", щ="shch", ы="y", і="i", э="ė", ю="yu", я="ya",
        ё="yo", ь="’", ъ="”", е="e",
    ),
    "odni_kk": _table(
        ә="a", ғ="gh", ж="zh", и="i", й="y", қ="q", ң="ng", ө="o", у="u", ұ="u", ү="u",
        х="kh", һ="h", ц="ts", ч="ch", ш="sh", щ="shch", ы="y", і="i", э="e", ю="yu", я="ya",
        ё="yo", ь="", ъ="", е="e",
    ),
    "iso9_kk": _table(
        ә="a̋", ғ="ġ", ж="ž", и="i", й="j", қ="ķ", ң="ņ", ө="ô", у="u", ұ="u̇", ү="ù", х="h",
        һ="ḥ", ц="c", ч="č", ш="š", щ="ŝ", ы="y", і="ì", э="è", ю="û", я="â", ё="ë", ь="ʹ",
        ъ="ʺ", е="e",
    ),
    "qazaqparat_2004": _table(
        ә="ä", ғ="ğ", ж="j", и="ï", й="y", қ="q", ң="ñ", ө="ö", у="w", ұ="u", ү="ü", х="x",
        һ="h", ц="c", ч="ç", ш="ş", щ="şş", ы="ı", і="i", э="é", ю="yu", я="ya", ё="yo", ь="",
        ъ="", е="e",
    ),
    "rferl": _table(
        ә="a", ғ="gh", ж="zh", и="i", й="y", қ="q", ң="n", ө="o", у="u", ұ="u", ү="u", х="kh",
        һ="h", ц="ts", ч="ch", ш="sh", щ="shch", ы="y", і="i", э="e", ю="yu", я="ya", ё="yo",
        ь="", ъ="", е="e",
    ),
}  # fmt: skip
"""Systems applied to the Kazakh spelling."""

RUSSIAN_SYSTEMS: dict[str, dict[str, str]] = {
    "icao_9303": _table(
        ж="zh", и="i", й="i", у="u", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ="ie", ы="y",
        ь="", э="e", ю="iu", я="ia", е="e", ё="e",
    ),
    "mvd_310": _table(
        ж="zh", и="i", й="y", у="u", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ='"', ы="y",
        ь="'", э="e", ю="yu", я="ya", е="e", ё="e",
    ),
    "gost_52535": _table(
        ж="zh", и="i", й="i", у="u", х="kh", ц="tc", ч="ch", ш="sh", щ="shch", ъ="", ы="y",
        ь="", э="e", ю="iu", я="ia", е="e", ё="e",
    ),
    "iso9_ru": _table(
        ж="ž", и="i", й="j", у="u", х="h", ц="c", ч="č", ш="š", щ="ŝ", ъ="ʺ", ы="y", ь="ʹ",
        э="è", ю="û", я="â", е="e", ё="ë",
    ),
    "alalc_ru": _table(
        ж="zh", и="i", й="ĭ", у="u", х="kh", ц="t͡s", ч="ch", ш="sh", щ="shch", ъ="ʺ", ы="y",
        ь="ʹ", э="ė", ю="i͡u", я="i͡a", е="e", ё="ë",
    ),
    "telegram": _table(
        ж="j", и="i", й="i", у="u", х="h", ц="c", ч="ch", ш="sh", щ="sch", ъ="", ы="y", ь="",
        э="e", ю="iu", я="ia", е="e", ё="e",
    ),
}  # fmt: skip
"""Systems applied to the Russian spelling (Russian passports since 1997, libraries, chats)."""

_VOWELS = set("аеёиоуыэюяәөұүі")


def romanize_with(table: dict[str, str], cyrillic: str) -> str:
    """Letter-by-letter romanisation keeping the case of each word's first letter."""
    out: list[str] = []
    for index, char in enumerate(cyrillic):
        lower = char.lower()
        latin = table.get(lower, char)
        if char != lower and latin:
            starts_word = index == 0 or not cyrillic[index - 1].isalpha()
            latin = latin[0].upper() + latin[1:] if starts_word else latin.upper()
        out.append(latin)
    return "".join(out)


def bgn_pcgn_ru(cyrillic: str) -> str:
    """BGN/PCGN 1947: е and ё are ye/yë at the start of a word and after a vowel or ь/ъ."""
    table = _table(
        ж="zh", и="i", й="y", у="u", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ="”", ы="y",
        ь="’", э="e", ю="yu", я="ya", е="e", ё="ë",
    )  # fmt: skip
    return _with_iotated_e(cyrillic, table, "ye", "yë")


def official_english(cyrillic: str) -> str:
    """Habits of government English (research/names.md §3.3): Kassym, Yerlan, Tokayev, -y for -ий.

    с between vowels doubles, е is ye at the start and after a vowel, й is y, ж is zh.
    """
    table = _table(
        ж="zh", и="i", й="y", у="u", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ="", ы="y",
        ь="", э="e", ю="yu", я="ya", е="e", ё="yo",
    )  # fmt: skip
    text = cyrillic
    if text.lower().endswith("ий"):
        text = text[:-2] + ("Ы" if text[-1].isupper() else "ы")
    doubled = []
    for index, char in enumerate(text):
        doubled.append(char)
        between_vowels = (
            0 < index < len(text) - 1
            and text[index - 1].lower() in _VOWELS
            and text[index + 1].lower() in _VOWELS
        )
        if char.lower() == "с" and between_vowels:
            doubled.append(char.lower())
    return _with_iotated_e("".join(doubled), table, "ye", "yo")


def _with_iotated_e(cyrillic: str, table: dict[str, str], ye: str, yo: str) -> str:
    out: list[str] = []
    for index, char in enumerate(cyrillic):
        lower = char.lower()
        previous = cyrillic[index - 1].lower() if index else " "
        if lower in "её" and (not previous.isalpha() or previous in _VOWELS | {"ь", "ъ"}):
            latin = ye if lower == "е" else yo
            out.append(latin.capitalize() if char != lower else latin)
        else:
            out.append(romanize_with(table, char) if char.isalpha() else char)
    return _recase_words("".join(out), cyrillic)


def _recase_words(latin: str, cyrillic: str) -> str:
    """Keep all-capital words all-capital (passport style) after letter-wise output."""
    if cyrillic.isupper():
        return latin.upper()
    return latin


def keyboard_russian(kazakh: str) -> str:
    """Kazakh letters typed on a Russian layout (research/names.md §2)."""
    return kazakh.translate(str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ"))


def latin_lookalikes(cyrillic: str) -> str:
    """Cyrillic letters swapped for the Latin letters they look like (Айгерiм, Hұрлан)."""
    return cyrillic.translate(str.maketrans("аеорсіхАЕОРСНКМТВІ", "aeopcixAEOPCHKMTBI"))


def system_functions() -> dict[str, tuple[str, Callable[[str], str]]]:
    """Every system by name, with the spelling it starts from ("kk" or "ru")."""
    systems: dict[str, tuple[str, Callable[[str], str]]] = {}
    for name, table in KAZAKH_SYSTEMS.items():
        systems[name] = ("kk", lambda text, table=table: romanize_with(table, text))
    for name, table in RUSSIAN_SYSTEMS.items():
        systems[name] = ("ru", lambda text, table=table: romanize_with(table, text))
    systems["bgn_pcgn_ru"] = ("ru", bgn_pcgn_ru)
    systems["official_english"] = ("ru", official_english)
    systems["kazakh_cyrillic"] = ("kk", lambda text: text)
    systems["russian_cyrillic"] = ("ru", lambda text: text)
    systems["russian_keyboard"] = ("kk", keyboard_russian)
    systems["latin_lookalikes"] = ("kk", latin_lookalikes)
    systems["passport_upper"] = (
        "ru",
        lambda text: romanize_with(RUSSIAN_SYSTEMS["icao_9303"], text).upper(),
    )
    return systems
