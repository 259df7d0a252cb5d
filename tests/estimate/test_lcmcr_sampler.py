"""The random draws inside the LCMCR sampler: multinomial allocation and the truncated N."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit
from scipy.stats import nbinom

from undercount.estimate._lcmcr_sampler import (
    _draw_log_beta,
    _draw_multinomial,
    _draw_truncated_negative_binomial,
)


@njit
def seed_numba(seed: int) -> None:
    """numba keeps its own generator: it can only be seeded from compiled code."""
    np.random.seed(seed)


weights_strategy = st.lists(
    st.one_of(st.just(0.0), st.floats(1e-6, 1e3)), min_size=1, max_size=12
).filter(lambda w: sum(w) > 0)


@settings(max_examples=100, deadline=None)
@given(total=st.integers(0, 5000), weights=weights_strategy, seed=st.integers(0, 2**31))
def test_multinomial_allocates_everyone_and_nobody_to_weightless_classes(
    total: int, weights: list[float], seed: int
) -> None:
    seed_numba(seed)
    out = np.full(len(weights), -1, dtype=np.int64)
    _draw_multinomial(total, np.array(weights), out)
    assert out.sum() == total
    assert (out >= 0).all()
    assert (out[np.array(weights) == 0.0] == 0).all()


@pytest.mark.parametrize(
    ("total", "description"),
    [(3, "fewer people than classes: one category each"), (400, "conditional binomials")],
)
def test_multinomial_frequencies_match_the_weights(total: int, description: str) -> None:
    weights = np.array([5.0, 0.0, 3.0, 1.5, 0.5])
    seed_numba(7)
    out = np.zeros(5, dtype=np.int64)
    sums = np.zeros(5)
    for _ in range(4000):
        _draw_multinomial(total, weights, out)
        sums += out
    np.testing.assert_allclose(sums / sums.sum(), weights / weights.sum(), atol=0.01)


@pytest.mark.parametrize(
    ("size", "p_success", "upper", "description"),
    [
        (50, 0.3, 1000, "bound far away: plain negative binomial"),
        (10, 0.001, 200, "almost nobody listed: exact inversion of the truncated law"),
    ],
)
def test_truncated_negative_binomial_has_the_truncated_mean(
    size: int, p_success: float, upper: int, description: str
) -> None:
    seed_numba(3)
    draws = np.array(
        [_draw_truncated_negative_binomial(size, p_success, upper) for _ in range(5000)]
    )
    support = np.arange(upper + 1)
    pmf = nbinom.pmf(support, size, p_success)
    pmf /= pmf.sum()
    assert draws.max() <= upper
    assert draws.mean() == pytest.approx(pmf @ support, rel=0.01), description


def test_truncated_negative_binomial_edge_probabilities() -> None:
    assert _draw_truncated_negative_binomial(10, 1.0, 100) == 0
    assert _draw_truncated_negative_binomial(10, 0.0, 100) == 100


@pytest.mark.parametrize(
    ("a", "b", "description"),
    [
        (3.0, 7.0, "an ordinary stick"),
        (1.0, 0.01, "empty class, tiny concentration: V within 1e-40 of 1"),
        (250.0, 0.5, "a large class"),
    ],
)
def test_log_beta_draws_have_the_beta_means(a: float, b: float, description: str) -> None:
    seed_numba(11)
    pairs = np.array([_draw_log_beta(a, b) for _ in range(20000)])
    log_v, log_rest = pairs[:, 0], pairs[:, 1]
    assert np.isfinite(pairs).all(), description
    np.testing.assert_allclose(np.exp(log_v) + np.exp(log_rest), 1.0, rtol=1e-12)
    assert np.exp(log_v).mean() == pytest.approx(a / (a + b), abs=0.005)
