"""The model's comparisons on hand-made record pairs: which level a pair of birth dates or places
lands in. Every level is evaluated as SQL on DuckDB, as Splink runs it."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

from undercount.link.features import (
    STANDARD_FEATURES,
    DeathReference,
    Features,
    birth_sql,
    surname_root_sql,
)
from undercount.link.model import (
    _SWAPPED,
    _SWAPPED_NEAR,
    _birth_comparison,
    _death_comparison,
    _given_comparison,
    _place_comparison,
    _sex_comparison,
    _status_comparison,
    _surname_comparison,
)

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
        f"{'?' if isinstance(value, date | int) else _null_type(column)} AS {column}"
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


def _null_type(column: str) -> str:
    """A text value, or an unknown of the column's kind."""
    if "date" in column:
        return "CAST(? AS DATE)"
    if column.startswith(("birth_year", "born")):
        return "CAST(? AS INTEGER)"
    return "CAST(? AS VARCHAR)"


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [case[1:] for case in BIRTH_CASES],
    ids=[case[0] for case in BIRTH_CASES],
)
def test_two_full_birth_dates_differ_only_by_a_slip_or_outright(
    left: date, right: date, level: str
) -> None:
    pair = birth_pair({"birth": left, "death": DEATH}, {"birth": right, "death": DEATH})
    assert level_of(_birth_comparison(has_dates=True, has_days=True), pair) == level


ALL_FILLED = Features(records=100, filled=dict.fromkeys(STANDARD_FEATURES, 100), extra_columns={})
DEATH = date(2022, 1, 5)
CASE_DEATHS = DeathReference(2022, date(2022, 1, 4), date(2022, 1, 11))


def birth_pair(left: dict[str, Any], right: dict[str, Any]) -> dict[str, object]:
    """The birth columns of two hand-made records, as the link input derives them."""
    pair: dict[str, object] = {}
    for side, record in (("l", left), ("r", right)):
        age = record.get("age")
        row = duckdb.sql(
            "SELECT "
            + ", ".join(f"{sql} AS {c}" for c, sql in birth_sql("r", CASE_DEATHS).items())
            + " FROM (SELECT ?::DATE AS birth_date, ?::VARCHAR AS birth_date_precision, "
            "?::INTEGER AS age_min, ?::INTEGER AS age_max, ?::BOOLEAN AS age_approximate, "
            "?::DATE AS death_date, ?::VARCHAR AS death_date_precision) r",
            params=[
                record.get("birth"),
                record.get("birth_precision", "day") if record.get("birth") else None,
                age,
                age,
                record.get("approximate", False),
                record.get("death"),
                record.get("death_precision", "day"),
            ],
        )
        pair |= {
            f"{column}_{side}": value
            for column, value in zip(row.columns, row.fetchone(), strict=True)
        }
    return pair


AGE_CASES = [
    (
        "an age the birth date gives on the day of death",
        {"age": 32, "death": DEATH},
        {"birth": date(1989, 2, 7)},
        "birth spans overlap",
    ),
    (
        "a namesake born a year later (31 that day)",
        {"age": 32, "death": DEATH},
        {"birth": date(1990, 3, 27)},
        "birth spans a year apart",
    ),
    (
        "two ages a year apart on one day",
        {"age": 32, "death": DEATH},
        {"age": 31, "death": DEATH},
        "birth spans a year apart",
    ),
    (
        "an approximate age is a span of years, not a day",
        {"age": 35, "approximate": True, "death": DEATH},
        {"birth": date(1984, 6, 1)},
        "birth years overlap",
    ),
    (
        "an age in January 2022 and a birth date it excludes (31 all month)",
        {"age": 32, "death": date(2022, 1, 1), "death_precision": "month"},
        {"birth": date(1990, 3, 27)},
        "birth spans a year apart",
    ),
    (
        "an age in January 2022 and a birth date it allows",
        {"age": 31, "death": date(2022, 1, 1), "death_precision": "month"},
        {"birth": date(1990, 3, 27)},
        "birth spans overlap",
    ),
    (
        "a birth year only, and an age that excludes it",
        {"age": 31, "death": DEATH},
        {"birth": date(1989, 1, 1), "birth_precision": "year"},
        "birth spans a year apart",
    ),
    (
        "an age without a date of death, read on the case's days of death",
        {"age": 32, "death": None, "death_precision": None},
        {"birth": date(1990, 3, 27)},
        "birth spans a year apart",
    ),
]


@pytest.mark.parametrize(
    ("left", "right", "level"), [c[1:] for c in AGE_CASES], ids=[c[0] for c in AGE_CASES]
)
def test_an_exact_age_and_a_day_of_death_place_the_birth_to_the_day(
    left: dict[str, Any], right: dict[str, Any], level: str
) -> None:
    pair = birth_pair(left, right)
    assert level_of(_birth_comparison(has_dates=True, has_days=True), pair) == level


DEATH_CASES = [
    # (case, a day of death, the other list's date, whether it gives only the month, level)
    ("one day", date(2022, 1, 5), date(2022, 1, 5), False, "Exact match on death_date"),
    (
        "a night death",
        date(2022, 1, 5),
        date(2022, 1, 6),
        False,
        "Abs difference of 'death_date <= 1 day'",
    ),
    ("08.01 read as 1 August", date(2022, 1, 8), date(2022, 8, 1), False, "day and month swapped"),
    ("last year's year", date(2022, 1, 5), date(2021, 1, 5), False, "the year before written"),
    ("a month apart", date(2022, 1, 5), date(2022, 2, 5), False, "All other comparisons"),
    (
        "the month of a day",
        date(2022, 1, 6),
        date(2022, 1, 1),
        True,
        "same month, one without a day",
    ),
    ("the 6th read as June", date(2022, 1, 6), date(2022, 6, 1), True, "day and month swapped"),
    ("last year's January", date(2022, 1, 6), date(2021, 1, 1), True, "the year before written"),
    ("another month", date(2022, 1, 6), date(2022, 3, 1), True, "All other comparisons"),
]


@pytest.mark.parametrize(
    ("day", "other", "month_only", "level"),
    [c[1:] for c in DEATH_CASES],
    ids=[c[0] for c in DEATH_CASES],
)
def test_a_day_of_death_miswritten_in_the_usual_ways(
    day: date, other: date, month_only: bool, level: str
) -> None:
    pair = {
        "death_date_l": day,
        "death_date_r": None if month_only else other,
        "death_month_l": day.replace(day=1),
        "death_month_r": other.replace(day=1),
    }
    assert level_of(_death_comparison(), pair) == level


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
    levels = _surname_comparison(ALL_FILLED).get_comparison("duckdb").comparison_levels
    for label in (_SWAPPED[1], _SWAPPED_NEAR[1]):
        settings = next(level for level in levels if level.label_for_charts == label).as_dict()
        assert settings["fix_u_probability"] is True
        assert settings["u_probability"] <= 1e-4


SWAP_CASES = [
    # (case, left surname/root/given, right surname/root/given, the level)
    (
        "two words exchanged",
        ("bektasov", "bektas", "jandos"),
        ("jandos", "jandos", "bektasov"),
        _SWAPPED[1],
    ),
    (
        "a bare surname read as a given name",
        ("aisha", "aisha", "jaksilik"),
        ("jaksilikova", "jaksilik", "aisha"),
        _SWAPPED[1],
    ),
    (
        "a decree surname in -бай read as the given name",
        ("kadirbaev", "kadirba", "karabek"),
        ("karabek", "karabek", "kadirbai"),
        _SWAPPED[1],
    ),
    (
        "two words exchanged, one with a typo",
        ("abilhan", "abilhan", "iasmina"),
        ("iasmin", "iasmin", "abilhan"),
        _SWAPPED_NEAR[1],
    ),
    (
        "two surnames made from each other's given names",
        ("bektasov", "bektas", "jandos"),
        ("jandosov", "jandos", "bektas"),
        "All other comparisons",
    ),
]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [case[1:] for case in SWAP_CASES],
    ids=[case[0] for case in SWAP_CASES],
)
def test_a_swap_is_an_exchange_of_words_not_a_family_of_names(
    left: tuple[str, str, str], right: tuple[str, str, str], expected: str
) -> None:
    pair: dict[str, object] = {"few_surnames_l": False, "few_surnames_r": False}
    for side, (surname, root, given) in (("l", left), ("r", right)):
        pair |= {f"surname_norm_{side}": surname, f"surname_root_{side}": root}
        pair[f"given_norm_{side}"] = given
        given_root = duckdb.sql(
            f"SELECT {surname_root_sql('g')} FROM (SELECT ?::VARCHAR AS g)", params=[given]
        )
        pair[f"given_root_{side}"] = given_root.fetchone()[0]
    # Both names in alphabetical order, a rare spelling put right (as blocking derives it).
    pair["name_canon_l"] = pair["name_canon_r"] = "|".join(sorted((left[0], left[2])))
    if expected == "All other comparisons":
        pair["name_canon_r"] = "|".join(sorted((right[0], right[2])))
    assert level_of(_surname_comparison(ALL_FILLED), pair) == expected


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("protester", "protester", "Exact match on status"),
        ("civilian", "protester", "civilian and protester"),
        ("law_enforcement", "protester", "All other comparisons"),
        ("military", "civilian", "All other comparisons"),
    ],
)
def test_the_contested_line_between_protester_and_civilian_is_its_own_level(
    left: str, right: str, level: str
) -> None:
    assert level_of(_status_comparison(), {"status_l": left, "status_r": right}) == level


@pytest.mark.parametrize(
    ("listed", "guessed", "level"),
    [
        (("F", "F"), ("F", "F"), "Exact match on sex"),
        (("F", "M"), ("F", "M"), "listed sexes differ"),
        (("F", None), ("F", "M"), "All other comparisons"),
        ((None, None), ("M", "M"), "Exact match on sex"),
    ],
)
def test_a_sex_read_from_a_name_disagrees_more_softly_than_two_lists(
    listed: tuple[str | None, str | None], guessed: tuple[str, str], level: str
) -> None:
    pair = {
        "sex_listed_l": listed[0],
        "sex_listed_r": listed[1],
        "sex_l": guessed[0],
        "sex_r": guessed[1],
    }
    assert level_of(_sex_comparison(), pair) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("kambar", "kambarbolatovmch", "one given name begins the other"),
        ("timurkuanishui", "timur", "one given name begins the other"),
        ("ali", "alibek", "Jaro-Winkler distance of given_norm >= 0.8"),
    ],
)
def test_a_given_name_joined_to_a_misspelt_patronymic_still_begins_with_itself(
    left: str, right: str, level: str
) -> None:
    pair = {
        "given_norm_l": left,
        "given_norm_r": right,
        "few_givens_l": False,
        "few_givens_r": False,
    }
    assert (
        level_of(_given_comparison(Features(records=10, filled={}, extra_columns={})), pair)
        == level
    )
