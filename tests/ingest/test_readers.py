"""Readers turn any list file into header + rows without losing a cell, or refuse in one line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from undercount.errors import ImportRefused
from undercount.ingest.readers import UNPARSED_LINE_COLUMN, open_table, sniff_delimiter


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rows(path: Path, **options: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    table = open_table(path, **options)
    return table.header, list(table.rows)


@pytest.mark.parametrize(
    ("description", "sample", "expected"),
    [
        ("comma", "a,b,c\n1,2,3\n", ","),
        ("semicolon, as Excel saves on a Russian Windows", "a;b;c\n1;2,5;3\n", ";"),
        ("tab", "a\tb\tc\n1\t2\t3\n", "\t"),
        ("pipe", "a|b\n1|2\n", "|"),
        ("commas inside quoted cells", 'a;b\n"Алматы, пл. Республики";2\n', ";"),
    ],
)
def test_sniffs_delimiter(description: str, sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", "ФИО,Возраст\nАхметов,34\n\nОмаров,40\n\n\n")
    header, found = rows(path)
    assert header == ["ФИО", "Возраст"]
    # The blank line between two rows is a row (flagged later); trailing blank lines are not.
    assert found == [(2, ["Ахметов", "34"]), (3, []), (4, ["Омаров", "40"])]


def test_quoted_cells_may_hold_delimiters_and_line_breaks(tmp_path: Path) -> None:
    path = write(
        tmp_path / "l.csv", 'ФИО;Обстоятельства\nАхметов;"ранен, затем\nскончался"\nОмаров;x\n'
    )
    _, found = rows(path)
    assert found[0][1] == ["Ахметов", "ранен, затем\nскончался"]
    assert found[1][1] == ["Омаров", "x"]


def test_ragged_rows_keep_every_cell(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", "a,b\n1\n1,2,3,4\n")
    _, found = rows(path)
    assert [cells for _, cells in found] == [["1"], ["1", "2", "3", "4"]]


def test_tsv_by_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "l.tsv", "name\tage\nA, B\t3\n", "utf-16")
    table = open_table(path)
    assert (table.delimiter, table.encoding, table.header) == ("\t", "utf-16", ["name", "age"])
    assert list(table.rows) == [(2, ["A, B", "3"])]


def test_xlsx_any_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "Мәлімет"
    first.append(["Аты-жөні", "Қайтыс болған күні", "Жасы"])
    first.append(["Сағынтаев Ержан", datetime(2022, 1, 6), 34])
    first.append([None, None, None])
    first.append(["Жүсіпова Әсел", "7 қаңтар 2022", 28.0])
    second = workbook.create_sheet("Morgue")
    second.append(["name"])
    second.append(["X"])
    path = tmp_path / "l.xlsx"
    workbook.save(path)
    header, found = rows(path)
    assert header == ["Аты-жөні", "Қайтыс болған күні", "Жасы"]
    assert found == [
        (2, ["Сағынтаев Ержан", "2022-01-06", "34"]),
        (3, []),
        (4, ["Жүсіпова Әсел", "7 қаңтар 2022", "28"]),
    ]
    assert rows(path, sheet="Morgue") == (["name"], [(2, ["X"])])


def test_xlsx_missing_sheet_names_the_sheets(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Список"
    path = tmp_path / "l.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused, match=r"no sheet 'Лист1'.*'Список'"):
        open_table(path, sheet="Лист1")


def test_json_array_keeps_keys_in_first_seen_order(tmp_path: Path) -> None:
    records = [{"name": "A", "age": 34}, {"name": "B", "extra": {"note": "x"}, "age": None}]
    path = write(tmp_path / "l.json", json.dumps(records))
    header, found = rows(path)
    assert header == ["name", "age", "extra"]
    assert found == [(1, ["A", "34", ""]), (2, ["B", "", '{"note": "x"}'])]


def test_json_lines_keep_a_broken_line_as_written(tmp_path: Path) -> None:
    path = write(tmp_path / "l.jsonl", '{"name": "A"}\n{"name": \n{"name": "C"}\n')
    header, found = rows(path)
    assert header == ["name", UNPARSED_LINE_COLUMN]
    assert found == [(1, ["A", ""]), (2, ["", '{"name":']), (3, ["C", ""])]


REFUSED = [
    ("empty file", b"", "is empty"),
    ("only whitespace", b"\n \n", "is empty"),
    ("binary", bytes(range(256)) * 8, "binary"),
    ("JSON object, not array", b'{"a": 1}', None),
    ("broken JSON array", b'[{"a": 1},', "not valid JSON"),
    ("zip that is not XLSX", None, "not a readable XLSX"),
]


@pytest.mark.parametrize(
    ("description", "content", "message"), REFUSED, ids=[c[0] for c in REFUSED]
)
def test_refuses_what_is_not_a_table(
    tmp_path: Path, description: str, content: bytes | None, message: str | None
) -> None:
    path = tmp_path / ("l.json" if content and content.startswith(b"[") else "l.dat")
    if content is None:
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    if description == "JSON object, not array":
        # A lone object is valid JSON Lines: one record.
        assert rows(path) == (["a"], [(1, ["1"])])
        return
    with pytest.raises(ImportRefused, match=message):
        open_table(path)


def test_wrong_forced_encoding_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", "ФИО\nАхметов\n", "utf-8")
    with pytest.raises(ImportRefused, match=r"not valid ascii.*Try --encoding"):
        list(open_table(path, encoding="ascii").rows)


def test_a_csv_whose_first_cell_starts_like_json_is_still_csv(tmp_path: Path) -> None:
    # Found by the property test: a header cell "[" made the file look like a JSON array.
    assert rows(write(tmp_path / "l.csv", "[\n:\n")) == (["["], [(2, [":"])])
    assert rows(write(tmp_path / "l.csv", '{"a"}\nx\n')) == (['{"a"}'], [(2, ["x"])])
