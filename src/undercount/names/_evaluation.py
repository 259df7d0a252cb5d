"""Figures of merit for name matching on labelled pairs: ROC AUC, best F1, blocking recall.

Kept in the library so the test floors and ``benchmarks/names_eval.py`` compute them one way.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two written names, whether they are one person, and the rule that produced the pair."""

    name_a: str
    name_b: str
    match: bool
    rule: str


@dataclass(frozen=True, slots=True)
class PairEvaluation:
    """How a similarity function and a key function did on a set of labelled pairs."""

    pairs: int
    matches: int
    roc_auc: float
    best_f1: float
    best_threshold: float
    blocking_recall: float
    largest_block: int


def read_pairs(path: Path) -> list[LabelledPair]:
    """Read a TSV with columns name_a, name_b, match (1/0), rule."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [LabelledPair(r["name_a"], r["name_b"], r["match"] == "1", r["rule"]) for r in rows]


def roc_auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a random match outscores a random non-match (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        raise ValueError("ROC AUC needs both matches and non-matches")
    rank_sum, index = 0.0, 0
    while index < len(ranked):
        end = index
        while end < len(ranked) and ranked[end][0] == ranked[index][0]:
            end += 1
        mid_rank = (index + end + 1) / 2  # 1-based average rank of the tie group
        rank_sum += mid_rank * sum(1 for _, label in ranked[index:end] if label)
        index = end
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_f1(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    """The highest F1 over all thresholds "score >= t", and that threshold."""
    ranked = sorted(zip(scores, labels, strict=True), reverse=True)
    positives = sum(labels)
    best, threshold, true_positives = 0.0, 1.0, 0
    for index, (score, label) in enumerate(ranked):
        true_positives += label
        if index + 1 < len(ranked) and ranked[index + 1][0] == score:
            continue
        f1 = 2 * true_positives / (index + 1 + positives)
        if f1 > best:
            best, threshold = f1, score
    return best, threshold


def largest_block(names: Iterable[str], keys: Callable[[str], frozenset[str]]) -> int:
    """Most distinct names sharing one key."""
    counts: Counter[str] = Counter()
    for name in set(names):
        counts.update(keys(name))
    return max(counts.values(), default=0)


def evaluate_pairs(
    pairs: list[LabelledPair],
    similarity: Callable[[str, str], float],
    keys: Callable[[str], frozenset[str]],
) -> PairEvaluation:
    """Score every pair, then summarise ranking, thresholding and blocking."""
    scores = [similarity(p.name_a, p.name_b) for p in pairs]
    labels = [p.match for p in pairs]
    f1, threshold = best_f1(scores, labels)
    matches = [p for p in pairs if p.match]
    blocked = sum(1 for p in matches if keys(p.name_a) & keys(p.name_b))
    names = [n for p in pairs for n in (p.name_a, p.name_b)]
    return PairEvaluation(
        pairs=len(pairs),
        matches=len(matches),
        roc_auc=roc_auc(scores, labels),
        best_f1=f1,
        best_threshold=threshold,
        blocking_recall=blocked / len(matches) if matches else 0.0,
        largest_block=largest_block(names, keys),
    )
