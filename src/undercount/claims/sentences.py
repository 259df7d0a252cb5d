"""Sentences of news text, their language, and their tokens.

Extraction reads one sentence at a time: a figure, its counted word, its qualifier and its
claimant are all looked for inside the sentence that states it, which is also the quote kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from undercount.claims.numbers import Token, tokenize

_BOUNDARY = re.compile(
    r"(?<=[.!?…])(?P<close>[\"”»']?)\s+(?=[\"“«'(\-–—]?[^\W_a-zа-яёәғқңөұүһі])|\n\s*"
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|st|gen|col|lt|jan|feb|aug|sept?|oct|nov|dec|no|vs|etc|inc|corp"
    r"|г|гг|ул|тыс|млн|т|д|им|проф|обл|ж|млрд)|\b\w)\.$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Sentences (and lines) of ``text``, stripped; abbreviations and initials do not end one."""
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        head = text[start : boundary.start() + len(boundary["close"] or "")]
        if "\n" not in boundary.group() and _ABBREVIATION.search(head):
            continue
        if head.strip():
            sentences.append(head.strip())
        start = boundary.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


# Common Kazakh words written without any letter Russian lacks ("Жиырма бес адам мерт болды").
_KAZAKH_WORDS = re.compile(
    r"(?<!\w)(?:адам\w*|болды|болған\w*|деп|деді|дейді|бойынша|туралы|жиырма|отыз|елу|алпыс"
    r"|сексен|мерт|жарала\w*)(?!\w)",
    re.IGNORECASE,
)


def detect_language(text: str) -> str:
    """The sentence's language: "kk" if a letter only Kazakh uses or a Kazakh word appears,
    "ru" for other Cyrillic, else "en"."""
    if _KAZAKH_LETTERS.search(text) or _KAZAKH_WORDS.search(text):
        return "kk"
    return "ru" if _CYRILLIC.search(text) else "en"


_PHONE = re.compile(
    r"\+\d[\d\s\-()]{8,}\d|\(\d{3,4}\)\s?[\d\-\s]{5,}\d|\b\d{3}-\d{2}-\d{2}\b"
    r"|\b[78][\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"
)


@dataclass
class Sentence:
    text: str
    language: str
    tokens: list[Token]
    words: list[str]

    @classmethod
    def parse(cls, text: str) -> Sentence:
        masked = _PHONE.sub(lambda m: "#" * len(m.group()), text)
        tokens = tokenize(masked)
        tokens = [replace(t, text=text[t.start : t.start + len(t.text)]) for t in tokens]
        return cls(text, detect_language(text), tokens, [t.lower for t in tokens])
