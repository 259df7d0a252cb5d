"""``undercount estimate`` and ``estimates`` end to end on a truth-linked simulated case."""

from __future__ import annotations

import json


def test_estimate_all_methods_json(truth_linked, run) -> None:
    case, simulated, _ = truth_linked
    case_dir = case.path
    case.close()  # the CLI opens the case itself
    try:
        result = run(
            "estimate",
            case_dir,
            "--method",
            "all",
            "--seed",
            "4",
            "--draws",
            "300",
            "--burnin",
            "500",
            "--thinning",
            "2",
            "--json",
        )
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert {r["method"] for r in rows} == {"loglinear", "lcmcr", "dga"}
        for row in rows:
            assert row["documented"] == simulated.documented
            assert row["lower"] <= simulated.true_total <= row["upper"], row["method"]
        listed = run("estimates", case_dir, "--json")
        assert json.loads(listed.stdout)[0]["run_id"] == rows[0]["run_id"]
        table = run("estimate", case_dir, "--method", "loglinear", "--by", "sex", "--seed", "1")
        assert table.exit_code == 0 and "total" in table.stdout
        assert "F " in table.stdout and "M " in table.stdout
        refused = run("estimate", case_dir, "--method", "dga", "--draws", "500")
        assert refused.exit_code == 2 and "--draws" in refused.stderr
    finally:
        case.con = _reopen(case_dir)


def _reopen(case_dir):
    from undercount.case import open_case

    return open_case(case_dir).con
