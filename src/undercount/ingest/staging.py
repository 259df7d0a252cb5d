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
    beyond the header in ``extra``, how many cells it had, and whether every cell was blank.
    """
    columns = ", ".join(f"{cell_column(i)} VARCHAR" for i in range(width))
    con.execute(
        f"CREATE TABLE {STAGING_TABLE} (seq BIGINT, row_number INTEGER, n_cells INTEGER, "
        f"is_blank BOOLEAN, extra VARCHAR[], {columns})"
    )
    schema = pa.schema(
        [
            ("seq", pa.int64()),
            ("row_number", pa.int32()),
            ("n_cells", pa.int32()),
            ("is_blank", pa.bool_()),
            ("extra", pa.list_(pa.string())),
        ]
        + [(cell_column(i), pa.string()) for i in range(width)]
    )
    seq = 0
    batch: list[tuple[int, int, list[str | None], list[str] | None]] = []
    for row_number, cells in rows:
        n_cells = len(cells)
        if n_cells < width:
            padded: list[str | None] = [*cells, *([None] * (width - n_cells))]
            extra = None
        elif n_cells > width:
            padded, extra = list(cells[:width]), cells[width:]
        else:
            padded, extra = list(cells), None
        batch.append((row_number, n_cells, padded, extra))
        if len(batch) >= BATCH_ROWS:
            _append(con, schema, batch, seq, width)
            seq += len(batch)
            batch = []
            if on_batch:
                on_batch(seq)
    _append(con, schema, batch, seq, width)
    seq += len(batch)
    if on_batch:
        on_batch(seq)
    return seq


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")


def _append(
    con: duckdb.DuckDBPyConnection, schema: pa.Schema, batch: list, first_seq: int, width: int
) -> None:
    if not batch:
        return
    cells_by_column = (
        list(zip(*(padded for _, _, padded, _ in batch), strict=True)) if width else []
    )
    data = {
        "seq": list(range(first_seq, first_seq + len(batch))),
        "row_number": [row for row, _, _, _ in batch],
        "n_cells": [n for _, n, _, _ in batch],
        "is_blank": [_is_blank(padded, extra) for _, _, padded, extra in batch],
        "extra": [extra for _, _, _, extra in batch],
    }
    for position, values in enumerate(cells_by_column):
        data[cell_column(position)] = values
    incoming = pa.Table.from_pydict(data, schema=schema)
    con.register("incoming_rows", incoming)
    con.execute(f"INSERT INTO {STAGING_TABLE} SELECT * FROM incoming_rows")
    con.unregister("incoming_rows")


def _is_blank(padded: list[str | None], extra: list[str] | None) -> bool:
    return not any(cell and not cell.isspace() for cell in padded) and not (
        extra and any(cell and not cell.isspace() for cell in extra)
    )
