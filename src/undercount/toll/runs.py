"""Estimate a case's total and store every run, with the exact table it was estimated from.

The pure ``undercount.estimate`` library does the statistics; this module decides what table to
give it (the case's persons × lists, overall or per stratum), records the seed it drew when none
was given, and keeps each run in ``estimates`` beside the linkage run it used, so any number in
a report can be traced to its inputs and reproduced.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from undercount.case import Case, current_actor, utc_now
from undercount.errors import UndercountError
from undercount.estimate import METHODS, Estimate, EstimationError, estimate, estimate_strata
from undercount.toll.histories import TOTAL, HistoryTable, capture_histories

_QUANTILES = (0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975)
# The method a reader sees first when one run holds several: LCMCR is what casualty
# statisticians (HRDAG) publish with; dga and the log-linear models are its cross-checks.
METHOD_PREFERENCE = ("lcmcr", "dga", "loglinear")


@dataclass(frozen=True)
class EstimateRow:
    """One stored line of a run: a method's estimate for one stratum (or the total)."""

    method: str
    stratum: str
    documented: int
    estimate: Estimate | None
    refused: str | None
    parameters: Mapping[str, Any] = field(default_factory=dict)  # stored beside seed, options


@dataclass(frozen=True)
class EstimateRun:
    run_id: int
    seed: int
    by: str | None
    rows: tuple[EstimateRow, ...]
    lists: tuple[str, ...]


def estimate_case(
    case: Case,
    *,
    method: str = "lcmcr",
    by: str | None = None,
    seed: int | None = None,
    level: float = 0.95,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> EstimateRun:
    """Estimate with ``method`` (or ``"all"``), overall or per ``by`` stratum, and store it.

    ``options`` maps a method to its options, named as in the R packages
    (``{"lcmcr": {"samples": 2000}}``), so one call can run every method with its own.
    """
    options = {name: dict(given) for name, given in (options or {}).items()}
    methods = list(METHODS) if method == "all" else [method]
    if method != "all" and method not in METHODS:
        raise UndercountError(
            f"unknown method {method!r}.", hint=f"Choose {', '.join(METHODS)} or all."
        )
    seed = secrets.randbits(31) if seed is None else seed
    table = capture_histories(case, by=by)
    if len(table.lists) < 3:
        raise UndercountError(
            f"the case has {len(table.lists)} list(s); estimating needs at least 3.",
            hint="Import more lists of the same deaths.",
        )
    if len(table.lists) > 5:
        methods = [m for m in methods if m != "dga"] if method == "all" else methods
    rows: list[EstimateRow] = []
    for name in methods:
        rows.extend(estimate_rows(name, table, seed, level, options.get(name, {})))
    return store_estimate_run(case, table, rows, seed=seed, level=level, options=options)


def store_estimate_run(
    case: Case,
    table: HistoryTable,
    rows: list[EstimateRow],
    *,
    seed: int,
    level: float,
    options: Mapping[str, Any],
) -> EstimateRun:
    """Store estimates made elsewhere (e.g. over linkage replicates) as one ordinary run.

    ``table`` is the histories the rows are stored beside (their documented count and the table
    the report checks for overlap); each row's own ``parameters`` are stored next to the seed
    and options.
    """
    with case.transaction():
        run_id = _store(case, table, rows, seed=seed, level=level, options=dict(options))
        methods = list(dict.fromkeys(row.method for row in rows))
        case.audit("estimate", {"run_id": run_id, "methods": methods, "by": table.by, "seed": seed})
    return EstimateRun(run_id, seed, table.by, tuple(rows), table.lists)


def estimate_rows(
    method: str, table: HistoryTable, seed: int, level: float, options: Mapping[str, Any]
) -> list[EstimateRow]:
    """``method``'s rows for ``table``: the total, and each stratum when it is stratified. A
    table that cannot be estimated gives a refused row, not an error."""
    try:
        if table.by is None:
            result = estimate(table.named(), method=method, seed=seed, level=level, **options)
            assert isinstance(result, Estimate)
            return [EstimateRow(method, TOTAL, table.documented(), result, None)]
        stratified = estimate_strata(
            {stratum: table.named(stratum) for stratum in table.counts},
            method=method,
            seed=seed,
            level=level,
            **options,
        )
    except EstimationError as error:
        return [EstimateRow(method, TOTAL, table.documented(), None, str(error))]
    except ValueError as error:
        raise UndercountError(str(error)) from None
    rows = [
        EstimateRow(
            method,
            TOTAL,
            table.documented(),
            stratified.total,
            None if stratified.total else "no stratum could be estimated",
        )
    ]
    for stratum in table.counts:
        rows.append(
            EstimateRow(
                method,
                stratum,
                table.documented(stratum),
                stratified.strata.get(stratum),
                stratified.refused.get(stratum),
            )
        )
    return rows


def _store(
    case: Case,
    table: HistoryTable,
    rows: list[EstimateRow],
    *,
    seed: int,
    level: float,
    options: dict[str, Any],
) -> int:
    con = case.con
    run_id = int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM estimates").fetchone()[0])
    linkage = con.execute("SELECT max(run_id) FROM linkage_runs").fetchone()
    now, actor = utc_now(), current_actor()
    for row in rows:
        parameters = json.dumps({"seed": seed, "options": options, **row.parameters}, default=str)
        histories = table.total() if row.stratum == TOTAL else table.counts.get(row.stratum, {})
        serialised = json.dumps(histories, sort_keys=True)
        est = row.estimate
        con.execute(
            f"INSERT INTO estimates VALUES ({', '.join('?' * 21)})",
            [
                run_id,
                now,
                actor,
                row.method,
                table.by,
                row.stratum,
                row.documented,
                _finite(est.n_hat) if est else None,
                _finite(est.lower) if est else None,
                _finite(est.upper) if est else None,
                level,
                est.model if est else None,
                row.refused,
                json.dumps(list(est.warnings) if est else []),
                json.dumps(list(table.lists)),
                serialised,
                hashlib.sha256(serialised.encode()).hexdigest(),
                json.dumps(_draws_summary(est.draws)) if est is not None else None,
                parameters,
                json.dumps(_printable(est.diagnostics)) if est else None,
                linkage[0] if linkage else None,
            ],
        )
    return run_id


def _finite(value: float) -> float | None:
    """JSON and SQL have no infinity: an unbounded upper limit is stored as NULL."""
    return value if math.isfinite(value) else None


def _draws_summary(draws: np.ndarray | None) -> dict[str, float] | None:
    if draws is None or not len(draws):
        return None
    values = np.quantile(draws, _QUANTILES)
    return {
        "mean": float(np.mean(draws)),
        **{f"q{q:g}": float(v) for q, v in zip(_QUANTILES, values, strict=True)},
    }


def _printable(diagnostics: Any) -> Any:
    """Diagnostics reduced to what JSON holds: scalars, lists of scalars, dicts of those."""
    if isinstance(diagnostics, dict) or hasattr(diagnostics, "items"):
        return {
            str(k): _printable(v)
            for k, v in diagnostics.items()
            if not isinstance(v, np.ndarray) or v.size <= 64
        }
    if isinstance(diagnostics, list | tuple):
        return [_printable(v) for v in diagnostics]
    if isinstance(diagnostics, np.ndarray):
        return diagnostics.tolist()
    if isinstance(diagnostics, np.generic):
        return diagnostics.item()
    if isinstance(diagnostics, float) and not math.isfinite(diagnostics):
        return None
    if diagnostics is None or isinstance(diagnostics, str | int | float | bool):
        return diagnostics
    return str(diagnostics)


def list_estimates(case: Case, *, run_id: int | None = None) -> list[dict[str, Any]]:
    """Stored estimates, newest run first; ``run_id`` picks one run."""
    where = "" if run_id is None else f"WHERE run_id = {int(run_id)}"
    cursor = case.con.execute(
        "SELECT run_id, created_at, method, stratum_field, stratum, documented, n_hat, lower, "
        "upper, level, model, refused, warnings, lists, histories_sha256, draws_summary, "
        f"parameters, linkage_run_id FROM estimates {where} "
        "ORDER BY run_id DESC, method, stratum <> '', stratum"
    )
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        for key in ("warnings", "lists", "draws_summary", "parameters"):
            if row[key] is not None:
                row[key] = json.loads(row[key])
    return rows


def method_rank(method: str) -> int:
    """A method's place in ``METHOD_PREFERENCE``; unknown methods come last."""
    return (
        METHOD_PREFERENCE.index(method) if method in METHOD_PREFERENCE else len(METHOD_PREFERENCE)
    )


def headline_rows(rows: list[dict[str, Any]], latest_linkage: int | None) -> list[dict[str, Any]]:
    """The total rows of the run a reader sees first, preferred method first.

    ``rows`` as :func:`list_estimates` gives them (newest run first). The run is the newest
    unstratified one made with linkage uncertainty from the case's current linkage
    (``latest_linkage``, the newest linkage run's id), else the newest unstratified one, else
    the newest stratified one (whose total the toll combines from its strata). The report's
    headline and ``undercount evaluate`` both read the toll by this rule.
    """
    runs: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        runs.setdefault(row["run_id"], []).append(row)

    def carries_linkage(run: list[dict[str, Any]]) -> bool:
        return any(
            row["stratum"] == TOTAL
            and row["parameters"].get("linkage_uncertainty")
            and (latest_linkage is None or row["linkage_run_id"] == latest_linkage)
            for row in run
        )

    ordered = sorted(  # stable: newest first within each kind
        runs.values(),
        key=lambda run: (run[0]["stratum_field"] is not None, not carries_linkage(run)),
    )
    for run in ordered:
        totals = [row for row in run if row["stratum"] == TOTAL]
        if totals:
            return sorted(totals, key=lambda row: method_rank(row["method"]))
    return []


def evaluate_estimate(case: Case, true_total: int) -> dict[str, Any] | None:
    """The report's headline estimate (:func:`headline_rows`) against a known total."""
    latest = case.con.execute("SELECT max(run_id) FROM linkage_runs").fetchone()
    rows = headline_rows(list_estimates(case), latest[0] if latest else None)
    chosen = next((row for row in rows if row["n_hat"] is not None), None)
    if chosen is None:
        return None
    return {
        "true_total": true_total,
        "method": chosen["method"],
        "run_id": chosen["run_id"],
        "n_hat": chosen["n_hat"],
        "lower": chosen["lower"],
        "upper": chosen["upper"],
        "covered": covers(chosen, true_total),
    }


def covers(row: dict[str, Any], total: int) -> bool:
    """Whether a stored estimate's interval holds ``total`` (NULL upper: unbounded)."""
    return row["lower"] <= total and (row["upper"] is None or total <= row["upper"])


def interval_text(row: dict[str, Any]) -> str:
    """A stored estimate's interval as people read it: "997 – 1,199" or "997 – unbounded"."""
    upper = "unbounded" if row["upper"] is None else f"{row['upper']:,.0f}"
    return f"{row['lower']:,.0f} – {upper}"
