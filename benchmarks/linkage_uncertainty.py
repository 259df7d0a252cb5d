"""Coverage of the total with and without linkage uncertainty, on simulated cases with known truth.

Two steps, so the slow one (linkage) is done once per case and the estimates can be rerun:

``prepare``: each case simulates five lists of deaths (``--victims``, cycled: a list of sizes),
imports them, and links them with the real model (Splink, ``undercount link``) at a match
threshold cycled through ``--thresholds`` (a higher threshold splits more people, lowering
pairwise F1). Linkage errors therefore come from the model, never injected by hand. With
``--reviewed K`` a reviewer who is always right decides K borderline pairs (scored 0.05–0.95)
drawn at random, and the case is linked again: the workflow the review queue is for. Beside the
case file, ``truth.json`` keeps the true total and histories, the linkage's F1, the share of
true pairs the model never scored, the commit and the load average.

``table``: on every prepared case, ``estimate --linkage-uncertainty`` (the combination over
``--replicates``, which stores the single-clustering estimate on the case's own persons beside
itself) and the truth's own histories (perfect linkage, to separate the estimator's coverage
from the linkage's). Results go to ``OUT/estimates.jsonl`` as they are made (a rerun skips
cases already there); the coverage table is printed with the F1 bands as rows and a 95 %
Clopper–Pearson interval beside each coverage.

``speed``: on prepared cases of at least ``--min-records`` records, the seconds of a plain
``estimate`` and of ``estimate --linkage-uncertainty`` as a user runs them, with the load.

    .venv/bin/python benchmarks/linkage_uncertainty.py prepare --cases 90 --out /tmp/lu
    .venv/bin/python benchmarks/linkage_uncertainty.py table --out /tmp/lu
    .venv/bin/python benchmarks/linkage_uncertainty.py speed --out /tmp/lu
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import beta

from undercount.case import Case, init_case, open_case
from undercount.estimate import Estimate, estimate
from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case
from undercount.link.store import record_decision
from undercount.simulate import simulate_case
from undercount.toll import estimate_case, list_estimates
from undercount.uncertainty import estimate_with_linkage_uncertainty, read_linkage_graph

BANDS = ((0.0, 0.95), (0.95, 0.98), (0.98, 1.01))


def prepare_case(
    folder: Path, seed: int, victims: int, threshold: float, reviewed: int
) -> dict[str, Any]:
    """Simulate, import and link one case; what the table needs to score it against the truth."""
    shutil.rmtree(folder, ignore_errors=True)
    simulated = simulate_case(folder / "lists", victims=victims, sources=5, seed=seed)
    truth = json.loads(simulated.truth_json.read_text(encoding="utf-8"))
    clock = time.perf_counter()
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
        unscored = unscored_true_pairs(case, simulated.truth_csv)
    summary = {
        "seed": seed,
        "victims": victims,
        "threshold": threshold,
        "reviewed": reviewed,
        "records": linked.records,
        "f1": linkage["pairwise"]["f1"],
        "persons_found": linkage["clusters"]["persons_found"],
        "persons_true": linkage["clusters"]["persons_true"],
        "unscored_true_pairs": unscored,
        "truth": int(truth["total"]),
        "true_histories": {k: v for k, v in truth["capture_histories"].items() if "1" in k},
        "link_seconds": round(time.perf_counter() - clock, 1),
        "load": round(os.getloadavg()[0], 1),
        "commit": _commit(),
    }
    shutil.rmtree(folder / "lists")
    (folder / "truth.json").write_text(json.dumps(summary), encoding="utf-8")
    return summary


def review_by_truth(case: Case, truth_csv: Path, pairs: int, seed: int) -> None:
    """A reviewer who decides ``pairs`` borderline pairs (scored 0.05–0.95), drawn at random,
    correctly: what a review queue of uncertain pairs gives."""
    rows = case.con.execute(
        f"""
        WITH truth AS ({_truth_sql(truth_csv)})
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


def unscored_true_pairs(case: Case, truth_csv: Path) -> float:
    """The share of true pairs absent from the scored pairs: what no replicate can link."""
    graph = read_linkage_graph(case)
    truth = case.con.execute(
        f"SELECT person_id FROM ({_truth_sql(truth_csv)}) ORDER BY record_id"
    ).fetchnumpy()["person_id"]
    _, person = np.unique(truth, return_inverse=True)
    left = person[np.searchsorted(graph.record_ids, graph.left)]
    right = person[np.searchsorted(graph.record_ids, graph.right)]
    scored = int(np.sum(left == right))
    sizes = np.bincount(person)
    true_pairs = int(np.sum(sizes * (sizes - 1) // 2))
    return round(1 - scored / true_pairs, 5) if true_pairs else 0.0


def _truth_sql(truth_csv: Path) -> str:
    return f"""
        SELECT r.record_id, t.person_id
        FROM read_csv('{truth_csv}', all_varchar = true) t
        JOIN sources s ON s.name = t.source
        JOIN (SELECT DISTINCT record_id, source_id, source_record_id FROM records) r
          ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id"""


def estimate_prepared(folder: Path, replicates: int, method: str) -> dict[str, Any]:
    """Single-clustering, combined and perfect-linkage estimates of one prepared case.

    The single-clustering figure is the one the combined run stores beside itself (the same
    method, seed and options on the case's own persons, as a plain ``estimate``); the N-by-
    threshold curve is left out here, since coverage does not read it (``speed`` times it).
    """
    summary = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    seed = summary["seed"]
    with open_case(folder / "case.undercount") as case:
        run = estimate_with_linkage_uncertainty(
            case, method=method, replicates=replicates, seed=seed, thresholds=()
        )
        [row] = list_estimates(case, run_id=run.run_id)
    perfect = estimate(summary["true_histories"], method=method, seed=seed)
    assert isinstance(perfect, Estimate)
    details = row["parameters"]["linkage_uncertainty"]
    single = details["single_clustering"]
    documented = sorted(r["documented"] for r in details["replicates"])
    return {
        **{k: v for k, v in summary.items() if k != "true_histories"},
        "replicate_documented": [documented[0], documented[len(documented) // 2], documented[-1]],
        "perfect": [perfect.n_hat, perfect.lower, perfect.upper],
        "single": [single["n_hat"], single["lower"], single["upper"]],
        "combined": [row["n_hat"], row["lower"], row["upper"]],
        "linkage_share": details.get("linkage_share"),
        "calibration": details.get("calibration"),
    }


def time_prepared(folder: Path, replicates: int, method: str) -> dict[str, Any]:
    """Seconds of a plain ``estimate`` and of ``estimate --linkage-uncertainty`` as a user runs
    them (default options, the N-by-threshold curve included), with the load beside them."""
    summary = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with open_case(folder / "case.undercount") as case:
        load = os.getloadavg()[0]
        clock = time.perf_counter()
        estimate_case(case, method=method, seed=summary["seed"])
        plain = time.perf_counter() - clock
        clock = time.perf_counter()
        estimate_with_linkage_uncertainty(
            case, method=method, replicates=replicates, seed=summary["seed"]
        )
        combined = time.perf_counter() - clock
    return {
        "seed": summary["seed"],
        "records": summary["records"],
        "plain_seconds": round(plain, 1),
        "uncertainty_seconds": round(combined, 1),
        "added_seconds": round(combined - plain, 1),
        "load": [round(load, 1), round(os.getloadavg()[0], 1)],
    }


def covers(interval: list[float | None], truth: int) -> bool:
    _, lower, upper = interval
    return lower is not None and lower <= truth and (upper is None or truth <= upper)


def coverage(hits: int, cases: int) -> str:
    """``hits/cases (share) [95 % Clopper–Pearson interval]``."""
    low = beta.ppf(0.025, hits, cases - hits + 1) if hits else 0.0
    high = beta.ppf(0.975, hits + 1, cases - hits) if hits < cases else 1.0
    return f"{hits}/{cases} ({hits / cases:.0%}; {low:.0%}–{high:.0%})"


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
        hits = {
            kind: sum(covers(r[kind], r["truth"]) for r in band)
            for kind in ("perfect", "single", "combined")
        }
        errors = [
            _median([r[kind][0] / r["truth"] - 1 for r in band if r[kind][0]])
            for kind in ("single", "combined")
        ]
        widths = [
            _median([r[kind][2] - r[kind][1] for r in band if r[kind][2]])
            for kind in ("single", "combined")
        ]
        shares = [r["linkage_share"] for r in band if r["linkage_share"] is not None]
        print(
            f"| {label} | {len(band)} | {coverage(hits['perfect'], len(band))} "
            f"| {coverage(hits['single'], len(band))} "
            f"| **{coverage(hits['combined'], len(band))}** "
            f"| {errors[0]:+.1%} / {errors[1]:+.1%} "
            f"| {widths[0]:.0f} → {widths[1]:.0f} "
            f"| {_median(shares):.0%} |"
        )
    unscored = _median([r["unscored_true_pairs"] for r in results])
    print(
        f"\nmedian share of true pairs never scored {unscored:.2%}; "
        f"commits {', '.join(sorted({r['commit'] for r in results}))}."
    )


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def _commit() -> str:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "src"], check=False).returncode
    return head + ("+worktree" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    prepare = steps.add_parser("prepare", help="simulate, import and link the cases")
    prepare.add_argument("--cases", type=int, default=90)
    prepare.add_argument("--victims", default="1000,800,1200,1500,900")
    prepare.add_argument("--thresholds", default="0.98,0.99,0.97,0.985")
    prepare.add_argument("--first-seed", type=int, default=200)
    prepare.add_argument(
        "--reviewed", type=int, default=0, help="borderline pairs a reviewer decides, then relink"
    )
    table = steps.add_parser("table", help="estimate every prepared case and print the table")
    speed = steps.add_parser("speed", help="time plain and combined estimates on prepared cases")
    speed.add_argument("--min-records", type=int, default=2800)
    speed.add_argument("--cases", type=int, default=5)
    for step in (table, speed):
        step.add_argument("--replicates", type=int, default=20)
        step.add_argument("--method", default="lcmcr")
    for step in (prepare, table, speed):
        step.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage_uncertainty"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.step == "prepare":
        victims = [int(v) for v in args.victims.split(",")]
        thresholds = [float(t) for t in args.thresholds.split(",")]
        for number in range(args.cases):
            seed = args.first_seed + number
            folder = args.out / f"case{seed}"
            if (folder / "truth.json").exists():
                continue
            try:
                summary = prepare_case(
                    folder,
                    seed,
                    victims[number % len(victims)],
                    thresholds[number % len(thresholds)],
                    args.reviewed,
                )
            except ValueError as error:  # Splink's EM can fail on a case; say so, go on
                print(f"seed {seed}: linkage failed ({error}); case left out", flush=True)
                shutil.rmtree(folder, ignore_errors=True)
                continue
            shown = {k: v for k, v in summary.items() if k != "true_histories"}
            print(json.dumps(shown), flush=True)
        return
    if args.step == "speed":
        folders = [
            folder
            for folder in sorted(args.out.glob("case*/truth.json"))
            if json.loads(folder.read_text(encoding="utf-8"))["records"] >= args.min_records
        ]
        for folder in folders[: args.cases]:
            print(json.dumps(time_prepared(folder.parent, args.replicates, args.method)))
        return
    log = args.out / "estimates.jsonl"
    done = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            done[result["seed"]] = result
    for folder in sorted(args.out.glob("case*/truth.json")):
        seed = json.loads(folder.read_text(encoding="utf-8"))["seed"]
        if seed in done:
            continue
        result = estimate_prepared(folder.parent, args.replicates, args.method)
        done[seed] = result
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
        print(json.dumps(result), flush=True)
    print_table([done[s] for s in sorted(done)])


if __name__ == "__main__":
    main()
