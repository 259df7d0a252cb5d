"""``link_case`` end to end on a simulated case: accuracy, stable ids, decisions that stick."""

from __future__ import annotations

import json
import math

import pytest

from undercount.errors import UndercountError
from undercount.link import decide, evaluate_linkage, link_case, list_persons, review_queue
from undercount.link.evaluation import true_persons


def person_of(case, record_id: int) -> int:
    return case.con.execute(
        "SELECT person_id FROM person_records WHERE record_id = ?", [record_id]
    ).fetchone()[0]


def test_accuracy_on_a_simulated_case(opened, simulated_case) -> None:
    result = link_case(opened)
    report = evaluate_linkage(opened, simulated_case[1].truth_csv)
    assert result.records == report["clusters"]["records_evaluated"]
    assert report["pairwise"]["f1"] >= 0.97, report
    assert abs(report["clusters"]["relative_difference"]) <= 0.02, report
    assert report["clusters"]["persons_found"] == result.persons


def test_the_run_is_recorded_with_model_versions_and_seed(opened, caplog) -> None:
    result = link_case(opened, seed=7)
    # Splink narrates every training step; the user gets undercount's progress lines instead.
    narrated = [r.getMessage() for r in caplog.records if r.name.startswith("splink")]
    assert not [m for m in narrated if "Estimating" in m], narrated[:3]
    seed, settings, model, versions, persons = opened.con.execute(
        "SELECT seed, settings, model, versions, persons FROM linkage_runs WHERE run_id = ?",
        [result.run_id],
    ).fetchone()
    assert seed == 7 and persons == result.persons
    assert json.loads(versions)["splink"] == "5.0.0"
    assert {c["output_column_name"] for c in json.loads(model)["comparisons"]} >= {
        "surname_norm",
        "given_norm",
        "father_norm",
        "birth",
        "death",
        "place",
    }
    assert json.loads(settings)["blocking_rules"] == result.blocking_rules
    # Each list names most people once: two of its records weigh against one person, and
    # clustering counts that once per merge with the weights the run records.
    repeats = json.loads(settings)["clustering"]["repeat_weights"]
    assert set(repeats) == set(opened.con.execute("SELECT name FROM sources").fetchnumpy()["name"])
    assert all(weight < 0 for weight in repeats.values()), repeats
    # Each pair's stored evidence (term-frequency adjustments included) adds up to its weight.
    prior = json.loads(model)["probability_two_random_records_match"]
    for weight, evidence in opened.con.execute(
        "SELECT match_weight, evidence FROM pair_scores"
    ).fetchall():
        parts = json.loads(evidence).values()
        assert math.log2(prior / (1 - prior)) + sum(parts) == pytest.approx(weight, abs=0.02)


def test_a_case_too_small_for_one_training_rule_links_and_says_so(tmp_path) -> None:
    """80 victims on 3 lists: no two records share a full birth date, so the EM session
    blocking on it has no pairs; it is skipped and noted, not fatal."""
    from undercount.case import init_case
    from undercount.ingest import import_list
    from undercount.simulate import simulate_case

    simulated = simulate_case(tmp_path / "lists", victims=80, sources=3, seed=8)
    with init_case(tmp_path / "case.undercount") as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        result = link_case(case)
        report = evaluate_linkage(case, simulated.truth_csv)
        settings = case.con.execute("SELECT settings FROM linkage_runs").fetchone()[0]
    notes = json.loads(settings)["training_notes"]
    assert any("birth_date" in note and "skipped" in note for note in notes), notes
    assert result.persons == report["clusters"]["persons_found"]
    assert report["pairwise"]["f1"] >= 0.9, report


def test_an_em_session_that_fails_part_way_leaves_the_model_as_it_was(make_case) -> None:
    """On this 2,000-victim case EM drives a level's m below float64 in its third session,
    after it has already moved the prior (to 0.997, once): the session is skipped, noted, and
    the prior stays what the deterministic rules measured."""
    from undercount.case import open_case

    case_dir, simulated = make_case(2000, 5)
    with open_case(case_dir) as case:
        link_case(case)
        settings, model = case.con.execute("SELECT settings, model FROM linkage_runs").fetchone()
        report = evaluate_linkage(case, simulated.truth_csv)
    notes = json.loads(settings)["training_notes"]
    assert any("float64" in note for note in notes), notes
    assert json.loads(model)["probability_two_random_records_match"] < 0.01
    assert report["pairwise"]["f1"] >= 0.98, report


def test_person_ids_are_stable_across_runs(opened) -> None:
    link_case(opened)
    first = dict(opened.con.execute("SELECT record_id, person_id FROM person_records").fetchall())
    link_case(opened)
    second = dict(opened.con.execute("SELECT record_id, person_id FROM person_records").fetchall())
    assert first == second


def test_decisions_override_the_model_and_survive_reruns(opened) -> None:
    link_case(opened)
    together = opened.con.execute(
        "SELECT min(record_id), max(record_id) FROM person_records GROUP BY person_id "
        "HAVING count(*) = 2 ORDER BY 1 LIMIT 1"
    ).fetchone()
    apart = opened.con.execute(
        "SELECT a.record_id, b.record_id FROM person_records a JOIN person_records b "
        "ON a.record_id < b.record_id AND a.person_id <> b.person_id ORDER BY 1, 2 LIMIT 1"
    ).fetchone()
    decide(opened, *together, "non-match")
    decide(opened, *apart, "match")
    for _ in range(2):
        result = link_case(opened)
        assert result.decisions_applied >= 2
        assert person_of(opened, together[0]) != person_of(opened, together[1])
        assert person_of(opened, apart[0]) == person_of(opened, apart[1])
    reviewer, decided = opened.con.execute(
        "SELECT reviewer, decision FROM pair_decisions WHERE record_id_l = ? AND record_id_r = ?",
        list(together),
    ).fetchone()
    assert reviewer and decided == "non-match"


def test_the_review_queue_is_uncertain_pairs_nearest_the_threshold_first(opened) -> None:
    result = link_case(opened)
    queue = review_queue(opened, limit=20)
    assert queue, "a case this size always has uncertain pairs"
    at_threshold = math.log2(result.threshold / (1 - result.threshold))
    distances = [abs(pair.match_weight - at_threshold) for pair in queue]
    assert distances == sorted(distances)
    assert all(0.05 <= pair.match_probability <= 0.95 for pair in queue)
    first = queue[0]
    assert first.left["record_id"] == first.record_id_l
    assert set(first.evidence) >= {"surname_norm", "given_norm"}
    decide(opened, first.record_id_l, first.record_id_r, "unsure")
    assert (first.record_id_l, first.record_id_r) not in {
        (p.record_id_l, p.record_id_r) for p in review_queue(opened, limit=20)
    }


def test_persons_follow_the_output_contract(opened) -> None:
    link_case(opened)
    persons = list_persons(opened)
    records = sum(len(p["records"]) for p in persons)
    assert (
        records == opened.con.execute("SELECT count(DISTINCT record_id) FROM records").fetchone()[0]
    )
    record = persons[0]["records"][0]
    assert {"record_id", "source", "source_record_id", "full_name", "death_date"} <= set(record)
    assert isinstance(persons[0]["person_id"], int)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda case: link_case(case, threshold=1.5), "outside"),
        (lambda case: link_case(case, engine="hadoop"), "unknown engine"),
        (lambda case: link_case(case, duplicate_free=["nowhere"]), "no source named"),
        (lambda case: decide(case, 1, 1, "match"), "not two records"),
        (lambda case: decide(case, 1, 2, "perhaps"), "unknown decision"),
    ],
    ids=["threshold", "engine", "source", "same record", "decision"],
)
def test_user_errors_say_what_to_do(opened, call, message) -> None:
    with pytest.raises(UndercountError, match=message):
        call(opened)


def test_reviews_train_the_prior_and_the_run_says_so(make_case) -> None:
    """A reviewer answers the review queue from the truth; the next run moves its prior odds
    so that, on the reviewed pairs, the probabilities sum to the matches (the maximum-likelihood
    shift's score equation), and every pair's weight moves by the same amount."""
    from undercount.case import open_case

    case_dir, simulated = make_case(2000, 5)
    with open_case(case_dir) as case:
        first = link_case(case)
        truth = true_persons(case, simulated.truth_csv)
        queue = review_queue(case, limit=60)
        assert len(queue) >= 20, "too few uncertain pairs to measure anything"
        for pair in queue:
            same = truth[pair.record_id_l] == truth[pair.record_id_r]
            decide(case, pair.record_id_l, pair.record_id_r, "match" if same else "non-match")
        before = dict(
            ((left, right), weight)
            for left, right, weight in case.con.execute(
                "SELECT record_id_l, record_id_r, match_weight FROM pair_scores WHERE run_id = ?",
                [first.run_id],
            ).fetchall()
        )
        second = link_case(case)
        assert first.calibration is None and second.calibration is not None
        assert second.calibration.reviewed_pairs == len(queue)
        rows = case.con.execute(
            "SELECT record_id_l, record_id_r, match_weight, match_probability FROM pair_scores "
            "WHERE run_id = ?",
            [second.run_id],
        ).fetchall()
        settings, model = case.con.execute(
            "SELECT settings, model FROM linkage_runs WHERE run_id = ?", [second.run_id]
        ).fetchone()
        first_model = case.con.execute(
            "SELECT model FROM linkage_runs WHERE run_id = ?", [first.run_id]
        ).fetchone()[0]
    bits = second.calibration.shift / math.log(2)
    moved = [
        weight - before[(left, right)] for left, right, weight, _ in rows if (left, right) in before
    ]
    assert moved and all(m == pytest.approx(bits, abs=1e-9) for m in moved)
    reviewed = {(p.record_id_l, p.record_id_r) for p in queue}
    decided = [
        truth[left] == truth[right] for left, right, _, _ in rows if (left, right) in reviewed
    ]
    probability = [p for left, right, _, p in rows if (left, right) in reviewed]
    assert sum(probability) == pytest.approx(sum(decided), abs=1e-6)
    recorded = json.loads(settings)["prior_from_reviews"]
    assert recorded["reviewed_pairs"] == len(queue)

    def prior_bits(model_json: str) -> float:
        prior = json.loads(model_json)["probability_two_random_records_match"]
        return math.log2(prior / (1 - prior))

    assert prior_bits(model) - prior_bits(first_model) == pytest.approx(bits, abs=1e-9)
