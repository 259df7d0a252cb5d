"""What reviewing the queue does to the model: a reviewer answers the first N pairs of
``undercount review`` from the truth, and the case is linked again.

    python benchmarks/link_reviews.py [--victims 52000] [--seed 7] [--reviews 100]

Prints the prior's shift learned from the reviews, and, on the pairs scored 0.05–0.95 that
nobody reviewed, the mean probability against the share that are one person (calibration),
before and after; then pairwise F1 and persons against the truth. The case is simulated and
imported under ``benchmarks/out/link_reviews`` (or reused with ``--reuse``), and copied before
reviewing so that it can be reused.
"""

from __future__ import annotations

import argparse
import math
import shutil
from pathlib import Path

import numpy as np

from link_simulated import build_case

OUT = Path(__file__).parent / "out" / "link_reviews"


def main() -> None:
    from undercount.case import open_case
    from undercount.link import decide, link_case, review_queue
    from undercount.link.evaluation import true_persons

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, default=52_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reviews", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="Reuse an earlier case of this size.")
    args = parser.parse_args()
    built = OUT / f"victims_{args.victims}_seed_{args.seed}"
    if not (args.reuse and (built / "case.undercount").exists()):
        build_case(args.victims, args.seed, built)
    root = OUT / "reviewed"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(built, root)
    truth_csv = root / "lists" / "truth.csv"
    with open_case(root / "case.undercount") as case:
        truth = true_persons(case, truth_csv)
        first = link_case(case)
        queue = review_queue(case, limit=args.reviews)
        reviewed = {(pair.record_id_l, pair.record_id_r) for pair in queue}
        _report("before", case, first.run_id, truth, reviewed, truth_csv)
        for pair in queue:
            same = truth[pair.record_id_l] == truth[pair.record_id_r]
            decide(case, pair.record_id_l, pair.record_id_r, "match" if same else "non-match")
        second = link_case(case)
        shift = second.calibration
        if shift is None:
            print(f"{len(queue)} reviews: too few to move the prior")
        else:
            print(
                f"{shift.reviewed_pairs} reviews moved the prior by "
                f"{shift.shift / math.log(2):+.2f} bits "
                f"(delta {shift.shift:+.3f} +- {shift.standard_error:.3f})"
            )
        _report("after", case, second.run_id, truth, reviewed, truth_csv)


def _report(label, case, run_id, truth, reviewed, truth_csv) -> None:  # type: ignore[no-untyped-def]
    from undercount.link import evaluate_linkage

    rows = [
        row
        for row in case.con.execute(
            "SELECT record_id_l, record_id_r, match_probability FROM pair_scores "
            "WHERE run_id = ? AND match_probability BETWEEN 0.05 AND 0.95",
            [run_id],
        ).fetchall()
        if (row[0], row[1]) not in reviewed
    ]
    probability = np.array([row[2] for row in rows])
    same = np.array([truth[row[0]] == truth[row[1]] for row in rows])
    report = evaluate_linkage(case, truth_csv)
    print(
        f"{label}: {len(rows):,} unreviewed pairs scored 0.05-0.95, mean probability "
        f"{probability.mean():.3f}, one person {same.mean():.3f}; "
        f"F1 {report['pairwise']['f1']:.4f}, persons "
        f"{report['clusters']['relative_difference']:+.2%}",
        flush=True,
    )


if __name__ == "__main__":
    main()
