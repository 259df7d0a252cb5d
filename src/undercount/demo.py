"""The demo: a simulated case run through every stage, scored against its known truth.

It is the README's first command, so it must work on a fresh machine with no input at all:
simulate → import → link → estimate, then how linkage and estimation did against the truth.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from undercount.case import init_case
from undercount.case.listing import list_sources
from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case
from undercount.simulate import simulate_case
from undercount.toll import estimate_case, list_estimates

Step = Callable[[str], None]


@dataclass
class DemoResult:
    case_dir: Path
    sources_table: list[dict[str, Any]]
    estimates_table: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def run_demo(
    out: Path, *, victims: int = 1000, seed: int = 2022, step: Step | None = None
) -> DemoResult:
    """Simulate into ``out/lists``, build ``out/demo.undercount``; replaces an earlier demo."""
    say = step or (lambda message: None)
    lists_dir, case_dir = out / "lists", out / "demo.undercount"
    for old in (lists_dir, case_dir):
        if old.exists():
            shutil.rmtree(old)
    say(f"Simulating {victims} deaths and the lists that record them")
    simulated = simulate_case(lists_dir, victims=victims, sources=5, seed=seed)
    truth = json.loads(simulated.truth_json.read_text(encoding="utf-8"))
    with init_case(case_dir) as case:
        for source in simulated.sources:
            say(f"Importing {source.path.name}")
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        say("Linking records into persons")
        linked = link_case(case, seed=seed)
        linkage = evaluate_linkage(case, simulated.truth_csv)
        say("Estimating the total (log-linear, LCMCR, dga)")
        run = estimate_case(case, method="all", seed=seed)
        estimates = list_estimates(case, run_id=run.run_id)
        sources = list_sources(case)
    sources_table = [
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
    true_total = int(truth["total"])
    estimates_table = [
        {
            "method": row["method"],
            "documented": row["documented"],
            "estimate": round(row["n_hat"]),
            "95% interval": _interval(row),
            "covers the truth": "yes" if _covers(row, true_total) else "no",
        }
        for row in estimates
        if row["n_hat"] is not None
    ]
    pairwise, clusters = linkage["pairwise"], linkage["clusters"]
    lines = [
        f"Case: {case_dir}",
        f"{sum(r['row_count'] for r in sources)} records on {len(sources)} lists became "
        f"{linked.persons} persons; truth: {simulated.documented} documented people "
        f"({clusters['persons_found'] - clusters['persons_true']:+d}).",
        f"Linkage against the truth: precision {pairwise['precision']:.3f}, "
        f"recall {pairwise['recall']:.3f}, F1 {pairwise['f1']:.3f}.",
        f"True total killed: {true_total}, of whom {simulated.documented} are on some list.",
        f"Next: undercount estimates {case_dir}   |   undercount records {case_dir}",
    ]
    return DemoResult(case_dir, sources_table, estimates_table, lines)


def _interval(row: dict[str, Any]) -> str:
    upper = "unbounded" if row["upper"] is None else f"{row['upper']:,.0f}"
    return f"{row['lower']:,.0f} – {upper}"


def _covers(row: dict[str, Any], truth: int) -> bool:
    return row["lower"] <= truth and (row["upper"] is None or truth <= row["upper"])
