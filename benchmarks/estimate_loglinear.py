"""Log-linear estimation: time per table size and interval coverage with a known total.

Run: ``.venv/bin/python benchmarks/estimate_loglinear.py [--replicates 400]``

Prints two tables:

1. Time for ``estimate(method="loglinear")`` (model search + profile-likelihood interval) on
   simulated tables of 3 to 15 lists, 5,000 people, two planted pair interactions; exhaustive
   search up to 5 lists (and 6 lists with pairs), stepwise beyond. Numba compilation is done
   once before timing (it is cached on disk anyway).
2. Coverage of the 95% interval over simulated tables whose true total is known, for the true
   model (fixed), for independence when the lists are dependent (misspecified), and for the model
   chosen by BIC (model choice is not in the profile interval, so expect less than 95%), and
   for the BCa bootstrap that redoes the choice in every resample.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "estimate"))

from loglinear_simulation import simulate_table

from undercount.estimate import estimate
from undercount.estimate.model_search import uses_exhaustive_search

PEOPLE = 5000
INTERACTIONS = {(0, 1): 1.0, (2, 3): 0.8}


def time_per_size(rng: np.random.Generator) -> None:
    estimate(simulate_table(rng, 300, [-1.0] * 4, {}), method="loglinear")  # compile
    print(f"{'lists':>5}  {'search':>10}  {'models':>6}  {'seconds':>8}  {'estimate':>9}  interval")
    for lists in (3, 4, 5, 6, 8, 10, 12, 15):
        main = list(rng.uniform(-1.6, -0.8, lists))
        interactions = {pair: value for pair, value in INTERACTIONS.items() if max(pair) < lists}
        table = simulate_table(rng, PEOPLE, main, interactions)
        start = time.perf_counter()
        result = estimate(table, method="loglinear")
        seconds = time.perf_counter() - start
        search = "exhaustive" if uses_exhaustive_search(lists, 2) else "stepwise"
        print(
            f"{lists:>5}  {search:>10}  {result.diagnostics['models_fitted']:>6}  "
            f"{seconds:>8.2f}  {result.n_hat:>9,.0f}  {result.lower:,.0f} - {result.upper:,.0f}"
        )


def coverage(rng: np.random.Generator, replicates: int, bootstrap_replicates: int) -> None:
    total = 400
    main = [-1.2, -1.0, -0.8, -1.4]
    scenarios = [
        ("4 lists, 1-2 dependent", {(0, 1): 1.0}, {"model": "[12,3,4]"}, "true model [12,3,4]"),
        ("4 lists, 1-2 dependent", {(0, 1): 1.0}, {"model": "Mt"}, "independence (wrong)"),
        ("4 lists, 1-2 dependent", {(0, 1): 1.0}, {}, "chosen by BIC"),
        ("4 lists, independent", {}, {"model": "Mt"}, "true model Mt"),
        ("4 lists, independent", {}, {}, "chosen by BIC"),
        (
            "4 lists, 1-2 dependent",
            {(0, 1): 1.0},
            {"interval": "bootstrap", "nboot": 200},
            "BIC + BCa bootstrap",
        ),
    ]
    print(f"\nCoverage of 95% intervals, N = {total}, {replicates} replicates each")
    print(f"(bootstrap row: {bootstrap_replicates} replicates of 200 resamples)")
    print(f"{'data':<24}  {'model':<22}  {'coverage':>8}  {'median N':>8}  {'refused':>7}")
    for data, interactions, options, label in scenarios:
        covered = refused = 0
        estimates = []
        count = bootstrap_replicates if "interval" in options else replicates
        for index in range(count):
            table = simulate_table(rng, total, main, interactions)
            try:
                result = estimate(table, method="loglinear", seed=index, **options)
            except ValueError:
                refused += 1
                continue
            covered += result.lower <= total <= result.upper
            estimates.append(result.n_hat)
        fitted = count - refused
        print(
            f"{data:<24}  {label:<22}  {covered / fitted:>8.3f}  "
            f"{np.median(estimates):>8.1f}  {refused:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=400)
    parser.add_argument("--bootstrap-replicates", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20220105)
    arguments = parser.parse_args()
    rng = np.random.default_rng(arguments.seed)
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)")
    time_per_size(rng)
    coverage(rng, arguments.replicates, arguments.bootstrap_replicates)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
