"""Warnings about the table that every method passes on to the user."""

from __future__ import annotations

import pytest
from estimate_tables import DIABETES

from undercount.estimate import CaptureHistories, estimate
from undercount.estimate.table_checks import describe_table_problems

LISTS = ["morgue", "ngo", "press"]

CASES = [
    (
        "a list nobody is on",
        {"100": 30, "010": 20, "110": 15, "101": 0},
        "No one is on press",
    ),
    (
        "two lists sharing nobody",
        {"100": 30, "010": 20, "001": 9, "101": 12, "011": 7},
        "share nobody",
    ),
    (
        "a tiny overlap",
        {"100": 30, "010": 20, "001": 9, "110": 2, "101": 12, "011": 7},
        "morgue and ngo share only 2 people",
    ),
    (
        "one list inside another",
        {"100": 30, "010": 20, "110": 15, "101": 12, "111": 4},
        "Everyone on press is also on morgue",
    ),
    (
        "two copies of one list",
        {"110": 30, "001": 20, "111": 15, "100": 0},
        "Lists morgue and ngo hold exactly the same people",
    ),
    (
        "very few people on several lists",
        {"100": 30, "010": 20, "001": 10, "110": 3, "011": 2, "101": 1},
        "Only 6 people on more than one list",
    ),
]


@pytest.mark.parametrize(("description", "table", "message"), CASES)
def test_each_problem_is_named_with_the_lists_involved(
    description: str, table: dict[str, int], message: str
) -> None:
    problems = describe_table_problems(CaptureHistories.from_input(table, lists=LISTS))
    assert any(message in problem for problem in problems), (description, problems)


def test_a_healthy_table_raises_no_warning() -> None:
    assert describe_table_problems(CaptureHistories.from_input(DIABETES)) == []


def test_estimate_passes_the_table_problems_on() -> None:
    table = {"100": 30, "010": 20, "001": 9, "101": 12, "011": 7, "111": 3}
    result = estimate(table, method="loglinear", model="Mt")
    assert "Lists list1 and list2 share only 3 people." in result.warnings
    assert len(result.warnings) == len(set(result.warnings))
