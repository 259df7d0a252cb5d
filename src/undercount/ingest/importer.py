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
from undercount.ingest import fields as lookups
from undercount.ingest.dates import DateNotUnderstood, parse_date
from undercount.ingest.headers import ColumnPlan, load_mapping, plan_columns, unique_headers
from undercount.ingest.readers import open_table
from undercount.ingest.records_sql import (
    TEXT_FIELDS,
    LookupJoin,
    distinct_keys_sql,
    insert_issues_sql,
    insert_records_sql,
)
from undercount.ingest.staging import drop_staging, stage_rows

SOURCE_KINDS = ("official", "ngo", "media", "medical", "family", "social", "other")
LOOKUP_CHUNK = 50_000
IMPORT_MEMORY = "512MB"


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
    notes: tuple[str, ...] = ()


Progress = Callable[[str, int, int | None], None]  # (stage, done, of how many: None if unknown)


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
    step = progress or (lambda stage, done, total: None)
    as_of_date = _parse_as_of(as_of)
    column_mapping = load_mapping(mapping) if mapping else None
    table = open_table(path, encoding=encoding, sheet=sheet, delimiter=delimiter)
    plan = plan_columns(table.header, mapping=column_mapping, id_column=id_column)
    sha256 = file_sha256(path)
    con = case.con
    _refuse_repeats(case, path, source, sha256, again)

    mapped = {table.header[position]: field for position, field in sorted(plan.fields.items())}
    keys = unique_headers(table.header)
    width = len(table.header)
    # The import streams: half a gigabyte of DuckDB memory is plenty, and it keeps a
    # million-row list within 2 GB of memory overall.
    with case.memory_limit(IMPORT_MEMORY), case.transaction():
        source_id = _next_id(case, "sources", "source_id")
        first_record_id = _next_id(case, "records", "record_id")
        drop_staging(con)
        size = path.stat().st_size
        rows = stage_rows(
            con,
            table.rows,
            width,
            on_batch=(
                (lambda done: step(f"Importing {path.name}", table.bytes_read(), size))
                if progress
                else None
            ),
        )
        joins, name_join = _register_lookups(case, plan, table.header, step)
        step("Writing records and their problems", 0, None)
        position_of = {field: position for position, field in plan.fields.items()}
        con.execute(
            insert_records_sql(
                source_id=source_id,
                first_record_id=first_record_id,
                keys=keys,
                text_cells={f: position_of[f] for f in TEXT_FIELDS if f in position_of},
                joins=joins,
            )
        )
        id_cell = position_of.get("source_record_id")
        con.execute(
            insert_issues_sql(
                source_id=source_id,
                first_record_id=first_record_id,
                width=width,
                joins=joins,
                name_join=name_join,
                id_cell=id_cell,
                id_column=table.header[id_cell] if id_cell is not None else None,
            )
        )
        issue_count, rows_with_issues = con.execute(
            "SELECT count(*), count(DISTINCT row_number) FROM import_issues WHERE source_id = ?",
            [source_id],
        ).fetchone() or (0, 0)
        for join in joins:
            con.execute(f"DROP TABLE {join.view}")
        drop_staging(con)
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
    notes = () if name_join else ("no name column was recognised: map one with --mapping",)
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
        notes=notes,
    )


def _parse_as_of(text: str | None) -> Any:
    if text is None:
        return None
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


# Which lookup parses which fields: (fields keyed on, builder, outputs, field named in issues).
_SINGLE_FIELD_LOOKUPS: list[tuple[str, Callable[[list[tuple[str, ...]]], pa.Table]]] = [
    ("sex", lookups.sex_lookup),
    ("age", lookups.age_lookup),
    ("birth_date", lambda keys: lookups.date_lookup(keys, "birth_date")),
    ("death_date", lambda keys: lookups.date_lookup(keys, "death_date")),
    ("status", lookups.status_lookup),
]


# Progress labels: what a lookup, named by its first field, reads.
_WHAT = {
    "sex": "sexes",
    "age": "ages",
    "birth_date": "dates of birth",
    "death_date": "dates of death",
    "status": "statuses",
    "place": "places",
    "full_name": "names",
}


def _register_lookups(
    case: Case, plan: ColumnPlan, header: list[str], step: Progress
) -> tuple[list[LookupJoin], LookupJoin | None]:
    """Parse each distinct value of each mapped field once; register the results for joining."""
    position_of = {field: position for position, field in plan.fields.items()}

    def column(field: str) -> str | None:
        position = position_of.get(field)
        return header[position] if position is not None else None

    joins: list[LookupJoin] = []

    def register(
        fields: tuple[str, ...],
        build: Callable[[list[tuple[str, ...]]], pa.Table],
        issue_field: str,
    ) -> LookupJoin:
        cells = tuple(position_of.get(field) for field in fields)
        view = f"lookup_{len(joins)}"
        names = _fill_lookup_table(
            case,
            view,
            distinct_keys_sql(cells),
            build,
            lambda done, total: step(f"Reading {_WHAT[fields[0]]}", done, total),
        )
        outputs = tuple(n for n in names if n not in ("severity", "message") and not _is_key(n))
        join = LookupJoin(view, cells, outputs, issue_field, column(issue_field))
        joins.append(join)
        return join

    for field, build in _SINGLE_FIELD_LOOKUPS:
        if field in position_of:
            register((field,), build, field)
    if "place" in position_of or "region" in position_of:
        register(
            ("place", "region"),
            lookups.place_lookup,
            "region" if "region" in position_of else "place",
        )
    name_fields = ("full_name", "surname", "given", "patronymic")
    name_join = None
    if any(field in position_of for field in name_fields):
        name_join = register(name_fields, lookups.name_lookup, "full_name")
    return joins, name_join


def _fill_lookup_table(
    case: Case,
    table: str,
    keys_sql: str,
    build: Callable[[list[tuple[str, ...]]], pa.Table],
    advance: Callable[[int, int], None],
) -> list[str]:
    """Parse the distinct keys chunk by chunk into a table of the case; returns its columns.

    Chunks keep memory flat on lists with hundreds of thousands of distinct names, and the
    table, like the staging table, lives inside the (possibly encrypted) case database.
    """
    con = case.con
    keys = con.execute(keys_sql).to_arrow_table()
    con.execute(f"DROP TABLE IF EXISTS {table}")
    columns: list[str] = []
    for offset in range(0, max(keys.num_rows, 1), LOOKUP_CHUNK):
        chunk = keys.slice(offset, LOOKUP_CHUNK)
        parsed = build(list(zip(*(column.to_pylist() for column in chunk.columns), strict=True)))
        con.register("incoming_lookup", parsed)
        if not columns:
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM incoming_lookup")
            columns = parsed.schema.names
        else:
            con.execute(f"INSERT INTO {table} SELECT * FROM incoming_lookup")
        con.unregister("incoming_lookup")
        advance(min(offset + LOOKUP_CHUNK, keys.num_rows), keys.num_rows)
    return columns


def _is_key(column: str) -> bool:
    return column[0] == "k" and column[1:].isdigit()
