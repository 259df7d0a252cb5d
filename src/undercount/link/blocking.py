"""Which pairs of records get compared: blocking rules, and the candidate pairs they make.

Every rule is a pair of name keys plus one more agreeing fact, or a fact shared by so few
records that pairing on it alone costs nothing. Name keys alone make blocks that grow with
the square of the list (Ахметов Марат is hundreds of people in a million records), and
the facts that sound telling are not: most of the dead fell in Almaty on 5–6 January, so a
shared day of death or town halves a block at best. A birth year (within a year) or a father's
name does split namesakes; the day and the town serve records that give no birth year.

Measured on the simulator's million records (``benchmarks/link_simulated.py``): these rules
reach 0.996 of the true pairs with 7.6 M candidates, where the rules they replaced reached
0.995 with 22.5 M (``docs/linkage.md``).
"""

from __future__ import annotations

import duckdb

from undercount.link.features import INPUT_TABLE, Features

CANDIDATES_TABLE = "link_candidates"

_KEYS = "l.surname_key = r.surname_key AND l.given_key = r.given_key"
_EXACT = "l.surname_root = r.surname_root AND l.given_norm = r.given_norm"
_SWAPPED = "l.surname_key = r.given_key AND l.given_key = r.surname_key"
_BIRTH_NEAR = (
    "l.birth_year_lo <= r.birth_year_hi + {slack} AND r.birth_year_lo <= l.birth_year_hi + {slack}"
)
_BIRTH_UNKNOWN = "l.birth_year_lo IS NULL OR r.birth_year_lo IS NULL"
# Ages are rounded and birth years miscopied: a day of death shared by two records whose birth
# years are this far apart can still be one person's (the rule for near birth years is ±1).
_DEATH_BIRTH_SLACK = 4


def blocking_rules(features: Features) -> list[str]:
    """Candidate pairs: the OR of these rules, in DuckDB SQL over ``l`` and ``r``.

    Names enter in three ways, so that one typo anywhere in them cannot lose a pair:

    * both consonant keys (vowel spellings, Russian/Kazakh endings);
    * the given name exactly and the surname's first three letters, or its first and last two
      (a typo in the surname's consonants: Турсынов/Турайнов; copyists' slips fall mostly after
      the first letters);
    * the surname's root exactly and the given name's first two letters, or its first and last
      two (Аслан/Аслае). Surnames share their first letters more than given names do
      (Ахметов, Ахмедов, Ахметжанов…): two letters made a quarter of all candidates.

    Each name form pairs with a birth year within one; with the day of death when a birth year
    is missing or within four; with the town for sparse records (a family or media list giving
    a name and a town, nothing else). Two named fathers must start alike: namesakes with two
    different fathers are two people in all but a few pairs (a typo in a father's first letter
    is rarer than one after it; Jaro–Winkler would serve better, but Spark has no such function
    to block with).

    Both names in alphabetical order, a rare spelling replaced by the commonest one a
    typo away (``features.canonical_names_sql``), pair with the same anchors, or with the town
    alone: a typo in the first letters, or names written in the other order with a typo, escape
    the name forms above.

    Rare names, rare surname–father and given name–father pairs, and rare birth dates pair on
    nothing more: at most ``FEW_RECORDS`` records share each, so each such rule adds at most a
    few pairs per record. A full birth date also pairs records whose names start with the same
    letters; the swapped rule catches surname-first/given-first mistakes; a list's own extra
    columns (postcode, document number) pair with one name key each.
    """
    has = features.has
    slips = [
        f"{_ends_agree(name, ends)} AND l.{other} = r.{other}"
        for name, other, prefix in (
            ("surname_root", "given_norm", 3),
            ("given_norm", "surname_root", 2),
        )
        for ends in ((prefix, 0), (1, 2))
    ]
    father = (
        " AND (l.father_norm IS NULL OR r.father_norm IS NULL "
        "OR left(l.father_norm, 1) = left(r.father_norm, 1))"
        if has("father_norm")
        else ""
    )
    anchors = []
    if has("birth_year_lo"):
        anchors.append(_BIRTH_NEAR.format(slack=1))
    if has("death_date"):
        anchors.append(
            "l.death_date = r.death_date"
            + (
                f" AND ({_BIRTH_UNKNOWN} OR {_BIRTH_NEAR.format(slack=_DEATH_BIRTH_SLACK)})"
                if has("birth_year_lo")
                else ""
            )
        )
    if has("place_key"):
        sparse = " OR ".join(
            f"({side}.death_date IS NULL AND {side}.birth_year_lo IS NULL)" for side in "lr"
        )
        anchors.append(f"l.place_key = r.place_key AND ({sparse})")
    anchor = " OR ".join(f"({a})" for a in anchors)
    rules = []
    if has("father_norm"):
        rules.append(f"{_KEYS} AND l.father_key = r.father_key")
    if anchors:
        rules += [f"{names} AND ({anchor}){father}" for names in (_KEYS, *slips)]
    else:
        rules.append(_KEYS)
    if has("name_canon"):
        if anchors:
            rules.append(f"l.name_canon = r.name_canon AND ({anchor}){father}")
        if has("place_key"):
            rules.append(f"l.name_canon = r.name_canon AND l.place_key = r.place_key{father}")
    rules += [f"{_EXACT} AND l.few_names", f"{_KEYS} AND l.few_name_keys"]
    if has("father_norm"):
        rules += [
            "l.surname_key = r.surname_key AND l.father_key = r.father_key "
            "AND l.few_surname_fathers",
            "l.given_key = r.given_key AND l.father_key = r.father_key AND l.few_given_fathers",
        ]
    few_swapped = "l.few_name_keys AND r.few_name_keys"
    rules.append(f"{_SWAPPED} AND ({anchor} OR ({few_swapped}))" if anchors else _SWAPPED)
    if has("birth_date"):
        rules.append(
            "l.birth_date = r.birth_date AND (l.few_birth_dates "
            "OR (left(l.surname_norm, 1) = left(r.surname_norm, 1) "
            "AND left(l.given_norm, 1) = left(r.given_norm, 1)) "
            "OR (left(l.surname_norm, 1) = left(r.given_norm, 1) "
            "AND left(l.given_norm, 1) = left(r.surname_norm, 1)))"
        )
    for column in features.extra_columns:
        if has(column):
            rules.append(f"l.{column} = r.{column} AND l.surname_key = r.surname_key")
            rules.append(f"l.{column} = r.{column} AND l.given_key = r.given_key")
    return rules


def candidate_pairs(con: duckdb.DuckDBPyConnection, rules: list[str]) -> int:
    """Create ``link_candidates`` (``match_key``, ``join_key_l`` < ``join_key_r``) from
    ``link_input``; return how many pairs it holds.

    Splink makes each rule's pairs and drops those an earlier rule made by evaluating every
    earlier rule on them: with thirty rules that is most of its blocking time (120 s of 190 at
    a million records), and on Spark the plan of that query ran out of an 6 GB heap at 100,000
    records. Here each rule is one join and the pairs are deduplicated once, by hash;
    ``match_key`` is still the first rule that makes the pair, as in Splink.
    """
    con.execute(f"CREATE OR REPLACE TABLE {CANDIDATES_TABLE} AS {candidates_sql(rules)}")
    row = con.execute(f"SELECT count(*) FROM {CANDIDATES_TABLE}").fetchone()
    assert row is not None
    return int(row[0])


def candidates_sql(rules: list[str]) -> str:
    """The candidate pairs of ``rules`` over ``link_input``, as a DuckDB query (Spark runs it
    translated)."""
    joins = " UNION ALL ".join(
        f"SELECT {number} AS rule, l.record_id AS a, r.record_id AS b "
        f"FROM {INPUT_TABLE} l JOIN {INPUT_TABLE} r ON ({rule}) AND l.record_id < r.record_id"
        for number, rule in enumerate(rules)
    )
    return (
        "SELECT CAST(min(rule) AS VARCHAR) AS match_key, a AS join_key_l, b AS join_key_r "
        f"FROM ({joins}) GROUP BY a, b"
    )


def _ends_agree(column: str, ends: tuple[int, int]) -> str:
    """SQL: ``column`` agrees on its first ``ends[0]`` and last ``ends[1]`` letters."""
    first, last = ends
    parts = [f"left(l.{column}, {first}) = left(r.{column}, {first})"]
    if last:
        parts.append(f"right(l.{column}, {last}) = right(r.{column}, {last})")
    return " AND ".join(parts)
