"""What the simulator's capture model does to naive estimates, and how fast it writes a case.

    .venv/bin/python benchmarks/simulate_case.py [--victims 1000000] [--seeds 50]

Prints (1) each list's capture rate overall and by the strata its model treats apart,
(2) the documented share, (3) the naive two-list Lincoln–Petersen estimate over the true total
for every pair of lists, averaged over seeds, and (4) the wall time and peak memory of writing a
case of ``--victims`` victims. The figures in docs/simulator.md come from this script.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from undercount.simulate import simulate_case
from undercount.simulate.capture import draw_captures
from undercount.simulate.geography import ALMATY
from undercount.simulate.sources import ROSTER
from undercount.simulate.victims import CHILD_AGE, CUSTODY, LAW_ENFORCEMENT, draw_victims
from undercount.simulate.vocabulary import load_vocabulary


def print_capture_rates(victims: int, lists: int) -> None:
    population = draw_victims(victims, load_vocabulary(), np.random.default_rng(0))
    on = draw_captures(population, ROSTER[:lists], np.random.default_rng(1)) > 0
    strata = {
        "all": np.ones(len(population), dtype=bool),
        "Almaty": population.place == ALMATY,
        "elsewhere": population.place != ALMATY,
        "law enf.": population.status == LAW_ENFORCEMENT,
        "custody": population.circumstance == CUSTODY,
        "child": population.age < CHILD_AGE,
    }
    print(f"capture rate by list ({victims:,} victims, seed 0)")
    print(f"{'list':<14}" + "".join(f"{name:>11}" for name in strata))
    for j, profile in enumerate(ROSTER[:lists]):
        rates = "".join(f"{on[mask, j].mean():>11.2f}" for mask in strata.values())
        print(f"{profile.name:<14}{rates}")
    for k in range(2, lists + 1):
        print(f"documented with the first {k} lists: {on[:, :k].any(axis=1).mean():.3f}")


def print_lincoln_petersen(victims: int, lists: int, seeds: int) -> None:
    vocabulary = load_vocabulary()
    ratios: dict[tuple[str, str], list[float]] = {}
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        population = draw_victims(victims, vocabulary, rng)
        on = draw_captures(population, ROSTER[:lists], rng) > 0
        for a, b in itertools.combinations(range(lists), 2):
            both = np.sum(on[:, a] & on[:, b])
            estimate = on[:, a].sum() * on[:, b].sum() / both
            ratios.setdefault((ROSTER[a].name, ROSTER[b].name), []).append(estimate / victims)
    print(f"\nLincoln-Petersen estimate / true total ({victims:,} victims, {seeds} seeds)")
    for (a, b), values in ratios.items():
        print(f"{a:>13} x {b:<13} mean {np.mean(values):.3f}  sd {np.std(values, ddof=1):.3f}")


def time_case(victims: int, lists: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        start = time.perf_counter()
        case = simulate_case(Path(directory), victims=victims, sources=lists, seed=1)
        elapsed = time.perf_counter() - start
        records = sum(source.records for source in case.sources)
        size = sum(p.stat().st_size for p in Path(directory).iterdir())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"\nsimulate_case: {victims:,} victims, {lists} lists -> {records:,} records,")
    print(f"  {size / 1e6:.0f} MB written in {elapsed:.1f} s; peak RSS {peak:.0f} MB")
    print(f"  1-minute load average after the run (2 cores, shared): {load:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, default=1_000_000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=50)
    arguments = parser.parse_args()
    print_capture_rates(200_000, len(ROSTER))
    print_lincoln_petersen(2_000, arguments.lists, arguments.seeds)
    time_case(arguments.victims, arguments.lists)


if __name__ == "__main__":
    main()
