"""End to end: `undercount claims` adds, lists, exports and extracts in a temporary case."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


@pytest.fixture
def new_case(tmp_path: Path, run) -> Path:
    path = tmp_path / "almaty.undercount"
    assert run("init", path).exit_code == 0
    return path


def add(run, case: Path, *args: str):
    return run("claims", "add", case, *args)


GPO_225 = (
    "--claimant",
    "Prosecutor General's Office",
    "--kind",
    "government",
    "--published",
    "2022-01-15",
    "--figure",
    "225",
    "--subgroup",
    "law-enforcement=19",
    "--scope",
    "Kazakhstan",
    "--url",
    "https://www.hrw.org/news/2022/01/26/kazakhstan-killings-excessive-use-force-almaty",
)
GPO_238 = ("--claimant", "Prosecutor General's Office", "--kind", "government")
GPO_238 += ("--published", "2022-12-20", "--figure", "238", "--scope", "Kazakhstan")
HRW_10 = ("--claimant", "Human Rights Watch", "--kind", "ngo", "--published", "2022-01-26")
HRW_10 += ("--figure", "10", "--qualifier", "at-least", "--scope", "one incident")


def test_add_list_and_latest(run, new_case: Path) -> None:
    for args in (GPO_225, GPO_238, HRW_10):
        result = add(run, new_case, *args)
        assert result.exit_code == 0, result.output
    assert "Added claim 3: Human Rights Watch, at least 10 killed" in result.stderr

    listed = json.loads(run("claims", new_case, "--json").stdout)
    assert [c["figure"] for c in listed] == [225, 10, 238]
    assert listed[0]["subgroups"] == {"law-enforcement": 19}
    assert listed[0]["published_on"] == "2022-01-15"

    latest = json.loads(run("claims", new_case, "--latest", "--json").stdout)
    assert sorted(c["figure"] for c in latest) == [10, 238]
    only = json.loads(run("claims", new_case, "--claimant", "human rights watch", "--json").stdout)
    assert [c["figure"] for c in only] == [10]

    table = run("claims", new_case)
    assert table.exit_code == 0 and "law-enforcement=19" in table.stdout


def test_export_csv_and_json(run, new_case: Path, tmp_path: Path) -> None:
    add(run, new_case, *GPO_225)
    rows = list(csv.DictReader(io.StringIO(run("export", new_case, "claims").stdout)))
    assert rows[0]["figure"] == "225"
    assert json.loads(rows[0]["subgroups"]) == {"law-enforcement": 19}
    assert rows[0]["supersedes"] == ""
    out = tmp_path / "claims.json"
    result = run("export", new_case, "claims", "--format", "json", "-o", out)
    assert result.exit_code == 0 and "Wrote 1 rows" in result.stderr
    [claim] = json.loads(out.read_text(encoding="utf-8"))
    assert claim["subgroups"] == {"law-enforcement": 19} and claim["claim_id"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--subgroup", "police19"), "is not LABEL=COUNT"),
        (("--subgroup", "police=300"), "not a part of the figure"),
        (("--subgroup", "police=3", "--subgroup", "police=4"), "given twice"),
        (("--supersedes", "9"), "does not exist"),
    ],
    ids=["syntax", "too big", "twice", "supersedes"],
)
def test_user_errors_are_one_line(run, new_case: Path, args: tuple[str, ...], message: str) -> None:
    result = add(run, new_case, *GPO_225[:8], *args)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_kind_is_a_usage_error(run, new_case: Path) -> None:
    result = add(run, new_case, *GPO_225[:2], "--kind", "police", *GPO_225[4:8])
    assert result.exit_code == 2


ARTICLE = (
    "ALMATY, Jan 15 (Reuters) - Kazakhstan's Prosecutor General's Office said on Saturday that "
    "225 people had been killed during the unrest, including 19 law-enforcement officers.\n"
    "More than 4,500 people were injured, the Health Ministry said. "
    "The unrest, the worst in 30 years, began on Jan. 2 in Zhanaozen.\n"
)


def test_extract_prints_json(run, tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    result = run("claims", "extract", text, "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(c["figure"], c["counted"], c["claimant"]) for c in found] == [
        (225, "killed", "Prosecutor General's Office"),
        (4500, "injured", "Health Ministry"),
    ]
    assert found[0]["subgroups"] == {"law-enforcement": 19}


def test_extract_reads_stdin_and_adds_to_a_case(run, new_case: Path) -> None:
    result = run(
        "claims", "extract", "-", "--add", new_case, "--published", "2022-01-15", input=ARTICLE
    )
    assert result.exit_code == 0, result.output
    ledger = json.loads(run("claims", new_case, "--json").stdout)
    assert [(c["figure"], c["claimant_kind"]) for c in ledger] == [
        (225, "government"),
        (4500, "government"),
    ]
    assert ledger[0]["quote"].startswith("ALMATY, Jan 15 (Reuters)")


def test_extract_add_needs_a_date(run, new_case: Path) -> None:
    result = run("claims", "extract", "-", "--add", new_case, input=ARTICLE)
    assert result.exit_code == 1 and "--published" in result.stderr
