"""How far off the model's match odds are, measured on the pairs reviewers decided.

Fellegi–Sunter probabilities share one prior odds λ/(1-λ) and lean on conditional independence,
so their log-odds are often off by a roughly common amount (on simulated cases the model has
been underconfident in the middle at some sizes and overconfident at others). Reviewed pairs
measure that amount: with ``y`` the reviewer's decision and ``p`` the model's probability,

    y ~ Bernoulli(sigmoid(logit p + δ))

is a one-parameter logistic regression with offset ``logit p``. Its maximum-likelihood ``δ`` and
standard error (from the Fisher information) are how reviews feed training: a linkage run moves
its prior odds by ``δ`` (:func:`undercount.link.linking.link_case`), and linkage-uncertainty
replicates draw their shift around what is left. A review queue picks pairs by their score
alone, and a regression of the decision on the score is not biased by a sample picked on the
score; m-probabilities estimated from the same pairs would be (they are the hardest pairs,
whose fields agree less than most matches'). Assumptions: one common shift (no change of
slope), and reviewed pairs are like the unreviewed ones of the same score (pairs picked because
they looked wrong are not).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit

MIN_REVIEWED = 20
"""Fewer usable reviewed pairs than this, or no match and non-match among them: no calibration."""

_LIMIT = 5.0  # |δ| beyond odds e^5 ≈ 150 means the reviews and the model disagree on everything


@dataclass(frozen=True)
class Calibration:
    """The common log-odds shift of the model's probabilities: estimate, standard error, data."""

    shift: float
    standard_error: float
    reviewed_pairs: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "shift": round(self.shift, 4),
            "standard_error": round(self.standard_error, 4),
            "reviewed_pairs": self.reviewed_pairs,
        }


def estimate_calibration(probability: np.ndarray, decided_match: np.ndarray) -> Calibration | None:
    """The shift δ by Newton's method on the log-likelihood; ``None`` when reviews are too few.

    Pairs the model scored 0 or 1 carry no information on δ and are left out.
    """
    p = np.asarray(probability, dtype=np.float64)
    y = np.asarray(decided_match, dtype=np.float64)
    usable = (p > 1e-9) & (p < 1 - 1e-9)
    p, y = p[usable], y[usable]
    if len(p) < MIN_REVIEWED or y.min() == y.max():
        return None
    offset = logit(p)
    shift = 0.0
    for _ in range(50):
        fitted = expit(offset + shift)
        information = float(np.sum(fitted * (1 - fitted)))
        step = float(np.sum(y - fitted)) / information
        shift = float(np.clip(shift + step, -_LIMIT, _LIMIT))
        if abs(step) < 1e-10:
            break
    fitted = expit(offset + shift)
    information = float(np.sum(fitted * (1 - fitted)))
    return Calibration(shift, 1.0 / math.sqrt(information), len(p))


def reviewed_probabilities(
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    matches: Sequence[tuple[int, int]],
    non_matches: Sequence[tuple[int, int]],
) -> tuple[np.ndarray, np.ndarray]:
    """The probability of each scored pair (``left[i]``, ``right[i]``) a reviewer decided, and
    1 where the decision was "match"; decided pairs that were not scored say nothing."""
    probability = np.asarray(probability, dtype=np.float64)
    matched, unmatched = among(left, right, matches), among(left, right, non_matches)
    return (
        np.concatenate([probability[matched], probability[unmatched]]),
        np.concatenate([np.ones(int(matched.sum())), np.zeros(int(unmatched.sum()))]),
    )


def among(left: np.ndarray, right: np.ndarray, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which of the pairs (``left[i]``, ``right[i]``) are in ``pairs``, in either order."""
    if not len(pairs):
        return np.zeros(len(left), dtype=bool)
    given = np.array(pairs, dtype=np.int64)
    return np.isin(_pair_keys(left, right), _pair_keys(given[:, 0], given[:, 1]))


def _pair_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """One integer per unordered pair of record ids (both below 2**31 in any real case)."""
    low = np.minimum(left, right).astype(np.int64)
    high = np.maximum(left, right).astype(np.int64)
    return (low << 32) | high
