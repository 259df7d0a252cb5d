"""Combining replicate estimates: pooled draws, Rubin's rules, and the linkage share."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from undercount.estimate import Estimate
from undercount.uncertainty import (
    combine_by_rubin,
    combine_estimates,
    pool_draws,
    replicate_options,
)

Z95 = float(stats.norm.ppf(0.975))


def loglinear(n_hat: float, lower: float, upper: float, observed: int = 800) -> Estimate:
    return Estimate(n_hat, lower, upper, 0.95, observed, "loglinear", "[12,3]")


def bayesian(draws: np.ndarray, method: str = "lcmcr", observed: int = 800) -> Estimate:
    lower, middle, upper = np.quantile(draws, [0.025, 0.5, 0.975])
    return Estimate(middle, lower, upper, 0.95, observed, method, "K*=10", draws=draws)


def symmetric_on_log(centre: float, se: float) -> Estimate:
    """A log-linear estimate whose interval is exactly centre ± z·se on the log scale."""
    return loglinear(math.exp(centre), math.exp(centre - Z95 * se), math.exp(centre + Z95 * se))


def test_pooled_draws_are_the_mixture_of_the_replicates() -> None:
    rng = np.random.default_rng(1)
    first, second = rng.normal(1000, 20, 500), rng.normal(1100, 20, 700)
    combined, share = pool_draws([bayesian(first), bayesian(second)])
    pooled = np.concatenate([first, second[:500]])  # equal weight: each gives 500 draws
    assert combined.n_hat == pytest.approx(np.median(pooled))
    assert (combined.lower, combined.upper) == pytest.approx(
        tuple(np.quantile(pooled, [0.025, 0.975]))
    )
    assert len(combined.draws) == 1000
    assert share.linkage_share > 0.9  # replicates 100 apart, each 20 wide: mostly linkage


def test_identical_replicates_add_nothing() -> None:
    """Linkage that never changes the table gives back the single estimate, share 0."""
    draws = np.random.default_rng(2).normal(1000, 25, 800)
    combined, share = pool_draws([bayesian(draws)] * 5)
    alone = bayesian(draws)
    assert (combined.lower, combined.n_hat, combined.upper) == pytest.approx(
        (alone.lower, alone.n_hat, alone.upper)
    )
    assert share.linkage_share == pytest.approx(0.0, abs=1e-12)
    single = symmetric_on_log(math.log(1000), 0.03)
    rubin, rubin_share = combine_by_rubin([single] * 5)
    assert (rubin.lower, rubin.n_hat, rubin.upper) == pytest.approx(
        (single.lower, single.n_hat, single.upper)
    )
    assert rubin_share.linkage_share == 0.0


def test_rubins_rules_by_hand() -> None:
    """Three replicates with symmetric log-scale intervals, against the textbook formulas."""
    centres, se = np.log([950.0, 1000.0, 1080.0]), 0.04
    combined, share = combine_by_rubin([symmetric_on_log(c, se) for c in centres])
    between = np.var(centres, ddof=1)
    total = se**2 + (1 + 1 / 3) * between
    ratio = (1 + 1 / 3) * between / se**2
    df = 2 * (1 + 1 / ratio) ** 2
    half = stats.t.ppf(0.975, df) * math.sqrt(total)
    assert combined.n_hat == pytest.approx(math.exp(centres.mean()))
    assert combined.lower == pytest.approx(math.exp(centres.mean() - half))
    assert combined.upper == pytest.approx(math.exp(centres.mean() + half))
    assert share.linkage_share == pytest.approx((1 + 1 / 3) * between / total)


def test_an_unbounded_replicate_leaves_the_combined_upper_limit_unbounded() -> None:
    combined, _ = combine_by_rubin(
        [loglinear(1000, 950, 1060), loglinear(1040, 980, math.inf), loglinear(990, 940, 1050)]
    )
    assert math.isinf(combined.upper) and combined.lower < 990


@pytest.mark.parametrize(
    ("replicates", "problem"),
    [
        ([], "at least one"),
        ([loglinear(1000, 950, 1060), bayesian(np.full(10, 1000.0))], "mix methods"),
        ([Estimate(1000, 950, 1060, 0.95, 800, "dga", "graphs")], "draws"),
    ],
    ids=["nothing to combine", "two methods", "Bayesian without draws"],
)
def test_refuses_what_cannot_be_combined(replicates: list[Estimate], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        combine_estimates(replicates)


def test_rubin_intervals_cover_at_their_level_in_simulation() -> None:
    """Known truth: each replicate is the truth plus sampling error plus a linkage draw.

    Replicates are proper draws (the linkage error of the data plus posterior spread of the same
    size), the setting in which Rubin's rules are calibrated; 600 data sets of 10 replicates.
    """
    rng = np.random.default_rng(7)
    truth, sampling_se, linkage_sd, replicates, hits = math.log(1000.0), 0.03, 0.05, 10, 0
    for _ in range(600):
        data = truth + rng.normal(0, sampling_se) + rng.normal(0, linkage_sd)
        centres = data + rng.normal(0, linkage_sd, replicates)
        combined, _ = combine_by_rubin([symmetric_on_log(c, sampling_se) for c in centres])
        hits += combined.lower <= 1000.0 <= combined.upper
    assert 0.92 <= hits / 600 <= 0.985


@settings(max_examples=60, deadline=None)
@given(
    centres=st.lists(st.floats(5.0, 9.0), min_size=2, max_size=12),
    below=st.floats(0.005, 0.3),
    above=st.floats(0.005, 0.5),
)
def test_rubin_interval_holds_its_point_and_is_no_narrower_than_a_replicate(
    centres: list[float], below: float, above: float
) -> None:
    estimates = [
        loglinear(math.exp(c), math.exp(c - Z95 * below), math.exp(c + Z95 * above))
        for c in centres
    ]
    combined, share = combine_by_rubin(estimates)
    assert combined.lower <= combined.n_hat <= combined.upper
    assert 0.0 <= share.linkage_share <= 1.0
    log_width = math.log(combined.upper) - math.log(combined.lower)
    assert log_width >= Z95 * (below + above) * (1 - 1e-9)


def test_an_asymmetric_interval_stays_asymmetric() -> None:
    """Profile intervals reach further above than below; the combination keeps that shape."""
    estimates = [loglinear(n, n * 0.95, n * 1.15) for n in (980.0, 1000.0, 1020.0)]
    combined, _ = combine_by_rubin(estimates)
    assert combined.upper - combined.n_hat > 2 * (combined.n_hat - combined.lower)


@pytest.mark.parametrize(
    ("method", "given", "replicates", "expected"),
    [
        ("lcmcr", {}, 20, {"chains": 2, "burnin": 2000, "samples": 250}),
        ("lcmcr", {"samples": 4000, "chains": 4, "burnin": 500}, 10, {"samples": 800}),
        ("dga", {}, 20, {"draws": 200}),
        ("loglinear", {"max_order": 3}, 20, {"max_order": 3}),
    ],
    ids=["LCMCR defaults", "LCMCR options kept", "dga", "log-linear unchanged"],
)
def test_replicates_pool_at_least_as_many_draws_as_one_full_run(
    method: str, given: dict[str, int], replicates: int, expected: dict[str, int]
) -> None:
    options = replicate_options(method, given, replicates)
    assert options.items() >= expected.items()
    if method == "lcmcr":
        full = given.get("samples", 1000) * given.get("chains", 4)
        assert options["samples"] * options["chains"] * replicates >= full


def test_warnings_of_one_kind_are_said_once_with_how_many_replicates_gave_them() -> None:
    warned = [
        replace(loglinear(1000, 950, 1060), warnings=(f"R-hat {r:.2f} > 1.05", "sparse"))
        for r in (1.19, 1.25)
    ]
    quiet = replace(loglinear(1000, 950, 1060), warnings=("sparse",))
    combined, _ = combine_by_rubin([*warned, quiet])
    assert combined.warnings == ("R-hat 1.19 > 1.05 (2 of 3 linkage replicates)", "sparse")


@pytest.mark.parametrize(
    ("ess_per_replicate", "pool_warned"),
    [(60.0, False), (10.0, True)],
    ids=["20 × 60 effective draws pool enough", "20 × 10 do not"],
)
def test_effective_draws_are_judged_on_the_pool(
    ess_per_replicate: float, pool_warned: bool
) -> None:
    few = f"Only {ess_per_replicate:.0f} effective draws of N (fewer than 400): imprecise."
    draws = np.random.default_rng(3).normal(1000, 20, 200)
    replicates = [
        replace(bayesian(draws), warnings=(few,), diagnostics={"ess_bulk": ess_per_replicate})
        for _ in range(20)
    ]
    combined, _ = pool_draws(replicates)
    assert few not in combined.warnings
    assert any("over all linkage replicates" in w for w in combined.warnings) is pool_warned
