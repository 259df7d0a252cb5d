"""``estimate --linkage-uncertainty [--by FIELD]``: estimate on every linkage replicate,
combine, store.

The stored run is an ordinary run of the ``estimates`` table (per method, a row for the total,
stratum ``""``, and with ``by`` one per stratum), so every reader of estimates, the report's
headline first, shows the combined interval without knowing replicates exist. What makes it
different lives in each row's ``parameters["linkage_uncertainty"]`` (the lists of replicates
and of thresholds on the total's row only):

* ``single_clustering``: the same method on the case's own persons (what a plain ``estimate``
  gives), for the side-by-side;
* ``linkage_share``, ``within_variance``, ``between_variance``: how the uncertainty splits;
* ``replicates``: per replicate its threshold, documented count, estimate and interval;
* ``by_threshold``: N against the match threshold (the report's chart), one point per
  deterministic clustering at each threshold;
* ``seed``, ``spread``, ``replicate_options`` and each replicate table's SHA-256: enough to
  rebuild every replicate.

Replicates run the sampler lighter than a single estimate (two chains, 2,000 burn-in sweeps,
the draws split across replicates so the pooled posterior has at least as many draws as one
full run, but no fewer than 250 per chain, under which split R-hat is too noisy to read): the
pooled posterior is what is read, and its effective size is the sum over replicates.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from undercount.case import Case
from undercount.errors import UndercountError
from undercount.estimate import METHODS, Estimate
from undercount.link.calibration import estimate_calibration
from undercount.toll import (
    TOTAL,
    EstimateRow,
    EstimateRun,
    HistoryTable,
    capture_histories,
    estimate_rows,
    store_estimate_run,
)
from undercount.uncertainty.case_graph import (
    histories_from_labels,
    read_linkage_graph,
    source_order,
)
from undercount.uncertainty.combination import combine_estimates
from undercount.uncertainty.replicates import (
    DEFAULT_SPREAD,
    LinkageGraph,
    cluster_at_thresholds,
    draw_replicates,
)

DEFAULT_REPLICATES = 20
CURVE_THRESHOLDS = (0.1, 0.3, 0.5, 0.7, 0.9)  # five light runs: the chart needs no more
_REPLICATE_BURNIN = 2000
_REPLICATE_CHAINS = 2
_REPLICATE_MIN_SAMPLES = 250  # per chain: fewer make split R-hat too noisy to read
_MIN_ESTIMATED_SHARE = 0.5
_ASSIGNMENT = "undercount_replicate_persons"

Step = Callable[[str], None]


def estimate_with_linkage_uncertainty(
    case: Case,
    *,
    method: str = "lcmcr",
    by: str | None = None,
    replicates: int = DEFAULT_REPLICATES,
    seed: int | None = None,
    level: float = 0.95,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    spread: float = DEFAULT_SPREAD,
    thresholds: Sequence[float] = CURVE_THRESHOLDS,
    progress: Step | None = None,
) -> EstimateRun:
    """Estimate the total (and, with ``by``, each stratum) over ``replicates`` plausible
    clusterings and store the combination.

    ``options`` maps a method to its options as in ``toll.estimate_case``; they apply in full to
    the single-clustering estimate, and (lighter, see the module docstring) to the replicates.
    Per stratum, a person's value is decided within each replicate by the rule the case's own
    persons follow (:func:`undercount.toll.person_values_sql`), so a person a replicate splits
    may count in two strata, as the linkage would have it.
    """
    step = progress or (lambda message: None)
    if method != "all" and method not in METHODS:
        raise UndercountError(
            f"unknown method {method!r}.", hint=f"Choose {', '.join(METHODS)} or all."
        )
    if replicates < 2:
        raise UndercountError(
            f"combining needs at least 2 replicates, not {replicates}.", hint="Try --replicates 20."
        )
    seed = secrets.randbits(31) if seed is None else seed
    given = {name: dict(values) for name, values in (options or {}).items()}
    table = capture_histories(case, by=by)
    source_ids, lists = source_order(case)
    if len(lists) < 3:
        raise UndercountError(
            f"the case has {len(lists)} list(s); estimating needs at least 3.",
            hint="Import more lists of the same deaths.",
        )
    methods = list(METHODS) if method == "all" else [method]
    if len(lists) > 5:
        methods = [m for m in methods if m != "dga"] if method == "all" else methods
    graph = read_linkage_graph(case)

    calibration = estimate_calibration(*graph.reviewed())
    step(f"drawing {replicates} linkage replicates")
    drawn = list(
        draw_replicates(graph, replicates, seed=seed, spread=spread, calibration=calibration)
    )
    replicate_tables = [
        _replicate_table(case, graph, r.labels, by, source_ids, lists) for r in drawn
    ]
    curve_tables = [
        _replicate_table(case, graph, labels, None, source_ids, lists)
        for labels in cluster_at_thresholds(graph, thresholds)
    ]
    strata = [TOTAL, *table.counts] if by is not None else [TOTAL]

    rows: list[EstimateRow] = []
    for name in methods:
        step(f"{name}: estimating on each replicate")
        light = replicate_options(name, given.get(name, {}), replicates)
        single = _by_stratum(table, name, seed, level, given.get(name, {}))
        estimated = [
            _by_stratum(t, name, r.seed, level, light)
            for r, t in zip(drawn, replicate_tables, strict=True)
        ]
        curve = [_by_stratum(t, name, seed, level, light)[TOTAL] for t in curve_tables]
        shared = {
            "seed": seed,
            "spread": None if calibration else spread,
            "calibration": calibration.as_dict() if calibration else None,
            "replicate_options": light,
        }
        for stratum in strata:
            documented = table.documented(None if stratum == TOTAL else stratum)
            usable = [e[stratum] for e in estimated if e.get(stratum) is not None]
            combined: Estimate | None = None
            refused: str | None = None
            details: dict[str, Any] = {**shared, "replicates_estimated": len(usable)}
            if len(usable) >= max(2, _MIN_ESTIMATED_SHARE * replicates):
                combined, share = combine_estimates(usable)
                details |= share.as_dict()
            else:
                refused = (
                    f"only {len(usable)} of {replicates} linkage replicates could be estimated"
                )
            details["single_clustering"] = _figure(single.get(stratum), documented)
            if stratum == TOTAL:
                details["replicates"] = [
                    {"index": r.index, "threshold": round(r.threshold, 4)}
                    | _figure(e.get(TOTAL), t.documented())
                    | {"histories_sha256": _sha256(t.total())}
                    for r, t, e in zip(drawn, replicate_tables, estimated, strict=True)
                ]
                details["by_threshold"] = [
                    {"threshold": threshold} | _figure(e, t.documented())
                    for threshold, t, e in zip(thresholds, curve_tables, curve, strict=True)
                ]
            rows.append(
                EstimateRow(
                    name, stratum, documented, combined, refused, {"linkage_uncertainty": details}
                )
            )
    step("storing the combined estimates")
    return store_estimate_run(case, table, rows, seed=seed, level=level, options=given)


def _replicate_table(
    case: Case,
    graph: LinkageGraph,
    labels: np.ndarray,
    by: str | None,
    source_ids: tuple[int, ...],
    lists: tuple[str, ...],
) -> HistoryTable:
    """A replicate's capture histories: counted in numpy when unstratified (fast), else by the
    case's own SQL with the replicate's labels standing in for its persons."""
    if by is None:
        return HistoryTable(
            lists, None, {TOTAL: histories_from_labels(graph.sources, labels, source_ids)}
        )
    assignment = pa.table({"record_id": graph.record_ids, "person_id": labels})
    case.con.register(_ASSIGNMENT, assignment)
    try:
        return capture_histories(case, by=by, assignment=_ASSIGNMENT)
    finally:
        case.con.unregister(_ASSIGNMENT)


def _by_stratum(
    table: HistoryTable, method: str, seed: int, level: float, options: Mapping[str, Any]
) -> dict[str, Estimate | None]:
    """Each stratum's estimate (``TOTAL`` for the whole table); ``None`` where it was refused."""
    return {row.stratum: row.estimate for row in estimate_rows(method, table, seed, level, options)}


def replicate_options(method: str, given: Mapping[str, Any], replicates: int) -> dict[str, Any]:
    """A method's options for one replicate: the pool holds at least one full run's draws."""
    options = dict(given)
    if method == "lcmcr":
        pooled = int(given.get("samples", 1000)) * int(given.get("chains", 4))
        options["chains"] = _REPLICATE_CHAINS
        options["burnin"] = int(given.get("burnin", _REPLICATE_BURNIN))
        options["samples"] = max(
            _REPLICATE_MIN_SAMPLES, math.ceil(pooled / (_REPLICATE_CHAINS * replicates))
        )
    elif method == "dga":
        options["draws"] = max(200, math.ceil(int(given.get("draws", 4000)) / replicates))
    return options


def _figure(result: Estimate | None, documented: int) -> dict[str, Any]:
    if result is None:
        return {"documented": documented, "n_hat": None, "lower": None, "upper": None}
    return {
        "documented": documented,
        "n_hat": round(result.n_hat, 2),
        "lower": round(result.lower, 2),
        "upper": round(result.upper, 2) if math.isfinite(result.upper) else None,
    }


def _sha256(histories: Mapping[str, int]) -> str:
    return hashlib.sha256(json.dumps(dict(histories), sort_keys=True).encode()).hexdigest()
