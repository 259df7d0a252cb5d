"""Report size and build time for a case of 100,000 people (issue 6: ≤ 5 MB, ≤ 15 s).

Builds a simulated case whose persons come from the simulator's truth (linkage is not what is
measured here), with claims, an overall estimate and estimates by day and region, then times
``gather_report_data`` and ``render_report`` for the full and the redacted report, and how long
headless Chromium takes to open the page and fill the list of people.

    .venv/bin/python benchmarks/report.py [--victims 116000] [--out /tmp/undercount-report-bench]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from undercount.case import Case, init_case
from undercount.claims import Claim, add_claim
from undercount.ingest import import_list
from undercount.report import gather_report_data, render_report
from undercount.simulate import simulate_case
from undercount.toll import estimate_case

FAST_LCMCR = {"lcmcr": {"burnin": 1000, "samples": 300, "thinning": 2, "chains": 2}}
LIMIT_BYTES, LIMIT_SECONDS = 5_000_000, 15.0


def build_case(out: Path, victims: int) -> Case:
    simulated = simulate_case(out / "lists", victims=victims, sources=5, seed=2022)
    case = init_case(out / "bench.undercount")
    for source in simulated.sources:
        import_list(
            case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
        )
    with case.transaction():
        case.con.execute(
            f"""
            INSERT INTO person_records
            SELECT r.record_id, t.person_id::BIGINT
            FROM read_csv('{simulated.truth_csv}', all_varchar = true) t
            JOIN sources s ON s.name = t.source
            JOIN records r ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id
            """
        )
    for day, figure in ((date(2022, 1, 15), 225), (date(2022, 12, 20), 238)):
        add_claim(case, Claim("Prosecutor General's Office", "government", day, figure))
    for by in (None, "day", "region"):
        estimate_case(case, method="lcmcr", by=by, seed=1, options=FAST_LCMCR)
    return case


def time_report(case: Case, out: Path, *, redact: bool) -> tuple[int, float, float, int]:
    started = time.perf_counter()
    data = gather_report_data(case, redact=redact)
    gathered = time.perf_counter()
    html = render_report(data)
    rendered = time.perf_counter()
    out.write_text(html, encoding="utf-8")
    return len(data.persons), gathered - started, rendered - gathered, out.stat().st_size


def time_browser(page: Path) -> tuple[float, str]:
    """Seconds for headless Chromium to load the page and run its script, and the status line."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return float("nan"), "chromium not installed"
    profile = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    result = subprocess.run(
        [
            str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--virtual-time-budget=30000", "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    shutil.rmtree(profile, ignore_errors=True)
    status = re.search(r'id="persons-status"[^>]*>([^<]*)<', result.stdout)
    return elapsed, status.group(1) if status else "no status line"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, default=116_000)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "uc-report")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    started = time.perf_counter()
    case = build_case(args.out, args.victims)
    print(f"case built in {time.perf_counter() - started:.0f} s (not part of the report's time)")
    case.con.execute("SET enable_progress_bar = false")
    for redact in (False, True):
        page = args.out / ("report-redacted.html" if redact else "report.html")
        persons, gather, render, size = time_report(case, page, redact=redact)
        total = gather + render
        verdict = "ok" if size <= LIMIT_BYTES and total <= LIMIT_SECONDS else "OVER LIMIT"
        print(
            f"{'redacted' if redact else 'full    '}: {persons:,} persons, "
            f"gather {gather:.1f} s + render {render:.1f} s = {total:.1f} s, "
            f"{size / 1e6:.2f} MB  [{verdict}: limits {LIMIT_SECONDS:.0f} s, "
            f"{LIMIT_BYTES / 1e6:.0f} MB]"
        )
        seconds, status = time_browser(page)
        print(f"          chromium opened it and filled the list in {seconds:.1f} s: {status}")
    case.close()


if __name__ == "__main__":
    main()
