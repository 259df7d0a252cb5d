"""CaptureHistories: each accepted form gives the same table; bad input says what is wrong."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.estimate import CaptureHistories


class FakeFrame:
    """The two things a DataFrame offers that ``from_input`` uses: ``columns`` and ``[name]``."""

    def __init__(self, columns: dict[str, list]) -> None:
        self._columns = columns
        self.columns = list(columns)

    def __getitem__(self, name: str) -> list:
        return self._columns[name]


EXPECTED = {"110": 3, "011": 4, "100": 2}

EQUIVALENT_INPUTS = [
    ("mapping", {"110": 3, "011": 4, "100": 2}),
    ("mapping with a zero count and the empty history at zero", {**EXPECTED, "001": 0, "000": 0}),
    (
        "pyarrow table with counts",
        pa.table({"a": [1, 0, 1], "b": [1, 1, 0], "c": [0, 1, 0], "count": [3, 4, 2]}),
    ),
    (
        "frame of booleans, one row per person, repeated rows summed",
        FakeFrame(
            {
                "a": [True] * 3 + [False] * 4 + [True] * 2,
                "b": [True] * 3 + [True] * 4 + [False] * 2,
                "c": [False] * 3 + [True] * 4 + [False] * 2,
            }
        ),
    ),
]


@pytest.mark.parametrize(("description", "given_input"), EQUIVALENT_INPUTS)
def test_every_accepted_form_gives_the_same_table(description: str, given_input: object) -> None:
    table = CaptureHistories.from_input(given_input)
    assert table.as_dict() == EXPECTED, description
    assert table.n_observed == 9
    assert table.patterns.dtype == np.uint8 and table.counts.dtype == np.int64


INVALID_INPUTS = [
    ("histories of different lengths", {"10": 1, "101": 2}, "one character per list"),
    ("characters other than 0 and 1", {"1a0": 1}, "only the characters 0 and 1"),
    ("negative count", {"10": -1, "01": 3}, "negative"),
    ("fractional count", {"10": 1.5, "01": 3}, "whole number"),
    ("someone on no list", {"00": 4, "11": 1}, "all-zero history"),
    ("a single list", {"1": 5}, "At least 2 lists"),
    ("nothing at all", {}, "No capture histories"),
    ("only zero counts", {"10": 0, "01": 0}, "No one is on any list"),
    ("a list of strings", ["101", "110"], "must be a mapping"),
    ("a column with a 2 in it", pa.table({"a": [1, 2], "b": [0, 1]}), "only 0 and 1"),
    ("a column with a gap", pa.table({"a": [1.0, None], "b": [0, 1]}), "missing values"),
]


@pytest.mark.parametrize(("description", "bad_input", "message"), INVALID_INPUTS)
def test_bad_input_is_refused_with_a_message_naming_the_problem(
    description: str, bad_input: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        CaptureHistories.from_input(bad_input)


def test_list_names_come_from_the_caller_or_the_columns() -> None:
    named = CaptureHistories.from_input({"10": 1, "01": 2}, lists=["morgue", "ngo"])
    frame = pa.table({"ngo": [1, 0], "morgue": [0, 1], "count": [5, 6]})
    chosen = CaptureHistories.from_input(frame, lists=["morgue", "ngo"])
    assert named.lists == ("morgue", "ngo")
    assert chosen.as_dict() == {"10": 6, "01": 5}
    with pytest.raises(ValueError, match="No column 'press'"):
        CaptureHistories.from_input(frame, lists=["press", "ngo"])


def test_cells_and_full_table_put_list_one_in_the_lowest_bit() -> None:
    table = CaptureHistories.from_input({"100": 7, "001": 5, "110": 2})
    assert table.full_table().tolist() == [0, 7, 0, 2, 5, 0, 0, 0]
    assert table.list_totals().tolist() == [9, 2, 5]


def test_selecting_lists_drops_people_on_none_of_them() -> None:
    table = CaptureHistories.from_input({"100": 7, "001": 5, "110": 2}, lists=["a", "b", "c"])
    assert table.select_lists(["a", "b"]).as_dict() == {"10": 7, "11": 2}


histories = st.dictionaries(
    st.text(alphabet="01", min_size=3, max_size=3).filter(lambda key: "1" in key),
    st.integers(min_value=1, max_value=1000),
    min_size=1,
)


@given(histories)
def test_the_mapping_form_round_trips(mapping: dict[str, int]) -> None:
    table = CaptureHistories.from_input(mapping)
    assert table.as_dict() == mapping
    assert CaptureHistories.from_input(table.as_dict()).full_table().tolist() == (
        table.full_table().tolist()
    )
    assert table.n_observed == sum(mapping.values())
