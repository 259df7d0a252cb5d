"""Known totals recovered from tables simulated from the model (Rivest 2011-style checks).

Four lists catching 20-40% each, lists 1 and 2 positively dependent (a referral between two
sources), 400 people. Replicates are few enough to keep the suite fast; the benchmark
``benchmarks/estimate_loglinear.py`` runs more and prints the coverage table.
"""

from __future__ import annotations

import numpy as np
from loglinear_simulation import simulate_table

from undercount.estimate import estimate

TOTAL = 400
MAIN = [-1.2, -1.0, -0.8, -1.4]
DEPENDENCE = {(0, 1): 1.0}


def test_the_true_model_interval_covers_the_total_at_its_nominal_rate() -> None:
    rng = np.random.default_rng(20220105)
    replicates = 150
    covered, estimates = 0, []
    for _ in range(replicates):
        table = simulate_table(rng, TOTAL, MAIN, DEPENDENCE)
        result = estimate(table, method="loglinear", model="[12,3,4]")
        covered += result.lower <= TOTAL <= result.upper
        estimates.append(result.n_hat)
    assert covered / replicates >= 0.90
    assert abs(np.median(estimates) - TOTAL) / TOTAL < 0.05


def test_ignoring_the_dependence_biases_the_total_and_bic_finds_it() -> None:
    rng = np.random.default_rng(7)
    independence, chosen_with_dependence = [], 0
    replicates = 30
    for _ in range(replicates):
        table = simulate_table(rng, TOTAL, MAIN, DEPENDENCE)
        independence.append(estimate(table, method="loglinear", model="Mt").n_hat)
        chosen = estimate(table, method="loglinear")
        chosen_with_dependence += "12" in chosen.model.strip("[]").split(",")
    # Positive dependence between lists 1 and 2 makes the overlap look large: N is underestimated.
    assert np.median(independence) < 0.95 * TOTAL
    assert chosen_with_dependence / replicates >= 0.8


def test_independent_lists_give_unbiased_estimates_under_mt() -> None:
    rng = np.random.default_rng(11)
    replicates = 60
    results = [
        estimate(simulate_table(rng, TOTAL, MAIN[:3], {}), method="loglinear", model="Mt")
        for _ in range(replicates)
    ]
    coverage = np.mean([r.lower <= TOTAL <= r.upper for r in results])
    assert coverage >= 0.85
    assert abs(np.median([r.n_hat for r in results]) - TOTAL) / TOTAL < 0.05
