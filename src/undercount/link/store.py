"""Reading and writing the linkage tables of a case (migration 2): runs, pairs, persons.

All writes of one run happen in one transaction: a run that fails leaves the previous persons
in place, whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from undercount.case import Case, current_actor, utc_now

DECISIONS = ("match", "non-match", "unsure")


@dataclass(frozen=True)
class Decisions:
    """The decision in force for each decided pair, as must-link and cannot-link lists."""

    must_link: list[tuple[int, int]]
    cannot_link: list[tuple[int, int]]
    unsure: list[tuple[int, int]]


@dataclass(frozen=True)
class RunRecord:
    started_at: datetime
    engine: str
    seed: int
    threshold: float
    records: int
    pairs_kept: int
    persons: int
    settings: dict[str, Any]
    model: dict[str, Any]
    versions: dict[str, str]


def read_decisions(con: duckdb.DuckDBPyConnection) -> Decisions:
    rows = con.execute(
        """
        SELECT record_id_l, record_id_r, decision FROM pair_decisions
        QUALIFY row_number() OVER (
            PARTITION BY record_id_l, record_id_r ORDER BY decided_at DESC, rowid DESC) = 1
        ORDER BY record_id_l, record_id_r
        """
    ).fetchall()
    by_kind: dict[str, list[tuple[int, int]]] = {d: [] for d in DECISIONS}
    for left, right, decision in rows:
        by_kind[decision].append((int(left), int(right)))
    return Decisions(by_kind["match"], by_kind["non-match"], by_kind["unsure"])


def record_decision(
    case: Case,
    record_a: int,
    record_b: int,
    decision: str,
    *,
    note: str | None = None,
) -> None:
    """Append a reviewer's decision on a pair; the latest decision on a pair is the one in force."""
    low, high = sorted((int(record_a), int(record_b)))
    probability = case.con.execute(
        "SELECT match_probability FROM pair_scores WHERE record_id_l = ? AND record_id_r = ?",
        [low, high],
    ).fetchone()
    with case.transaction() as con:
        con.execute(
            "INSERT INTO pair_decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [low, high, decision, current_actor(), utc_now(), probability and probability[0], note],
        )
        case.audit("review.decide", {"records": [low, high], "decision": decision})


def read_previous_persons(con: duckdb.DuckDBPyConnection, record_ids: np.ndarray) -> np.ndarray:
    """Each record's current person id, -1 for records linked by no earlier run."""
    table = con.execute("SELECT record_id, person_id FROM person_records").to_arrow_table()
    previous = np.full(len(record_ids), -1, dtype=np.int64)
    if table.num_rows == 0:
        return previous
    known = table.column("record_id").to_numpy()
    persons = table.column("person_id").to_numpy()
    order = np.argsort(known)
    positions = np.clip(np.searchsorted(known[order], record_ids), 0, len(known) - 1)
    found = known[order][positions] == record_ids
    previous[found] = persons[order][positions[found]]
    return previous


def next_person_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(person_id), 0) + 1 FROM persons").fetchone()
    return int(row[0]) if row else 1


def save_run(
    case: Case,
    run: RunRecord,
    pairs: pa.Table,
    record_ids: np.ndarray,
    person_of_record: np.ndarray,
) -> int:
    """Write a run, its kept pairs and the new persons; returns the run id."""
    assignment = pa.table(
        {"record_id": pa.array(record_ids, pa.int64()), "person_id": pa.array(person_of_record)}
    )
    weights = [c for c in pairs.column_names if c.startswith("mw_")]
    evidence = (
        "json_object(" + ", ".join(f"'{c[3:]}', round({c}, 3)" for c in weights) + ")"
        if weights
        else "NULL"
    )
    with case.transaction() as con:
        row = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM linkage_runs").fetchone()
        run_id = int(row[0]) if row else 1
        con.execute(
            "INSERT INTO linkage_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                run.started_at,
                utc_now(),
                current_actor(),
                run.engine,
                run.seed,
                run.threshold,
                run.records,
                run.pairs_kept,
                run.persons,
                json.dumps(run.settings),
                json.dumps(run.model),
                json.dumps(run.versions),
            ],
        )
        con.register("undercount_link_pairs", pairs)
        con.register("undercount_link_assignment", assignment)
        try:
            con.execute("DELETE FROM pair_scores")
            con.execute(
                f"""
                INSERT INTO pair_scores
                SELECT {run_id}, record_id_l, record_id_r, match_weight, match_probability,
                       {evidence}
                FROM undercount_link_pairs
                """
            )
            _replace_persons(con, run_id)
        finally:
            con.unregister("undercount_link_pairs")
            con.unregister("undercount_link_assignment")
        case.audit(
            "link.run",
            {
                "run_id": run_id,
                "engine": run.engine,
                "records": run.records,
                "persons": run.persons,
            },
        )
    return run_id


def _replace_persons(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    """Retire ids no cluster carried over, add the new ones, replace the assignment."""
    con.execute(
        f"""
        UPDATE persons SET retired_run = {run_id}
        WHERE retired_run IS NULL
          AND person_id NOT IN (SELECT DISTINCT person_id FROM undercount_link_assignment)
        """
    )
    con.execute(
        """
        UPDATE persons SET records = sizes.n
        FROM (SELECT person_id, count(*) AS n FROM undercount_link_assignment GROUP BY 1) sizes
        WHERE persons.person_id = sizes.person_id
        """
    )
    con.execute(
        f"""
        INSERT INTO persons
        SELECT person_id, {run_id}, NULL, count(*) FROM undercount_link_assignment
        WHERE person_id NOT IN (SELECT person_id FROM persons)
        GROUP BY person_id
        """
    )
    con.execute("DELETE FROM person_records")
    con.execute(
        "INSERT INTO person_records SELECT record_id, person_id FROM undercount_link_assignment"
    )
