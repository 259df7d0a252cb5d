"""The demo: a simulated case run through every stage that exists, scored against its truth.

It is the README's first command, so it must work on a fresh machine with no input at all, and
each stage that lands extends it (link, estimate, report).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from undercount.case import init_case
from undercount.case.listing import list_sources
from undercount.ingest import import_list
from undercount.simulate import simulate_case


@dataclass
class DemoResult:
    case_dir: Path
    sources_table: list[dict[str, Any]]
    lines: list[str] = field(default_factory=list)


def run_demo(out: Path, *, victims: int = 1000, seed: int = 2022) -> DemoResult:
    """Simulate into ``out/lists``, build ``out/case.undercount``; replaces an earlier demo."""
    lists_dir, case_dir = out / "lists", out / "demo.undercount"
    for old in (lists_dir, case_dir):
        if old.exists():
            shutil.rmtree(old)
    simulated = simulate_case(lists_dir, victims=victims, sources=5, seed=seed)
    with init_case(case_dir) as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        sources = list_sources(case)
        documented_rows = sum(row["row_count"] for row in sources)
    truth = json.loads((lists_dir / "truth.json").read_text(encoding="utf-8"))
    table = [
        {
            "source": row["name"],
            "kind": row["kind"],
            "file": row["file_name"],
            "encoding": row["encoding"],
            "rows": row["row_count"],
            "issues": row["issues"],
        }
        for row in sources
    ]
    lines = [
        f"Case: {case_dir}",
        f"{documented_rows} records on {len(sources)} lists; "
        f"the simulation killed {simulated.true_total} people "
        f"(truth: {lists_dir / 'truth.csv'}).",
        "True deaths by region: "
        + ", ".join(
            f"{region} {count}"
            for region, count in sorted(
                truth.get("by_region", {}).items(), key=lambda item: -item[1]
            )[:5]
        ),
        "Next: undercount records " + str(case_dir) + " --source " + sources[0]["name"],
    ]
    return DemoResult(case_dir, table, lines)
