"""``--engine spark`` scores with the same model as DuckDB and makes the same persons."""

from __future__ import annotations

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
