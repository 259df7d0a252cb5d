"""Clustering a real case's scored pairs both ways: ``cluster_records`` (compiled) and the plain
reference implementation the tests hold it to, with seconds, memory and whether the labels are
identical.

    python benchmarks/link_clustering.py --root benchmarks/out/link_simulated/victims_520000_seed_7

The pairs are scored once (as ``link_case`` scores them); each clustering then runs in its own
child process so its peak RSS is its own. The load average is printed beside each timing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np


def score(root: Path, out: Path) -> dict[str, object]:
    from undercount.case import open_case
    from undercount.link.linking import _records_and_sources
    from undercount.link.scoring import score_case_pairs

    with open_case(root / "case.undercount") as case:
        clock = time.perf_counter()
        scored = score_case_pairs(case.con)
        seconds = time.perf_counter() - clock
        record_ids, _, _ = _records_and_sources(case.con)
    np.savez(
        out,
        record_ids=record_ids,
        left=scored.pairs.column("record_id_l").to_numpy(),
        right=scored.pairs.column("record_id_r").to_numpy(),
        probability=scored.pairs.column("match_probability").to_numpy(),
        against_l=scored.below_floor.column("record_id_l").to_numpy(),
        against_r=scored.below_floor.column("record_id_r").to_numpy(),
    )
    return {
        "score_s": round(seconds, 1),
        "pairs": scored.pairs.num_rows,
        "against": scored.below_floor.num_rows,
    }


def cluster(saved: Path, compiled: bool, labels_out: Path) -> dict[str, object]:
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "link"))
    from reference_average_linkage import reference_cluster_records

    from undercount.link.clustering import cluster_records

    arrays = np.load(saved)
    before = _peak_rss_mb()
    load = os.getloadavg()[0]
    clock = time.perf_counter()
    result = (cluster_records if compiled else reference_cluster_records)(
        arrays["record_ids"],
        arrays["left"],
        arrays["right"],
        arrays["probability"],
        against=(arrays["against_l"], arrays["against_r"]),
    )
    seconds = time.perf_counter() - clock
    np.save(labels_out, result.labels)
    return {
        "compiled": compiled,
        "seconds": round(seconds, 1),
        "load": round(load, 1),
        "rss_before_mb": before,
        "peak_rss_mb": _peak_rss_mb(),
        "persons": result.n_clusters,
        "refused_merges": result.refused_merges,
    }


def _peak_rss_mb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _in_child(function, *args):  # type: ignore[no-untyped-def]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        saved = Path(scratch) / "pairs.npz"
        print("scored", _in_child(score, args.root, saved), flush=True)
        labels = []
        for compiled in (True, False):
            out = Path(scratch) / f"labels_{compiled}.npy"
            print("clustered", _in_child(cluster, saved, compiled, out), flush=True)
            labels.append(np.load(out))
        print("identical labels:", bool(np.array_equal(labels[0], labels[1])))


if __name__ == "__main__":
    main()
