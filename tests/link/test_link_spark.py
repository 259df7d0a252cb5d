"""``--engine spark`` scores with the same model as DuckDB and makes the same persons."""

from __future__ import annotations

import time
from pathlib import Path

from undercount.case import open_case
from undercount.link import link_case


def test_spark_agrees_with_duckdb(make_case) -> None:
    case_dir, _ = make_case(60, 5)
    with open_case(case_dir) as case:
        duckdb_run = link_case(case, engine="duckdb")
        duckdb_scores = case.con.execute(
            "SELECT record_id_l, record_id_r, match_probability FROM pair_scores ORDER BY 1, 2"
        ).fetchall()
        duckdb_persons = case.con.execute("SELECT * FROM person_records ORDER BY 1").fetchall()
        spark_run = link_case(case, engine="spark")
        spark_scores = case.con.execute(
            "SELECT record_id_l, record_id_r, match_probability FROM pair_scores ORDER BY 1, 2"
        ).fetchall()
        spark_persons = case.con.execute("SELECT * FROM person_records ORDER BY 1").fetchall()
    assert spark_run.engine == "spark" and spark_run.persons == duckdb_run.persons
    assert [s[:2] for s in spark_scores] == [d[:2] for d in duckdb_scores]
    assert max(abs(s[2] - d[2]) for s, d in zip(spark_scores, duckdb_scores, strict=True)) < 1e-9
    assert spark_persons == duckdb_persons


def test_spark_writes_no_name_in_the_clear_to_local_disk(make_case) -> None:
    """Spark's shuffle files hold the records it joins; with local-disk encryption on, no
    surname of the case can be read from the files this run wrote (with it off, four of them
    showed names)."""
    from undercount.link.spark import spark_session

    case_dir, _ = make_case(60, 5)
    local = Path(spark_session().conf.get("spark.local.dir", "/tmp"))
    started = time.time()
    with open_case(case_dir) as case:
        link_case(case, engine="spark")
        names = {
            name.encode()
            for (name,) in case.con.execute(
                "SELECT DISTINCT surname_norm FROM records WHERE length(surname_norm) >= 6"
            ).fetchall()
        }
    written = [
        path
        for path in local.glob("blockmgr-*/**/*")
        if path.is_file() and path.stat().st_mtime >= started - 1
    ]
    assert written, "Spark wrote nothing to local disk: the test would prove nothing"
    assert names
    leaking = [path for path in written if any(name in path.read_bytes() for name in names)]
    assert not leaking, leaking
