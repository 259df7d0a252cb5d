"""Numbers as news text writes them: "225", "2,000", "1 000", "4,5 тыс.", "twenty-five",
"двухсот двадцати пяти", "екі жүз жиырма бес", "225-тен".

Only recognition lives here, with each number's span and how it was written; whether a number
counts people is decided by the caller from the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    """A word list written as one string, for tables of words."""
    return text.split()


# A token is a number (digits, separators, an optional suffix after a hyphen or an English
# ordinal ending), a word (letters, inner apostrophes and hyphens, "Vlast.kz"-style domains), or
# one punctuation mark. Digit groups split by a space or a thin/no-break space are one number.
_SPACE = " \u00a0\u202f\u2009"
TOKEN = re.compile(
    rf"(?P<number>(?<![\d.,])\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?![\d.,]\d)"
    rf"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?)(?P<suffix>(?:-[^\W\d_]+)+)?"
    r"|(?P<word>[^\W\d_]+(?:['’.\-][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
)

_GROUPED = re.compile(rf"^\d{{1,3}}(?:([,.{_SPACE}])\d{{3}})(?:\1\d{{3}})*$")
_ORDINAL_ENDING = re.compile(r"(?:st|nd|rd|th)$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # "number", "word" or "punct"
    suffix: str = ""  # letters after a number's hyphen ("тен" in "225-тен"), lower case

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup if match.lastgroup != "suffix" else "number"
        if match["number"] is not None:
            suffix = (match["suffix"] or "").lstrip("-").lower()
            ordinal = _ORDINAL_ENDING.search(match["number"])
            if ordinal:
                suffix = suffix or ordinal.group()
            tokens.append(Token(match["number"], match.start(), match.end(), "number", suffix))
        else:
            tokens.append(Token(match.group(), match.start(), match.end(), kind or "punct"))
    return tokens


def digits_value(token: Token) -> tuple[float | None, bool]:
    """The value of a digit token and whether it is a whole count as written.

    "2,000", "2.000" and "2 000" are grouped thousands; "4,5" and "4.5" are decimals (a count
    only when a multiplier follows: "4,5 тыс."); "17:00" is a time and has no value.
    """
    text = _ORDINAL_ENDING.sub("", token.text)
    if ":" in text:
        return None, False
    if _GROUPED.match(text):
        return float(re.sub(r"\D", "", text)), True
    if re.fullmatch(r"\d+", text):
        return float(text), True
    if re.fullmatch(r"\d+[.,]\d+", text):
        return float(text.replace(",", ".")), False
    return None, False


# Multipliers that scale the number before them: "10 thousand", "4,5 тыс.", "10 мыңнан".
MULTIPLIERS = (
    (re.compile(r"thousands?|тыс|тысяч\w*|мың\w{0,4}"), 1_000),
    (re.compile(r"millions?|млн|миллион\w*"), 1_000_000),
)


def multiplier(word: str) -> int | None:
    for pattern, factor in MULTIPLIERS:
        if pattern.fullmatch(word):
            return factor
    return None


_EN_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_EN_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")

_RU_FORMS = {
    1: "один одна одно одного одной одному одним одном",
    2: "два две двух двум двумя",
    3: "три трех трёх трем трём тремя",
    4: "четыре четырех четырёх четырем четырём четырьмя",
    40: "сорок сорока",
    90: "девяносто девяноста",
    100: "сто ста",
    200: "двести двухсот двумстам двумястами двухстах",
    300: "триста трехсот трёхсот тремстам тремястами трехстах трёхстах",
    400: "четыреста четырехсот четырёхсот четырьмстам четырьмястами четырехстах",
}
# Collective numerals: "двое задержанных", "пятеро журналистов", "четверых детей".
_RU_COLLECTIVE = {
    2: "двое двоих двоим двоими",
    3: "трое троих троим троими",
    4: "четверо четверых четверым четверыми",
    5: "пятеро пятерых пятерым пятерыми",
    6: "шестеро шестерых шестерым",
    7: "семеро семерых семерым",
    8: "восьмеро восьмерых",
    9: "девятеро девятерых",
    10: "десятеро десятерых",
}
_RU_SOFT = {  # numerals ending in -ь: nominative, -и (gen/dat/prep), -ью (instrumental)
    5: "пять",
    6: "шесть",
    7: "семь",
    8: "восемь",
    9: "девять",
    10: "десять",
    11: "одиннадцать",
    12: "двенадцать",
    13: "тринадцать",
    14: "четырнадцать",
    15: "пятнадцать",
    16: "шестнадцать",
    17: "семнадцать",
    18: "восемнадцать",
    19: "девятнадцать",
    20: "двадцать",
    30: "тридцать",
}
_RU_COMPOUND = {  # 50-80 and 500-900 decline both halves: пятьдесят, пятидесяти, пятьюдесятью
    50: "пятьдесят пятидесяти пятьюдесятью",
    60: "шестьдесят шестидесяти шестьюдесятью",
    70: "семьдесят семидесяти семьюдесятью",
    80: "восемьдесят восьмидесяти восемьюдесятью",
    500: "пятьсот пятисот пятистам пятьюстами пятистах",
    600: "шестьсот шестисот шестистам шестьюстами шестистах",
    700: "семьсот семисот семистам семьюстами семистах",
    800: "восемьсот восьмисот восьмистам восемьюстами восьмистах",
    900: "девятьсот девятисот девятистам девятьюстами девятистах",
}

_KK_BASES = {
    "бір": 1,
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
    "алты": 6,
    "жеті": 7,
    "сегіз": 8,
    "тоғыз": 9,
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "алпыс": 60,
    "жетпіс": 70,
    "сексен": 80,
    "тоқсан": 90,
    "жүз": 100,
}
# Case and possessive endings a Kazakh numeral takes ("жиырма бесі", "жүзден", "онға").
_KK_ENDINGS = set(
    _words(
        "і ы сі сы нің ның дің дың тің тың ге ға ке қа не на е а ні ны ді ды ті ты де да те та ден "
        "дан тен тан нен нан мен бен пен"
    )
) | {""}
# Endings that would turn a numeral into a common word: оның (his), онда (there), оны (it),
# бірге (together), бірақ (but), жүзі (face), біреу (someone).
_KK_BLOCKED = {"он": {"ы", "а", "да", "ың"}, "бір": {"ге", "е"}, "жүз": {"і"}}
# Collective numerals: "екеуі" (the two of them).
_KK_COLLECTIVE = {"екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7}


def _russian_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for table in (_RU_FORMS, _RU_COMPOUND, _RU_COLLECTIVE):
        for value, forms in table.items():
            words.update(dict.fromkeys(forms.split(), value))
    for value, word in _RU_SOFT.items():
        words.update({word: value, word[:-1] + "и": value, word + "ю": value})
    return words


def _english_words() -> dict[str, int]:
    words = {word: value for value, word in enumerate(_EN_UNITS)}
    words.update({word: 10 * (i + 2) for i, word in enumerate(_EN_TENS)})
    words["hundred"] = 100
    return words


_WORDS = {"en": _english_words(), "ru": _russian_words()}


def word_value(word: str, language: str) -> int | None:
    """The value of one number word in ``language`` ("en", "ru", "kk"), or None."""
    word = word.lower()
    if language == "kk":
        return _kazakh_value(word)
    return _WORDS[language].get(word)


def _kazakh_value(word: str) -> int | None:
    for stem, value in _KK_COLLECTIVE.items():
        if word.startswith(stem) and word[len(stem) :] in _KK_ENDINGS:
            return value
    for base in sorted(_KK_BASES, key=len, reverse=True):
        ending = word[len(base) :]
        if word.startswith(base) and ending in _KK_ENDINGS:
            if ending in _KK_BLOCKED.get(base, set()):
                return None
            return _KK_BASES[base]
    return None


def compose(values: list[int], *, hundred_multiplies: bool) -> list[int]:
    """Join a run of number-word values into numbers: [200, 20, 5] → [225].

    "Hundred" multiplies in English and Kazakh ("екі жүз" = 2 × 100) but is a plain word in
    Russian ("двести"); a thousand or a million multiplies everywhere. A value that cannot
    continue the number (a second "five" after "five") starts a new one, so "five ten" is two
    numbers, not fifteen.
    """
    numbers: list[int] = []
    total = current = 0
    for value in values:
        if value >= 1000:
            total, current = total + (current or 1) * value, 0
            continue
        if value == 100 and hundred_multiplies and current < 10:
            current = (current or 1) * 100
            continue
        if current % 10 ** len(str(value)) != 0:
            numbers.append(total + current)
            total = current = 0
        current += value
    if total + current:
        numbers.append(total + current)
    return numbers
