"""Import one list file into a case: all of it, in one transaction, or nothing.

The file is refused before anything is written if it cannot be read as a table at all, or if the
same bytes (SHA-256) were imported before and ``again`` is not set. Otherwise every row becomes a
record, problems become ``import_issues``, and the source, its records, its issues and the audit
entry commit together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from undercount.case import Case, current_actor, utc_now
from undercount.errors import ImportRefused
from undercount.ingest.headers import load_mapping, plan_columns
from undercount.ingest.readers import open_table
from undercount.ingest.rows import Issue, RowParser

SOURCE_KINDS = ("official", "ngo", "media", "medical", "family", "social", "other")
BATCH_ROWS = 20_000

RECORD_SCHEMA = pa.schema(
    [
        ("record_id", pa.int64()),
        ("source_id", pa.int32()),
        ("row_number", pa.int32()),
        ("source_record_id", pa.string()),
        ("raw", pa.string()),
        ("full_name", pa.string()),
        ("surname", pa.string()),
        ("given", pa.string()),
        ("patronymic", pa.string()),
        ("name_script", pa.string()),
        ("surname_norm", pa.string()),
        ("given_norm", pa.string()),
        ("father_norm", pa.string()),
        ("sex_from_name", pa.string()),
        ("name_order", pa.string()),
        ("sex", pa.string()),
        ("age_min", pa.int16()),
        ("age_max", pa.int16()),
        ("age_approximate", pa.bool_()),
        ("birth_date", pa.date32()),
        ("birth_date_precision", pa.string()),
        ("death_date", pa.date32()),
        ("death_date_precision", pa.string()),
        ("place", pa.string()),
        ("place_id", pa.string()),
        ("region", pa.string()),
        ("circumstances", pa.string()),
        ("status", pa.string()),
        ("perpetrator", pa.string()),
    ]
)
ISSUE_SCHEMA = pa.schema(
    [
        ("source_id", pa.int32()),
        ("row_number", pa.int32()),
        ("record_id", pa.int64()),
        ("field", pa.string()),
        ("column_name", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
    ]
)


@dataclass(frozen=True)
class ImportSummary:
    source: str
    source_id: int
    rows: int
    issues: int
    rows_with_issues: int
    file_format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    mapped: dict[str, str]
    unmapped: list[str]
    sha256: str


Progress = Callable[[int, int], None]  # (rows done, bytes read)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_list(
    case: Case,
    path: Path,
    *,
    source: str,
    kind: str = "other",
    id_column: str | None = None,
    mapping: Path | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    again: bool = False,
    compiled_by: str | None = None,
    as_of: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import ``path`` as the source named ``source``. See the module docstring."""
    if kind not in SOURCE_KINDS:
        raise ImportRefused(
            f"unknown source kind {kind!r}.", hint=f"Use one of: {', '.join(SOURCE_KINDS)}."
        )
    if not source.strip():
        raise ImportRefused(
            "the source name is empty.", hint="Give --source a name such as 'official'."
        )
    as_of_date = _parse_as_of(as_of)
    column_mapping = load_mapping(mapping) if mapping else None
    table = open_table(path, encoding=encoding, sheet=sheet, delimiter=delimiter)
    plan = plan_columns(table.header, mapping=column_mapping, id_column=id_column)
    sha256 = file_sha256(path)
    con = case.con
    _refuse_repeats(case, path, source, sha256, again)

    parser = RowParser(table.header, plan.fields)
    mapped = {table.header[position]: field for position, field in sorted(plan.fields.items())}
    with case.transaction():
        source_id = _next_id(case, "sources", "source_id")
        next_record_id = _next_id(case, "records", "record_id")
        rows = issue_count = rows_with_issues = 0
        records: list[dict[str, Any]] = []
        issues: list[tuple[int, Issue]] = []
        seen_ids: dict[str, int] = {}
        for row_number, cells in table.rows:
            record, row_issues = parser.parse(row_number, cells)
            record_id = next_record_id + rows
            record["record_id"] = record_id
            own_id = record["source_record_id"]
            if own_id is not None:
                if own_id in seen_ids:
                    row_issues.append(
                        Issue(
                            row_number,
                            "source_record_id",
                            plan.header_of("source_record_id", table.header),
                            "warning",
                            f"id {own_id!r} also on row {seen_ids[own_id]}",
                        )
                    )
                else:
                    seen_ids[own_id] = row_number
            records.append(record)
            issues.extend((record_id, issue) for issue in row_issues)
            rows += 1
            issue_count += len(row_issues)
            rows_with_issues += bool(row_issues)
            if len(records) >= BATCH_ROWS:
                _insert(case, source_id, records, issues)
                records, issues = [], []
                if progress:
                    progress(rows, table.bytes_read())
        _insert(case, source_id, records, issues)
        if progress:
            progress(rows, table.bytes_read())
        con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                source,
                kind,
                compiled_by,
                as_of_date,
                path.name,
                sha256,
                table.file_format,
                table.encoding,
                table.delimiter,
                table.sheet,
                json.dumps(table.header, ensure_ascii=False),
                json.dumps(mapped, ensure_ascii=False),
                plan.header_of("source_record_id", table.header),
                rows,
                utc_now(),
                current_actor(),
            ],
        )
        case.audit(
            "import",
            {"source_id": source_id, "file_sha256": sha256, "rows": rows, "issues": issue_count},
        )
    return ImportSummary(
        source=source,
        source_id=source_id,
        rows=rows,
        issues=issue_count,
        rows_with_issues=rows_with_issues,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        mapped=mapped,
        unmapped=plan.unmapped,
        sha256=sha256,
    )


def _parse_as_of(text: str | None) -> Any:
    if text is None:
        return None
    from undercount.ingest.dates import DateNotUnderstood, parse_date

    try:
        return parse_date(text).value
    except DateNotUnderstood:
        raise ImportRefused(f"--as-of {text!r} is not a date.", hint="Use YYYY-MM-DD.") from None


def _refuse_repeats(case: Case, path: Path, source: str, sha256: str, again: bool) -> None:
    named = case.con.execute("SELECT 1 FROM sources WHERE name = ?", [source]).fetchone()
    if named:
        raise ImportRefused(
            f"a source named {source!r} is already in the case.",
            hint="Give this list another --source name.",
        )
    if again:
        return
    earlier = case.con.execute(
        "SELECT name, imported_at FROM sources WHERE file_sha256 = ? ORDER BY source_id LIMIT 1",
        [sha256],
    ).fetchone()
    if earlier:
        raise ImportRefused(
            f"{path} was already imported as source {earlier[0]!r} on {earlier[1]:%Y-%m-%d}.",
            hint="Add --again to import the same file once more.",
        )


def _next_id(case: Case, table: str, column: str) -> int:
    row = case.con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()
    return int(row[0]) if row else 1


def _insert(
    case: Case, source_id: int, records: list[dict[str, Any]], issues: list[tuple[int, Issue]]
) -> None:
    if records:
        columns = {name: [r.get(name) for r in records] for name in RECORD_SCHEMA.names}
        columns["source_id"] = [source_id] * len(records)
        batch = pa.Table.from_pydict(columns, schema=RECORD_SCHEMA)
        case.con.register("incoming_records", batch)
        case.con.execute("INSERT INTO records BY NAME SELECT * FROM incoming_records")
        case.con.unregister("incoming_records")
    if issues:
        rows = {
            "source_id": [source_id] * len(issues),
            "row_number": [i.row_number for _, i in issues],
            "record_id": [record_id for record_id, _ in issues],
            "field": [i.field for _, i in issues],
            "column_name": [i.column_name for _, i in issues],
            "severity": [i.severity for _, i in issues],
            "message": [i.message for _, i in issues],
        }
        case.con.register("incoming_issues", pa.Table.from_pydict(rows, schema=ISSUE_SCHEMA))
        case.con.execute("INSERT INTO import_issues BY NAME SELECT * FROM incoming_issues")
        case.con.unregister("incoming_issues")
