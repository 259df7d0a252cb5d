"""Coverage of the total with and without linkage uncertainty, on simulated cases with known truth.

Each case: simulate five lists of ``--victims`` deaths, import them, link them with the real
model (Splink, ``undercount link``) at a match threshold cycling through ``--thresholds`` (a
higher threshold splits more people, lowering pairwise F1), then estimate once with linkage
uncertainty: the same call gives the single-clustering estimate on the case's own persons and
the combination over ``--replicates`` replicates. Linkage errors therefore come from the model,
never injected by hand. The truth's own capture histories are estimated too (perfect linkage),
to separate the estimator's coverage from the linkage's. With ``--reviewed K`` a reviewer who
is always right decides K borderline pairs (scored 0.05–0.95) drawn at random, and the case is
linked again before estimating: the workflow the review queue is for.

    .venv/bin/python benchmarks/linkage_uncertainty.py --cases 30 --out /tmp/lu/plain
    .venv/bin/python benchmarks/linkage_uncertainty.py --cases 21 --reviewed 100 --out /tmp/lu/rev

Results go to ``OUT/cases.jsonl`` as they are made (a rerun skips the cases already there) and
the coverage table is printed at the end, with the linkage F1 bands as rows. Also printed: the
seconds ``--linkage-uncertainty`` adds over a plain estimate, per case.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

from undercount.case import Case, init_case
from undercount.estimate import Estimate, estimate
from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case
from undercount.link.store import record_decision
from undercount.simulate import simulate_case
from undercount.toll import estimate_case, list_estimates
from undercount.uncertainty import estimate_with_linkage_uncertainty

BANDS = ((0.0, 0.95), (0.95, 0.98), (0.98, 1.01))


def run_case(
    root: Path,
    seed: int,
    victims: int,
    threshold: float,
    replicates: int,
    method: str,
    reviewed: int = 0,
) -> dict[str, Any]:
    """One simulated case, linked and estimated both ways; what the table needs from it."""
    folder = root / f"case{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    simulated = simulate_case(folder / "lists", victims=victims, sources=5, seed=seed)
    truth = json.loads(simulated.truth_json.read_text(encoding="utf-8"))
    with init_case(folder / "case.undercount") as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        linked = link_case(case, seed=seed, threshold=threshold)
        if reviewed:
            review_by_truth(case, simulated.truth_csv, reviewed, seed)
            linked = link_case(case, seed=seed, threshold=threshold)
        linkage = evaluate_linkage(case, simulated.truth_csv)
        clock = time.perf_counter()
        estimate_case(case, method=method, seed=seed)
        plain_seconds = time.perf_counter() - clock
        clock = time.perf_counter()
        run = estimate_with_linkage_uncertainty(
            case, method=method, replicates=replicates, seed=seed
        )
        combined_seconds = time.perf_counter() - clock
        [row] = list_estimates(case, run_id=run.run_id)
    shutil.rmtree(folder, ignore_errors=True)
    details = row["parameters"]["linkage_uncertainty"]
    single = details["single_clustering"]
    true_table = {k: v for k, v in truth["capture_histories"].items() if "1" in k}
    perfect = estimate(true_table, method=method, seed=seed)
    assert isinstance(perfect, Estimate)
    documented = sorted(r["documented"] for r in details["replicates"])
    return {
        "seed": seed,
        "threshold": threshold,
        "records": linked.records,
        "f1": linkage["pairwise"]["f1"],
        "persons_found": linkage["clusters"]["persons_found"],
        "persons_true": linkage["clusters"]["persons_true"],
        "truth": int(truth["total"]),
        "replicate_documented": [documented[0], documented[len(documented) // 2], documented[-1]],
        "perfect": [perfect.n_hat, perfect.lower, perfect.upper],
        "single": [single["n_hat"], single["lower"], single["upper"]],
        "combined": [row["n_hat"], row["lower"], row["upper"]],
        "linkage_share": details.get("linkage_share"),
        "calibration": details.get("calibration"),
        "plain_seconds": round(plain_seconds, 2),
        "uncertainty_seconds": round(combined_seconds, 2),
    }


def review_by_truth(case: Case, truth_csv: Path, pairs: int, seed: int) -> None:
    """A reviewer who decides ``pairs`` borderline pairs (scored 0.05–0.95), drawn at random,
    correctly: what a review queue of uncertain pairs gives."""
    rows = case.con.execute(
        f"""
        WITH truth AS (
            SELECT r.record_id, t.person_id
            FROM read_csv('{truth_csv}', all_varchar = true) t
            JOIN sources s ON s.name = t.source
            JOIN (SELECT DISTINCT record_id, source_id, source_record_id FROM records) r
              ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id)
        SELECT p.record_id_l, p.record_id_r, a.person_id = b.person_id
        FROM pair_scores p
        JOIN truth a ON a.record_id = p.record_id_l
        JOIN truth b ON b.record_id = p.record_id_r
        WHERE p.match_probability BETWEEN 0.05 AND 0.95
        ORDER BY hash(p.record_id_l * {seed + 1} + p.record_id_r)
        LIMIT {int(pairs)}
        """
    ).fetchall()
    for left, right, same in rows:
        record_decision(case, left, right, "match" if same else "non-match")


def covers(interval: list[float | None], truth: int) -> bool:
    _, lower, upper = interval
    return lower is not None and lower <= truth and (upper is None or truth <= upper)


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        "| pairwise F1 | cases | perfect linkage: covers | single clustering: covers |"
        " combined: covers | median rel. error single / combined |"
        " median width single → combined | median linkage share |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for low, high in (*BANDS, (0.0, 1.01)):
        band = [r for r in results if low <= r["f1"] < high]
        if not band:
            continue
        label = "all" if (low, high) == (0.0, 1.01) else f"{low:.2f}–{min(high, 1):.2f}"
        perfect = sum(covers(r["perfect"], r["truth"]) for r in band)
        single = sum(covers(r["single"], r["truth"]) for r in band)
        combined = sum(covers(r["combined"], r["truth"]) for r in band)
        errors = sorted(r["single"][0] / r["truth"] - 1 for r in band if r["single"][0])
        combined_errors = sorted(
            r["combined"][0] / r["truth"] - 1 for r in band if r["combined"][0]
        )
        widths = [
            _median(sorted(r[kind][2] - r[kind][1] for r in band if r[kind][2]))
            for kind in ("single", "combined")
        ]
        shares = sorted(r["linkage_share"] for r in band if r["linkage_share"] is not None)
        print(
            f"| {label} | {len(band)} | {perfect}/{len(band)} ({perfect / len(band):.0%}) "
            f"| {single}/{len(band)} ({single / len(band):.0%}) "
            f"| {combined}/{len(band)} ({combined / len(band):.0%}) "
            f"| {_median(errors):+.1%} / {_median(combined_errors):+.1%} "
            f"| {widths[0]:.0f} → {widths[1]:.0f} "
            f"| {shares[len(shares) // 2]:.0%} |"
        )
    added = sorted(r["uncertainty_seconds"] - r["plain_seconds"] for r in results)
    records = sorted(r["records"] for r in results)
    print(
        f"\n--linkage-uncertainty added {added[0]:.1f}–{added[-1]:.1f} s "
        f"(median {added[len(added) // 2]:.1f} s) over a plain estimate, "
        f"on cases of {records[0]}–{records[-1]} records."
    )


def _median(values: list[float]) -> float:
    return values[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=24)
    parser.add_argument("--victims", type=int, default=1500)
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--method", default="lcmcr")
    parser.add_argument("--thresholds", default="0.5,0.8,0.9")
    parser.add_argument("--first-seed", type=int, default=100)
    parser.add_argument(
        "--reviewed", type=int, default=0, help="borderline pairs a reviewer decides, then relink"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage_uncertainty"))
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    log = args.out / "cases.jsonl"
    done = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            done[result["seed"]] = result
    for number in range(args.cases):
        seed = args.first_seed + number
        if seed in done:
            continue
        threshold = thresholds[number % len(thresholds)]
        try:
            result = run_case(
                args.out,
                seed,
                args.victims,
                threshold,
                args.replicates,
                args.method,
                args.reviewed,
            )
        except ValueError as error:  # Splink's EM can fail on a case; say so, go on
            print(f"seed {seed}: linkage failed ({error}); case left out", flush=True)
            continue
        done[seed] = result
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
        print(json.dumps(result), flush=True)
    print_table([done[s] for s in sorted(done)])


if __name__ == "__main__":
    main()
