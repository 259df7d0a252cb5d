"""Pairwise and person-count metrics against a truth, checked on hand-made assignments."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from undercount.ingest import import_list
from undercount.link import evaluate_linkage

ROWS = [
    ("a1", "Ахметов Марат"),
    ("a2", "Akhmetov Marat"),
    ("a3", "Ахметов М."),
    ("b1", "Ким Ольга"),
]
TRUTH = {"a1": 1, "a2": 1, "a3": 1, "b1": 2}

CASES = [
    ("perfect", {"a1": 10, "a2": 10, "a3": 10, "b1": 11}, 1.0, 1.0, 2),
    (
        "one record split off: 1 of 3 true pairs found",
        {"a1": 10, "a2": 10, "a3": 12, "b1": 11},
        1.0,
        1 / 3,
        3,
    ),
    (
        "everything merged: 3 of 6 found pairs true",
        {"a1": 10, "a2": 10, "a3": 10, "b1": 10},
        0.5,
        1.0,
        1,
    ),
]


@pytest.fixture
def small_case(case, tmp_path: Path):
    lst = tmp_path / "list.csv"
    with lst.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "full name"])
        writer.writerows(ROWS)
    import_list(case, lst, source="list", id_column="id")
    truth = tmp_path / "truth.csv"
    truth.write_text(
        "source,source_record_id,person_id\n"
        + "".join(f"list,{k},{v}\n" for k, v in TRUTH.items()),
        encoding="utf-8",
    )
    return case, truth


@pytest.mark.parametrize(("description", "found", "precision", "recall", "persons"), CASES)
def test_metrics(small_case, description, found, precision, recall, persons) -> None:
    case, truth = small_case
    with case.transaction() as con:
        con.execute("DELETE FROM person_records")
        for source_id, person in found.items():
            con.execute(
                "INSERT INTO person_records SELECT record_id, ? FROM records "
                "WHERE source_record_id = ?",
                [person, source_id],
            )
    report = evaluate_linkage(case, truth)
    assert report["pairwise"]["precision"] == pytest.approx(precision, abs=1e-6)
    assert report["pairwise"]["recall"] == pytest.approx(recall, abs=1e-6)
    assert report["clusters"]["persons_found"] == persons
    assert report["clusters"]["persons_true"] == 2
    assert report["estimate"] is None
