"""Estimates of a case are stored with their table, seed and linkage run, and reproducible."""

from __future__ import annotations

import hashlib
import json

import pytest

from undercount.errors import UndercountError
from undercount.estimate import estimate
from undercount.toll import (
    EstimateRow,
    capture_histories,
    estimate_case,
    list_estimates,
    store_estimate_run,
)

FAST_LCMCR = {"lcmcr": {"burnin": 500, "samples": 300, "thinning": 2, "chains": 2}}


def test_stored_run_keeps_the_exact_table_and_covers_the_truth(truth_linked) -> None:
    case, simulated, _ = truth_linked
    run = estimate_case(case, method="loglinear", seed=1)
    [row] = list_estimates(case, run_id=run.run_id)
    assert row["documented"] == simulated.documented <= row["n_hat"]
    assert row["lower"] <= simulated.true_total <= row["upper"]
    stored = case.con.execute(
        "SELECT histories, histories_sha256 FROM estimates WHERE run_id = ?", [run.run_id]
    ).fetchone()
    assert json.loads(stored[0]) == capture_histories(case).total()
    assert hashlib.sha256(stored[0].encode()).hexdigest() == stored[1]
    assert row["parameters"]["seed"] == 1


def test_same_seed_same_numbers(truth_linked) -> None:
    case, _, _ = truth_linked
    first = estimate_case(case, method="lcmcr", seed=5, options=FAST_LCMCR)
    second = estimate_case(case, method="lcmcr", seed=5, options=FAST_LCMCR)
    numbers = [
        [(r["n_hat"], r["lower"], r["upper"]) for r in list_estimates(case, run_id=run.run_id)]
        for run in (first, second)
    ]
    assert numbers[0] == numbers[1]
    assert second.run_id == first.run_id + 1


def test_a_seed_is_drawn_and_recorded_when_none_is_given(truth_linked) -> None:
    case, _, _ = truth_linked
    run = estimate_case(case, method="dga")
    [row] = list_estimates(case, run_id=run.run_id)
    assert row["parameters"]["seed"] == run.seed


def test_strata_total_comes_from_the_strata_and_refusals_say_why(truth_linked) -> None:
    case, simulated, _ = truth_linked
    run = estimate_case(case, method="lcmcr", by="region", seed=3, options=FAST_LCMCR)
    rows = list_estimates(case, run_id=run.run_id)
    total = next(r for r in rows if r["stratum"] == "")
    strata = [r for r in rows if r["stratum"]]
    assert total["documented"] == sum(r["documented"] for r in strata) == simulated.documented
    assert all(r["stratum_field"] == "region" for r in rows)
    for row in strata:
        assert (row["n_hat"] is None) == (row["refused"] is not None)
    estimated = [r for r in strata if r["n_hat"] is not None]
    # Summed posterior draws, not summed interval ends: the total's interval is narrower.
    assert total["upper"] - total["lower"] < sum(r["upper"] - r["lower"] for r in estimated)


def test_too_few_lists_is_refused(tmp_path) -> None:
    from undercount.case import init_case
    from undercount.ingest import import_list

    with init_case(tmp_path / "c.undercount") as case:
        for name in ("a", "b"):
            path = tmp_path / f"{name}.csv"
            path.write_text("ФИО\nАхметов Марат\n", encoding="utf-8")
            import_list(case, path, source=name, again=True)
        with case.transaction():
            case.con.execute("INSERT INTO person_records SELECT record_id, 1 FROM records")
        with pytest.raises(UndercountError, match="at least 3"):
            estimate_case(case, method="loglinear")


def test_estimates_made_elsewhere_are_stored_as_an_ordinary_run_with_extra_parameters(
    truth_linked,
) -> None:
    case, simulated, _ = truth_linked
    table = capture_histories(case)
    made = estimate(table.named(), method="loglinear")
    row = EstimateRow(
        "loglinear",
        "",
        table.documented(),
        made,
        None,
        {"linkage_uncertainty": {"replicates": [{"index": 0}]}},
    )
    run = store_estimate_run(case, table, [row], seed=9, level=0.95, options={})
    [stored] = list_estimates(case, run_id=run.run_id)
    assert stored["parameters"] == {
        "seed": 9,
        "options": {},
        "linkage_uncertainty": {"replicates": [{"index": 0}]},
    }
    assert stored["n_hat"] == pytest.approx(made.n_hat)
    assert stored["documented"] == simulated.documented


def test_evaluate_estimate_scores_the_reports_headline_against_the_truth(truth_linked) -> None:
    from undercount.report import gather_report_data
    from undercount.toll import evaluate_estimate

    case, simulated, _ = truth_linked
    estimate_case(case, method="loglinear", seed=2)
    scored = evaluate_estimate(case, simulated.true_total)
    headline = gather_report_data(case).headline_run
    assert scored is not None and headline is not None and scored["run_id"] == headline.run_id
    assert scored["covered"] == (scored["lower"] <= simulated.true_total <= scored["upper"])
    assert evaluate_estimate(case, 10 * simulated.true_total)["covered"] is False
