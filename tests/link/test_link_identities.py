"""Person ids follow the bulk of their records across re-runs and are never reused."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.link.identities import assign_person_ids

RECORDS = np.array([10, 11, 12, 13, 14])

CASES = [
    (
        "first run: persons numbered by their smallest record",
        [1, 0, 1, 2, 0],
        [-1, -1, -1, -1, -1],
        1,
        [2, 1, 3],
    ),
    (
        "same clusters again: same ids",
        [0, 0, 1, 1, 2],
        [5, 5, 6, 6, 7],
        8,
        [5, 6, 7],
    ),
    (
        "two persons merged: the merged cluster keeps the larger person's id",
        [0, 0, 0, 1, 1],
        [5, 6, 6, 7, 7],
        8,
        [6, 7],
    ),
    (
        "a person split in two: the larger part keeps the id, the other gets a new one",
        [0, 0, 1, 2, 2],
        [5, 5, 5, 7, 7],
        8,
        [5, 8, 7],
    ),
    (
        "a new record on its own gets an id above every id ever issued",
        [0, 0, 1, 1, 2],
        [5, 5, 6, 6, -1],
        20,
        [5, 6, 20],
    ),
    (
        "a person split half and half: neither half inherits its id",
        [0, 1, 2, 2, 2],
        [5, 5, -1, -1, -1],
        9,
        [9, 10, 11],
    ),
]


@pytest.mark.parametrize(
    ("description", "labels", "previous", "next_id", "expected"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_assign_person_ids(description, labels, previous, next_id, expected) -> None:
    found = assign_person_ids(
        RECORDS, np.array(labels), np.array(previous, np.int64), next_id=next_id
    )
    assert found.tolist() == expected


def _greedy_reference(labels: np.ndarray, previous: np.ndarray) -> dict[int, int]:
    """The inheritance rule written plainly: candidates by overlap, an old id to the first
    cluster holding most of its records, a cluster to the first old id it takes."""
    size = {int(o): int((previous == o).sum()) for o in set(previous.tolist()) if o >= 0}
    overlap: dict[tuple[int, int], int] = {}
    for label, old in zip(labels.tolist(), previous.tolist(), strict=True):
        if old >= 0:
            overlap[(label, old)] = overlap.get((label, old), 0) + 1
    inherited: dict[int, int] = {}
    for (label, old), count in sorted(overlap.items(), key=lambda c: (-c[1], c[0][1], c[0][0])):
        if label not in inherited and old not in inherited.values() and 2 * count > size[old]:
            inherited[label] = old
    return inherited


@given(
    st.lists(st.integers(0, 8), min_size=1, max_size=40),
    st.lists(st.integers(-1, 8), min_size=40, max_size=40),
)
def test_ids_are_unique_fresh_or_inherited_by_the_plain_greedy_rule(labels, previous) -> None:
    labels_array = np.unique(np.array(labels), return_inverse=True)[1]
    old = np.array(previous[: len(labels)], np.int64)
    records = np.arange(len(labels)) * 3 + 1
    found = assign_person_ids(records, labels_array, old, next_id=100)
    assert len(set(found.tolist())) == len(found)
    inherited = {c: int(p) for c, p in enumerate(found.tolist()) if p < 100}
    assert inherited == _greedy_reference(labels_array, old)
