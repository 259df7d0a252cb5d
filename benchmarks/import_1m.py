"""Import a simulated list of 1,000,000 rows; print wall time and peak memory.

    python benchmarks/import_1m.py [--rows 1000000] [--keep]

Floor (issue 2): ≤ 60 s and ≤ 2 GB peak on a 2-core machine. The list is the simulator's
official list (Russian headers, split name columns, dates, ages, places, statuses), so names,
dates and places repeat as they do in real lists rather than being all distinct.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out" / "import_1m"


def make_list(rows: int) -> Path:
    big = OUT / f"official_{rows}.csv"
    if big.exists():
        return big
    from undercount.simulate import simulate_case

    simulated = simulate_case(OUT / "sim", victims=int(rows * 2.1), sources=2, seed=1)
    official = next(s for s in simulated.sources if s.name == "official")
    with (
        official.path.open(encoding=official.encoding, newline="") as source,
        big.open("w", encoding="utf-8", newline="") as target,
    ):
        for number, line in enumerate(source):
            if number > rows:
                break
            target.write(line)
    shutil.rmtree(OUT / "sim")
    return big


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the case afterwards")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = make_list(args.rows)
    print(
        f"list: {path} ({path.stat().st_size / 1e6:.0f} MB), made in "
        f"{time.perf_counter() - started:.1f} s"
    )

    case = OUT / "bench.undercount"
    shutil.rmtree(case, ignore_errors=True)
    undercount = [sys.executable, "-m", "undercount"]
    subprocess.run([*undercount, "init", str(case)], check=True, capture_output=True)
    started = time.perf_counter()
    result = subprocess.run(
        [
            *undercount,
            "import",
            str(case),
            str(path),
            "--source",
            "official",
            "--id-column",
            "Номер",
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if result.returncode != 0:
        sys.exit(f"import failed: {result.stderr}")
    print(result.stderr.strip().splitlines()[0])
    print(
        f"import_1m: rows={args.rows} wall={seconds:.1f}s peak_rss={peak_mb:.0f}MB "
        f"rows_per_s={args.rows / seconds:,.0f} "
        f"(floor: 60 s, 2048 MB) {'PASS' if seconds <= 60 and peak_mb <= 2048 else 'FAIL'}"
    )
    if not args.keep:
        shutil.rmtree(case)


if __name__ == "__main__":
    main()
