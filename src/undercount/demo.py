"""The demo: a simulated case run through every stage, scored against its known truth.

It is the README's first command, so it must work on a fresh machine with no input at all:
simulate → import → link → estimate → claims → report, then how linkage and estimation did
against the truth.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from undercount.case import init_case
from undercount.case.listing import list_sources
from undercount.claims import Claim, add_claim
from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case
from undercount.report import write_report
from undercount.simulate import SimulatedCase, simulate_case
from undercount.toll import covers, estimate_case, interval_text, list_estimates
from undercount.uncertainty import estimate_with_linkage_uncertainty

Step = Callable[[str], None]


@dataclass
class DemoResult:
    case_dir: Path
    report: Path
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
        say("Estimating again over 20 plausible linkages (LCMCR), so the interval carries them")
        combined = estimate_with_linkage_uncertainty(case, method="lcmcr", seed=seed)
        estimates += list_estimates(case, run_id=combined.run_id)
        for stratum in ("region", "day"):
            # dga's posterior is closed-form: per-stratum runs take a fraction of a second.
            say(f"Estimating per {stratum} (dga; strata too sparse to estimate say why)")
            estimate_case(case, method="dga", by=stratum, seed=seed)
        say("Recording what the authorities and an NGO claimed")
        for claim in simulated_claims(simulated):
            add_claim(case, claim)
        sources = list_sources(case)
        report = out / "report.html"
        say(f"Writing the report {report}")
        write_report(case, report, title="Simulated case: a crackdown, January 2022")
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
            "method": row["method"]
            + (", over linkages" if "linkage_uncertainty" in row["parameters"] else ""),
            "documented": row["documented"],
            "estimate": round(row["n_hat"]),
            "95% interval": interval_text(row),
            "covers the truth": "yes" if covers(row, true_total) else "no",
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
        f"Report: {report} (opens offline in any browser)",
        f"Next: undercount estimates {case_dir}   |   undercount review {case_dir}",
    ]
    return DemoResult(case_dir, report, sources_table, estimates_table, lines)


def simulated_claims(simulated: SimulatedCase) -> list[Claim]:
    """Claims as the parties to such an event make them, from the simulation's truth.

    The prosecutor counts the official list, then revises upward once morgue records are in;
    an NGO gives a floor from its own and families' reports. None is an estimate: that is the
    point the report makes.
    """
    with simulated.persons_csv.open(encoding="utf-8", newline="") as handle:
        people = list(csv.DictReader(handle))
    lists = [source.name for source in simulated.sources]

    def on(*names: str) -> list[dict[str, str]]:
        positions = [lists.index(name) for name in names]
        return [p for p in people if any(p["capture_history"][i] == "1" for i in positions)]

    def officers(group: list[dict[str, str]]) -> dict[str, int]:
        count = sum(p["status"] == "law_enforcement" for p in group)
        return {"law-enforcement": count} if count else {}

    official, revised, ngo = on("official"), on("official", "morgue"), on("ngo", "family")
    prosecutor = "Prosecutor General's Office"
    return [
        Claim(
            prosecutor,
            "government",
            date(2022, 1, 15),
            len(official),
            "exactly",
            subgroups=officers(official),
            quote="(simulated) bodies of those killed",
        ),
        Claim(
            prosecutor,
            "government",
            date(2022, 2, 1),
            len(revised),
            "exactly",
            subgroups=officers(revised),
            quote="(simulated) revised figure",
        ),
        Claim(
            "Human rights coalition",
            "ngo",
            date(2022, 1, 25),
            len(ngo),
            "at-least",
            quote="(simulated) documented by name",
        ),
    ]
