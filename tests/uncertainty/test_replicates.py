"""Linkage replicates: every reviewer decision holds, pairs link as often as their probability
says, thresholds spread evenly, and one seed gives one ensemble."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undercount.uncertainty import LinkageGraph, cluster_at_thresholds, draw_replicates


def graph_of(
    pairs: list[tuple[int, int, float]],
    *,
    records: int = 6,
    sources: list[int] | None = None,
    **constraints: object,
) -> LinkageGraph:
    left, right, probability = (np.array(column) for column in zip(*pairs, strict=True))
    return LinkageGraph(
        record_ids=np.arange(1, records + 1, dtype=np.int64),
        sources=np.array(sources or [1] * records, dtype=np.int64),
        left=left.astype(np.int64),
        right=right.astype(np.int64),
        probability=probability.astype(np.float64),
        **constraints,  # type: ignore[arg-type]
    )


def together(labels: np.ndarray, a: int, b: int) -> bool:
    """Records are numbered from 1, labels indexed from 0."""
    return bool(labels[a - 1] == labels[b - 1])


PAIRS = [(1, 2, 0.999), (2, 3, 0.6), (3, 4, 0.3), (4, 5, 1e-4), (5, 6, 0.95)]

RULES = [
    ("a near-certain pair is always one person", {}, (1, 2), True),
    ("a pair the model rules out is never one person", {}, (4, 5), False),
    ("a reviewer's match holds on a pair the model doubts", {"must_link": [(4, 5)]}, (4, 5), True),
    (
        "a reviewer's non-match holds on a pair the model is sure of",
        {"cannot_link": [(1, 2)]},
        (1, 2),
        False,
    ),
    (
        "a non-match also stops a chain through a third record",
        {"cannot_link": [(1, 3)], "must_link": [(2, 3)]},
        (1, 3),
        False,
    ),
]


@pytest.mark.parametrize(
    ("constraints", "pair", "expected"),
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_decided_and_certain_pairs_hold_in_every_replicate(
    constraints: dict[str, object], pair: tuple[int, int], expected: bool
) -> None:
    graph = graph_of(PAIRS, **constraints)
    for replicate in draw_replicates(graph, 60, seed=3):
        assert together(replicate.labels, *pair) is expected


def test_a_duplicate_free_list_never_shares_a_person() -> None:
    graph = graph_of([(1, 2, 0.99), (2, 3, 0.99)], records=3, sources=[7, 7, 8], duplicate_free=[7])
    for replicate in draw_replicates(graph, 40, seed=1):
        assert not together(replicate.labels, 1, 2)
    at_thresholds = cluster_at_thresholds(graph, [0.1, 0.5, 0.9])
    assert not any(together(labels, 1, 2) for labels in at_thresholds)


@pytest.mark.parametrize("probability", [0.1, 0.3, 0.5, 0.8])
def test_without_threshold_spread_a_pair_links_as_often_as_its_probability(
    probability: float,
) -> None:
    graph = graph_of([(1, 2, probability)], records=2)
    linked = [together(r.labels, 1, 2) for r in draw_replicates(graph, 800, seed=11, spread=1.0)]
    # 800 Bernoulli draws: 4 standard errors at most 0.071.
    assert abs(np.mean(linked) - probability) < 0.071


def test_thresholds_spread_evenly_over_the_odds_range_around_even_odds() -> None:
    graph = graph_of(PAIRS, threshold=0.9)  # the run's threshold is a decision, not calibration
    thresholds = [r.threshold for r in draw_replicates(graph, 10, seed=5, spread=4.0)]
    log_odds = np.log(np.array(thresholds) / (1 - np.array(thresholds)))
    edges = np.linspace(-np.log(4.0), np.log(4.0), 11)
    assert np.all((edges[:-1] <= log_odds) & (log_odds <= edges[1:]))  # one per stratum


def test_one_seed_one_ensemble_and_another_seed_another() -> None:
    graph = graph_of(PAIRS)
    first = [r.labels.tolist() for r in draw_replicates(graph, 30, seed=42)]
    again = [r.labels.tolist() for r in draw_replicates(graph, 30, seed=42)]
    other = [r.labels.tolist() for r in draw_replicates(graph, 30, seed=43)]
    assert first == again
    assert first != other


def test_a_higher_threshold_never_finds_fewer_people_on_a_chain() -> None:
    graph = graph_of(PAIRS)
    persons = [int(labels.max()) + 1 for labels in cluster_at_thresholds(graph, [0.2, 0.5, 0.9])]
    assert persons == [2, 3, 4]  # {1,2,3,4} {5,6}; {1,2,3} {4} {5,6}; {1,2} {3} {4} {5,6}


def test_bad_arguments_are_refused() -> None:
    graph = graph_of(PAIRS)
    with pytest.raises(ValueError, match="at least 1"):
        list(draw_replicates(graph, 0, seed=1))
    with pytest.raises(ValueError, match="odds factor"):
        list(draw_replicates(graph, 3, seed=1, spread=0.5))


@settings(max_examples=40, deadline=None)
@given(
    probabilities=st.lists(st.floats(0.0, 1.0), min_size=5, max_size=5),
    seed=st.integers(0, 2**31 - 1),
    cannot=st.sampled_from([(1, 2), (2, 3), (1, 6), (3, 5)]),
)
def test_any_scores_any_seed_a_non_match_is_never_crossed(
    probabilities: list[float], seed: int, cannot: tuple[int, int]
) -> None:
    pairs = [(a, b, p) for (a, b, _), p in zip(PAIRS, probabilities, strict=True)]
    graph = graph_of(pairs, cannot_link=[cannot])
    for replicate in draw_replicates(graph, 5, seed=seed):
        assert not together(replicate.labels, *cannot)
        assert replicate.labels.shape == (6,)


def test_a_strict_runs_support_is_not_inherited_by_the_replicates() -> None:
    """Threshold 0.9 with support 0.9 is a decision; replicates cluster at even odds (1/2)."""
    strict = graph_of([(1, 2, 0.999), (2, 3, 0.999), (1, 3, 0.3)], records=3)
    strict = LinkageGraph(**{**strict.__dict__, "threshold": 0.9, "support": 0.9})
    assert strict.support_at(0.5) == pytest.approx(0.5)
    merged = [together(r.labels, 1, 3) for r in draw_replicates(strict, 200, seed=1, spread=1.0)]
    assert np.mean(merged) > 0.9  # two of three cross pairs linked: support 2/3 ≥ 1/2
