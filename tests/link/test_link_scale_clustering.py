"""The compiled average linkage gives the plain reference implementation's labels, one by one."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_average_linkage import reference_cluster_records

from undercount.link.clustering import cluster_records


def both(*args, **options):  # type: ignore[no-untyped-def]
    return reference_cluster_records(*args, **options), cluster_records(*args, **options)


def assert_same(reference, compiled) -> None:  # type: ignore[no-untyped-def]
    assert compiled.labels.tolist() == reference.labels.tolist()
    assert compiled.conflicts == reference.conflicts
    assert compiled.refused_merges == reference.refused_merges


edge = st.tuples(st.integers(0, 29), st.integers(0, 29), st.floats(0.01, 1.0))


@settings(max_examples=150, deadline=None)
@given(
    edges=st.lists(edge.filter(lambda e: e[0] != e[1]), max_size=80),
    against=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=20),
    must=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=4),
    cannot=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=4),
    sources=st.lists(st.integers(0, 3), min_size=30, max_size=30),
    duplicate_free=st.sets(st.integers(0, 3), max_size=2),
    repeats=st.dictionaries(st.integers(0, 3), st.floats(-6.0, 1.0), max_size=4),
    threshold=st.sampled_from([0.3, 0.5, 0.9]),
    support=st.sampled_from([None, 0.0, 0.4, 0.8]),
)
def test_random_graphs_give_the_same_labels(
    edges, against, must, cannot, sources, duplicate_free, repeats, threshold, support
) -> None:
    """Repeated and reversed pairs, pairs under the floor that repeat scored ones, conflicting
    decisions: every corner of the dictionary semantics the compiled version copies."""
    ids = np.arange(500, 530) * 3
    left = np.array([ids[a] for a, _, _ in edges], np.int64)
    right = np.array([ids[b] for _, b, _ in edges], np.int64)
    p = np.array([w for *_, w in edges], float)
    reference, compiled = both(
        ids[::-1],
        left,
        right,
        p,
        threshold=threshold,
        support=support,
        against=(ids[[a for a, _ in against]], ids[[b for _, b in against]]),
        must_link=[(int(ids[a]), int(ids[b])) for a, b in must if a != b],
        cannot_link=[(int(ids[a]), int(ids[b])) for a, b in cannot],
        sources=np.array(sources)[::-1],
        duplicate_free=duplicate_free,
        repeat_weights=repeats,
    )
    assert_same(reference, compiled)


def test_a_large_graph_of_namesake_chains_gives_the_same_labels() -> None:
    """Thousands of merges and refusals: many small persons, chained by weak pairs."""
    rng = np.random.default_rng(11)
    n = 6_000
    person = rng.integers(0, 2_500, n)
    left = rng.integers(0, n, 40_000)
    right = np.where(rng.random(40_000) < 0.6, rng.permutation(n)[left], rng.integers(0, n, 40_000))
    keep = left != right
    left, right = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
    key = np.unique(left * n + right)
    left, right = key // n, key % n
    same = person[left] == person[right]
    p = np.clip(np.where(same, rng.beta(8, 2, len(left)), rng.beta(2, 5, len(left))), 0.01, 1)
    low = rng.random(len(left)) < 0.2
    reference, compiled = both(
        np.arange(n),
        left[~low],
        right[~low],
        p[~low],
        against=(left[low], right[low]),
        sources=rng.integers(0, 5, n),
        duplicate_free=[2],
        repeat_weights={0: -2.5, 1: -0.7, 2: -3.0, 4: 0.3},
    )
    assert reference.refused_merges > 100 and reference.n_clusters < n
    assert_same(reference, compiled)
