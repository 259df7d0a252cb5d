"""The common log-odds shift of the model, measured on reviewed pairs, and its use."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit, logit

from undercount.link.calibration import Calibration, estimate_calibration
from undercount.uncertainty import LinkageGraph, draw_replicates


def reviews(shift: float, pairs: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Model probabilities of borderline pairs, and decisions drawn with the true shift."""
    probability = rng.uniform(0.05, 0.95, pairs)
    return probability, (rng.random(pairs) < expit(logit(probability) + shift)).astype(float)


@pytest.mark.parametrize("shift", [-1.0, 0.0, 0.4, 1.2])
def test_the_shift_is_recovered_within_its_standard_error(shift: float) -> None:
    found = estimate_calibration(*reviews(shift, 3000, np.random.default_rng(4)))
    assert found is not None
    assert abs(found.shift - shift) < 4 * found.standard_error
    assert found.reviewed_pairs == 3000


def test_the_standard_error_is_honest_in_simulation() -> None:
    """±1.96 standard errors cover the true shift about 95 % of the time (300 review sets)."""
    rng = np.random.default_rng(9)
    hits = 0
    for _ in range(300):
        found = estimate_calibration(*reviews(0.7, 150, rng))
        assert found is not None
        hits += abs(found.shift - 0.7) <= 1.96 * found.standard_error
    assert 0.91 <= hits / 300 <= 0.985


@pytest.mark.parametrize(
    ("probability", "decided"),
    [
        (np.full(10, 0.5), np.array([1.0, 0.0] * 5)),
        (np.full(40, 0.5), np.ones(40)),
        (np.array([0.0] * 20 + [1.0] * 20), np.array([0.0] * 20 + [1.0] * 20)),
    ],
    ids=["too few reviews", "every review a match", "only pairs the model was sure of"],
)
def test_no_calibration_without_informative_reviews(
    probability: np.ndarray, decided: np.ndarray
) -> None:
    assert estimate_calibration(probability, decided) is None


def test_replicates_draw_their_threshold_from_the_measured_shift() -> None:
    graph = LinkageGraph(
        record_ids=np.array([1, 2, 3]),
        sources=np.array([1, 2, 3]),
        left=np.array([1, 2]),
        right=np.array([2, 3]),
        probability=np.array([0.5, 0.5]),
    )
    tight = Calibration(shift=1.0, standard_error=1e-6, reviewed_pairs=100)
    thresholds = [r.threshold for r in draw_replicates(graph, 8, seed=1, calibration=tight)]
    assert thresholds == pytest.approx([expit(-1.0)] * 8)


def test_a_graph_gives_the_model_probability_of_each_reviewed_pair() -> None:
    graph = LinkageGraph(
        record_ids=np.arange(1, 6),
        sources=np.ones(5, dtype=np.int64),
        left=np.array([1, 2, 3, 4]),
        right=np.array([2, 3, 4, 5]),
        probability=np.array([0.9, 0.3, 0.6, 0.2]),
        must_link=[(3, 2)],
        cannot_link=[(3, 4), (1, 5)],  # (1, 5) was never scored: it says nothing of calibration
    )
    probability, decided = graph.reviewed()
    pairs = zip(probability.tolist(), decided.tolist(), strict=True)
    assert sorted(pairs) == [(0.3, 1.0), (0.6, 0.0)]
