"""LCMCR: the Gibbs sampler against an exact posterior, recovery of known N, chains and seeds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.special import betaln, gammaln

from undercount.estimate import CaptureHistories, NotFittedError, estimate
from undercount.estimate.lcmcr import LCMCR, fit_lcmcr

FAST = {"burnin": 500, "samples": 400, "thinning": 5, "chains": 2}
"""Short runs: enough for the checks below, a fraction of a second each."""

DESIGNS = json.loads(
    (Path(__file__).parents[1] / "reference" / "lcmcr_simulation_designs.json").read_text()
)
"""Published latent-class designs (Manrique-Vallier 2016; HRDAG StanLCMCR), N = 2,000."""
HETEROGENEOUS_DESIGNS = {
    name: DESIGNS["designs"][name] for name in ("sim1", "sim3", "sim4", "sim5")
}


def simulate_histories(
    design: list[tuple[int, list[float]]], rng: np.random.Generator
) -> CaptureHistories:
    """Listings of a population made of latent classes, each with its own listing probabilities."""
    rows = [rng.random((size, len(p))) < np.asarray(p) for size, p in design]
    listed = np.concatenate(rows).astype(int)
    listed = listed[listed.any(axis=1)]
    keys, counts = np.unique(listed, axis=0, return_counts=True)
    return CaptureHistories.from_input(
        {"".join(map(str, key)): int(count) for key, count in zip(keys, counts, strict=True)}
    )


def exact_independence_posterior(histories: CaptureHistories) -> tuple[np.ndarray, np.ndarray]:
    """Posterior of N with one class: lists independent, lambda_j ~ Beta(1, 1), p(N) ~ 1/N.

    Integrating out lambda, p(N | data) ~ (1/N) N!/(N - n)! prod_j B(n_j + 1, N - n_j + 1),
    truncated at 21 n as in the sampler. With K = 1 the Gibbs sampler must reproduce it.
    """
    n = histories.n_observed
    totals = histories.list_totals()
    grid = np.arange(n, 21 * n + 1, dtype=float)
    log_post = -np.log(grid) + gammaln(grid + 1) - gammaln(grid - n + 1)
    for n_j in totals:
        log_post += betaln(n_j + 1, grid - n_j + 1)
    pmf = np.exp(log_post - log_post.max())
    return grid, pmf / pmf.sum()


def test_one_class_sampler_matches_the_exact_posterior() -> None:
    histories = CaptureHistories.from_input(
        {"100": 120, "010": 95, "001": 80, "110": 30, "101": 22, "011": 18, "111": 7}
    )
    grid, pmf = exact_independence_posterior(histories)
    cdf = np.cumsum(pmf)
    levels = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
    exact = grid[np.searchsorted(cdf, levels)]
    result = fit_lcmcr(histories, K=1, burnin=500, samples=2000, thinning=5, chains=4, seed=11)
    sampled = np.quantile(result.draws, levels)
    np.testing.assert_allclose(sampled, exact, rtol=0.01)
    assert result.draws.mean() == pytest.approx(pmf @ grid, rel=0.005)


@pytest.mark.parametrize("name", sorted(HETEROGENEOUS_DESIGNS))
def test_recovers_a_known_population_with_heterogeneous_listing(name: str) -> None:
    """Published simulation designs (N = 2,000), where independence models fall far short."""
    histories = simulate_histories(HETEROGENEOUS_DESIGNS[name], np.random.default_rng(100))
    result = fit_lcmcr(histories, seed=5, **{**FAST, "burnin": 2000})
    assert result.lower <= DESIGNS["truth"] <= result.upper
    assert result.n_observed == histories.n_observed < result.lower


def test_same_seed_same_draws_and_other_seed_other_draws() -> None:
    histories = {"1000": 50, "0100": 40, "0010": 45, "0001": 30, "1100": 12, "0011": 9, "1111": 4}
    first = estimate(histories, method="lcmcr", seed=42, **FAST)
    again = estimate(histories, method="lcmcr", seed=42, **FAST)
    other = estimate(histories, method="lcmcr", seed=43, **FAST)
    np.testing.assert_array_equal(first.draws, again.draws)
    assert not np.array_equal(first.draws, other.draws)
    assert first.diagnostics["seed"] == 42


def test_adding_chains_keeps_the_earlier_chains() -> None:
    """Chain i's seed is the i-th child of the run's SeedSequence, whatever the thread timing."""
    histories = {"100": 60, "010": 50, "001": 40, "110": 15, "101": 10, "011": 8, "111": 3}
    two = fit_lcmcr(CaptureHistories.from_input(histories), seed=9, **{**FAST, "chains": 2})
    three = fit_lcmcr(CaptureHistories.from_input(histories), seed=9, **{**FAST, "chains": 3})
    np.testing.assert_array_equal(
        two.diagnostics["draws_by_chain"], three.diagnostics["draws_by_chain"][:2]
    )


def test_unseeded_runs_record_the_entropy_that_reproduces_them() -> None:
    histories = CaptureHistories.from_input({"100": 30, "010": 20, "001": 25, "110": 6, "011": 4})
    first = fit_lcmcr(histories, **FAST)
    replay = fit_lcmcr(histories, seed=first.diagnostics["seed"], **FAST)
    np.testing.assert_array_equal(first.draws, replay.draws)


def test_estimate_fields_and_diagnostics() -> None:
    histories = simulate_histories(HETEROGENEOUS_DESIGNS["sim3"], np.random.default_rng(1))
    settings = {**FAST, "burnin": 2000, "samples": 1000, "thinning": 20}
    result = fit_lcmcr(histories, seed=2, level=0.9, **settings)
    assert result.method == "lcmcr"
    assert result.model == "latent classes, K*=10"
    assert result.level == 0.9
    assert result.draws.shape == (settings["chains"] * settings["samples"],)
    assert result.n_hat == np.median(result.draws)
    assert (result.lower, result.upper) == tuple(np.quantile(result.draws, [0.05, 0.95]))
    assert 0.99 < result.diagnostics["r_hat"] < 1.05
    assert result.diagnostics["ess_bulk"] > 400
    assert len(result.diagnostics["per_chain"]) == settings["chains"]
    assert 1 <= result.diagnostics["mean_occupied_classes"] <= 10
    assert result.warnings == ()
    assert "r hat" in result.summary().as_text()


def test_draws_never_pass_the_truncation_bound_and_its_reach_is_reported() -> None:
    """Lists that never overlap say nothing about the unlisted: N runs to the 21 n bound."""
    histories = CaptureHistories.from_input({"100": 20, "010": 20, "001": 20})
    result = fit_lcmcr(histories, seed=3, **FAST)
    assert result.draws.max() <= 21 * histories.n_observed
    assert result.diagnostics["truncation_bound"] == 21 * histories.n_observed
    assert any("bound" in warning for warning in result.warnings)


def test_chains_stuck_in_different_modes_are_reported() -> None:
    """Three lists that hardly overlap: two chains settle around different totals."""
    histories = CaptureHistories.from_input({"100": 200, "010": 200, "001": 200, "110": 1})
    result = fit_lcmcr(histories, seed=3, **FAST)
    medians = [row["median"] for row in result.diagnostics["per_chain"]]
    assert max(medians) > 2 * min(medians)
    assert result.diagnostics["r_hat"] > 1.05
    assert any("chains disagree" in warning for warning in result.warnings)


def test_a_posterior_pinned_to_the_observed_raises_no_convergence_warning() -> None:
    """Everyone on every list: N is 50 or 51 in every draw; tied ranks make R-hat meaningless."""
    result = fit_lcmcr(CaptureHistories.from_input({"111": 50}), seed=1, **FAST)
    assert result.upper - result.lower < 5
    assert result.warnings == ()


def test_two_lists_are_estimated_with_a_warning() -> None:
    result = estimate({"10": 30, "01": 25, "11": 10}, method="lcmcr", seed=1, **FAST)
    assert any("not identified" in warning for warning in result.warnings)


def test_cost_does_not_depend_on_the_number_of_people() -> None:
    """The sampler sees only the table: scaling every count leaves the work per sweep alone."""
    small = {"100": 30, "010": 20, "001": 25, "110": 6, "011": 4, "111": 2}
    large = {key: count * 10_000 for key, count in small.items()}
    result = estimate(large, method="lcmcr", seed=4, **FAST)
    assert result.n_observed == 870_000
    assert result.n_hat > result.n_observed


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"K": 0}, "K must be a whole number of at least 1"),
        ({"K": 2.5}, "K must be a whole number"),
        ({"K": True}, "K must be a whole number"),
        ({"samples": 3}, "samples must be a whole number of at least 4"),
        ({"thinning": 0}, "thinning"),
        ({"burnin": -1}, "burnin"),
        ({"chains": 0}, "chains"),
        ({"a_alpha": 0.0}, "a_alpha must be positive"),
        ({"b_alpha": -1.0}, "b_alpha must be positive"),
        ({"level": 1.0}, "level must be between 0 and 1"),
    ],
    ids=[
        "no classes",
        "fractional K",
        "boolean K",
        "too few samples for split R-hat",
        "no thinning",
        "negative burn-in",
        "no chains",
        "zero a_alpha",
        "negative b_alpha",
        "level of 100 %",
    ],
)
def test_rejects_bad_options(options: dict[str, float], message: str) -> None:
    histories = CaptureHistories.from_input({"100": 5, "010": 4, "001": 3, "110": 2})
    with pytest.raises(ValueError, match=message):
        fit_lcmcr(histories, **options)


def test_estimator_object_follows_the_fit_contract() -> None:
    model = LCMCR(K=5, seed=8, **FAST)
    with pytest.raises(NotFittedError, match="not fitted"):
        model.conf_int()
    histories = {"100": 60, "010": 50, "001": 40, "110": 15, "101": 10, "011": 8, "111": 3}
    assert model.fit(histories) is model
    assert model.get_params()["K"] == 5
    assert repr(model).startswith("LCMCR(K=5")
    assert model.n_hat == model.estimate_.n_hat
    assert model.draws_.shape == (FAST["chains"] * FAST["samples"],)
    np.testing.assert_array_equal(model.draws_, LCMCR(K=5, seed=8, **FAST).fit(histories).draws_)
