"""The model's rules on hand-made record pairs: which pairs blocking makes, which birth level a
pair of birth dates lands in. Every rule is evaluated as SQL on DuckDB, as Splink runs it."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

from undercount.link.features import (
    STANDARD_FEATURES,
    Features,
    consonant_key_sql,
    surname_root_sql,
)
from undercount.link.model import (
    _SWAPPED,
    _birth_comparison,
    _place_comparison,
    _surname_comparison,
    blocking_rules,
)

ALL_FILLED = Features(records=100, filled=dict.fromkeys(STANDARD_FEATURES, 100), extra_columns={})

# surname, given, father, birth year range, death date, place
Record = tuple[str, str, str | None, tuple[int, int] | None, str | None, str | None]

BLOCKING_CASES: list[tuple[str, Record, Record, bool]] = [
    (
        "a typo in the surname's consonants, the rest agreeing",
        ("tursinov", "erkin", "kairat", (1979, 1979), "2022-01-07", "almaty"),
        ("turainov", "erkin", None, None, "2022-01-07", "almaty"),
        True,
    ),
    (
        "a typo in the surname's second letter",
        ("orazov", "saken", "kudaibergen", (1984, 1984), "2022-01-05", "almaty"),
        ("oazov", "saken", None, (1984, 1985), None, "almaty"),
        True,
    ),
    (
        "a typo in the given name's consonants",
        ("aliev", "aslan", None, (1971, 1972), "2022-01-05", "almaty"),
        ("aliev", "aslae", "orazbek", (1971, 1971), "2022-01-05", "almaty"),
        True,
    ),
    (
        "a typo in the given name's first letters",
        ("ospanov", "gabit", "nurdaulet", (1970, 1970), "2022-01-05", "taldykorgan"),
        ("ospanov", "gkbit", None, (1970, 1971), "2022-01-05", "taldykorgan"),
        True,
    ),
    (
        "a decree surname without its ending, nothing but the place beside it",
        ("suleimenov", "oljas", None, (1981, 1982), "2022-01-05", "zhanaozen"),
        ("suleimen", "oljas", None, None, None, "zhanaozen"),
        True,
    ),
    (
        "a sparse family record with a surname typo, name and place only",
        ("kalpev", "saulet", None, None, None, "almaty"),
        ("kaliev", "saulet", "muhtar", (2003, 2003), "2022-01-08", "almaty"),
        True,
    ),
    (
        "a typo in the father's name",
        ("nurgaliev", "bekbolat", "erjao", (2001, 2007), "2022-01-06", "almaty"),
        ("nurgaliev", "bekbolat", "erjan", (2002, 2003), "2022-01-06", "almaty"),
        True,
    ),
    (
        "namesakes with two different fathers",
        ("ahmetov", "marat", "serik", (1980, 1980), "2022-01-05", "almaty"),
        ("ahmetov", "marat", "nurlan", (1980, 1981), "2022-01-05", "almaty"),
        False,
    ),
    (
        "namesakes with full records that share no date and no place",
        ("ahmetov", "marat", None, (1980, 1980), "2022-01-05", "almaty"),
        ("ahmetov", "marat", None, (1995, 1995), "2022-01-07", "taraz"),
        False,
    ),
]


def _input_table(con: duckdb.DuckDBPyConnection, records: list[Record]) -> None:
    """A ``link_input`` of the given records, keys built by the same SQL as the real one."""
    con.execute(
        """
        CREATE TABLE raw (
            record_id INTEGER, surname_norm VARCHAR, given_norm VARCHAR, father_norm VARCHAR,
            birth_year_lo INTEGER, birth_year_hi INTEGER, death_date DATE, place_key VARCHAR
        )
        """
    )
    for i, (surname, given, father, born, died, place) in enumerate(records):
        lo, hi = born or (None, None)
        con.execute(
            "INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [i, surname, given, father, lo, hi, died, place],
        )
    con.execute(
        f"""
        CREATE TABLE link_input AS SELECT *,
          {surname_root_sql("surname_norm")} AS surname_root,
          {consonant_key_sql(surname_root_sql("surname_norm"))} AS surname_key,
          {consonant_key_sql("given_norm")} AS given_key,
          {consonant_key_sql("father_norm")} AS father_key,
          NULL::DATE AS birth_date
        FROM raw
        """
    )


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [case[1:] for case in BLOCKING_CASES],
    ids=[case[0] for case in BLOCKING_CASES],
)
def test_blocking_makes_the_pairs_a_typo_would_lose(
    left: Record, right: Record, expected: bool
) -> None:
    con = duckdb.connect()
    _input_table(con, [left, right])
    condition = " OR ".join(f"({rule})" for rule in blocking_rules(ALL_FILLED))
    blocked = con.execute(
        f"SELECT coalesce({condition}, false) FROM link_input l, link_input r "
        "WHERE l.record_id = 0 AND r.record_id = 1"
    ).fetchone()
    assert blocked is not None and blocked[0] is expected


BIRTH_CASES = [
    ("the same date", date(1991, 7, 27), date(1991, 7, 27), "Exact match on birth_date"),
    ("one digit of the day", date(1991, 7, 27), date(1991, 7, 21), "birth dates one slip apart"),
    ("last year written", date(1991, 7, 27), date(1990, 7, 27), "birth dates one slip apart"),
    (
        "a day later across a month",
        date(1991, 6, 30),
        date(1991, 7, 1),
        "birth dates one slip apart",
    ),
    ("day and month swapped", date(1991, 5, 7), date(1991, 7, 5), "birth dates one slip apart"),
    ("two births a year apart", date(1991, 7, 27), date(1992, 5, 5), "birth dates differ"),
    ("two births in one year", date(1991, 2, 3), date(1991, 11, 20), "birth dates differ"),
]


def level_of(comparison: Any, pair: dict[str, object]) -> str:
    """The label of the first level whose SQL holds for ``pair`` (columns ``x_l``, ``x_r``)."""
    con = duckdb.connect()
    values = ", ".join(
        f"{'?' if isinstance(value, date | int) else 'CAST(? AS VARCHAR)'} AS {column}"
        for column, value in pair.items()
    )
    con.execute(f"CREATE TABLE pair AS SELECT {values}", list(pair.values()))
    for level in comparison.get_comparison("duckdb").comparison_levels:
        if level.sql_condition == "ELSE":
            return str(level.label_for_charts)
        held = con.execute(f"SELECT coalesce({level.sql_condition}, false) FROM pair").fetchone()
        if held and held[0]:
            return str(level.label_for_charts)
    raise AssertionError("no level holds")


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [case[1:] for case in BIRTH_CASES],
    ids=[case[0] for case in BIRTH_CASES],
)
def test_two_full_birth_dates_differ_only_by_a_slip_or_outright(
    left: date, right: date, level: str
) -> None:
    pair = {
        "birth_date_l": left,
        "birth_date_r": right,
        "birth_year_lo_l": left.year,
        "birth_year_hi_l": left.year,
        "birth_year_lo_r": right.year,
        "birth_year_hi_r": right.year,
    }
    assert level_of(_birth_comparison(has_dates=True), pair) == level


PLACE_CASES = [
    ("one town", ("aktau", "mangystau"), ("aktau", "mangystau"), "Exact match on place_key"),
    (
        "a region only, and a town in it",
        (None, "almaty_city"),
        ("almaty", "almaty_city"),
        "same region, one place unknown",
    ),
    (
        "two towns of one region",
        ("kaskelen", "almaty_region"),
        ("talgar", "almaty_region"),
        "same region, different places",
    ),
    ("two regions", ("aktau", "mangystau"), ("taraz", "jambyl"), "All other comparisons"),
    ("nothing on one side", (None, None), ("taraz", "jambyl"), "place unknown"),
]


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [case[1:] for case in PLACE_CASES],
    ids=[case[0] for case in PLACE_CASES],
)
def test_a_record_naming_only_a_region_is_not_in_a_different_place(
    left: tuple[str | None, str | None], right: tuple[str | None, str | None], level: str
) -> None:
    pair = {
        "place_key_l": left[0],
        "region_l": left[1],
        "place_key_r": right[0],
        "region_r": right[1],
    }
    assert level_of(_place_comparison(), pair) == level


def test_a_name_swap_keeps_its_weight_though_random_pairs_never_show_one() -> None:
    levels = _surname_comparison(swappable=True).get_comparison("duckdb").comparison_levels
    swap = next(level for level in levels if level.label_for_charts == _SWAPPED[1])
    settings = swap.as_dict()
    assert settings["fix_u_probability"] is True
    assert settings["u_probability"] <= 1e-4
