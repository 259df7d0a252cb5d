"""The link, review, persons and evaluate commands, end to end in a temporary directory."""

from __future__ import annotations

import json


def test_link_review_persons_evaluate(run, simulated_case) -> None:
    case_dir, simulated = simulated_case
    linked = run("link", case_dir, "--silent")
    assert linked.exit_code == 0, linked.stderr
    assert "persons" in linked.stderr

    persons = json.loads(run("persons", case_dir, "--json").stdout)
    assert persons and {"person_id", "records"} == set(persons[0])
    assert {"record_id", "source", "source_record_id"} <= set(persons[0]["records"][0])

    queue = json.loads(run("review", case_dir, "--json", "--limit", "3").stdout)
    assert 1 <= len(queue) <= 3
    first = queue[0]
    left, right = str(first["record_id_l"]), str(first["record_id_r"])
    decided = run("review", case_dir, "--decide", left, right, "non-match", "--note", "test")
    assert decided.exit_code == 0 and "Recorded 1" in decided.stderr

    interactive = run("review", case_dir, "--limit", "2", input="m\nq\n")
    assert interactive.exit_code == 0
    assert "model says" in interactive.stdout and "Recorded 1" in interactive.stderr

    report = json.loads(run("evaluate", case_dir, "--truth", simulated.truth_csv, "--json").stdout)
    assert set(report) == {"pairwise", "clusters", "estimate"}
    assert 0.9 < report["pairwise"]["f1"] <= 1


def test_user_errors_are_one_line(run, tmp_path) -> None:
    run("init", tmp_path / "empty.undercount")
    result = run("persons", tmp_path / "empty.undercount")
    assert result.exit_code == 1
    assert "no persons yet" in result.stderr and "undercount link" in result.stderr
