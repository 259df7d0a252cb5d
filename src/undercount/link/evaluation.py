"""Scoring the persons of a case against a known truth (simulated cases, FEBRL, hand-checked).

Pairwise figures count record pairs placed in one person: a true pair is two records of one
true person, found when the linkage put them in one person too. They are computed from the
clusters, not from the scored pairs, so they include every missed-by-blocking pair and every
chained merge: what a count built on these persons actually rests on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from undercount.case import Case
from undercount.errors import UndercountError


def evaluate_linkage(case: Case, truth_csv: Path) -> dict[str, Any]:
    """Pairwise precision/recall/F1 and person counts; ``estimate`` is filled by estimation.

    ``truth_csv`` has columns ``source, source_record_id, person_id`` (what ``undercount
    simulate`` writes); its records are matched to the case by source name and the list's
    own id.
    """
    if not truth_csv.exists():
        raise UndercountError(f"{truth_csv} does not exist.", hint="Give the truth CSV's path.")
    con = case.con
    linked = con.execute("SELECT count(*) FROM person_records").fetchone()
    if not linked or linked[0] == 0:
        raise UndercountError("the case has no persons yet.", hint="Run: undercount link CASE")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE undercount_truth AS
        SELECT pr.record_id, pr.person_id AS found, t.truth
        FROM ({_truth_sql(truth_csv)}) t JOIN person_records pr USING (record_id)
        """
    )
    try:
        return _metrics(case)
    finally:
        con.execute("DROP TABLE IF EXISTS undercount_truth")


def true_persons(case: Case, truth_csv: Path) -> dict[int, str]:
    """Each record's true person (``record_id`` -> the truth file's ``person_id``)."""
    return dict(case.con.execute(_truth_sql(truth_csv)).fetchall())


def _truth_sql(truth_csv: Path) -> str:
    """The truth file's rows matched to the case's records by source name and the list's id."""
    path = str(truth_csv).replace("'", "''")
    return f"""
        SELECT r.record_id, t.person_id AS truth
        FROM read_csv('{path}', header = true, all_varchar = true) t
        JOIN sources s ON s.name = t.source
        JOIN (SELECT DISTINCT record_id, source_id, source_record_id FROM records) r
          ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id
    """


def _metrics(case: Case) -> dict[str, Any]:
    con = case.con
    row = con.execute(
        """
        WITH found AS (SELECT count(*) AS n FROM undercount_truth GROUP BY found),
             truth AS (SELECT count(*) AS n FROM undercount_truth GROUP BY truth),
             both_ AS (SELECT count(*) AS n FROM undercount_truth GROUP BY found, truth)
        SELECT
          (SELECT count(*) FROM undercount_truth),
          (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM found),
          (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM truth),
          (SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM both_),
          (SELECT count(*) FROM found),
          (SELECT count(*) FROM truth)
        """
    ).fetchone()
    assert row is not None
    matched, found_pairs, true_pairs, correct, persons_found, persons_true = map(int, row)
    if matched == 0:
        raise UndercountError(
            "no record of the truth file matches a record of the case.",
            hint="Check its source names and ids against `undercount sources`.",
        )
    # A true person is recovered exactly when one found person holds all its records and no
    # other; window sums, not joins back to the per-person counts (DuckDB planned those joins
    # as a near cross product: 10 minutes and 20 GB at 100,000 records).
    exact = con.execute(
        """
        SELECT count(*) FILTER (WHERE n = in_found AND n = in_truth) FROM (
            SELECT count(*) AS n,
                   sum(count(*)) OVER (PARTITION BY found) AS in_found,
                   sum(count(*)) OVER (PARTITION BY truth) AS in_truth
            FROM undercount_truth GROUP BY found, truth
        )
        """
    ).fetchone()
    precision = correct / found_pairs if found_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairwise": {
            "precision": round(precision, 6),
            "recall": round(recall, 6),
            "f1": round(f1, 6),
            "true_pairs": true_pairs,
            "found_pairs": found_pairs,
            "correct_pairs": correct,
        },
        "clusters": {
            "persons_found": persons_found,
            "persons_true": persons_true,
            "difference": persons_found - persons_true,
            "relative_difference": round((persons_found - persons_true) / persons_true, 6),
            "exactly_recovered": int(exact[0]) if exact else 0,
            "records_evaluated": matched,
        },
        "estimate": None,
    }
