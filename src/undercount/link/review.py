"""The review queue: uncertain pairs, most informative first, with what speaks for and against.

A pair is informative when a decision on it would change the persons: the model's probability
is near the clustering threshold, so either answer could flip it. The queue orders pairs by
the distance of their match weight from the threshold's weight (closest first) and leaves out
pairs a reviewer has already decided.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from undercount.case import Case
from undercount.errors import UndercountError
from undercount.link.persons import PERSON_RECORD_FIELDS
from undercount.link.store import DECISIONS, record_decision

__all__ = ["DECISIONS", "ReviewPair", "decide", "review_queue"]

REVIEW_BAND = (0.05, 0.95)


@dataclass(frozen=True)
class ReviewPair:
    """One pair to decide: both records, the model's view, and each comparison's weight."""

    record_id_l: int
    record_id_r: int
    match_probability: float
    match_weight: float
    evidence: dict[str, float]
    left: dict[str, Any]
    right: dict[str, Any]
    same_person_now: bool

    @property
    def for_match(self) -> dict[str, float]:
        return {k: v for k, v in self.evidence.items() if v > 0}

    @property
    def against_match(self) -> dict[str, float]:
        return {k: v for k, v in self.evidence.items() if v < 0}


def review_queue(case: Case, *, limit: int = 50) -> list[ReviewPair]:
    """Undecided pairs of the latest run whose probability lies in the review band."""
    run = case.con.execute(
        "SELECT run_id, threshold FROM linkage_runs ORDER BY run_id DESC LIMIT 1"
    ).fetchone()
    if run is None:
        raise UndercountError("the case has not been linked yet.", hint="Run: undercount link CASE")
    threshold = min(max(float(run[1]), 1e-6), 1 - 1e-6)
    threshold_weight = math.log2(threshold / (1 - threshold))
    rows = case.con.execute(
        """
        SELECT ps.record_id_l, ps.record_id_r, ps.match_probability, ps.match_weight, ps.evidence,
               pl.person_id = pr.person_id
        FROM pair_scores ps
        JOIN person_records pl ON pl.record_id = ps.record_id_l
        JOIN person_records pr ON pr.record_id = ps.record_id_r
        ANTI JOIN pair_decisions d
          ON d.record_id_l = ps.record_id_l AND d.record_id_r = ps.record_id_r
        WHERE ps.match_probability BETWEEN ? AND ?
        ORDER BY abs(ps.match_weight - ?), ps.record_id_l, ps.record_id_r
        LIMIT ?
        """,
        [*REVIEW_BAND, threshold_weight, limit],
    ).fetchall()
    records = _records(case, {i for row in rows for i in row[:2]})
    return [
        ReviewPair(
            record_id_l=int(left),
            record_id_r=int(right),
            match_probability=float(probability),
            match_weight=float(weight),
            evidence=json.loads(evidence) if evidence else {},
            left=records[int(left)],
            right=records[int(right)],
            same_person_now=bool(same),
        )
        for left, right, probability, weight, evidence, same in rows
    ]


def decide(
    case: Case, record_a: int, record_b: int, decision: str, *, note: str | None = None
) -> None:
    """Record a reviewer's decision; the next ``link`` run obeys it."""
    if decision not in DECISIONS:
        raise UndercountError(
            f"unknown decision {decision!r}.", hint=f"Use one of: {', '.join(DECISIONS)}."
        )
    found = case.con.execute(
        "SELECT count(DISTINCT record_id) FROM records WHERE record_id IN (?, ?)",
        [record_a, record_b],
    ).fetchone()
    if record_a == record_b or not found or found[0] != 2:
        raise UndercountError(
            f"records {record_a} and {record_b} are not two records of this case.",
            hint="Take record ids from `undercount review` or `undercount persons`.",
        )
    record_decision(case, record_a, record_b, decision, note=note)


def _records(case: Case, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    columns = ", ".join(
        "s.name AS source" if f == "source" else f"r.{f}" for f in PERSON_RECORD_FIELDS
    )
    marks = ", ".join("?" for _ in ids)
    cursor = case.con.execute(
        f"""
        SELECT {columns} FROM records r JOIN sources s USING (source_id)
        WHERE r.record_id IN ({marks})
        QUALIFY row_number() OVER (PARTITION BY r.record_id ORDER BY r.version DESC) = 1
        """,
        sorted(ids),
    )
    return {
        int(row[0]): dict(zip(PERSON_RECORD_FIELDS, row, strict=True)) for row in cursor.fetchall()
    }
