"""SQL that turns the staging table and the value lookups into records and import issues.

Pure functions returning SQL text; the importer runs them. Keeping the row-by-row work in SQL is
what lets a million-row list import in well under a minute.
"""

from __future__ import annotations

from dataclasses import dataclass

from undercount.ingest.staging import STAGING_TABLE, blank_row_sql, cell_column

EXTRA_CELLS_KEY = "_extra_cells"

# Whitespace as Python's str.strip() sees it on lists: ASCII space, tabs, newlines, NBSP, BOM.
_EDGE_SPACE = r"^[\s\x{00A0}\x{FEFF}]+|[\s\x{00A0}\x{FEFF}]+$"

RECORD_COLUMNS = (
    "record_id",
    "source_id",
    "row_number",
    "source_record_id",
    "raw",
    "full_name",
    "surname",
    "given",
    "patronymic",
    "name_script",
    "surname_norm",
    "given_norm",
    "father_norm",
    "sex_from_name",
    "name_order",
    "sex",
    "age_min",
    "age_max",
    "age_approximate",
    "birth_date",
    "birth_date_precision",
    "death_date",
    "death_date_precision",
    "place",
    "place_id",
    "region",
    "circumstances",
    "status",
    "perpetrator",
)
TEXT_FIELDS = ("source_record_id", "place", "circumstances", "perpetrator")


@dataclass(frozen=True)
class LookupJoin:
    """A registered lookup table joined to the staging rows on one or more cells."""

    view: str  # the name the Arrow table is registered under
    cells: tuple[int | None, ...]  # staging cell positions forming the key; None: no such column
    outputs: tuple[str, ...]
    field: str  # the record field that issues from this lookup are about
    column: str | None  # that field's header in the file

    def key_expressions(self) -> list[str]:
        return key_expressions(self.cells)

    def condition(self, alias: str) -> str:
        return " AND ".join(
            f"{alias}.k{i} = {expression}" for i, expression in enumerate(self.key_expressions())
        )


def key_expressions(cells: tuple[int | None, ...]) -> list[str]:
    """A lookup key per cell: the cell as read ('' if the row lacked it, or no such column)."""
    return [f"coalesce(s.{cell_column(p)}, '')" if p is not None else "''" for p in cells]


def distinct_keys_sql(cells: tuple[int | None, ...]) -> str:
    return f"SELECT DISTINCT {', '.join(key_expressions(cells))} FROM {STAGING_TABLE} s"


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def clean(expression: str) -> str:
    return f"nullif(regexp_replace({expression}, '{_EDGE_SPACE}', '', 'g'), '')"


def raw_row_expression(keys: list[str]) -> str:
    """The row verbatim as a JSON object in header order; NULL marks a cell the row lacked."""
    pairs = ", ".join(f"{sql_string(key)}, s.{cell_column(i)}" for i, key in enumerate(keys))
    obj = f"json_object({pairs})" if keys else "json_object()"
    extra = f"json_object({sql_string(EXTRA_CELLS_KEY)}, s.extra)"
    return f"CASE WHEN s.extra IS NULL THEN {obj} ELSE json_merge_patch({obj}, {extra}) END"


def insert_records_sql(
    *,
    source_id: int,
    first_record_id: int,
    keys: list[str],
    text_cells: dict[str, int],
    joins: list[LookupJoin],
) -> str:
    chosen: dict[str, str] = {
        "record_id": f"s.seq + {first_record_id}",
        "source_id": str(source_id),
        "row_number": "s.row_number",
        "raw": raw_row_expression(keys),
    }
    for field, position in text_cells.items():
        chosen[field] = clean(f"s.{cell_column(position)}")
    joined = []
    for number, join in enumerate(joins):
        alias = f"l{number}"
        joined.append(f"LEFT JOIN {join.view} {alias} ON {join.condition(alias)}")
        for output in join.outputs:
            chosen[output] = f"{alias}.{output}"
    select = ",\n  ".join(f"{chosen.get(column, 'NULL')} AS {column}" for column in RECORD_COLUMNS)
    return f"INSERT INTO records BY NAME\nSELECT\n  {select}\nFROM {STAGING_TABLE} s\n" + "\n".join(
        joined
    )


def insert_issues_sql(
    *,
    source_id: int,
    first_record_id: int,
    width: int,
    joins: list[LookupJoin],
    name_join: LookupJoin | None,
    id_cell: int | None,
    id_column: str | None,
) -> str:
    parts = [
        _row_issue(
            "NULL",
            "NULL",
            "'warning'",
            f"'row has ' || s.n_cells || ' fields, the header {width}; "
            "the extra values are kept in the raw row'",
            f"s.n_cells > {width}",
        ),
        _row_issue(
            "NULL",
            "NULL",
            "'warning'",
            f"'row has ' || s.n_cells || ' fields, the header {width}'",
            f"s.n_cells > 0 AND s.n_cells < {width}",
        ),
        _row_issue("NULL", "NULL", "'warning'", "'row is empty'", blank_row_sql(width)),
    ]
    for join in joins:
        parts.append(
            f"SELECT s.row_number, s.seq, {sql_string(join.field)} AS field, "
            f"{_nullable_string(join.column)} AS column_name, l.severity, l.message "
            f"FROM {STAGING_TABLE} s JOIN {join.view} l ON {join.condition('l')} "
            "WHERE l.message IS NOT NULL"
        )
    if name_join is not None:
        parts.append(
            "SELECT s.row_number, s.seq, 'full_name', NULL, 'warning', 'no name in this row' "
            f"FROM {STAGING_TABLE} s LEFT JOIN {name_join.view} l ON {name_join.condition('l')} "
            f"WHERE NOT ({blank_row_sql(width)}) AND l.full_name IS NULL"
        )
    if id_cell is not None:
        own_id = clean(f"s.{cell_column(id_cell)}")
        parts.append(
            "SELECT row_number, seq, 'source_record_id', "
            f"{_nullable_string(id_column)}, 'warning', "
            "'id ' || quote_id || ' also on row ' || first_row FROM ("
            f"SELECT s.row_number, s.seq, '''' || {own_id} || '''' AS quote_id, "
            f"min(s.row_number) OVER (PARTITION BY {own_id}) AS first_row "
            f"FROM {STAGING_TABLE} s WHERE {own_id} IS NOT NULL) WHERE row_number > first_row"
        )
    union = "\nUNION ALL\n".join(parts)
    return (
        "INSERT INTO import_issues "
        "(source_id, row_number, record_id, field, column_name, severity, message)\n"
        f"SELECT {source_id}, row_number, seq + {first_record_id}, field, column_name, severity, "
        f"message FROM (\n{union}\n) ORDER BY row_number"
    )


def _row_issue(field: str, column: str, severity: str, message: str, where: str) -> str:
    return (
        f"SELECT s.row_number, s.seq, {field} AS field, {column} AS column_name, "
        f"{severity} AS severity, {message} AS message FROM {STAGING_TABLE} s WHERE {where}"
    )


def _nullable_string(text: str | None) -> str:
    return "NULL" if text is None else sql_string(text)
