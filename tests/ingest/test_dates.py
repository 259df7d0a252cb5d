"""Dates as compilers of casualty lists write them."""

from __future__ import annotations

from datetime import date

import pytest

from undercount.ingest.dates import DateNotUnderstood, parse_date

READABLE = [
    ("ISO", "2022-01-07", date(2022, 1, 7), "day"),
    ("ISO with time", "2022-01-07T10:15:00", date(2022, 1, 7), "day"),
    ("dd.mm.yyyy", "07.01.2022", date(2022, 1, 7), "day"),
    ("d.m.yyyy", "7.1.2022", date(2022, 1, 7), "day"),
    ("dd/mm/yyyy", "07/01/2022", date(2022, 1, 7), "day"),
    ("dd-mm-yyyy", "07-01-2022", date(2022, 1, 7), "day"),
    ("two-digit year", "07.01.22", date(2022, 1, 7), "day"),
    ("two-digit birth year", "03.05.87", date(1987, 5, 3), "day"),
    ("Russian genitive month", "7 января 2022", date(2022, 1, 7), "day"),
    ("Russian with г.", "7 января 2022 г.", date(2022, 1, 7), "day"),
    ("Russian upper case", "7 ЯНВАРЯ 2022", date(2022, 1, 7), "day"),
    ("Kazakh month", "7 қаңтар 2022", date(2022, 1, 7), "day"),
    ("Kazakh year first", "2022 жылғы 7 қаңтар", date(2022, 1, 7), "day"),
    ("Kazakh on a Russian keyboard", "7 кантар 2022", date(2022, 1, 7), "day"),
    ("English month first", "January 7, 2022", date(2022, 1, 7), "day"),
    ("English day first", "7 Jan 2022", date(2022, 1, 7), "day"),
    ("English ordinal", "7th January 2022", date(2022, 1, 7), "day"),
    ("Excel serial number", "44568", date(2022, 1, 7), "day"),
    ("compact yyyymmdd", "19560409", date(1956, 4, 9), "day"),
    ("Russian month and year", "январь 2022", date(2022, 1, 1), "month"),
    ("Kazakh month and year", "қаңтар 2022", date(2022, 1, 1), "month"),
    ("numeric month and year", "01.2022", date(2022, 1, 1), "month"),
    ("year only", "2022", date(2022, 1, 1), "year"),
    ("year with г.", "1987 г.", date(1987, 1, 1), "year"),
]


@pytest.mark.parametrize(
    ("description", "text", "expected", "precision"), READABLE, ids=[case[0] for case in READABLE]
)
def test_reads_date(description: str, text: str, expected: date, precision: str) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision) == (expected, precision)


def test_month_first_only_when_day_first_is_impossible() -> None:
    parsed = parse_date("01/31/2022")
    assert parsed.value == date(2022, 1, 31)
    assert parsed.note == "read month-first"
    assert parse_date("01/02/2022").value == date(2022, 2, 1)


UNREADABLE = [
    ("day out of range", "32.01.2022"),
    ("month out of range", "07.13.2022"),
    ("word", "вчера"),
    ("unknown", "неизвестно"),
    ("two months", "январь февраль 2022"),
    ("year out of range", "3022"),
    ("three-digit year", "07.01.202"),
    ("no year", "7 января"),
]


@pytest.mark.parametrize(("description", "text"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_refuses_to_guess(description: str, text: str) -> None:
    with pytest.raises(DateNotUnderstood):
        parse_date(text)
