"""Speed and coverage of the Bayesian estimators (LCMCR and dga).

    .venv/bin/python benchmarks/estimate_bayes.py            # timings + coverage (several minutes)
    .venv/bin/python benchmarks/estimate_bayes.py --quick    # timings + a small coverage study
    .venv/bin/python benchmarks/estimate_bayes.py --replicates 0   # timings only

Prints, for LCMCR: numba compile/cache-load time; the default run (K=10, burn-in 10,000,
1,000 samples thinned by 10, 4 chains) on 3, 4 and 5 lists; the issue's reference run (4 lists,
K=10, burn-in 10,000, 1,000 draws thinned by 100 = 110,000 sweeps; R's LCMCR needs 2.7 s on
this machine) as time, time per sweep and effective draws of N per second; the same table with
every count multiplied by 1,000 (cost must not grow). For dga: time on 3, 4 and 5 lists at
several sizes. Coverage: share of 95 % intervals containing the true N over simulated
populations that follow each model (LCMCR: HRDAG's published latent-class designs; dga:
decomposable log-linear models).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from undercount.estimate import CaptureHistories
from undercount.estimate.dga import fit_dga
from undercount.estimate.lcmcr import fit_lcmcr

REFERENCE = Path(__file__).parents[1] / "tests" / "reference"
LATENT_CLASS_DESIGNS = json.loads((REFERENCE / "lcmcr_simulation_designs.json").read_text())[
    "designs"
]
"""HRDAG StanLCMCR's designs (sim1 is Manrique-Vallier 2016's); N = 2,000 in each."""


def histories_from_rows(listed: np.ndarray) -> CaptureHistories:
    listed = listed[listed.any(axis=1)].astype(int)
    keys, counts = np.unique(listed, axis=0, return_counts=True)
    return CaptureHistories.from_input(
        {"".join(map(str, key)): int(count) for key, count in zip(keys, counts, strict=True)}
    )


def simulate_latent_classes(design: list[tuple[int, list[float]]], rng: np.random.Generator):
    return histories_from_rows(
        np.concatenate([rng.random((size, len(p))) < np.asarray(p) for size, p in design])
    )


def simulate_dependent_pair(
    n_total: int, marginals: list[float], odds_ratio: float, rng: np.random.Generator
) -> CaptureHistories:
    """Independent lists except lists 1 and 2, which share people (a decomposable model)."""
    n_lists = len(marginals)
    cells = np.arange(1 << n_lists)
    probabilities = np.ones(cells.size)
    for j, p in enumerate(marginals):
        probabilities *= np.where(cells >> j & 1, p, 1 - p)
    probabilities *= np.where((cells & 3) == 3, odds_ratio, 1.0)
    counts = rng.multinomial(n_total, probabilities / probabilities.sum())
    rows = np.repeat((cells[:, None] >> np.arange(n_lists)) & 1, counts, axis=0)
    return histories_from_rows(rows)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def report_lcmcr_speed() -> None:
    rng = np.random.default_rng(1)
    tables = {
        p: simulate_latent_classes(
            [(s, probs[:p]) for s, probs in LATENT_CLASS_DESIGNS["sim4"]], rng
        )
        for p in (3, 4, 5)
    }
    seconds, _ = timed(lambda: fit_lcmcr(tables[3], burnin=10, samples=4, thinning=1, chains=1))
    print(f"LCMCR first call (numba compile or cache load): {seconds:.2f} s")
    print("\nLCMCR default run: K=10, burn-in 10,000, 1,000 samples x thinning 10, 4 chains")
    print(
        f"{'lists':>5} {'patterns':>8} {'n':>6} {'seconds':>8} {'R-hat':>6} {'ESS':>7} {'ESS/s':>8}"
    )
    for p, histories in tables.items():
        seconds, result = timed(lambda h=histories: fit_lcmcr(h, seed=1))
        d = result.diagnostics
        print(
            f"{p:>5} {len(histories.counts):>8} {histories.n_observed:>6} {seconds:>8.2f} "
            f"{d['r_hat']:>6.3f} {d['ess_bulk']:>7.0f} {d['ess_bulk'] / seconds:>8.0f}"
        )
    many_lists = 15
    heterogeneity = rng.gamma(2.0, 0.5, size=(5000, 1))
    listing = np.clip(rng.uniform(0.05, 0.3, many_lists) * heterogeneity, 0.0, 0.95)
    wide = histories_from_rows(rng.random((5000, many_lists)) < listing)
    seconds, result = timed(lambda: fit_lcmcr(wide, seed=1))
    d = result.diagnostics
    print(
        f"{many_lists:>5} {len(wide.counts):>8} {wide.n_observed:>6} {seconds:>8.2f} "
        f"{d['r_hat']:>6.3f} {d['ess_bulk']:>7.0f} {d['ess_bulk'] / seconds:>8.0f}"
    )
    four = tables[4]
    reference = {"burnin": 10000, "samples": 1000, "thinning": 100}
    sweeps = 500 + 10000 + 1000 * 100
    print("\nIssue reference run: 4 lists, K=10, burn-in 10,000, 1,000 draws thinned by 100")
    print("(R LCMCR 0.4.14: 2.7 s for one chain on this machine, per the issue)")
    for chains in (1, 4):
        seconds, result = timed(lambda c=chains: fit_lcmcr(four, seed=2, chains=c, **reference))
        d = result.diagnostics
        per_sweep = seconds / (sweeps * chains) * 1e6
        print(
            f"  {chains} chain(s): {seconds:.2f} s, {per_sweep:.1f} us/sweep/chain, "
            f"ESS {d['ess_bulk']:.0f}, {d['ess_bulk'] / seconds:.0f} effective draws/s, "
            f"median {result.n_hat:,.0f} [{result.lower:,.0f}, {result.upper:,.0f}]"
        )
    scaled = CaptureHistories(four.lists, four.patterns, four.counts * 1000)
    seconds, result = timed(lambda: fit_lcmcr(scaled, seed=2, chains=1, **reference))
    print(f"  same table x1,000 people (n={scaled.n_observed:,}), 1 chain: {seconds:.2f} s")


def report_dga_speed() -> None:
    print("\ndga: all decomposable graphs, grid 0..5n, delta 2^-p, with the delta sensitivity")
    print(f"{'lists':>5} {'graphs':>6} {'n':>7} {'seconds':>8}  estimate")
    rng = np.random.default_rng(3)
    for p in (3, 4, 5):
        for n_total in (1000, 10000, 100000):
            marginals = [0.3, 0.25, 0.2, 0.35, 0.3][:p]
            histories = simulate_dependent_pair(n_total, marginals, 3.0, rng)
            seconds, result = timed(lambda h=histories: fit_dga(h, seed=1))
            print(
                f"{p:>5} {result.diagnostics['graphs']:>6} {histories.n_observed:>7} "
                f"{seconds:>8.3f}  {result.n_hat:,.0f} [{result.lower:,.0f}, {result.upper:,.0f}]"
                f" (truth {n_total:,})"
            )


def report_coverage(replicates: int, lcmcr_settings: dict[str, int]) -> None:
    print(f"\nCoverage of 95 % intervals, {replicates} simulated populations per design")
    print(f"LCMCR ({lcmcr_settings}), HRDAG latent-class designs, N = 2,000:")
    print(
        f"{'design':>8} {'coverage':>9} {'median est.':>12} {'median width':>13} {'R-hat>1.05':>11}"
    )
    for index, (name, design) in enumerate(LATENT_CLASS_DESIGNS.items()):
        rng = np.random.default_rng(index)
        hits, estimates, widths, flagged = 0, [], [], 0
        for replicate in range(replicates):
            result = fit_lcmcr(
                simulate_latent_classes(design, rng), seed=replicate, **lcmcr_settings
            )
            hits += result.lower <= 2000 <= result.upper
            estimates.append(result.n_hat)
            widths.append(result.upper - result.lower)
            flagged += result.diagnostics["r_hat"] > 1.05
        print(
            f"{name:>8} {hits / replicates:>9.0%} {np.median(estimates):>12,.0f} "
            f"{np.median(widths):>13,.0f} {flagged:>11}"
        )
    print("dga, lists 1-2 dependent (odds ratio 3), others independent:")
    print(f"{'lists':>8} {'N':>7} {'coverage':>9} {'median est.':>12} {'median width':>13}")
    for p in (3, 4, 5):
        for n_total in (500, 3000):
            rng = np.random.default_rng(p * 1000 + n_total)
            hits, estimates, widths = 0, [], []
            for replicate in range(replicates * 5):
                marginals = [0.3, 0.25, 0.2, 0.35, 0.3][:p]
                histories = simulate_dependent_pair(n_total, marginals, 3.0, rng)
                result = fit_dga(histories, seed=replicate, draws=10)
                hits += result.lower <= n_total <= result.upper
                estimates.append(result.n_hat)
                widths.append(result.upper - result.lower)
            print(
                f"{p:>8} {n_total:>7,} {hits / (replicates * 5):>9.0%} "
                f"{np.median(estimates):>12,.0f} {np.median(widths):>13,.0f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small coverage study")
    parser.add_argument(
        "--replicates", type=int, default=None, help="populations per design; 0 for timings only"
    )
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    report_lcmcr_speed()
    report_dga_speed()
    replicates = args.replicates if args.replicates is not None else (5 if args.quick else 40)
    if replicates:
        report_coverage(replicates, {"burnin": 5000, "samples": 500, "thinning": 20, "chains": 2})
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
