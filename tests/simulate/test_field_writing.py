"""Dates, ages and the documented date errors, as the lists write them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.simulate.fields import (
    CIRCUMSTANCE_LABELS,
    STATUS_LABELS,
    AgeStyle,
    DateStyle,
    format_age,
    format_date,
    misdate,
)
from undercount.simulate.victims import CIRCUMSTANCES, STATUSES

EPOCH = dt.date(1970, 1, 1)


def days(date: dt.date) -> int:
    return (date - EPOCH).days


SEVENTH = days(dt.date(2022, 1, 7))
DATES = [
    ("dotted", DateStyle.DOTTED, "07.01.2022"),
    ("slashed", DateStyle.SLASHED, "07/01/2022"),
    ("ISO", DateStyle.ISO, "2022-01-07"),
    ("Russian, month in the genitive", DateStyle.RUSSIAN_LONG, "7 января 2022"),
    ("Kazakh", DateStyle.KAZAKH_LONG, "7 қаңтар 2022"),
    ("English", DateStyle.ENGLISH_LONG, "January 7, 2022"),
    ("Russian month only, nominative", DateStyle.RUSSIAN_MONTH, "январь 2022"),
    ("Kazakh month only", DateStyle.KAZAKH_MONTH, "қаңтар 2022"),
    ("English month only", DateStyle.ENGLISH_MONTH, "January 2022"),
    ("year only", DateStyle.YEAR, "2022"),
]


@pytest.mark.parametrize(("style", "expected"), [d[1:] for d in DATES], ids=[d[0] for d in DATES])
def test_a_date_is_written_in_its_style(style: DateStyle, expected: str) -> None:
    assert format_date(SEVENTH, style) == expected


AGES = [
    ("exact", 34, AgeStyle.EXACT, "34"),
    ("tilde rounds to five", 34, AgeStyle.TILDE, "~35"),
    ("tilde rounds down too", 31, AgeStyle.TILDE, "~30"),
    ("около in Russian", 47, AgeStyle.ABOUT_RUSSIAN, "около 45"),
    ("range: the five-year band", 34, AgeStyle.RANGE, "30-35"),
    ("range with лет and an en dash", 34, AgeStyle.RANGE_RUSSIAN_YEARS, "30–35 лет"),
    ("children are always exact", 4, AgeStyle.TILDE, "4"),
]


@pytest.mark.parametrize(
    ("age", "style", "expected"), [a[1:] for a in AGES], ids=[a[0] for a in AGES]
)
def test_an_age_is_written_in_its_style(age: int, style: AgeStyle, expected: str) -> None:
    assert format_age(age, style) == expected


def test_labels_cover_every_status_and_circumstance() -> None:
    assert all(len(labels) == len(STATUSES) for labels in STATUS_LABELS.values())
    assert all(len(labels) == len(CIRCUMSTANCES) for labels in CIRCUMSTANCE_LABELS.values())


MISDATED = [
    ("a day in January 2022", dt.date(2022, 1, 5), dt.date(2022, 5, 1)),
    ("a day after the 12th cannot be swapped", dt.date(2022, 1, 25), None),
    ("29 February becomes 28 February the year before", dt.date(2000, 2, 29), None),
]


@pytest.mark.parametrize(
    ("true", "swapped"), [m[1:] for m in MISDATED], ids=[m[0] for m in MISDATED]
)
def test_a_wrong_date_is_one_of_the_documented_errors(
    true: dt.date, swapped: dt.date | None
) -> None:
    written = misdate(np.full(2000, days(true)), 1.0, np.random.default_rng(0))
    previous_year = dt.date(true.year - 1, true.month, min(true.day, 28))
    allowed = {days(true) - 1, days(true) + 1, days(previous_year)}
    if swapped is not None:
        allowed.add(days(swapped))
    assert set(written.tolist()) == allowed


@given(day=st.integers(days(dt.date(1930, 1, 1)), days(dt.date(2022, 1, 11))))
def test_a_zero_error_rate_leaves_every_date_alone(day: int) -> None:
    written = misdate(np.array([day] * 5), 0.0, np.random.default_rng(abs(day)))
    assert written.tolist() == [day] * 5
