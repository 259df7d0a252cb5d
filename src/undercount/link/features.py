"""The table Splink compares: one row per record, built in SQL from the case's stored columns.

Names arrive already folded by the names stage (``surname_norm`` … ``father_norm``), so every
script meets; this module adds what comparisons and blocking need and nothing else:

* ``sex``: the list's own sex column, else the sex the name implies (suffixes, patronymic);
  ``sex_listed``: the list's own only, for a name read in the wrong order implies the wrong
  sex (Айман Дінмұхамед, a woman, read as a man named Дінмұхамед);
* ``birth_date`` only at day precision, and a *range* of birth years, ``birth_year_lo`` …
  ``birth_year_hi``, from a partial birth date or from the age at death and the year of death,
  so a list with birth dates and a list with ages can be compared on one scale (age 35 at death
  in 2022 is birth year 1986 or 1987). An approximate age ("~35", "около 35") is widened by
  ``APPROXIMATE_AGE_SLACK`` years each way: lists round such ages to fives;
* ``born_after`` … ``born_by``: the days (since 1970) the birth lies after and on or before:
  a birth date (a day, a month or a year), or an exact age at a known time of death. Age 32
  on 5 January 2022 is a birth from 6 January 1989 to 5 January 1990 — one year, where the
  birth years give two — so a "Владимир Белов, 32" and a Владимир Белов born 27.03.1990 (31
  then) no longer meet at "birth years overlap". A month of death, or none (then the span of
  the case's deaths: a week in January 2022), widens the year by as much;
* ``death_date`` only at day precision, ``death_month`` for month-precise lists;
* ``status`` (protester, civilian, law enforcement…; "unknown" is missing, not a status);
* ``cause``: the cause of death the list's free-text circumstances name, as one of a few
  categories found by word stems in Russian, Kazakh and English (``CAUSE_STEMS``), so
  "огнестрельное ранение" and "gunshot wound" agree;
* ``place_key`` (the gazetteer's id; a place it could not resolve is unknown, not different:
  "Тараз" and a typo of it must not count as two places) and ``region``;
* blocking keys ``surname_key``, ``given_key``, ``father_key``: the first consonants of each
  skeleton (of the surname's root), as in :func:`undercount.names.keys`, so vowel spellings and
  Russian/Kazakh surname endings meet;
* ``name_canon``: the two names in alphabetical order ("ahmetov|marat"), so a surname written
  as the given name and the given name as the surname meet; a spelling few records share is
  replaced by the commonest one a single typo away (``canonical_names_sql``), so
  "nikolai|nsov" meets "nikolai|nosov" and Сагин Асқарбай meets Асқарбай Сагин;
* ``few_*`` flags: whether at most ``FEW_RECORDS`` records share a name (or a name and a
  father, or a birth date), so blocking can pair such records on that alone, and whether few
  records share a spelling, which tells a typo from a name;
* ``source``: the list's name (two records of one list are usually two people);
* for lists with other columns (addresses, postcodes, document numbers), one ``x_*`` column per
  unmapped header, lower-cased, so a list unlike the simulator's links on what it has.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import duckdb

KEY_CONSONANTS = 3
INPUT_TABLE = "link_input"
FEW_RECORDS = 8
# flag -> the columns whose shared values few records hold (a small block; a rare spelling)
FEW_BLOCKS = {
    "few_names": ("surname_root", "given_norm"),
    "few_name_keys": ("surname_key", "given_key"),
    "few_surname_fathers": ("surname_key", "father_key"),
    "few_given_fathers": ("given_key", "father_key"),
    "few_birth_dates": ("birth_date",),
    "few_surnames": ("surname_norm",),
    "few_givens": ("given_norm",),
    "few_fathers": ("father_norm",),
}

_MAX_CANON_STEPS = 8
APPROXIMATE_AGE_SLACK = 2
"""Years an approximate age is widened by each way ("~35" is 33 to 37)."""

STANDARD_FEATURES = (
    "surname_norm",
    "given_norm",
    "father_norm",
    "sex",
    "birth_date",
    "birth_year_lo",
    "born_by",
    "name_canon",
    "death_date",
    "death_month",
    "place_key",
    "region",
    "status",
    "cause",
)

_MAX_EXTRA_COLUMNS = 8
_MAX_EXTRA_MEAN_LENGTH = 40
_MIN_FILL = 0.01

_SURNAME_ENDINGS = "(ov|ev|in|uli|kizi|skii)$"

# Tried in order: a stray bullet is a gunshot too, and the narrower category wins.
CAUSE_STEMS = {
    "stray_bullet": ("шальн", "адасқан", "stray"),
    "gunshot": ("огнестр", "пулев", "выстрел", "застрел", "оқ тиі", "атып", "gunshot", "shot"),
    "beaten": ("избие", "избит", "ұрып", "beat"),
    "vehicle": ("наезд", "сбит", "көлік", "vehicle", "run over"),
    "custody": ("под стражей", "изолятор", "қамау", "custody", "detention"),
}


@dataclass(frozen=True)
class Features:
    """Which comparable columns this case has, with how many records fill each."""

    records: int
    filled: dict[str, int]
    extra_columns: dict[str, str]  # x_* column -> header as written in the lists
    sources: tuple[str, ...] = ()

    def has(self, column: str) -> bool:
        """A column worth comparing: present on enough records to train on."""
        return self.filled.get(column, 0) >= max(2, _MIN_FILL * self.records)


def consonant_key_sql(expression: str) -> str:
    """SQL for the first consonants of a skeleton, or its first letter when it has none."""
    consonants = f"regexp_replace({expression}, '[aeiou]', '', 'g')"
    return (
        f"CASE WHEN {consonants} = '' THEN left({expression}, 1) "
        f"ELSE left({consonants}, {KEY_CONSONANTS}) END"
    )


def cause_sql(column: str) -> str:
    """SQL for the first ``CAUSE_STEMS`` category whose stem the text holds, else NULL."""
    cases = " ".join(
        f"WHEN regexp_matches(lower({column}), '{'|'.join(stems)}') THEN '{cause}'"
        for cause, stems in CAUSE_STEMS.items()
    )
    return f"CASE {cases} END"


def surname_root_sql(column: str) -> str:
    """SQL for the surname without its Russian/Kazakh ending when at least 3 letters remain.

    The decree form of a surname in -баев is -бай (Жанбаев → Жанбай: the й of the ancestor's
    name falls before -ев), so a vowel's closing i goes too: both are "janba". Without it the
    commonest Kazakh surnames and their decree forms shared no root (at a million simulated
    records, a third of the true pairs nothing scored were such pairs, often also swapped)."""
    stripped = (
        f"regexp_replace(regexp_replace({column}, '{_SURNAME_ENDINGS}', ''), '([aeiou])i$', '\\1')"
    )
    return f"CASE WHEN length({stripped}) >= 3 THEN {stripped} ELSE {column} END"


def name_pair_sql(surname: str, given: str) -> str:
    """SQL: both names in alphabetical order, joined by "|" (NULL if one lacks)."""
    return f"least({surname}, {given}) || '|' || greatest({surname}, {given})"


def canonical_names_sql(table: str) -> str:
    """SQL: ``table`` with ``name_canon``, its ``name_pair`` or, for a pair few records share
    (at most ``FEW_RECORDS``), the commonest pair one deletion, insertion, substitution or
    transposition away (ties: the first alphabetically), found by the deletion neighbourhood:
    two strings one edit apart share a string with at most one letter deleted from each. The
    step is followed to its end: "kasimbai|orvlov" (a typo, once) goes to "kasimbai|oralov"
    (twice), which goes to "karimbai|oralov"; stopping at the first step would part the typo
    from its own person.

    Blocking pairs records by it: at a million simulated records, 3,505 true pairs escaped the
    other rules, most of them a typo or a swap that the name keys and first letters miss
    (Носов/Нсов, Сагин Асқарбай/Асқарбай Сагин); with it 1,488 still do (blocking recall 0.9963 →
    0.9984), for 0.2 M more candidates (8.2 M before). It works on the distinct pairs, in
    about a second.
    """
    return f"""
        WITH RECURSIVE names AS (
            SELECT name_pair, count(*) AS n FROM {table}
            WHERE name_pair IS NOT NULL GROUP BY name_pair
        ), positions AS (
            SELECT name_pair, n, unnest(range(1, length(name_pair) + 1)) AS i FROM names
        ), variants AS (
            SELECT name_pair, n, name_pair AS variant FROM names
            UNION ALL
            SELECT name_pair, n, left(name_pair, i - 1) || substr(name_pair, i + 1) FROM positions
        ), better AS (
            SELECT DISTINCT a.name_pair, b.name_pair AS other, b.n
            FROM variants a JOIN variants b ON a.variant = b.variant
            WHERE a.n <= {FEW_RECORDS}
              AND (b.n > a.n OR (b.n = a.n AND b.name_pair < a.name_pair))
        ), step AS (
            SELECT name_pair, first(other ORDER BY n DESC, other) AS name_canon
            FROM better GROUP BY name_pair
        ), chain AS (
            SELECT name_pair, name_canon, 1 AS steps FROM step
            UNION ALL
            SELECT chain.name_pair, step.name_canon, chain.steps + 1
            FROM chain JOIN step ON step.name_pair = chain.name_canon
            WHERE chain.steps < {_MAX_CANON_STEPS}
        ), canon AS (
            SELECT name_pair, arg_max(name_canon, steps) AS name_canon FROM chain GROUP BY name_pair
        )
        SELECT {table}.*, coalesce(canon.name_canon, {table}.name_pair) AS name_canon
        FROM {table} LEFT JOIN canon USING (name_pair)
    """


def few_records_sql(table: str) -> str:
    """SQL: ``table`` with its ``few_*`` flags, counted by one grouping per flag (measured: a
    third of the time of window counts at a million records). A record whose columns for a flag
    are missing is in no block: its flag is false."""
    blocks = ", ".join(
        f"{flag} AS (SELECT {', '.join(columns)}, count(*) <= {FEW_RECORDS} AS {flag} "
        f"FROM {table} GROUP BY ALL)"
        for flag, columns in FEW_BLOCKS.items()
    )
    flags = ", ".join(f"coalesce({flag}, false) AS {flag}" for flag in FEW_BLOCKS)
    joins = " ".join(
        f"LEFT JOIN {flag} USING ({', '.join(columns)})" for flag, columns in FEW_BLOCKS.items()
    )
    return f"WITH {blocks} SELECT {table}.*, {flags} FROM {table} {joins}"


def build_input_table(con: duckdb.DuckDBPyConnection, catalog: str) -> Features:
    """Create ``link_input`` (in the current catalog) from the latest version of every record.

    ``catalog`` is the case database's catalog: the input is built beside Splink's working
    tables, away from the case's own.
    """
    records_table, sources_table = f"{catalog}.records", f"{catalog}.sources"
    extras = _extra_headers(con, records_table, sources_table)
    extra_sql = "".join(
        f",\n  nullif(lower(trim(json_extract_string(r.raw, '$.\"{_sql_text(header)}\"'))), '') "
        f"AS {column}"
        for column, header in extras.items()
    )
    reference = _death_reference(con, records_table)
    birth = ",\n".join(f"{sql} AS {column}" for column, sql in birth_sql("r", reference).items())
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {INPUT_TABLE} AS
        WITH latest AS (
            SELECT * FROM {records_table}
            QUALIFY row_number() OVER (PARTITION BY record_id ORDER BY version DESC) = 1
        ), input AS (
        SELECT
          r.record_id,
          s.name AS source,
          nullif(r.surname_norm, '') AS surname_norm,
          {surname_root_sql("nullif(r.surname_norm, '')")} AS surname_root,
          nullif(r.given_norm, '') AS given_norm,
          {surname_root_sql("nullif(r.given_norm, '')")} AS given_root,
          {name_pair_sql("nullif(r.surname_norm, '')", "nullif(r.given_norm, '')")} AS name_pair,
          nullif(r.father_norm, '') AS father_norm,
          coalesce(r.sex, r.sex_from_name) AS sex,
          r.sex AS sex_listed,
          {birth},
          CASE WHEN r.death_date_precision = 'day' THEN r.death_date END AS death_date,
          CASE WHEN r.death_date_precision IN ('day', 'month')
               THEN date_trunc('month', r.death_date) END AS death_month,
          r.place_id AS place_key,
          r.region,
          nullif(r.status, 'unknown') AS status,
          {cause_sql("r.circumstances")} AS cause,
          {consonant_key_sql(surname_root_sql("r.surname_norm"))} AS surname_key,
          {consonant_key_sql("r.given_norm")} AS given_key,
          {consonant_key_sql("r.father_norm")} AS father_key{extra_sql}
        FROM latest r JOIN {sources_table} s USING (source_id)
        )
        , named AS ({canonical_names_sql("input")})
        SELECT * EXCLUDE (name_pair) FROM ({few_records_sql("named")}) ORDER BY record_id
        """
    )
    columns = [*STANDARD_FEATURES, *extras]
    counts = ", ".join(f"count({c})" for c in columns)
    row = con.execute(f"SELECT count(*), {counts} FROM {INPUT_TABLE}").fetchone()
    assert row is not None
    filled = dict(zip(columns, (int(v) for v in row[1:]), strict=True))
    sources = tuple(
        str(name)
        for (name,) in con.execute(
            f"SELECT DISTINCT source FROM {INPUT_TABLE} ORDER BY 1"
        ).fetchall()
    )
    return Features(records=int(row[0]), filled=filled, extra_columns=extras, sources=sources)


def _extra_headers(
    con: duckdb.DuckDBPyConnection, records_table: str, sources_table: str
) -> dict[str, str]:
    """Headers no field took (and not the list's own id), as ``x_*`` column -> header.

    Long free text (notes, circumstances in prose) is left out: Jaro-Winkler on paragraphs says
    nothing about identity. The id column is left out because its values name the row, not the
    person (FEBRL's ``rec-12-dup-0`` would leak the answer).
    """
    headers: list[str] = []
    for columns_json, fields_json, id_column in con.execute(
        f"SELECT columns, column_fields, id_column FROM {sources_table} ORDER BY source_id"
    ).fetchall():
        mapped = json.loads(fields_json)
        for header in json.loads(columns_json):
            if header not in mapped and header != id_column and header not in headers:
                headers.append(header)
    extras: dict[str, str] = {}
    for header in headers:
        column = _column_name(header, extras)
        path = f'$."{_sql_text(header)}"'
        row = con.execute(
            f"""
            SELECT count(v), avg(length(v)), count(DISTINCT v), count(*)
            FROM (
                SELECT nullif(trim(json_extract_string(raw, '{path}')), '') AS v
                FROM {records_table}
            )
            """
        ).fetchone()
        assert row is not None
        filled, mean_length, distinct, total = row
        if (
            filled >= max(2, _MIN_FILL * total)
            and distinct >= 2
            and (mean_length or 0) <= _MAX_EXTRA_MEAN_LENGTH
        ):
            extras[column] = header
        if len(extras) == _MAX_EXTRA_COLUMNS:
            break
    return extras


def _column_name(header: str, taken: dict[str, str]) -> str:
    base = "x_" + (re.sub(r"[^0-9a-z]+", "_", header.lower()).strip("_") or "column")
    column, n = base, 1
    while column in taken:
        n += 1
        column = f"{base}_{n}"
    return column


@dataclass(frozen=True)
class DeathReference:
    """What a case's dated deaths say about one with no date: the usual year, and the span of
    days most fall in (1st to 99th percentile: a year miswritten is not the span)."""

    year: int | None = None
    earliest: date | None = None
    latest: date | None = None


def birth_sql(r: str, reference: DeathReference) -> dict[str, str]:
    """``birth_date``, ``birth_year_lo`` … ``birth_year_hi`` and ``born_after`` … ``born_by``
    from a records row ``r``.

    An exact age places the birth between the latest possible day of death less age + 1 years
    and the earliest less age years: one year for a day of death, a little more for a month
    ("January 2022"), and for a row without a date, the span of the case's deaths."""
    death_year = f"coalesce(year({r}.death_date), {reference.year or 'NULL'})"
    slack = f"CASE WHEN {r}.age_approximate THEN {APPROXIMATE_AGE_SLACK} ELSE 0 END"
    full_date = f"{r}.birth_date_precision = 'day'"
    earliest, latest = (
        f"DATE '{day.isoformat()}'" if day else "NULL"
        for day in (reference.earliest, reference.latest)
    )
    first_death = (
        f"CASE WHEN {r}.death_date_precision IS NOT NULL THEN {r}.death_date ELSE {earliest} END"
    )
    last_death = _last_day(f"{r}.death_date", f"{r}.death_date_precision", latest)
    last_birth = _last_day(f"{r}.birth_date", f"{r}.birth_date_precision", "NULL")
    exact_age = f"{r}.age_min IS NOT NULL AND NOT coalesce({r}.age_approximate, false)"
    return {
        "birth_date": f"CASE WHEN {full_date} THEN {r}.birth_date END",
        "birth_year_lo": f"CASE WHEN {r}.birth_date IS NOT NULL THEN year({r}.birth_date) "
        f"WHEN {r}.age_max IS NOT NULL THEN {death_year} - {r}.age_max - {slack} - 1 END",
        "birth_year_hi": f"CASE WHEN {r}.birth_date IS NOT NULL THEN year({r}.birth_date) "
        f"WHEN {r}.age_min IS NOT NULL THEN {death_year} - greatest({r}.age_min - {slack}, 0) END",
        "born_after": f"CASE WHEN {r}.birth_date IS NOT NULL THEN {_days(f'{r}.birth_date')} - 1 "
        f"WHEN {exact_age} THEN {_days(f'({last_death}) - to_years({r}.age_max + 1)')} END",
        "born_by": f"CASE WHEN {r}.birth_date IS NOT NULL THEN {_days(last_birth)} "
        f"WHEN {exact_age} THEN {_days(f'({first_death}) - to_years({r}.age_min)')} END",
    }


def _last_day(date_sql: str, precision_sql: str, otherwise: str) -> str:
    """SQL: the last day a partial date (stored as its first day) can mean."""
    return (
        f"CASE {precision_sql} WHEN 'day' THEN {date_sql} "
        f"WHEN 'month' THEN last_day({date_sql}) "
        f"WHEN 'year' THEN {date_sql} + INTERVAL 1 YEAR - INTERVAL 1 DAY ELSE {otherwise} END"
    )


def _days(date_sql: str) -> str:
    """Days since 1970-01-01 of a date (or timestamp) expression, as an integer."""
    return f"date_diff('day', DATE '1970-01-01', CAST({date_sql} AS DATE))"


def _death_reference(con: duckdb.DuckDBPyConnection, records_table: str) -> DeathReference:
    row = con.execute(
        f"""
        SELECT mode(year(death_date)),
          quantile_disc(death_date, 0.01) FILTER (WHERE death_date_precision = 'day'),
          quantile_disc(death_date, 0.99) FILTER (WHERE death_date_precision = 'day')
        FROM {records_table}
        """
    ).fetchone()
    if row is None or row[0] is None:
        return DeathReference()
    return DeathReference(int(row[0]), row[1], row[2])


def _sql_text(text: str) -> str:
    return text.replace("'", "''").replace('"', '\\"')
