"""Evidence against chains: which unkept pairs inside a strongly linked component are known to
score under the floor."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from undercount.link.blocking import CANDIDATES_TABLE
from undercount.link.features import INPUT_TABLE
from undercount.link.scoring import blocked_below_floor


def test_blocked_below_floor_is_unkept_candidates_and_namesakes_inside_components() -> None:
    # Components of the ≥ 0.5 graph: {1, 2, 3} (a chain 1-2-3), {4, 5, 6, 7} (a chain), {8, 9}.
    kept = pa.table(
        {
            "record_id_l": [1, 2, 4, 5, 6, 8, 1],
            "record_id_r": [2, 3, 5, 6, 7, 9, 8],
            "match_probability": [0.9, 0.8, 0.9, 0.9, 0.9, 0.9, 0.2],
        }
    )
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE {INPUT_TABLE} AS SELECT range AS record_id, "
        "CASE WHEN range IN (5, 7) THEN 'a' END AS father_key FROM range(1, 10)"
    )
    # Blocking made 1-3 (scored under the floor), 4-6 and 8-9's neighbour pair 1-9 (outside
    # any checked component: components of two are never checked).
    con.execute(
        f"CREATE TABLE {CANDIDATES_TABLE} AS SELECT * FROM (VALUES "
        "('0', 1, 2), ('0', 2, 3), ('0', 1, 3), ('0', 4, 6), ('0', 8, 9), ('0', 1, 9)"
        ") t(match_key, join_key_l, join_key_r)"
    )
    namesakes = "l.father_key <> r.father_key"
    low = blocked_below_floor(con, kept, None, 0.5).sort_by("record_id_l").to_pylist()
    assert low == [
        {"record_id_l": 1, "record_id_r": 3},
        {"record_id_l": 4, "record_id_r": 6},
    ]
    with_namesakes = blocked_below_floor(con, kept, namesakes, 0.5)
    assert sorted(zip(*with_namesakes.to_pydict().values(), strict=True)) == [
        (1, 3),
        (4, 6),
    ], "5 and 7 share a father: no namesake evidence"
    con.execute(f"UPDATE {INPUT_TABLE} SET father_key = 'b' WHERE record_id = 7")
    with_namesakes = blocked_below_floor(con, kept, namesakes, 0.5)
    assert sorted(zip(*with_namesakes.to_pydict().values(), strict=True)) == [
        (1, 3),
        (4, 6),
        (5, 7),
    ]
