"""A report never prints an estimate that too little overlap supports, and says why."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.report.withholding import MIN_LISTS, MIN_OVERLAP, reason_to_withhold

WELL_OVERLAPPED = {"100": 40, "010": 35, "001": 30, "110": 12, "101": 9, "011": 7, "111": 4}


@pytest.mark.parametrize(
    ("description", "histories", "stored", "expected"),
    [
        ("enough lists and overlap", WELL_OVERLAPPED, {"n_hat": 150.0, "upper": 190.0}, None),
        ("refused by the estimator: its reason, as a sentence", WELL_OVERLAPPED,
         {"refused": "the model did not converge"}, "The model did not converge."),
        ("two lists only", {"10": 40, "01": 30, "11": 20}, {"n_hat": 60.0, "upper": 70.0},
         "Only 2 lists name anyone here; an estimate needs at least 3"),
        ("a third list that names nobody", {"100": 40, "010": 30, "110": 20},
         {"n_hat": 60.0, "upper": 70.0}, "Only 2 lists name anyone here"),
        ("one list", {"100": 5}, {"n_hat": 5.0, "upper": 5.0}, "Only 1 list names anyone here"),
        ("nobody at all", {}, {}, "No list names anyone here"),
        ("overlap of 9", {"100": 40, "010": 35, "001": 30, "110": 5, "011": 4},
         {"n_hat": 150.0, "upper": 400.0}, "Only 9 people are on more than one list here"),
        ("overlap of 1", {"100": 4, "010": 3, "001": 3, "111": 1},
         {"n_hat": 30.0, "upper": 90.0}, "Only 1 person is on more than one list here"),
        ("open-ended interval", WELL_OVERLAPPED, {"n_hat": 150.0, "upper": None},
         "The interval has no upper limit"),
        ("nothing stored", WELL_OVERLAPPED, {"n_hat": None}, "No estimate was stored"),
    ],
)  # fmt: skip
def test_reason_to_withhold(description, histories, stored, expected) -> None:
    reason = reason_to_withhold(histories, **stored)
    if expected is None:
        assert reason is None, description
    else:
        assert reason is not None and reason.startswith(expected), (description, reason)


@given(
    st.dictionaries(
        st.text("01", min_size=4, max_size=4).filter(lambda p: "1" in p),
        st.integers(0, 30),
        max_size=15,
    )
)
def test_a_shown_estimate_always_has_three_lists_and_enough_overlap(histories) -> None:
    reason = reason_to_withhold(histories, n_hat=100.0, upper=150.0)
    lists = sum(any(n and p[i] == "1" for p, n in histories.items()) for i in range(4))
    overlap = sum(n for p, n in histories.items() if p.count("1") > 1)
    assert (reason is None) == (lists >= MIN_LISTS and overlap >= MIN_OVERLAP)
    if reason is not None:
        assert reason.endswith(".") and reason[0].isupper()
