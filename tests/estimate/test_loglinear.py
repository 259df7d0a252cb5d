"""Log-linear estimation: model menu, model search, refusals, warnings and the estimator class."""

from __future__ import annotations

import math

import numpy as np
import pytest
from estimate_tables import CORMACK_3A, CORMACK_3B, DIABETES
from hypothesis import given, settings
from hypothesis import strategies as st
from loglinear_simulation import simulate_table

from undercount.estimate import EstimationError, LogLinear, NotFittedError, estimate
from undercount.estimate.closed_models import CLOSED_MODELS, canonical_closed_model

SEBER = {"11": 167, "10": 781, "01": 254}

NAMES = [
    ("Rcapture's printed name", "Mh Chao (LB)", "Mh Chao"),
    ("lower bound spelled LB", "Mth LB", "Mth Chao"),
    ("theta left implicit", "Mh Poisson", "Mh Poisson2"),
    ("case and spacing ignored", "  mth   gamma3.5 ", "Mth Gamma3.5"),
    ("plain model", "mt", "Mt"),
    ("not a closed model", "Mx", None),
    ("hierarchical name is not a closed model", "[12,3]", None),
]


@pytest.mark.parametrize(("description", "name", "canonical"), NAMES)
def test_closed_model_names_are_read_as_rcapture_writes_them(
    description: str, name: str, canonical: str | None
) -> None:
    assert canonical_closed_model(name) == canonical, description


def test_two_lists_give_lincoln_petersen_under_independence() -> None:
    n1, n2, both = 167 + 781, 167 + 254, 167
    result = estimate(SEBER, method="loglinear", model="Mt")
    assert math.isclose(result.n_hat, n1 * n2 / both, rel_tol=1e-8)


@pytest.mark.parametrize("model", CLOSED_MODELS)
def test_every_closed_model_fits_a_four_list_table(model: str) -> None:
    result = estimate(DIABETES, method="loglinear", model=model)
    assert result.n_hat > result.n_observed
    assert result.lower <= result.n_hat <= result.upper
    assert result.diagnostics["df"] <= 15 - 2


def test_heterogeneity_models_need_three_lists() -> None:
    with pytest.raises(EstimationError, match="needs at least 3 lists"):
        estimate(SEBER, method="loglinear", model="Mh Darroch")


def test_an_unknown_model_name_lists_the_choices() -> None:
    with pytest.raises(ValueError, match=r"Unknown log-linear model 'Mx'.*Mth Chao"):
        estimate(DIABETES, method="loglinear", model="Mx")


def test_an_empty_list_has_no_mle_under_mt() -> None:
    table = {"1000": 10, "0100": 12, "1100": 4, "0010": 7, "1010": 3, "0110": 2}
    with pytest.raises(EstimationError, match="no maximum-likelihood estimate"):
        estimate(table, method="loglinear", model="Mt")


def test_an_interaction_of_lists_sharing_nobody_is_fitted_by_dropping_their_cells() -> None:
    table = {"100": 40, "010": 35, "001": 30, "101": 12, "011": 9}
    result = estimate(table, method="loglinear", model="[12,3]")
    independent_of_both = estimate(table, method="loglinear", model="Mt")
    # Seven cells; intercept, three main effects and the minus-infinity interaction.
    assert result.diagnostics["df"] == 7 - 5
    assert result.n_hat != independent_of_both.n_hat


def test_model_search_ranks_every_hierarchical_model_by_bic() -> None:
    result = estimate(DIABETES, method="loglinear")
    table = result.diagnostics["models"]
    assert result.diagnostics["search"] == "exhaustive"
    assert result.diagnostics["models_fitted"] == 64
    assert [row["BIC"] for row in table] == sorted(row["BIC"] for row in table)
    assert result.model == table[0]["model"] == "[13,24,34]"


def test_aic_prefers_a_richer_model_than_bic() -> None:
    by_aic = estimate(DIABETES, method="loglinear", criterion="aic")
    assert by_aic.diagnostics["criterion"] == "AIC"
    assert len(by_aic.model.split(",")) >= 3
    assert by_aic.diagnostics["AIC"] <= estimate(DIABETES, method="loglinear").diagnostics["AIC"]


def test_models_without_an_estimate_are_skipped_not_ranked() -> None:
    result = estimate(CORMACK_3A, method="loglinear")
    assert result.diagnostics["models_not_estimable"] > 0
    assert result.n_hat < 1e4


def test_seven_lists_are_searched_stepwise_and_the_planted_interaction_is_found() -> None:
    rng = np.random.default_rng(3)
    table = simulate_table(rng, 3000, [-1.0, -1.2, -0.9, -1.1, -1.3, -1.0, -1.2], {(1, 4): 1.5})
    result = estimate(table, method="loglinear")
    assert result.diagnostics["search"] == "stepwise"
    assert "25" in result.model.strip("[]").split(",")
    assert result.lower <= 3000 <= result.upper


def test_the_bootstrap_interval_is_seeded_and_wider_than_the_profile_one() -> None:
    korea = {"001": 41, "010": 5, "100": 5, "110": 54, "101": 6, "011": 0, "111": 12}
    options = {"method": "loglinear", "interval": "bootstrap", "nboot": 200}
    first = estimate(korea, seed=7, **options)
    again = estimate(korea, seed=7, **options)
    other = estimate(korea, seed=8, **options)
    profile = estimate(korea, method="loglinear")
    assert first.conf_int() == again.conf_int() != other.conf_int()
    assert first.n_hat == profile.n_hat  # the point estimate is still the chosen model's
    assert first.upper - first.lower > profile.upper - profile.lower
    assert first.diagnostics["interval"].startswith("BCa bootstrap")
    assert len(first.diagnostics["bootstrap_totals"]) == 200


def test_a_fixed_model_is_bootstrapped_alone() -> None:
    result = estimate(
        DIABETES, method="loglinear", model="Mt", interval="bootstrap", nboot=100, seed=1
    )
    assert result.diagnostics["interval"] == "BCa bootstrap, model chosen again among the best 1"
    assert result.lower < result.n_hat < result.upper


def test_an_unknown_interval_is_refused() -> None:
    with pytest.raises(ValueError, match="interval must be one of"):
        estimate(DIABETES, method="loglinear", interval="wald")


def test_more_than_fifteen_lists_are_refused() -> None:
    sixteen = {"1" + "0" * 15: 3, "0" * 15 + "1": 2, "1" * 16: 1}
    with pytest.raises(ValueError, match="up to 15 lists"):
        estimate(sixteen, method="loglinear")


def test_bad_search_options_are_refused() -> None:
    with pytest.raises(ValueError, match="criterion"):
        estimate(DIABETES, method="loglinear", criterion="dic")
    with pytest.raises(ValueError, match="max_order"):
        estimate(DIABETES, method="loglinear", max_order=0)


WARNINGS = [
    ("two lists cannot test independence", SEBER, {}, "Only 2 lists have records"),
    ("trap-response models mean nothing for lists", CORMACK_3B, {"model": "Mb"}, "no order"),
    (
        "an estimate no bigger than the lists can rule out",
        {"100": 3, "010": 2, "001": 1, "110": 30, "011": 30, "101": 30, "111": 60},
        {"model": "Mt"},
        "cannot rule out that nobody was missed",
    ),
    (
        "one small overlap carries the estimate",
        {"10": 100, "01": 80, "11": 9},
        {"model": "Mt"},
        "hinges on the 9 people with history 11",
    ),
    (
        "sparse overlaps make the estimate biased",
        {"100": 40, "010": 40, "001": 40, "111": 1},
        {"model": "Mt"},
        "asymptotic bias",
    ),
]


@pytest.mark.parametrize(("description", "table", "options", "message"), WARNINGS)
def test_problems_a_user_can_act_on_are_warned_about(
    description: str, table: dict[str, int], options: dict[str, str], message: str
) -> None:
    result = estimate(table, method="loglinear", **options)
    assert any(message in warning for warning in result.warnings), description


def test_the_estimator_class_stores_options_and_refuses_results_before_fit() -> None:
    estimator = LogLinear(model="Mth Chao", level=0.9)
    assert estimator.get_params() == {
        "model": "Mth Chao",
        "max_order": 2,
        "criterion": "bic",
        "interval": "profile",
        "nboot": 1000,
        "ntop": 20,
        "seed": None,
        "level": 0.9,
    }
    assert repr(estimator) == "LogLinear(model='Mth Chao', level=0.9)"
    with pytest.raises(NotFittedError, match="not fitted yet"):
        estimator.conf_int()
    assert estimator.fit(DIABETES) is estimator
    direct = estimate(DIABETES, method="loglinear", model="Mth Chao", level=0.9)
    assert estimator.n_hat == direct.n_hat
    assert estimator.conf_int() == direct.conf_int()
    assert "Mth Chao" in estimator.summary().as_text()
    with pytest.raises(ValueError, match="no option 'K'"):
        estimator.set_params(K=10)


four_list_tables = st.lists(st.integers(min_value=1, max_value=300), min_size=15, max_size=15)


@settings(max_examples=15, deadline=None)
@given(four_list_tables, st.permutations(range(4)))
def test_the_order_of_the_lists_does_not_change_the_estimate(
    counts: list[int], order: list[int]
) -> None:
    table = {format(cell, "04b"): count for cell, count in zip(range(1, 16), counts, strict=True)}
    reordered = {"".join(key[j] for j in order): count for key, count in table.items()}
    for options in ({"model": "Mt"}, {"model": "Mth Darroch"}, {}):
        first = estimate(table, method="loglinear", **options)
        second = estimate(reordered, method="loglinear", **options)
        assert math.isclose(first.n_hat, second.n_hat, rel_tol=1e-6)
        assert math.isclose(first.upper, second.upper, rel_tol=1e-4)


@settings(max_examples=10, deadline=None)
@given(four_list_tables)
def test_the_chosen_model_refitted_alone_gives_the_same_answer(counts: list[int]) -> None:
    table = {format(cell, "04b"): count for cell, count in zip(range(1, 16), counts, strict=True)}
    chosen = estimate(table, method="loglinear")
    alone = estimate(table, method="loglinear", model=chosen.model)
    assert (chosen.n_hat, chosen.conf_int()) == (alone.n_hat, alone.conf_int())
