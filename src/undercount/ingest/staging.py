"""Rows of a list, as read, into a staging table inside the import's transaction.

Parsing happens afterwards, once per distinct value rather than once per row (a list of a
million rows holds a few thousand distinct dates), and the final records are built in SQL. The
staging table lives in the case database itself and is dropped before commit, so for an
encrypted case no cell ever reaches an unencrypted temporary file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import duckdb
import pyarrow as pa

STAGING_TABLE = "import_staging"
BATCH_ROWS = 20_000


def cell_column(position: int) -> str:
    return f"c{position}"


def stage_rows(
    con: duckdb.DuckDBPyConnection,
    rows: Iterator[tuple[int, list[str]]],
    width: int,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Copy ``rows`` into the staging table; returns how many there were.

    Each row keeps its cells in ``c0 … c{width-1}`` (NULL where the row was short), the cells
    beyond the header in ``extra``, and how many cells it had.
    """
    columns = ", ".join(f"{cell_column(i)} VARCHAR" for i in range(width))
    con.execute(
        f"CREATE TABLE {STAGING_TABLE} (seq BIGINT, row_number INTEGER, n_cells INTEGER, "
        f"extra VARCHAR[]{', ' if width else ''}{columns})"
    )
    schema = pa.schema(
        [
            ("seq", pa.int64()),
            ("row_number", pa.int32()),
            ("n_cells", pa.int32()),
            ("extra", pa.list_(pa.string())),
        ]
        + [(cell_column(i), pa.string()) for i in range(width)]
    )
    staged = 0
    batch = _Batch()
    for row_number, cells in rows:
        batch.add(row_number, cells, width)
        if len(batch.row_numbers) >= BATCH_ROWS:
            staged = _append(con, schema, batch, staged, width)
            batch = _Batch()
            if on_batch:
                on_batch(staged)
    staged = _append(con, schema, batch, staged, width)
    if on_batch:
        on_batch(staged)
    return staged


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")


def blank_row_sql(width: int) -> str:
    """True for a staged row ``s`` whose every cell, extra cells included, is blank."""
    cells = [f"s.{cell_column(i)}" for i in range(width)] + ["array_to_string(s.extra, ' ')"]
    return f"NOT regexp_matches(concat_ws(' ', {', '.join(cells)}), '[^\\s\\x{{00A0}}\\x{{FEFF}}]')"


class _Batch:
    """Rows in column-friendly form: most rows have exactly the header's width."""

    def __init__(self) -> None:
        self.row_numbers: list[int] = []
        self.n_cells: list[int] = []
        self.cells: list[list[str | None]] = []
        self.extra: dict[int, list[str]] = {}

    def add(self, row_number: int, cells: list[str], width: int) -> None:
        n_cells = len(cells)
        self.row_numbers.append(row_number)
        self.n_cells.append(n_cells)
        if n_cells == width:
            self.cells.append(cells)  # type: ignore[arg-type]
        elif n_cells < width:
            self.cells.append([*cells, *([None] * (width - n_cells))])
        else:
            self.extra[len(self.cells)] = cells[width:]
            self.cells.append(cells[:width])  # type: ignore[arg-type]


def _append(
    con: duckdb.DuckDBPyConnection, schema: pa.Schema, batch: _Batch, staged: int, width: int
) -> int:
    size = len(batch.row_numbers)
    if not size:
        return staged
    extra: list[list[str] | None] = [None] * size
    for position, cells in batch.extra.items():
        extra[position] = cells
    data: dict[str, list] = {
        "seq": list(range(staged, staged + size)),
        "row_number": batch.row_numbers,
        "n_cells": batch.n_cells,
        "extra": extra,
    }
    if width:
        for position, values in enumerate(zip(*batch.cells, strict=True)):
            data[cell_column(position)] = list(values)
    incoming = pa.Table.from_pydict(data, schema=schema)
    con.register("incoming_rows", incoming)
    con.execute(f"INSERT INTO {STAGING_TABLE} SELECT * FROM incoming_rows")
    con.unregister("incoming_rows")
    return staged + size
