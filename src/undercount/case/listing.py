"""Read-only views of a case for listings and exports: plain rows, no formatting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from undercount.case.store import Case
from undercount.errors import UndercountError

EXPORT_TABLES = ("records", "persons", "sources", "issues", "claims", "estimates")
EXPORT_FORMATS = ("csv", "json", "parquet")

_SOURCE_COLUMNS = (
    "source_id, name, kind, compiled_by, as_of, file_name, file_sha256, file_format, encoding, "
    "delimiter, sheet, row_count, imported_at, imported_by, "
    "(SELECT count(*) FROM import_issues i WHERE i.source_id = s.source_id) AS issues"
)
_RECORD_COLUMNS = (
    "r.record_id, s.name AS source, r.row_number, r.source_record_id, r.full_name, r.surname, "
    "r.given, r.patronymic, r.name_script, r.surname_norm, r.given_norm, r.father_norm, "
    "r.sex_from_name, r.name_order, r.sex, r.age_min, r.age_max, r.age_approximate, "
    "r.birth_date, r.birth_date_precision, r.death_date, r.death_date_precision, r.place, "
    "r.place_id, r.region, r.circumstances, r.status, r.perpetrator, r.raw"
)
_ISSUE_COLUMNS = (
    "s.name AS source, s.file_name AS file, i.row_number AS row, i.record_id, i.field, "
    "i.column_name AS column, i.severity, i.message"
)


# Records as they stand: the latest version of each (a correction adds a version, never edits).
CURRENT_RECORDS_SQL = (
    "(SELECT * FROM records r "
    "WHERE r.version = (SELECT max(version) FROM records v WHERE v.record_id = r.record_id))"
)


def list_sources(case: Case) -> list[dict[str, Any]]:
    return _rows(case, f"SELECT {_SOURCE_COLUMNS} FROM sources s ORDER BY source_id")


def list_records(
    case: Case, *, source: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    sql, params = _records_sql(case, source)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = _rows(case, sql, params)
    for row in rows:
        row["raw"] = json.loads(row["raw"])
    return rows


def list_issues(case: Case, *, source: str | None = None) -> list[dict[str, Any]]:
    sql, params = _issues_sql(case, source)
    return _rows(case, sql, params)


def export_table(case: Case, table: str, file_format: str, out: Path) -> int:
    """Write a whole table with DuckDB's COPY; returns the number of rows written."""
    if file_format not in EXPORT_FORMATS:
        raise UndercountError(
            f"unknown format {file_format!r}.", hint=f"Choose {', '.join(EXPORT_FORMATS)}."
        )
    sql, params = _export_sql(case, table)
    options = {
        "csv": "FORMAT csv, HEADER",
        "json": "FORMAT json, ARRAY true",
        "parquet": "FORMAT parquet",
    }[file_format]
    target = str(out).replace("'", "''")
    relation = case.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchone()
    return int(relation[0]) if relation else 0


def stream_table(
    case: Case, table: str, batch: int = 10_000
) -> tuple[list[str], Iterator[list[tuple[Any, ...]]]]:
    """A table's column names and its rows in batches, for writing to a stream without files."""
    sql, params = _export_sql(case, table)
    cursor = case.con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    # JSON columns (raw rows, subgroups, histories) leave as JSON, not as strings of JSON.
    json_columns = [i for i, d in enumerate(cursor.description) if str(d[1]) == "JSON"]

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        while rows := cursor.fetchmany(batch):
            if json_columns:
                rows = [_decode_json(row, json_columns) for row in rows]
            yield rows

    return columns, batches()


def _decode_json(row: tuple[Any, ...], positions: list[int]) -> tuple[Any, ...]:
    values = list(row)
    for position in positions:
        if values[position] is not None:
            values[position] = json.loads(values[position])
    return tuple(values)


def _export_sql(case: Case, table: str) -> tuple[str, list[Any]]:
    if table == "records":
        return _records_sql(case, None)
    if table == "sources":
        return f"SELECT {_SOURCE_COLUMNS} FROM sources s ORDER BY source_id", []
    if table == "issues":
        return _issues_sql(case, None)
    if table == "persons":
        return (
            "SELECT p.person_id, r.record_id, s.name AS source, r.source_record_id, r.full_name, "
            "r.sex, r.age_min, r.age_max, r.birth_date, r.death_date, r.place, r.region, "
            f"r.status FROM person_records p JOIN {CURRENT_RECORDS_SQL} r USING (record_id) "
            "JOIN sources s USING (source_id) ORDER BY p.person_id, r.record_id",
            [],
        )
    if table == "claims":
        return "SELECT * FROM claims ORDER BY claim_id", []
    if table == "estimates":
        return "SELECT * FROM estimates ORDER BY run_id, method, stratum", []
    raise UndercountError(f"cannot export {table!r}.", hint=f"Choose {', '.join(EXPORT_TABLES)}.")


def _records_sql(case: Case, source: str | None) -> tuple[str, list[Any]]:
    sql = f"SELECT {_RECORD_COLUMNS} FROM {CURRENT_RECORDS_SQL} r JOIN sources s USING (source_id)"
    return _of_source(case, sql, source, order="r.record_id")


def _issues_sql(case: Case, source: str | None) -> tuple[str, list[Any]]:
    sql = f"SELECT {_ISSUE_COLUMNS} FROM import_issues i JOIN sources s USING (source_id)"
    return _of_source(case, sql, source, order="i.source_id, i.row_number")


def _of_source(case: Case, sql: str, source: str | None, *, order: str) -> tuple[str, list[Any]]:
    """``sql`` (joined to sources as ``s``) limited to one source when asked, then ordered."""
    if source is None:
        return f"{sql} ORDER BY {order}", []
    _check_source(case, source)
    return f"{sql} WHERE s.name = ? ORDER BY {order}", [source]


def _check_source(case: Case, source: str) -> None:
    names = [n for (n,) in case.con.execute("SELECT name FROM sources ORDER BY name").fetchall()]
    if source not in names:
        known = ", ".join(map(repr, names)) or "none yet"
        raise UndercountError(f"no source named {source!r}.", hint=f"Sources: {known}.")


def _rows(case: Case, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = case.con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
