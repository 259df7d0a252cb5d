"""Read a list file into a header and rows of strings, losing nothing.

Every reader yields ``(row_number, cells)`` where ``row_number`` is what a person sees when they
open the file (the header is row 1 of a spreadsheet or CSV; the first object of a JSON array is
row 1) and ``cells`` are the original strings, however many there are. Deciding what the cells
mean is the importer's job, not the reader's.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from undercount.errors import ImportRefused
from undercount.ingest.encoding import detect_encoding, looks_binary

SAMPLE_BYTES = 256 * 1024
_DELIMITERS = ",;\t|"
_DELIMITED_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
csv.field_size_limit(2**31 - 1)


@dataclass
class Table:
    """A file opened as a table. ``rows`` can be iterated once.

    ``bytes_read`` tells how far into the file reading has got, for progress bars; it stays at
    0 for formats that are read whole before the first row (JSON, XLSX).
    """

    path: Path
    file_format: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    bytes_read: Callable[[], int] = lambda: 0


class _CountingFile(io.RawIOBase):
    """A binary file that remembers how many bytes have been read from it."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._file.readinto(buffer)
        self.count += n or 0
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


def open_table(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> Table:
    """Open ``path`` as a table, or refuse with one line that says what to try."""
    if not path.exists():
        raise ImportRefused(f"{path}: no such file.")
    if path.is_dir():
        raise ImportRefused(f"{path} is a directory, not a list file.")
    head = _read_head(path)
    if not head.strip():
        raise ImportRefused(f"{path} is empty.", hint="Check that you exported the right file.")
    if zipfile.is_zipfile(path):
        return _open_xlsx(path, sheet)
    if sheet is not None:
        raise ImportRefused(f"{path}: --sheet applies to XLSX files only.")
    chosen = encoding or detect_encoding(head)
    _check_codec(path, chosen)
    if encoding is None and looks_binary(head, chosen):
        raise ImportRefused(
            f"{path} looks like a binary file, not a table.",
            hint="Export it as CSV, XLSX or JSON first.",
        )
    suffix = path.suffix.lower()
    if suffix in _DELIMITED_SUFFIXES or delimiter is not None:
        # A list saved as CSV is CSV, even when its first cell happens to start with "[".
        return _open_delimited(path, chosen, head, delimiter)
    text_start = head.decode(chosen, errors="replace").lstrip("\ufeff").lstrip()
    if suffix in (".jsonl", ".ndjson") or (suffix != ".json" and text_start.startswith("{")):
        return _open_json_lines(path, chosen)
    if suffix == ".json" or text_start.startswith("["):
        return _open_json_array(path, chosen)
    return _open_delimited(path, chosen, head, delimiter)


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SAMPLE_BYTES)


def _check_codec(path: Path, encoding: str) -> None:
    try:
        "".encode(encoding)
    except LookupError:
        raise ImportRefused(
            f"{path}: unknown encoding {encoding!r}.",
            hint="Try --encoding utf-8, cp1251, koi8_r or utf-16.",
        ) from None


def _decode_failure(path: Path, encoding: str, error: UnicodeDecodeError) -> ImportRefused:
    return ImportRefused(
        f"{path} is not valid {encoding} (byte {error.start} of a chunk cannot be decoded).",
        hint="Try --encoding cp1251, koi8_r, utf-16 or utf-8.",
    )


# ---------------------------------------------------------------- delimited text


def _open_delimited(path: Path, encoding: str, head: bytes, delimiter: str | None) -> Table:
    if delimiter is None:
        sample = head.decode(encoding, errors="replace").lstrip("\ufeff")
        complete = len(head) < SAMPLE_BYTES
        tsv = path.suffix.lower() == ".tsv"
        delimiter = "\t" if tsv else sniff_delimiter(sample, complete=complete)
    elif len(delimiter) != 1:
        raise ImportRefused(f"--delimiter must be one character, not {delimiter!r}.")
    counter = _CountingFile(path)
    # newline="" lets the csv module see line breaks inside quoted cells.
    handle = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = _first_nonblank_row(reader)
    except UnicodeDecodeError as error:
        handle.close()
        raise _decode_failure(path, encoding, error) from None
    if header is None:
        handle.close()
        raise ImportRefused(f"{path} has no header row.")
    if header:
        header[0] = header[0].lstrip("\ufeff")
    first_data_row = reader.line_num + 1

    def rows() -> Iterator[tuple[int, list[str]]]:
        with handle:
            pending_blank: list[int] = []
            row_number = first_data_row - 1
            try:
                for cells in reader:
                    row_number += 1
                    if not cells:
                        # Blank lines at the very end of a file are not rows; in between they are.
                        pending_blank.append(row_number)
                        continue
                    for blank in pending_blank:
                        yield blank, []
                    pending_blank.clear()
                    yield row_number, cells
            except UnicodeDecodeError as error:
                raise _decode_failure(path, encoding, error) from None

    return Table(
        path,
        "csv",
        header,
        rows(),
        encoding=encoding,
        delimiter=delimiter,
        bytes_read=lambda: counter.count,
    )


def sniff_delimiter(sample: str, *, complete: bool = True) -> str:
    """The delimiter under which the first records parse cleanly into equal numbers of fields.

    The sample is parsed as CSV, not split into lines, so quoted cells holding line breaks or
    other delimiters do not mislead it; a candidate that breaks the quoting (a quote followed by
    something other than that delimiter) loses. ``complete`` says whether the sample is the whole
    file: a cut sample may end inside a quoted cell, which is no fault of the delimiter.
    """
    best, best_score = ",", (False, -1.0, 0)
    last_line = sample.count("\n") + 1
    for candidate in _DELIMITERS:
        reader = csv.reader(io.StringIO(sample), delimiter=candidate, strict=True)
        records: list[list[str]] = []
        clean = True
        try:
            for cells in itertools.islice(reader, 51):
                records.append(cells)
        except csv.Error:
            clean = not complete and reader.line_num >= last_line - 1
        if len(records) > 1 and not complete:
            records = records[:-1]  # the sample may cut the last record short
        counts = [len(cells) for cells in records if cells]
        if not counts or counts[0] < 2:
            continue
        agreeing = sum(1 for n in counts if n == counts[0]) / len(counts)
        score = (clean, agreeing, counts[0])
        if score > best_score:
            best, best_score = candidate, score
    return best


def _first_nonblank_row(reader: Iterator[list[str]]) -> list[str] | None:
    for cells in reader:
        if any(cell.strip() for cell in cells):
            return cells
    return None


# ---------------------------------------------------------------- JSON


def _open_json_array(path: Path, encoding: str) -> Table:
    try:
        document = json.loads(path.read_text(encoding=encoding).lstrip("\ufeff"))
    except UnicodeDecodeError as error:
        raise _decode_failure(path, encoding, error) from None
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).",
            hint="Fix the file, or export it as CSV.",
        ) from None
    if not isinstance(document, list):
        raise ImportRefused(
            f"{path} holds a JSON {type(document).__name__}, not an array of records.",
            hint="Give a JSON array of objects, or JSON Lines.",
        )
    objects = [(number, item) for number, item in enumerate(document, start=1)]
    return _table_from_objects(path, "json", encoding, objects)


def _open_json_lines(path: Path, encoding: str) -> Table:
    objects: list[tuple[int, object]] = []
    try:
        with path.open("r", encoding=encoding) as handle:
            for number, line in enumerate(handle, start=1):
                text = line.strip().lstrip("\ufeff")
                if not text:
                    continue
                try:
                    objects.append((number, json.loads(text)))
                except json.JSONDecodeError:
                    objects.append((number, _Unparsed(text)))
    except UnicodeDecodeError as error:
        raise _decode_failure(path, encoding, error) from None
    return _table_from_objects(path, "jsonl", encoding, objects)


@dataclass(frozen=True)
class _Unparsed:
    text: str


UNPARSED_LINE_COLUMN = "_unparsed_line"


def _table_from_objects(
    path: Path, file_format: str, encoding: str, objects: list[tuple[int, object]]
) -> Table:
    """Keys in order of first appearance become the header; nothing is dropped."""
    header: dict[str, None] = {}
    for _, item in objects:
        if isinstance(item, dict):
            header.update(dict.fromkeys(str(key) for key in item))
    if not header and not objects:
        raise ImportRefused(f"{path} holds no records.")
    columns = list(header)
    if any(not isinstance(item, dict) for _, item in objects):
        columns.append(UNPARSED_LINE_COLUMN)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, item in objects:
            if isinstance(item, dict):
                by_key = {str(key): value for key, value in item.items()}
                cells = [_json_cell(by_key.get(column)) for column in columns]
            else:
                text = item.text if isinstance(item, _Unparsed) else json.dumps(item)
                cells = [""] * (len(columns) - 1) + [text]
            yield number, cells

    return Table(path, file_format, columns, rows(), encoding=encoding)


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- XLSX


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or non-XLSX zip
        raise ImportRefused(
            f"{path} is a zip file but not a readable XLSX workbook ({type(error).__name__}).",
            hint="Open it in a spreadsheet program and save as .xlsx or CSV.",
        ) from None
    names = workbook.sheetnames
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        workbook.close()
        raise ImportRefused(
            f"{path} has no sheet {sheet!r}.",
            hint=f"Its sheets are: {', '.join(repr(n) for n in names)}.",
        )
    worksheet = workbook[sheet]
    rows_iter = worksheet.iter_rows(values_only=True)
    header: list[str] | None = None
    header_row = 0
    for number, values in enumerate(rows_iter, start=1):
        cells = [_excel_cell(value) for value in values]
        if any(cell.strip() for cell in cells):
            header, header_row = _trim_trailing_empty(cells), number
            break
    if header is None:
        workbook.close()
        raise ImportRefused(
            f"{path}: sheet {sheet!r} is empty.",
            hint=f"Choose another with --sheet (sheets: {', '.join(names)}).",
        )

    def rows() -> Iterator[tuple[int, list[str]]]:
        pending_blank: list[int] = []
        for number, values in enumerate(rows_iter, start=header_row + 1):
            cells = _trim_trailing_empty([_excel_cell(value) for value in values])
            if not cells:
                pending_blank.append(number)
                continue
            for blank in pending_blank:
                yield blank, []
            pending_blank.clear()
            yield number, cells
        workbook.close()

    return Table(path, "xlsx", header, rows(), sheet=sheet)


def _trim_trailing_empty(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]


def _excel_cell(value: object) -> str:
    """Spreadsheet values as a person would read them; dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)
