"""Typing errors: a key next to the intended one, a dropped, swapped or doubled letter.

Neighbours are taken on the physical keyboard the text was typed on: the Russian ЙЦУКЕН layout for
Cyrillic, QWERTY for Latin. Kazakh letters (on the digit row of the Kazakh layout) and Latin
letters with diacritics have no neighbours here: a substitution aimed at one becomes a dropped
letter instead. Randomness comes in as uniform numbers drawn by the caller, so this module holds
no generator and the same draws always give the same word.
"""

from __future__ import annotations

from enum import IntEnum

_ROWS = (
    ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
)


def _neighbours() -> dict[str, str]:
    """Left, right, upper and lower keys of every letter of both layouts (row stagger ignored)."""
    table: dict[str, str] = {}
    for rows in _ROWS:
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                near = [row[c - 1] if c else "", row[c + 1] if c + 1 < len(row) else ""]
                for other in (r - 1, r + 1):
                    if 0 <= other < len(rows) and c < len(rows[other]):
                        near.append(rows[other][c])
                table[key] = "".join(near)
    return table


KEYBOARD_NEIGHBOURS = _neighbours()


class Typo(IntEnum):
    """The kinds of typing error, in the order the shares in ``TYPO_SHARES`` refer to."""

    ADJACENT_KEY = 0
    DROPPED = 1
    SWAPPED = 2
    DOUBLED = 3


TYPO_SHARES = (0.40, 0.25, 0.20, 0.15)


def misspell(word: str, typo: Typo, where: float, which: float) -> str:
    """``word`` with one typing error; ``where`` and ``which`` are uniforms in [0, 1).

    ``where`` picks the position (never the first letter: people get initials right far more
    often than the rest); ``which`` picks the neighbouring key. Words of fewer than three letters
    are returned unchanged.
    """
    if len(word) < 3:
        return word
    position = 1 + int(where * (len(word) - 1))
    char = word[position]
    if typo is Typo.ADJACENT_KEY:
        near = KEYBOARD_NEIGHBOURS.get(char.lower(), "")
        if not near:
            return word[:position] + word[position + 1 :]
        replacement = near[int(which * len(near))]
        replacement = replacement.upper() if char.isupper() else replacement
        return word[:position] + replacement + word[position + 1 :]
    if typo is Typo.DROPPED:
        return word[:position] + word[position + 1 :]
    if typo is Typo.SWAPPED:
        position = min(position, len(word) - 2)
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + char + word[position:]
