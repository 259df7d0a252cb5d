"""How many random pairs u-sampling needs: u estimates and seconds at several ``max_pairs``.

    python benchmarks/link_u_sampling.py --root benchmarks/out/link_simulated/victims_520000_seed_7
    python benchmarks/link_u_sampling.py --root … --link   # and link the case at each size

With ``--link`` the case is linked end to end at each size and scored against ``lists/truth.csv``
(pairwise F1, persons), so a smaller sample is judged by what it does to the count.

Every level's u is printed for each size, with the largest ratio between a size and the
largest one: a level whose u moves by more than a few per cent changes its match weight by
less than 0.1 bit, well under what moves a pair across the threshold. Run it on a case the
link benchmark built; the load average is printed beside each timing.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from pathlib import Path


def u_estimates(root: Path, max_pairs: float, seed: int) -> tuple[float, dict[str, float]]:
    from splink import DuckDBAPI, Linker

    from undercount.case import open_case
    from undercount.link.features import INPUT_TABLE, build_input_table
    from undercount.link.model import build_model
    from undercount.link.scoring import _quiet_splink, _scratch_catalog

    with open_case(root / "case.undercount") as case, _scratch_catalog(case.con) as catalog:
        features = build_input_table(case.con, catalog)
        model = build_model(features)
        linker = Linker(DuckDBAPI(connection=case.con).register(INPUT_TABLE), model.settings)
        clock = time.perf_counter()
        with _quiet_splink():
            linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
        seconds = time.perf_counter() - clock
        trained = linker.misc.save_model_to_json()
    found = {}
    for comparison in trained["comparisons"]:
        for level in comparison["comparison_levels"]:
            if "u_probability" in level:
                found[f"{comparison['output_column_name']}: {level['label_for_charts']}"] = float(
                    level["u_probability"]
                )
    return seconds, found


def f1_at(root: Path, max_pairs: float) -> dict[str, object]:
    from undercount.case import open_case
    from undercount.link import evaluate_linkage, link_case, scoring

    scoring._U_MAX_PAIRS = max_pairs
    with open_case(root / "case.undercount") as case:
        result = link_case(case)
        report = evaluate_linkage(case, root / "lists" / "truth.csv")
    return {
        "max_pairs": max_pairs,
        "f1": report["pairwise"]["f1"],
        "persons": result.persons,
        "persons_true": report["clusters"]["persons_true"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e6, 5e6])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--link", action="store_true", help="Also link and score at each size.")
    args = parser.parse_args()
    if args.link:
        for size in args.sizes:
            print("linked", f1_at(args.root, size), flush=True)
    results = {}
    for size in args.sizes:
        load = os.getloadavg()[0]
        seconds, found = u_estimates(args.root, size, args.seed)
        results[size] = found
        print(f"max_pairs {size:.0e}: {seconds:.1f} s (load {load:.1f})", flush=True)
    reference = results[max(args.sizes)]
    for level, u in reference.items():
        cells = []
        for size in args.sizes:
            other = results[size].get(level, math.nan)
            cells.append(f"{other:.3g} ({math.log2(other / u):+.2f} bit)")
        print(f"{level:55s} " + "  ".join(cells))


if __name__ == "__main__":
    main()
