"""The evaluation set: what it holds, that it is what its recipe makes, and the floors on it."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from names_pairgen import OUTPUT, build_pairs

from undercount.names import keys, similarity
from undercount.names._evaluation import evaluate_pairs, read_pairs

HARD_NEGATIVE_RULES = {
    "sibling", "father_son", "role_swap", "close_given", "common_surname", "close_surname",
    "unisex_sibling",
}  # fmt: skip


@pytest.fixture(scope="module")
def pairs():
    return read_pairs(OUTPUT)


def test_file_is_what_the_generator_makes() -> None:
    with Path(OUTPUT).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    expected = [[a, b, str(label), rule] for a, b, label, rule in build_pairs()]
    assert rows == expected, "rerun: python tests/names/names_pairgen.py"


def test_set_is_large_and_hard_enough(pairs) -> None:
    rules = Counter(p.rule.split(":")[0] for p in pairs if not p.match)
    assert len(pairs) >= 400
    assert sum(rules[r] for r in HARD_NEGATIVE_RULES) >= 150
    assert all(p.rule for p in pairs)


def test_floors_on_the_evaluation_set(pairs) -> None:
    result = evaluate_pairs(pairs, similarity, keys)
    assert result.roc_auc >= 0.98
    assert result.best_f1 >= 0.95
    assert result.blocking_recall >= 0.97
    assert result.largest_block <= 20


def test_floors_on_names_the_lexicon_does_not_know(pairs) -> None:
    held_out = [p for p in pairs if "held_out" in p.rule]
    assert len(held_out) >= 100
    result = evaluate_pairs(held_out, similarity, keys)
    assert result.roc_auc >= 0.98
    assert result.best_f1 >= 0.95
