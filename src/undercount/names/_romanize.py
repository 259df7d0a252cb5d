"""The one comparable Latin form of a whole written name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from undercount.names._fold import clean_text
from undercount.names._lexicon import canonical_word

_WORD_RE: Final = re.compile(r"[^\s,;/<()\[\]\-.]+")


@lru_cache(maxsize=1 << 17)
def romanize(name: str) -> str:
    """Every word of ``name`` folded to its skeleton, known variants to their Kazakh form.

    Role-agnostic and order-preserving: hyphens and spaces both separate words, so
    "Қасым-Жомарт Тоқаев", "Kassym Jomart Tokayev" and "KASYM-ZHOMART TOKAEV" all give
    "kasim jomart tokaev". Use :func:`parse` when roles matter.
    """
    skeletons = (canonical_word(word) for word in _WORD_RE.findall(clean_text(name)))
    return " ".join(s for s in skeletons if s)
