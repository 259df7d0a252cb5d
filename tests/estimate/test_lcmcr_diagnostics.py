"""Convergence diagnostics of the LCMCR chains: split R-hat and effective sample size."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from undercount.estimate.lcmcr import effective_sample_size, split_rhat


def autoregressive_chains(phi: float, chains: int, draws: int, seed: int) -> np.ndarray:
    """AR(1) chains with unit marginal variance: their ESS is known, n (1 - phi) / (1 + phi)."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(scale=math.sqrt(1 - phi**2), size=(chains, draws))
    out = np.empty((chains, draws))
    out[:, 0] = rng.normal(size=chains)
    for t in range(1, draws):
        out[:, t] = phi * out[:, t - 1] + noise[:, t]
    return out


@pytest.mark.parametrize(
    ("phi", "description"),
    [
        (0.0, "independent draws"),
        (0.5, "moderate autocorrelation"),
        (0.9, "strong autocorrelation"),
    ],
)
def test_effective_sample_size_of_autoregressive_chains(phi: float, description: str) -> None:
    chains = autoregressive_chains(phi, chains=4, draws=4000, seed=1)
    expected = chains.size * (1 - phi) / (1 + phi)
    bulk, tail = effective_sample_size(chains)
    assert bulk == pytest.approx(expected, rel=0.15), description
    assert tail < chains.size * 1.1


def test_agreeing_chains_have_r_hat_near_one() -> None:
    chains = np.random.default_rng(2).normal(size=(4, 1000))
    assert split_rhat(chains) == pytest.approx(1.0, abs=0.01)


def shift_first_chain(chains: np.ndarray) -> None:
    chains[0] += 1.0


def spread_first_chain(chains: np.ndarray) -> None:
    chains[0] *= 4.0


def add_trend(chains: np.ndarray) -> None:
    chains += np.linspace(0.0, 2.0, chains.shape[1])


@pytest.mark.parametrize(
    ("distort", "description"),
    [
        (shift_first_chain, "one chain centred elsewhere"),
        (spread_first_chain, "one chain four times as spread (caught by the folded draws)"),
        (add_trend, "a trend inside every chain (caught by splitting)"),
    ],
)
def test_disagreeing_chains_have_r_hat_above_the_warning_level(
    distort: Callable[[np.ndarray], None], description: str
) -> None:
    chains = np.random.default_rng(3).normal(size=(4, 1000))
    distort(chains)
    assert split_rhat(chains) > 1.05, description


def test_constant_draws_have_no_diagnostics() -> None:
    chains = np.full((4, 100), 1234.0)
    assert math.isnan(split_rhat(chains))
    assert all(math.isnan(value) for value in effective_sample_size(chains))


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 4), st.integers(8, 60)),
        elements=st.floats(-1e3, 1e3, allow_nan=False),
        unique=True,
    )
)
def test_bulk_diagnostics_depend_only_on_ranks(draws: np.ndarray) -> None:
    """Rank-normalised: a strictly increasing transform of N leaves the bulk ESS alone.

    R-hat is never below sqrt((n - 1) / n) for split chains of n draws (no between-chain spread).
    """
    transformed = np.cbrt(draws) + draws**3
    assert effective_sample_size(transformed)[0] == pytest.approx(
        effective_sample_size(draws)[0], rel=1e-9
    )
    half = draws.shape[1] // 2
    assert split_rhat(draws) >= math.sqrt((half - 1) / half) - 1e-12
