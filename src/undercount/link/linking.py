"""``link_case``: score, cluster, number and save persons, in one call."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from scipy.special import expit, logit

from undercount import __version__
from undercount.case import Case, utc_now
from undercount.errors import UndercountError
from undercount.link.calibration import Calibration, estimate_calibration, reviewed_probabilities
from undercount.link.clustering import DEFAULT_THRESHOLD, cluster_records
from undercount.link.identities import assign_person_ids
from undercount.link.model import repeat_weights
from undercount.link.scoring import PREDICTION_FLOOR, ScoredPairs, score_case_pairs
from undercount.link.store import (
    Decisions,
    RunRecord,
    next_person_id,
    read_decisions,
    read_previous_persons,
    save_run,
)

DEFAULT_SEED = 1


@dataclass(frozen=True)
class LinkResult:
    """What a linkage run did; ``seconds`` holds the time of each stage."""

    run_id: int
    engine: str
    records: int
    persons: int
    pairs_kept: int
    threshold: float
    seed: int
    comparisons: list[str]
    blocking_rules: list[str]
    decisions_applied: int
    conflicts: list[tuple[int, int]] = field(default_factory=list)
    refused_merges: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    calibration: Calibration | None = None


def link_case(
    case: Case,
    *,
    engine: str = "duckdb",
    threshold: float | None = None,
    seed: int = DEFAULT_SEED,
    duplicate_free: Sequence[str] = (),
    progress: Callable[[str], None] | None = None,
) -> LinkResult:
    """Link every record of ``case`` into persons and save them with the model that made them.

    ``threshold`` is the match probability a pair needs to join two clusters, and the mean two
    clusters need to merge (default ``clustering.DEFAULT_THRESHOLD``). ``duplicate_free`` names
    sources known to list each person once. Reviewer decisions in the case are applied as
    must-link and cannot-link constraints.
    """
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not PREDICTION_FLOOR <= threshold < 1:
        raise UndercountError(
            f"threshold {threshold} is outside [{PREDICTION_FLOOR}, 1).",
            hint="Use a match probability such as 0.5 or 0.9.",
        )
    step = progress or (lambda message: None)
    started, clock = utc_now(), time.perf_counter()
    seconds: dict[str, float] = {}
    scored = score_case_pairs(
        case.con, engine=engine, seed=seed, threshold=threshold, progress=step
    )
    seconds["score"] = time.perf_counter() - clock

    clock = time.perf_counter()
    step("clustering records into persons")
    record_ids, source_codes, codes_by_name = _records_and_sources(case.con)
    unknown = sorted(set(duplicate_free) - set(codes_by_name))
    if unknown:
        raise UndercountError(
            f"no source named {unknown[0]!r}.", hint=f"Sources: {', '.join(codes_by_name)}."
        )
    decisions = read_decisions(case.con)
    pairs, model_json, calibration = _learn_from_reviews(scored.pairs, scored.model_json, decisions)
    repeats = repeat_weights(model_json, scored.features.sources)
    clustering = cluster_records(
        record_ids,
        pairs.column("record_id_l").to_numpy(),
        pairs.column("record_id_r").to_numpy(),
        pairs.column("match_probability").to_numpy(),
        threshold=threshold,
        against=(
            scored.below_floor.column("record_id_l").to_numpy(),
            scored.below_floor.column("record_id_r").to_numpy(),
        ),
        must_link=decisions.must_link,
        cannot_link=decisions.cannot_link,
        sources=source_codes,
        duplicate_free=[codes_by_name[name] for name in duplicate_free],
        repeat_weights={codes_by_name[name]: w for name, w in repeats.items()},
    )
    person_of_cluster = assign_person_ids(
        record_ids,
        clustering.labels,
        read_previous_persons(case.con, record_ids),
        next_id=next_person_id(case.con),
    )
    seconds["cluster"] = time.perf_counter() - clock

    clock = time.perf_counter()
    step("saving persons")
    run = RunRecord(
        started_at=started,
        engine=engine,
        seed=seed,
        threshold=threshold,
        records=len(record_ids),
        pairs_kept=pairs.num_rows,
        persons=clustering.n_clusters,
        settings=_settings_summary(scored, threshold, duplicate_free, repeats, calibration),
        model=model_json,
        versions=_versions(engine),
    )
    run_id = save_run(case, run, pairs, record_ids, person_of_cluster[clustering.labels])
    seconds["save"] = time.perf_counter() - clock
    return LinkResult(
        run_id=run_id,
        engine=engine,
        records=len(record_ids),
        persons=clustering.n_clusters,
        pairs_kept=pairs.num_rows,
        threshold=threshold,
        seed=seed,
        comparisons=scored.model.comparisons,
        blocking_rules=scored.model.blocking_rules,
        decisions_applied=len(decisions.must_link) + len(decisions.cannot_link),
        conflicts=clustering.conflicts,
        refused_merges=clustering.refused_merges,
        seconds=seconds,
        calibration=calibration,
    )


def _records_and_sources(
    con: duckdb.DuckDBPyConnection,
) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    table = con.execute(
        "SELECT DISTINCT record_id, source_id FROM records ORDER BY record_id"
    ).to_arrow_table()
    names = dict(con.execute("SELECT name, source_id FROM sources ORDER BY source_id").fetchall())
    return (
        table.column("record_id").to_numpy().astype(np.int64),
        table.column("source_id").to_numpy().astype(np.int64),
        {str(k): int(v) for k, v in names.items()},
    )


def _learn_from_reviews(
    pairs: pa.Table, model: dict[str, Any], decisions: Decisions
) -> tuple[pa.Table, dict[str, Any], Calibration | None]:
    """Reviewers' decisions train the model: the prior odds move by the shift δ the reviewed
    pairs measure (:mod:`undercount.link.calibration`), and with them every pair's weight and
    probability. Besides, each decision binds its own pair in clustering. Fewer than
    ``MIN_REVIEWED`` usable decisions leave the model as trained."""
    calibration = estimate_calibration(
        *reviewed_probabilities(
            pairs.column("record_id_l").to_numpy(),
            pairs.column("record_id_r").to_numpy(),
            pairs.column("match_probability").to_numpy(),
            decisions.must_link,
            decisions.cannot_link,
        )
    )
    if calibration is None:
        return pairs, model, None
    bits = calibration.shift / math.log(2)
    weight = pairs.column("match_weight").to_numpy() + bits
    pairs = pairs.set_column(
        pairs.schema.get_field_index("match_weight"), "match_weight", pa.array(weight)
    ).set_column(
        pairs.schema.get_field_index("match_probability"),
        "match_probability",
        pa.array(expit(weight * math.log(2))),
    )
    prior = model["probability_two_random_records_match"]
    shifted = expit(logit(prior) + calibration.shift)
    return pairs, {**model, "probability_two_random_records_match": float(shifted)}, calibration


def _settings_summary(
    scored: ScoredPairs,
    threshold: float,
    duplicate_free: Sequence[str],
    repeats: dict[str, float],
    calibration: Calibration | None,
) -> dict[str, object]:
    return {
        "comparisons": scored.model.comparisons,
        "blocking_rules": scored.model.blocking_rules,
        "extra_columns": scored.features.extra_columns,
        "prediction_floor": PREDICTION_FLOOR,
        "training_notes": scored.training_notes,
        "prior_from_reviews": calibration.as_dict() if calibration else None,
        "clustering": {
            "method": "greedy average linkage with constraints",
            "threshold": threshold,
            "support": threshold,
            "duplicate_free_sources": list(duplicate_free),
            "repeat_weights": repeats,
        },
    }


def _versions(engine: str) -> dict[str, str]:
    found = {"undercount": __version__, "duckdb": duckdb.__version__}
    for package in ("splink", *(("pyspark",) if engine == "spark" else ())):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found
