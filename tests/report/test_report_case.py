"""A report from a real (simulated, truth-linked) case: counts agree, redaction holds, CLI works."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from report_examples import persons_payload, visible_text

from undercount.case import init_case, open_case
from undercount.claims import Claim, add_claim, latest_claims
from undercount.ingest import import_list
from undercount.link import link_case
from undercount.report import gather_report_data, render_report
from undercount.simulate import simulate_case
from undercount.toll import capture_histories, estimate_case

FAST_LCMCR = {"lcmcr": {"burnin": 500, "samples": 300, "thinning": 2, "chains": 2}}


@pytest.fixture(scope="module")
def reported(truth_linked):
    """The truth-linked case with claims, an overall estimate and estimates by day, region and
    status."""
    case, simulated, truth = truth_linked
    for claim in (
        Claim("Prosecutor General's Office", "government", date(2022, 1, 15), 225),
        Claim("Prosecutor General's Office", "government", date(2022, 12, 20), 238),
        Claim("Human Rights Watch", "ngo", date(2022, 1, 26), 10, qualifier="at-least",
              scope="one incident"),
    ):  # fmt: skip
        add_claim(case, claim)
    for by in (None, "day", "region", "status"):
        estimate_case(case, method="lcmcr", by=by, seed=3, options=FAST_LCMCR)
    return case, simulated, truth


def test_documented_counts_agree_everywhere(reported) -> None:
    case, simulated, _ = reported
    data = gather_report_data(case)
    assert data.linked and data.documented == simulated.documented == len(data.persons)
    assert sum(row.documented for row in data.by_day) == data.documented
    assert sum(row.documented for row in data.by_region) == data.documented
    assert data.overlap is not None and sum(n for _, n in data.overlap.patterns) == data.documented
    assert sum(n for _, n in data.by_status) == data.documented
    by_region = capture_histories(case, by="region")
    for row in data.by_region:
        assert row.documented == by_region.documented(row.key), row.key


def test_each_person_carries_exactly_the_lists_that_name_them(reported) -> None:
    case, _, _ = reported
    data = gather_report_data(case)
    expected: dict[int, set[str]] = {}
    for person_id, source in case.con.execute(
        "SELECT p.person_id, s.name FROM person_records p JOIN records r USING (record_id) "
        "JOIN sources s USING (source_id)"
    ).fetchall():
        expected.setdefault(person_id, set()).add(source)
    names = [s.name for s in data.sources]
    assert {p.person_id: {names[i] for i in p.sources} for p in data.persons} == expected


def test_headline_is_the_unstratified_run_and_strata_show_or_explain(reported) -> None:
    case, simulated, _ = reported
    data = gather_report_data(case)
    assert data.headline_run is not None and data.headline_run.stratum_field is None
    assert data.headline is not None and data.headline.n_hat is not None
    assert data.headline.lower <= data.headline.n_hat <= data.headline.upper
    assert data.headline.documented == simulated.documented
    assert data.day_run is not None and data.region_run is not None
    for row in (*data.by_day, *data.by_region):
        assert row.estimate is not None, row.key
        assert (row.estimate.n_hat is None) == (row.estimate.withheld is not None), row.key


def test_other_strata_get_a_breakdown_of_their_own(reported) -> None:
    case, _, _ = reported
    data = gather_report_data(case)
    [breakdown] = data.breakdowns
    assert breakdown.field == "status" and breakdown.run.stratum_field == "status"
    assert sum(row.documented for row in breakdown.rows) == data.documented
    assert "law enforcement" in {row.label for row in breakdown.rows}
    assert "Documented and estimated deaths by status" in render_report(data)


def test_current_claims_are_the_ledgers_latest(reported) -> None:
    case, _, _ = reported
    data = gather_report_data(case)
    assert {c.claim_id for c in data.claims if c.current} == {
        c.claim_id for c in latest_claims(case)
    }


def _names_in_case(case) -> set[str]:
    """Every name token (surname, given name, patronymic, full name word) in the records."""
    tokens: set[str] = set()
    for row in case.con.execute(
        "SELECT full_name, surname, given, patronymic FROM records"
    ).fetchall():
        for value in row:
            tokens.update(re.findall(r"\w{3,}", value or ""))
    return tokens


def test_redacted_report_holds_no_name_from_the_case(reported, tmp_path: Path) -> None:
    case, _, _ = reported
    html = render_report(gather_report_data(case, redact=True))
    page = visible_text(html) + json.dumps(persons_payload(html), ensure_ascii=False)
    words = set(re.findall(r"\w+", page))
    leaked = _names_in_case(case) & words
    assert len(_names_in_case(case)) > 300
    assert leaked == set(), f"names in the redacted report: {sorted(leaked)[:10]}"
    assert ".csv" not in html, "file names can name a family"


def test_unredacted_report_names_the_people(reported) -> None:
    case, _, _ = reported
    payload = persons_payload(render_report(gather_report_data(case)))
    surnames = {s for (s,) in case.con.execute("SELECT surname FROM records").fetchall() if s}
    assert any(surname in row[1] for row in payload["rows"] for surname in surnames)


def test_a_case_not_yet_linked_reports_records_and_says_so(tmp_path: Path) -> None:
    simulated = simulate_case(tmp_path / "lists", victims=60, sources=3, seed=5)
    with init_case(tmp_path / "fresh.undercount") as case:
        for source in simulated.sources:
            import_list(case, source.path, source=source.name, kind=source.kind,
                        id_column=source.id_column)  # fmt: skip
        data = gather_report_data(case)
    records = sum(s.records for s in data.sources)
    assert not data.linked and data.documented == data.records == records
    assert data.persons == () and data.overlap is None and data.headline is None
    assert sum(row.documented for row in data.by_day) == records
    text = " ".join(visible_text(render_report(data)).split())
    assert "Not linked yet" in text and "No estimate yet" in text
    assert "these are records, and a person on several lists is counted once per list" in text


def test_report_command_writes_the_file_and_prints_its_path(reported, run, tmp_path: Path) -> None:
    case, _, _ = reported
    source_case = case.path
    case.con.execute("CHECKPOINT")
    out = tmp_path / "report.html"
    copy = tmp_path / "copy.undercount"
    _copy_case(source_case, copy)
    result = run("report", copy, "-o", out, "--redact", "--title", "Almaty, January 2022")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "redacted" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Redacted: no names or witness details" in page
    assert "<h1>Almaty, January 2022: who was killed, and how many</h1>" in page


@pytest.mark.parametrize(
    ("description", "arguments", "exit_code"),
    [
        ("no output file", ["report", "{case}"], 2),
        ("no such case", ["report", "{missing}", "-o", "{out}"], 1),
    ],
)
def test_report_command_errors(description, arguments, exit_code, run, tmp_path: Path) -> None:
    with init_case(tmp_path / "c.undercount"):
        pass
    values = {"case": tmp_path / "c.undercount", "missing": tmp_path / "nope.undercount",
              "out": tmp_path / "r.html"}  # fmt: skip
    result = run(*(a.format(**values) for a in arguments))
    assert result.exit_code == exit_code, (description, result.output)


def _copy_case(source: Path, target: Path) -> None:
    """A copy of a case directory, so the command can open it while the fixture holds it."""
    target.mkdir()
    for path in source.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    with open_case(target, read_only=True):
        pass


def test_an_estimate_made_before_the_records_were_linked_again_is_stale(tmp_path: Path) -> None:
    simulated = simulate_case(tmp_path / "lists", victims=200, sources=3, seed=3)
    with init_case(tmp_path / "relinked.undercount") as case:
        for source in simulated.sources:
            import_list(case, source.path, source=source.name, kind=source.kind,
                        id_column=source.id_column)  # fmt: skip
        link_case(case)
        estimate_case(case, method="lcmcr", seed=2, options=FAST_LCMCR)
        fresh = gather_report_data(case)
        link_case(case, threshold=0.9)
        relinked = gather_report_data(case)
    assert fresh.headline_run is not None and not fresh.headline_run.stale
    [run] = fresh.linkage_runs
    assert fresh.headline_run.linkage_run_id == run.run_id
    assert dict(run.versions)["splink"] == "5.0.0" and len(run.model_sha256) == 64
    assert relinked.headline_run is not None and relinked.headline_run.stale
    assert "the records have been linked again since" in render_report(relinked)


def test_without_an_overall_run_the_headline_is_a_stratified_runs_total(tmp_path: Path) -> None:
    simulated = simulate_case(tmp_path / "lists", victims=200, sources=3, seed=3)
    with init_case(tmp_path / "strata.undercount") as case:
        for source in simulated.sources:
            import_list(case, source.path, source=source.name, kind=source.kind,
                        id_column=source.id_column)  # fmt: skip
        link_case(case)
        estimate_case(case, method="lcmcr", by="region", seed=2, options=FAST_LCMCR)
        data = gather_report_data(case)
    assert data.headline_run is not None and data.headline_run.stratum_field == "region"
    assert data.headline is not None and data.headline.documented == data.documented
    assert "combined from the estimates by region" in render_report(data)
