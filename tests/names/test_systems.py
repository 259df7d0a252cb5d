"""Each romanisation system, implemented independently in `names_transliteration.py`, folds back.

For every name of the lexicon the system's spelling must give exactly the Kazakh spelling's
form; for the held-out names (which the lexicon does not know) the letter rules alone must do
nearly as well, and `similarity` must stay high where the fold leaves a vowel apart.
"""

from __future__ import annotations

import json

import pytest
from names_pairgen import (
    HELD_OUT_FEMALE,
    HELD_OUT_MALE,
    HELD_OUT_SLAVIC,
    HELD_OUT_SURNAMES,
    LEXICON,
)
from names_transliteration import system_functions

from undercount.names import romanize, similarity

SYSTEMS = system_functions()


def _lexicon_names() -> list[tuple[str, str]]:
    data = json.loads(LEXICON.read_text("utf-8"))
    names = [
        (e["kk"], e["ru"]) for k in ("male_given", "female_given", "surnames") for e in data[k]
    ]
    supplement = data["russian_given_supplement"]
    return names + [(n, n) for sex in ("male", "female") for n in supplement[sex]]


LEXICON_NAMES = _lexicon_names()
HELD_OUT_NAMES = (
    HELD_OUT_MALE
    + HELD_OUT_FEMALE
    + HELD_OUT_SURNAMES
    + [(n, n) for names in HELD_OUT_SLAVIC.values() for n in names]
)


def _written(system: str, kazakh: str, russian: str) -> str:
    source, write = SYSTEMS[system]
    return write(kazakh if source == "kk" else russian)


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_system_folds_every_lexicon_name(system: str) -> None:
    misses = [
        (kk, _written(system, kk, ru))
        for kk, ru in LEXICON_NAMES
        if romanize(_written(system, kk, ru)) != romanize(kk)
    ]
    assert misses == []


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_system_folds_held_out_names_by_rule(system: str) -> None:
    written = [(kk, _written(system, kk, ru)) for kk, ru in HELD_OUT_NAMES]
    exact = sum(romanize(w) == romanize(kk) for kk, w in written) / len(written)
    close = sum(similarity(w, kk) >= 0.9 for kk, w in written) / len(written)
    assert exact >= 0.9
    assert close >= 0.98
