"""End to end: lists as investigators receive them go in whole, every problem named by row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from undercount.case import open_case

NGO_CP1251 = (
    "Номер;ФИО;Дата смерти;Возраст;Пол;Место;Статус;Примечание\n"
    "1;Сагинтаев Ержан Болатович;06.01.2022;34;м;г. Алматы;мирный житель;видео\n"
    "2;Ахметова Динара Серикбаевна;7 января 2022;около 30;ж;Талдыкорган;;\n"
    "3;Иванов Сергей Петрович;32.01.2022;abc;м;Алматы;сотрудник полиции;;лишнее;ещё\n"
    "4;Ким Виктор\n"
)
NAMES_CP1251 = [
    "Сагинтаев Ержан Болатович",
    "Ахметова Динара Серикбаевна",
    "Иванов Сергей Петрович",
    "Ким Виктор",
]


@pytest.fixture
def new_case(tmp_path: Path, run) -> Path:
    path = tmp_path / "almaty.undercount"
    assert run("init", path).exit_code == 0
    return path


def json_out(run, *args: str | Path) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cp1251_csv_with_russian_headers_and_broken_rows(
    tmp_path: Path, run, new_case: Path
) -> None:
    path = tmp_path / "ngo.csv"
    path.write_bytes(NGO_CP1251.encode("cp1251"))
    result = run(
        "import",
        new_case,
        path,
        "--source",
        "ngo",
        "--kind",
        "ngo",
        "--compiled-by",
        "Kazakhstan International Bureau",
        "--as-of",
        "15.01.2022",
    )
    assert result.exit_code == 0, result.output
    assert "cp1251" in result.stderr and "';'" in result.stderr
    [source] = json_out(run, "sources", new_case)
    assert (source["compiled_by"], source["as_of"]) == (
        "Kazakhstan International Bureau",
        "2022-01-15",
    )
    records = json_out(run, "records", new_case)
    assert [r["full_name"] for r in records] == NAMES_CP1251
    assert [r["row_number"] for r in records] == [2, 3, 4, 5]
    assert records[0]["death_date"] == "2022-01-06" and records[0]["sex"] == "M"
    assert records[0]["status"] == "civilian" and records[0]["region"] == "almaty_city"
    assert (records[1]["age_min"], records[1]["age_approximate"]) == (30, True)
    assert records[1]["death_date"] == "2022-01-07"
    # The broken row keeps what it had, extra cells included, and every problem is named.
    broken = records[2]
    assert broken["raw"]["Дата смерти"] == "32.01.2022" and broken["death_date"] is None
    assert broken["raw"]["_extra_cells"] == ["лишнее", "ещё"]
    assert broken["raw"]["Примечание"] == ""
    issues = json_out(run, "issues", new_case)
    by_row = {(i["row"], i["column"]) for i in issues}
    assert {(4, "Дата смерти"), (4, "Возраст"), (4, None), (5, None)} <= by_row
    assert all(i["file"] == "ngo.csv" for i in issues)
    # Unmapped columns are kept, never dropped.
    assert records[0]["raw"]["Примечание"] == "видео"


def test_utf16_tsv_with_english_headers(tmp_path: Path, run, new_case: Path) -> None:
    text = (
        "Record ID\tFull name\tDate of death\tAge\tSex\tPlace\tRegion\n"
        "m-1\tYerzhan Sagintayev\tJanuary 6, 2022\t34\tM\tAlmaty\tAlmaty city\n"
        "m-2\tDinara Akhmetova\t2022-01-07\t30-35\tF\tTaldykorgan\tAlmaty Region\n"
    )
    path = tmp_path / "media.tsv"
    path.write_bytes(text.encode("utf-16"))
    assert run("import", new_case, path, "--source", "media", "--kind", "media").exit_code == 0
    records = json_out(run, "records", new_case, "--source", "media")
    assert [r["full_name"] for r in records] == ["Yerzhan Sagintayev", "Dinara Akhmetova"]
    assert [r["source_record_id"] for r in records] == ["m-1", "m-2"]
    assert (records[1]["age_min"], records[1]["age_max"]) == (30, 35)
    assert [r["region"] for r in records] == ["almaty_city", "almaty_region"]
    assert json_out(run, "issues", new_case) == []


def test_xlsx_with_kazakh_headers(tmp_path: Path, run, new_case: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Морг"
    sheet.append(
        ["Нөмірі", "Тегі", "Аты", "Әкесінің аты", "Қайтыс болған күні", "Жасы", "Жынысы", "Жері"]
    )
    sheet.append([17, "Сағынтаев", "Ержан", "Болатұлы", "6 қаңтар 2022", 34, "ер", "Алматы"])
    sheet.append([18, "Жүсіпова", "Әсел", "Серікқызы", 44568, "жиырма", "әйел", "Жаңаөзен"])
    path = tmp_path / "morgue.xlsx"
    workbook.save(path)
    assert run("import", new_case, path, "--source", "morgue", "--kind", "medical").exit_code == 0
    records = json_out(run, "records", new_case)
    assert [(r["surname"], r["given"], r["patronymic"]) for r in records] == [
        ("Сағынтаев", "Ержан", "Болатұлы"),
        ("Жүсіпова", "Әсел", "Серікқызы"),
    ]
    assert records[0]["full_name"] == "Сағынтаев Ержан Болатұлы"
    assert [r["death_date"] for r in records] == ["2022-01-06", "2022-01-07"]
    assert [r["sex"] for r in records] == ["M", "F"]
    assert records[1]["place_id"] == "zhanaozen" and records[1]["region"] == "mangystau"
    issues = json_out(run, "issues", new_case)
    assert sorted((i["row"], i["column"], i["severity"]) for i in issues) == [
        (3, "Жасы", "error"),
        (3, "Қайтыс болған күні", "warning"),
    ]  # read as an Excel serial


@pytest.mark.parametrize(
    ("description", "content", "says"),
    [("empty file", b"", "is empty"), ("binary file", bytes(range(256)) * 16, "binary")],
)
def test_unreadable_file_one_line_exit_1_nothing_written(
    tmp_path: Path, run, new_case: Path, description: str, content: bytes, says: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    result = run("import", new_case, path, "--source", "x")
    assert result.exit_code == 1
    assert says in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    with open_case(new_case) as case:
        counts = [
            case.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("sources", "records", "import_issues", "audit_log")
        ]
    assert counts == [0, 0, 0, 0]


def test_same_file_twice_is_refused_unless_again(tmp_path: Path, run, new_case: Path) -> None:
    path = tmp_path / "ngo.csv"
    path.write_bytes(NGO_CP1251.encode("cp1251"))
    assert run("import", new_case, path, "--source", "ngo").exit_code == 0
    again = run("import", new_case, path, "--source", "ngo-copy")
    assert again.exit_code == 1 and "already imported as source 'ngo'" in again.stderr
    assert "--again" in again.stderr
    assert run("import", new_case, path, "--source", "ngo-copy", "--again").exit_code == 0
    assert [s["row_count"] for s in json_out(run, "sources", new_case)] == [4, 4]


def test_mapping_file_and_id_column(tmp_path: Path, run, new_case: Path) -> None:
    path = tmp_path / "family.csv"
    path.write_text("код,Погибший,Когда,заметка\nf1,Омаров Нурлан,06.01.2022,x\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\n"Погибший" = "full_name"\n"Когда" = "death_date"\n', encoding="utf-8"
    )
    result = run(
        "import", new_case, path, "--source", "family", "--mapping", mapping, "--id-column", "код"
    )
    assert result.exit_code == 0, result.output
    [record] = json_out(run, "records", new_case)
    assert (record["source_record_id"], record["full_name"], record["death_date"]) == (
        "f1",
        "Омаров Нурлан",
        "2022-01-06",
    )
    assert "'заметка'" in result.stderr  # unmapped, kept, and said so


def test_bad_mapping_and_id_column_are_explained(tmp_path: Path, run, new_case: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\n"a" = "name_of_victim"\n', encoding="utf-8")
    result = run("import", new_case, path, "--source", "l", "--mapping", mapping)
    assert result.exit_code == 1 and "unknown field 'name_of_victim'" in result.stderr
    result = run("import", new_case, path, "--source", "l", "--id-column", "nope")
    assert result.exit_code == 1 and "'nope' is not a column" in result.stderr


def test_missing_case_says_how_to_make_one(tmp_path: Path, run) -> None:
    result = run("sources", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "undercount init" in result.stderr


def test_exports(tmp_path: Path, run, new_case: Path) -> None:
    path = tmp_path / "ngo.csv"
    path.write_bytes(NGO_CP1251.encode("cp1251"))
    run("import", new_case, path, "--source", "ngo")
    csv_text = run("export", new_case, "records", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("record_id,source,row_number")
    assert "Ахметова Динара Серикбаевна" in csv_text
    exported = json.loads(run("export", new_case, "issues", "--format", "json").stdout)
    assert len(exported) == len(json_out(run, "issues", new_case))
    parquet = tmp_path / "records.parquet"
    assert run("export", new_case, "records", "--format", "parquet", "-o", parquet).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).column("full_name").to_pylist() == NAMES_CP1251
    refused = run("export", new_case, "records", "--format", "parquet")
    assert refused.exit_code == 1 and "-o" in refused.stderr


def test_encrypted_case_keeps_names_off_the_disk(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("UNDERCOUNT_PASSPHRASE", "correct horse battery staple")
    case = tmp_path / "field.undercount"
    assert run("init", case, "--encrypt").exit_code == 0
    path = tmp_path / "ngo.csv"
    path.write_bytes(NGO_CP1251.encode("cp1251"))
    assert run("import", case, path, "--source", "ngo").exit_code == 0
    stored = b"".join(p.read_bytes() for p in case.rglob("*") if p.is_file())
    for name in ("Сагинтаев", "Ахметова"):
        assert name.encode("utf-8") not in stored
    assert b"encrypted = true" in (case / "case.toml").read_bytes()
    assert [r["full_name"] for r in json_out(run, "records", case)] == NAMES_CP1251
    monkeypatch.setenv("UNDERCOUNT_PASSPHRASE", "wrong")
    result = run("records", case)
    assert result.exit_code == 1 and "wrong passphrase" in result.stderr
    monkeypatch.delenv("UNDERCOUNT_PASSPHRASE")
    result = run("records", case)
    assert result.exit_code == 1 and "UNDERCOUNT_PASSPHRASE" in result.stderr


RUSSIAN_ROWS = "ФИО;Дата смерти\nСагинтаев Ержан Болатович;06.01.2022\nИВАНОВ СЕРГЕЙ;07.01.2022\n"
KAZAKH_ROWS = (
    "Аты-жөні;Қайтыс болған күні\nСағынтаев Ержан Болатұлы;6 қаңтар 2022\nЖүсіпова Әсел;2022\n"
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", KAZAKH_ROWS),
        ("utf-8-sig", KAZAKH_ROWS),
        ("utf-16", KAZAKH_ROWS),
        ("utf-16-le", RUSSIAN_ROWS),
        ("utf-16-be", RUSSIAN_ROWS),
        ("cp1251", RUSSIAN_ROWS),
        ("koi8_r", RUSSIAN_ROWS),
        ("kz1048", KAZAKH_ROWS),
    ],
)
def test_every_encoding_imports_with_names_intact(
    tmp_path: Path, run, new_case: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    result = run("import", new_case, path, "--source", "list")
    assert result.exit_code == 0, result.output
    expected = [line.split(";")[0] for line in text.splitlines()[1:]]
    assert [r["full_name"] for r in json_out(run, "records", new_case)] == expected
    [source] = json_out(run, "sources", new_case)
    assert source["encoding"] == encoding


def test_unknown_source_name_lists_the_known_ones(tmp_path: Path, run, new_case: Path) -> None:
    path = tmp_path / "ngo.csv"
    path.write_bytes(NGO_CP1251.encode("cp1251"))
    run("import", new_case, path, "--source", "ngo")
    result = run("records", new_case, "--source", "NGO")
    assert result.exit_code == 1
    assert "no source named 'NGO'" in result.stderr and "'ngo'" in result.stderr


def test_encrypted_case_encrypts_what_spills_to_disk(tmp_path: Path, monkeypatch) -> None:
    from undercount.case import init_case

    with init_case(tmp_path / "c.undercount", passphrase="pass") as case:
        setting = case.con.execute("SELECT current_setting('temp_file_encryption')").fetchone()
        assert setting[0] is True
        with case.memory_limit("100MB"):
            limit = case.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
            assert limit.startswith("95") or limit.startswith("100")
        assert case.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] != limit


def test_progress_follows_every_stage_of_an_import(
    tmp_path: Path, run, new_case: Path, monkeypatch
) -> None:
    """Reading the file is only part of an import: parsing a million names took longer than
    staging them, and the bar used to stop at 100 % while that went on."""
    monkeypatch.setenv("UNDERCOUNT_PROGRESS", "lines")
    path = tmp_path / "media.csv"
    path.write_text(
        "id,full name,date of death,place\n"
        "m1,Yerzhan Sagintayev,2022-01-06,Almaty\n"
        "m2,Dinara Akhmetova,2022-01-07,Taraz\n",
        encoding="utf-8",
    )
    result = run("import", new_case, path, "--source", "media")
    assert result.exit_code == 0, result.output
    stages = [line.split(":")[0] for line in result.stderr.splitlines() if ": " in line]
    assert stages.index("Importing media.csv") < stages.index("Reading names")
    assert "Reading names: 2/2" in result.stderr
    assert {"Reading dates of death", "Reading places"} <= set(stages)
    assert stages.index("Reading names") < stages.index("Writing records and their problems")
