"""How far off the model's match odds are, measured on the pairs reviewers decided.

Fellegi–Sunter probabilities share one prior odds λ/(1-λ) and lean on conditional independence,
so their log-odds are often off by a roughly common amount (on simulated cases the model is
underconfident in the middle: pairs scored 0.5–0.7 are matches three times in four). Reviewed
pairs measure that amount: with ``y`` the reviewer's decision and ``p`` the model's probability,

    y ~ Bernoulli(sigmoid(logit p + δ))

is a one-parameter logistic regression with offset ``logit p``. Its maximum-likelihood ``δ`` and
standard error (from the Fisher information) give the distribution replicates draw their shift
from. Assumptions: one common shift (no change of slope), and reviewed pairs are a sample of the
uncertain pairs whose errors are like those of the unreviewed ones (a review queue of borderline
pairs is; pairs picked because they looked wrong are not).
"""

from __future__ import annotations

import math
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
