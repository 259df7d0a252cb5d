"""Property: whatever table of text comes in, import never crashes and never loses a cell."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from undercount.case import init_case
from undercount.ingest import import_list
from undercount.ingest.records_sql import EXTRA_CELLS_KEY

# Text as people type it: any letters, digits, punctuation, spaces, tabs and line breaks;
# not NUL or other control characters, which mark a file as binary.
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"),
    max_size=20,
)
header_text = cell_text.filter(lambda t: t.strip() != "")
tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda width: st.tuples(
        st.lists(header_text, min_size=width, max_size=width),
        st.lists(st.lists(cell_text, min_size=1, max_size=width + 2), min_size=1, max_size=12),
    )
)


def write_csv(path: Path, header: list[str], rows: list[list[str]], quoting: int) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", quoting=quoting, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def imported_cells(case, header_width: int) -> list[list[str]]:
    found = []
    for (raw,) in case.con.execute("SELECT raw FROM records ORDER BY record_id").fetchall():
        cells = json.loads(raw)
        extra = cells.pop(EXTRA_CELLS_KEY, [])
        # A cell the row lacked is null in the raw row: it was never written, so it is not there.
        found.append([c for c in list(cells.values())[:header_width] if c is not None] + extra)
    return found


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=tables, quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_every_row_and_cell_survives(tmp_path: Path, table, quoting: int) -> None:
    header, rows = table
    scratch = Path(tempfile.mkdtemp(dir=tmp_path))
    path = scratch / "list.csv"
    write_csv(path, header, rows, quoting)
    with init_case(scratch / "case.undercount") as case:
        summary = import_list(case, path, source="s", delimiter=",")
        assert summary.rows == len(rows)
        assert imported_cells(case, len(header)) == rows


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=tables)
def test_sniffed_quoted_csv_keeps_every_row(tmp_path: Path, table) -> None:
    header, rows = table
    scratch = Path(tempfile.mkdtemp(dir=tmp_path))
    path = scratch / "list.csv"
    write_csv(path, header, rows, csv.QUOTE_ALL)
    with init_case(scratch / "case.undercount") as case:
        summary = import_list(case, path, source="s")
        assert summary.rows == len(rows)
