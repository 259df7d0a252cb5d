"""Strata: estimated alone, refused with a reason, combined without adding interval ends."""

from __future__ import annotations

import math

import numpy as np
import pytest
from estimate_tables import CORMACK_3A, DIABETES

import undercount.estimate as estimate_package
from undercount.estimate import Estimate, estimate, estimate_strata

HALF = {history: count // 2 for history, count in DIABETES.items()}
NO_OVERLAP = {"1000": 3, "0100": 2, "0001": 4}
ONE_LIST = {"1000": 9}


def test_each_stratum_is_estimated_alone_and_the_point_estimates_add() -> None:
    result = estimate_strata({"almaty": DIABETES, "taldykorgan": HALF}, method="loglinear")
    alone = estimate(HALF, method="loglinear")
    assert result.strata["taldykorgan"].n_hat == alone.n_hat
    total = result.total
    assert total is not None
    assert math.isclose(total.n_hat, result.strata["almaty"].n_hat + alone.n_hat)
    assert total.n_observed == 2069 + sum(HALF.values())
    # Narrower than the sum of interval ends, never below what was observed.
    assert total.lower > result.strata["almaty"].lower + alone.lower
    assert total.upper < result.strata["almaty"].upper + alone.upper
    assert total.lower > total.n_observed


@pytest.mark.parametrize(
    ("description", "table", "options", "reason"),
    [
        ("only one list has records", ONE_LIST, {}, "only 1 list has records"),
        ("nobody is on two lists", NO_OVERLAP, {}, "no one is on more than one list"),
        (
            "the model cannot identify the missing cell",
            CORMACK_3A,
            {"model": "[12,13,14,23,24,34]"},
            "cannot estimate the number of people on no list",
        ),
    ],
)
def test_strata_that_cannot_support_an_estimate_are_refused_with_the_reason(
    description: str, table: dict[str, int], options: dict[str, str], reason: str
) -> None:
    result = estimate_strata({"ok": DIABETES, "bad": table}, method="loglinear", **options)
    assert reason in result.refused["bad"], description
    assert result.total is not None
    assert result.total.n_observed == 2069 + sum(table.values())
    assert "ok" in result.strata
    assert any("could not be estimated (bad)" in w for w in result.warnings)
    assert "refused" in result.summary().as_text()


def test_bayesian_strata_are_combined_by_summing_posterior_draws(monkeypatch) -> None:
    def fake_bayes(histories, *, level=0.95, seed=None):
        rng = np.random.default_rng(seed)
        draws = histories.n_observed + rng.gamma(20.0, 5.0, size=4000)
        return Estimate(
            n_hat=float(np.median(draws)),
            lower=float(np.quantile(draws, 0.025)),
            upper=float(np.quantile(draws, 0.975)),
            level=level,
            n_observed=histories.n_observed,
            method="lcmcr",
            model="fake",
            draws=draws,
        )

    monkeypatch.setattr(estimate_package, "_fitter", lambda method: fake_bayes)
    first = estimate_strata({"a": DIABETES, "b": HALF}, method="lcmcr", seed=3)
    again = estimate_strata({"a": DIABETES, "b": HALF}, method="lcmcr", seed=3)
    total = first.total
    assert total is not None and total.draws is not None
    assert total.diagnostics["combination"] == "sum of posterior draws"
    assert np.array_equal(total.draws, again.total.draws)  # seeded, reproducible
    assert math.isclose(total.n_hat, float(np.median(total.draws)))
    # The 95% interval of a sum of independent parts is narrower than the sum of their intervals.
    parts = first.strata.values()
    assert total.upper - total.lower < sum(part.upper - part.lower for part in parts)


def test_bootstrapped_loglinear_strata_sum_their_bootstrap_totals() -> None:
    korea = {"001": 41, "010": 5, "100": 5, "110": 54, "101": 6, "011": 0, "111": 12}
    result = estimate_strata(
        {"a": korea, "b": korea}, method="loglinear", interval="bootstrap", nboot=200, seed=1
    )
    total = result.total
    assert total is not None
    assert total.diagnostics["combination"].startswith("sum of estimates, percentile interval")
    assert math.isclose(total.n_hat, 2 * estimate(korea, method="loglinear").n_hat)
    assert total.lower < total.n_hat < total.upper


def test_all_is_refused_for_strata() -> None:
    with pytest.raises(ValueError, match="one method at a time"):
        estimate_strata({"a": DIABETES}, method="all")
