"""Blocking on hand-made records: which pairs the rules make, and that the candidate table is
exactly the pairs some rule makes. Every rule runs as SQL on DuckDB, as the linker runs it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import duckdb
import pytest

from undercount.link.blocking import CANDIDATES_TABLE, blocking_rules, candidate_pairs
from undercount.link.features import (
    FEW_RECORDS,
    STANDARD_FEATURES,
    Features,
    canonical_names_sql,
    consonant_key_sql,
    few_records_sql,
    name_pair_sql,
    surname_root_sql,
)

ALL_FILLED = Features(records=100, filled=dict.fromkeys(STANDARD_FEATURES, 100), extra_columns={})


@dataclass(frozen=True)
class R:
    surname: str
    given: str
    father: str | None = None
    born: tuple[int, int] | None = None
    died: str | None = None
    place: str | None = None
    birth_date: date | None = None


CASES: list[tuple[str, R, R, bool]] = [
    (
        "a typo in the surname's consonants, the rest agreeing",
        R("tursinov", "erkin", "kairat", (1979, 1979), "2022-01-07", "almaty"),
        R("turainov", "erkin", None, None, "2022-01-07", "almaty"),
        True,
    ),
    (
        "a typo in the surname's second letter",
        R("orazov", "saken", "kudaibergen", (1984, 1984), "2022-01-05", "almaty"),
        R("oazov", "saken", None, (1984, 1985), None, "almaty"),
        True,
    ),
    (
        "a typo in the given name's consonants",
        R("aliev", "aslan", None, (1971, 1972), "2022-01-05", "almaty"),
        R("aliev", "aslae", "orazbek", (1971, 1971), "2022-01-05", "almaty"),
        True,
    ),
    (
        "a typo in the given name's first letters",
        R("ospanov", "gabit", "nurdaulet", (1970, 1970), "2022-01-05", "taldykorgan"),
        R("ospanov", "gkbit", None, (1970, 1971), "2022-01-05", "taldykorgan"),
        True,
    ),
    (
        "a decree surname without its ending, nothing but the place beside it",
        R("suleimenov", "oljas", None, (1981, 1982), "2022-01-05", "zhanaozen"),
        R("suleimen", "oljas", None, None, None, "zhanaozen"),
        True,
    ),
    (
        "a sparse family record with a surname typo, name and place only",
        R("kalpev", "saulet", None, None, None, "almaty"),
        R("kaliev", "saulet", "muhtar", (2003, 2003), "2022-01-08", "almaty"),
        True,
    ),
    (
        "a typo in the father's name",
        R("nurgaliev", "bekbolat", "erjao", (2001, 2007), "2022-01-06", "almaty"),
        R("nurgaliev", "bekbolat", "erjan", (2002, 2003), "2022-01-06", "almaty"),
        True,
    ),
    (
        "an age three years off, the day of death agreeing",
        R("cherepanov", "aleksandr", "andrei", (1969, 1969), "2022-01-05", "almaty"),
        R("cherepanov", "alesandr", "andrei", (1966, 1967), "2022-01-05", "almaty"),
        True,
    ),
    (
        "surname and given name swapped, a birth year agreeing",
        R("galimbaev", "aidos", None, (1987, 1987), "2022-01-05", "taldykorgan"),
        R("aidos", "galimbaiv", None, (1987, 1988), "2022-01-06", "taldykorgan"),
        True,
    ),
    (
        "rare names, one record giving only a death date and the other only a birth year",
        R("seisenbaev", "arailim", None, None, "2022-01-05", None),
        R("seisenbaev", "arailim", "toleujan", (1997, 1998), None, "almaty"),
        True,
    ),
    (
        "rare names swapped, nothing else in common",
        R("mccarthy", "kydan", None, (1972, 1972), None, None),
        R("kydan", "mccarthy", None, None, None, None),
        True,
    ),
    (
        "a short surname missing its second letter, the day of death agreeing",
        R("nosov", "nikolai", "andrei", (1983, 1983), "2022-01-05", "almaty"),
        R("nsov", "nikolai", None, None, "2022-01-05", "almaty"),
        True,
    ),
    (
        "names swapped where the surname's ending cuts its root (Сагин → Саг)",
        R("sagin", "askarbai", None, (1994, 1994), "2022-01-06", "esik"),
        R("askarbai", "sagin", None, (1998, 1998), "2022-01-06", "esik"),
        True,
    ),
    (
        "names swapped with a typo in one, only the town in common",
        R("abdikarim", "seitbek", "erdenbai", (1992, 1992), None, "kaskelen"),
        R("seitbek", "agdikarim", None, None, "2022-01-06", "kaskelen"),
        True,
    ),
    (
        "one full birth date, both names' first letters the same",
        R("ashim", "dosis", "botabek", (1974, 1974), "2022-01-06", "almaty", date(1974, 3, 11)),
        R("asim", "dosm", None, (1974, 1974), "2022-01-07", None, date(1974, 3, 11)),
        True,
    ),
]

# Against a crowd of namesakes, so that the name alone is common and pairs nobody.
CROWDED_CASES: list[tuple[str, R, R, bool]] = [
    (
        "namesakes with two different fathers",
        R("ahmetov", "marat", "serik", (1980, 1980), "2022-01-05", "almaty"),
        R("ahmetov", "marat", "nurlan", (1980, 1981), "2022-01-05", "almaty"),
        False,
    ),
    (
        "namesakes with full records that share no date and no place",
        R("ahmetov", "marat", None, (1980, 1980), "2022-01-05", "almaty"),
        R("ahmetov", "marat", None, (1995, 1995), "2022-01-07", "taraz"),
        False,
    ),
    (
        "namesakes in two towns whose birth years are far apart, on one day of death",
        R("ahmetov", "marat", None, (1960, 1960), "2022-01-05", "almaty"),
        R("ahmetov", "marat", None, (1990, 1991), "2022-01-05", "taraz"),
        False,
    ),
    (
        "common namesakes, one giving a birth year and the other a death date",
        R("ahmetov", "marat", None, (1980, 1980), None, "almaty"),
        R("ahmetov", "marat", None, None, "2022-01-05", "taraz"),
        False,
    ),
]
CROWD = [
    R("ahmetov", "marat", f"father{i}", (1940 + 3 * i, 1940 + 3 * i), None, "aktau")
    for i in range(FEW_RECORDS)
]


def _input_table(con: duckdb.DuckDBPyConnection, records: list[R]) -> None:
    """A ``link_input`` of the given records, keys and flags built by the linker's own SQL."""
    con.execute(
        """
        CREATE TABLE raw (
            record_id INTEGER, surname_norm VARCHAR, given_norm VARCHAR, father_norm VARCHAR,
            birth_year_lo INTEGER, birth_year_hi INTEGER, death_date DATE, place_key VARCHAR,
            birth_date DATE
        )
        """
    )
    for i, r in enumerate(records):
        lo, hi = r.born or (None, None)
        con.execute(
            "INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [i, r.surname, r.given, r.father, lo, hi, r.died, r.place, r.birth_date],
        )
    con.execute(
        f"""
        CREATE TABLE keyed AS SELECT *,
          {surname_root_sql("surname_norm")} AS surname_root,
          {consonant_key_sql(surname_root_sql("surname_norm"))} AS surname_key,
          {consonant_key_sql("given_norm")} AS given_key,
          {consonant_key_sql("father_norm")} AS father_key,
          {name_pair_sql("surname_norm", "given_norm")} AS name_pair
        FROM raw
        """
    )
    con.execute(f"CREATE TABLE named AS {canonical_names_sql('keyed')}")
    con.execute(f"CREATE TABLE link_input AS {few_records_sql('named')}")


def _blocked(records: list[R]) -> bool:
    con = duckdb.connect()
    _input_table(con, records)
    candidate_pairs(con, blocking_rules(ALL_FILLED))
    row = con.execute(
        f"SELECT count(*) FROM {CANDIDATES_TABLE} WHERE join_key_l = 0 AND join_key_r = 1"
    ).fetchone()
    return row is not None and row[0] == 1


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_blocking_makes_the_pairs_a_typo_would_lose(left: R, right: R, expected: bool) -> None:
    assert _blocked([left, right]) is expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [c[1:] for c in CROWDED_CASES],
    ids=[c[0] for c in CROWDED_CASES],
)
def test_common_namesakes_need_more_than_the_name(left: R, right: R, expected: bool) -> None:
    assert _blocked([left, right, *CROWD]) is expected
    assert _blocked([left, right]), "alone, a rare name pairs on nothing else"


def test_candidates_are_exactly_the_pairs_some_rule_makes_with_the_first_rule_as_key() -> None:
    """On random records drawn from few values (so that rules overlap), the hash-deduplicated
    candidate table equals the OR of the rules evaluated pair by pair, and each pair's
    ``match_key`` is the first rule that holds for it, as in Splink."""
    rng = random.Random(5)
    names = ["ahmetov", "ahmetova", "ahmedov", "marat", "marta", "serik", "serikov"]
    records = [
        R(
            rng.choice(names),
            rng.choice(names),
            rng.choice([None, "serik", "sergei", "nurlan"]),
            rng.choice([None, (1980, 1980), (1981, 1982), (1990, 1990)]),
            rng.choice([None, "2022-01-05", "2022-01-06"]),
            rng.choice([None, "almaty", "taraz"]),
            rng.choice([None, date(1980, 1, 2), date(1981, 5, 6)]),
        )
        for _ in range(120)
    ]
    con = duckdb.connect()
    _input_table(con, records)
    rules = blocking_rules(ALL_FILLED)
    count = candidate_pairs(con, rules)
    first = " ".join(f"WHEN coalesce({rule}, false) THEN '{n}'" for n, rule in enumerate(rules))
    expected = con.execute(
        f"""
        SELECT * FROM (
            SELECT CASE {first} END AS match_key, l.record_id, r.record_id
            FROM link_input l, link_input r WHERE l.record_id < r.record_id
        ) WHERE match_key IS NOT NULL ORDER BY 2, 3
        """
    ).fetchall()
    got = con.execute(f"SELECT * FROM {CANDIDATES_TABLE} ORDER BY 2, 3").fetchall()
    assert count == len(got) == len(expected) > 100
    assert got == expected
