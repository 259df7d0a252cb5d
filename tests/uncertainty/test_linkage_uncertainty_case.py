"""A linked case estimated with linkage uncertainty: what is stored, reproducibility, decisions,
and the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from undercount.case import init_case, open_case
from undercount.errors import UndercountError
from undercount.ingest import import_list
from undercount.link import link_case
from undercount.link.store import record_decision
from undercount.report import gather_report_data, render_report
from undercount.simulate import SimulatedCase, simulate_case
from undercount.toll import capture_histories, estimate_case, evaluate_estimate, list_estimates
from undercount.uncertainty import (
    draw_replicates,
    estimate_with_linkage_uncertainty,
    histories_from_labels,
    read_linkage_graph,
    source_order,
)

FAST = {"lcmcr": {"burnin": 300, "samples": 200, "thinning": 2, "chains": 2}}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, SimulatedCase]]:
    root = tmp_path_factory.mktemp("uncertainty")
    simulated = simulate_case(root / "lists", victims=300, sources=4, seed=21)
    path = root / "case.undercount"
    with init_case(path) as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        link_case(case, seed=1)
    yield path, simulated


def test_a_labelling_gives_the_same_table_as_the_cases_persons(linked) -> None:
    path, _ = linked
    with open_case(path, read_only=True) as case:
        graph = read_linkage_graph(case)
        assigned = case.con.execute(
            "SELECT person_id FROM person_records ORDER BY record_id"
        ).fetchnumpy()["person_id"]
        _, labels = np.unique(assigned, return_inverse=True)
        source_ids, _ = source_order(case)
        assert histories_from_labels(graph.sources, labels, source_ids) == (
            capture_histories(case).total()
        )


def test_the_combined_run_is_an_ordinary_row_that_says_how_it_was_made(linked) -> None:
    path, simulated = linked
    with open_case(path) as case:
        run = estimate_with_linkage_uncertainty(
            case, replicates=4, seed=8, options=FAST, thresholds=(0.3, 0.7)
        )
        [row] = list_estimates(case, run_id=run.run_id)
        plain = estimate_case(case, seed=8, options=FAST)
        [single] = list_estimates(case, run_id=plain.run_id)
    details = row["parameters"]["linkage_uncertainty"]
    assert row["method"] == "lcmcr" and row["stratum"] == ""
    assert row["documented"] == single["documented"]
    assert row["lower"] <= row["n_hat"] <= row["upper"]
    assert details["single_clustering"]["n_hat"] == pytest.approx(single["n_hat"])
    assert [r["index"] for r in details["replicates"]] == [0, 1, 2, 3]
    assert [p["threshold"] for p in details["by_threshold"]] == [0.3, 0.7]
    low, high = (p["documented"] for p in details["by_threshold"])
    assert low <= high  # a stricter threshold splits more
    assert 0.0 <= details["linkage_share"] <= 1.0
    assert all(r["documented"] > simulated.documented * 0.8 for r in details["replicates"])


def test_the_reports_headline_is_the_combined_run_even_after_a_plain_one(linked) -> None:
    path, _ = linked
    with open_case(path) as case:
        combined = estimate_with_linkage_uncertainty(
            case, replicates=3, seed=5, options=FAST, thresholds=(0.3, 0.5, 0.7)
        )
        estimate_case(case, seed=5, options=FAST)
        data = gather_report_data(case)
        scored = evaluate_estimate(case, 300)
    assert data.headline_run is not None and data.headline_run.run_id == combined.run_id
    assert scored is not None and scored["run_id"] == combined.run_id, "evaluate reads another run"
    assert data.headline is not None and data.headline.linkage is not None
    assert [p.threshold for p in data.headline.linkage.by_threshold] == [0.3, 0.5, 0.7]
    assert data.headline.linkage.replicates == 3
    assert 'class="chart chart-threshold"' in render_report(data)


def test_one_seed_gives_the_same_combined_numbers(linked) -> None:
    path, _ = linked
    with open_case(path) as case:
        numbers = []
        for _ in range(2):
            run = estimate_with_linkage_uncertainty(
                case, method="dga", replicates=3, seed=4, thresholds=(0.5,)
            )
            [row] = list_estimates(case, run_id=run.run_id)
            numbers.append((row["n_hat"], row["lower"], row["upper"], row["parameters"]))
    assert numbers[0] == numbers[1]


def test_reviewer_decisions_hold_in_every_replicate(linked) -> None:
    path, _ = linked
    with open_case(path) as case:
        pairs = case.con.execute(
            "SELECT a.record_id, b.record_id FROM person_records a JOIN person_records b "
            "ON a.person_id = b.person_id AND a.record_id < b.record_id ORDER BY 1 LIMIT 1"
        ).fetchone()
        apart = case.con.execute(
            "SELECT record_id_l, record_id_r FROM pair_scores ORDER BY match_probability LIMIT 1"
        ).fetchone()
        record_decision(case, *pairs, "non-match")
        record_decision(case, *apart, "match")
        graph = read_linkage_graph(case)
    position = {int(r): i for i, r in enumerate(graph.record_ids)}
    for replicate in draw_replicates(graph, 8, seed=2):
        labels = replicate.labels
        assert labels[position[pairs[0]]] != labels[position[pairs[1]]]
        assert labels[position[apart[0]]] == labels[position[apart[1]]]


def test_a_case_linked_without_a_linkage_run_is_told_to_link(truth_linked) -> None:
    case, _, _ = truth_linked
    with pytest.raises(UndercountError, match="no linkage run"):
        estimate_with_linkage_uncertainty(case, replicates=3, seed=1)


def test_the_command_line_stores_and_shows_the_combined_estimate(linked, run) -> None:
    path, _ = linked
    result = run(
        "estimate", path, "--linkage-uncertainty", "--replicates", "3", "--seed", "5",
        "--draws", "100", "--burnin", "200", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert len(row["parameters"]["linkage_uncertainty"]["replicates"]) == 3
    by_region = run(
        "estimate", path, "--linkage-uncertainty", "--by", "region", "--method", "dga",
        "--replicates", "2", "--seed", "5", "--json",
    )  # fmt: skip
    assert by_region.exit_code == 0, by_region.output
    assert {r["stratum_field"] for r in json.loads(by_region.stdout)} == {"region"}
    usage = run("estimate", path, "--replicates", "5")
    assert usage.exit_code == 2 and "applies with --linkage-uncertainty" in usage.output


def test_strata_carry_linkage_uncertainty_each_from_its_own_replicates(linked) -> None:
    """Per stratum, every replicate's persons take their value by the case's own rule: each
    replicate's strata add up to its total, the rows follow the case's strata, and each row
    carries its own single-clustering figure and share."""
    path, _ = linked
    with open_case(path) as case:
        graph = read_linkage_graph(case)
        source_ids, _ = source_order(case)
        replicate = next(iter(draw_replicates(graph, 1, seed=3)))
        labels = pa.table({"record_id": graph.record_ids, "person_id": replicate.labels})
        case.con.register("labels", labels)
        by_region = capture_histories(case, by="region", assignment="labels")
        case.con.unregister("labels")
        assert by_region.total() == histories_from_labels(
            graph.sources, replicate.labels, source_ids
        )
        run = estimate_with_linkage_uncertainty(
            case, method="dga", by="region", replicates=4, seed=6, thresholds=(0.5,)
        )
        rows = list_estimates(case, run_id=run.run_id)
        plain = list_estimates(
            case, run_id=estimate_case(case, method="dga", by="region", seed=6).run_id
        )
        own = capture_histories(case, by="region")
    assert [r["stratum"] for r in rows] == ["", *sorted(own.counts)]
    assert all(r["stratum_field"] == "region" for r in rows)
    single = {r["stratum"]: r for r in plain}
    for row in rows:
        details = row["parameters"]["linkage_uncertainty"]
        assert row["documented"] == single[row["stratum"]]["documented"]
        assert details["replicates_estimated"] <= 4
        if row["n_hat"] is not None:
            assert row["lower"] <= row["n_hat"] <= row["upper"]
            assert 0.0 <= details["linkage_share"] <= 1.0
        assert details["single_clustering"]["n_hat"] == single[row["stratum"]]["n_hat"]
        assert ("replicates" in details) == (row["stratum"] == "")
    assert any(r["n_hat"] is not None for r in rows if r["stratum"]), "no region was estimated"
