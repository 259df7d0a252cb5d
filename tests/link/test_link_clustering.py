"""Clustering under constraints: chains stop at known non-matches, humans override the model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from undercount.link.clustering import cluster_records


def groups(result) -> set[frozenset[int]]:
    found: dict[int, set[int]] = {}
    for record, label in zip(result.record_ids.tolist(), result.labels.tolist(), strict=True):
        found.setdefault(label, set()).add(record)
    return {frozenset(g) for g in found.values()}


def pairs(*edges: tuple[int, int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    left, right, p = zip(*edges, strict=True) if edges else ((), (), ())
    return np.array(left, np.int64), np.array(right, np.int64), np.array(p, float)


CASES = [
    (
        "a chain through a sparse record stops where two namesakes were compared and differ",
        [(1, 3, 0.95), (2, 3, 0.90)],
        {"against": [(1, 2)]},
        {frozenset({1, 3}), frozenset({2})},
    ),
    (
        "a chain whose ends were never compared (a blocking miss) stays one person",
        [(1, 3, 0.95), (2, 3, 0.90)],
        {},
        {frozenset({1, 2, 3})},
    ),
    (
        "pairs under the threshold join nothing",
        [(1, 2, 0.4)],
        {},
        {frozenset({1}), frozenset({2}), frozenset({3})},
    ),
    (
        "a reviewer's match joins a pair the model doubted",
        [(1, 2, 0.2)],
        {"must_link": [(1, 2)]},
        {frozenset({1, 2}), frozenset({3})},
    ),
    (
        "a reviewer's non-match splits a pair the model was sure of",
        [(1, 2, 0.99)],
        {"cannot_link": [(1, 2)]},
        {frozenset({1}), frozenset({2}), frozenset({3})},
    ),
    (
        "a non-match also blocks the indirect route through a third record",
        [(1, 3, 0.99), (2, 3, 0.98)],
        {"cannot_link": [(1, 2)]},
        {frozenset({1, 3}), frozenset({2})},
    ),
    (
        "a duplicate-free source never gives one person two records",
        [(1, 2, 0.99), (2, 3, 0.97)],
        {"sources": [7, 7, 8], "duplicate_free": [7]},
        {frozenset({2, 3}), frozenset({1})},
    ),
]


@pytest.mark.parametrize(
    ("description", "edges", "options", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_cluster_records(description, edges, options, expected) -> None:
    left, right, p = pairs(*edges)
    against = options.pop("against", None)
    if against is not None:
        options["against"] = (np.array([a for a, _ in against]), np.array([b for _, b in against]))
    if "sources" in options:
        options["sources"] = np.array(options["sources"])
    result = cluster_records([1, 2, 3], left, right, p, threshold=0.5, **options)
    assert groups(result) == expected


def _with_repeat(probability: float, bits: float) -> float:
    """A pair's probability once the model's weight for two records of one list is added."""
    return 1 / (1 + (1 / probability - 1) * 2**-bits)


def test_a_list_repeat_is_counted_once_per_merge_not_averaged_away() -> None:
    """Records 1–3 are one person (official, ngo, media); 4 is a second media record whose
    content agrees with all three at 0.8. Averaged over the pairs, the one media–media pair's
    −3 bits would cost a third of itself; counted once per merge it keeps 4 apart."""
    sources = np.array([1, 2, 3, 3])
    edges = [(1, 2, 0.99), (1, 3, 0.99), (2, 3, 0.99), (1, 4, 0.8), (2, 4, 0.8)]
    edges.append((3, 4, _with_repeat(0.8, -3.0)))
    left, right, p = pairs(*edges)
    averaged = cluster_records([1, 2, 3, 4], left, right, p, sources=sources)
    assert groups(averaged) == {frozenset({1, 2, 3, 4})}
    counted = cluster_records(
        [1, 2, 3, 4], left, right, p, sources=sources, repeat_weights={3: -3.0}
    )
    assert groups(counted) == {frozenset({1, 2, 3}), frozenset({4})}
    # The same record from a list the person is not on yet joins: the weight is the list's.
    other_list = cluster_records(
        [1, 2, 3, 4], left, right, p, sources=np.array([1, 2, 3, 4]), repeat_weights={3: -3.0}
    )
    assert groups(other_list) == {frozenset({1, 2, 3, 4})}


@pytest.mark.parametrize(("probability", "joined"), [(0.4, False), (0.5, True)])
def test_two_records_of_one_list_alone_are_judged_on_their_own_probability(
    probability, joined
) -> None:
    """Moving the repeat from the pair to the merge loses none of it."""
    left, right, p = pairs((1, 2, probability))
    result = cluster_records(
        [1, 2], left, right, p, sources=np.array([5, 5]), repeat_weights={5: -3.0}
    )
    assert (result.n_clusters == 1) is joined


def test_conflicting_decisions_are_reported_and_cannot_link_wins() -> None:
    left, right, p = pairs()
    result = cluster_records(
        [1, 2, 3], left, right, p, must_link=[(1, 2), (2, 3)], cannot_link=[(1, 3)]
    )
    assert result.conflicts == [(2, 3)]
    assert groups(result) == {frozenset({1, 2}), frozenset({3})}


def test_unknown_record_in_pairs_is_an_error() -> None:
    with pytest.raises(ValueError, match="not in the case"):
        cluster_records([1, 2], *pairs((1, 9, 0.9)))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=25).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0.01, 1.0)
                ).filter(lambda e: e[0] != e[1]),
                max_size=60,
                unique_by=lambda e: (min(e[0], e[1]), max(e[0], e[1])),
            ),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=5),
        )
    )
)
def test_properties_on_random_graphs(graph) -> None:
    """Without a support bar the clusters are connected components; cannot-links always hold."""
    n, edges, forbidden = graph
    ids = np.arange(100, 100 + n)
    left = np.array([ids[min(a, b)] for a, b, _ in edges], np.int64)
    right = np.array([ids[max(a, b)] for a, b, _ in edges], np.int64)
    p = np.array([w for *_, w in edges])
    plain = cluster_records(ids, left, right, p, threshold=0.5, support=0.0)
    strong = p >= 0.5
    graph_matrix = coo_matrix(
        (np.ones(strong.sum()), (left[strong] - 100, right[strong] - 100)), (n, n)
    )
    _, components = connected_components(graph_matrix, directed=False)
    assert groups(plain) == {
        frozenset(ids[components == c].tolist()) for c in np.unique(components)
    }
    cannot = [(int(ids[a]), int(ids[b])) for a, b in forbidden if a != b]
    constrained = cluster_records(ids, left, right, p, threshold=0.5, cannot_link=cannot)
    label = dict(zip(constrained.record_ids.tolist(), constrained.labels.tolist(), strict=True))
    assert all(label[a] != label[b] for a, b in cannot)
    assert constrained.n_clusters >= plain.n_clusters


def test_more_duplicate_free_sources_than_the_compiled_mask_holds_is_refused() -> None:
    from undercount.errors import UndercountError

    left, right, p = pairs((1, 2, 0.9))
    with pytest.raises(UndercountError, match="at most 63"):
        cluster_records([1, 2], left, right, p, sources=np.array([0, 1]), duplicate_free=range(64))
