"""The greedy average linkage written plainly with dictionaries: the reference the compiled
``undercount.link.clustering.cluster_records`` is held to, label for label."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from undercount.link.clustering import (
    DEFAULT_THRESHOLD,
    Clustering,
    _indexer,
    _source_bits,
    _without_repeats,
)


def reference_cluster_records(
    record_ids: Sequence[int] | np.ndarray,
    pairs_l: np.ndarray,
    pairs_r: np.ndarray,
    probabilities: np.ndarray,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    support: float | None = None,
    against: tuple[np.ndarray, np.ndarray] | None = None,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    sources: np.ndarray | None = None,
    duplicate_free: Iterable[int] = (),
    repeat_weights: Mapping[int, float] | None = None,
) -> Clustering:
    """Cluster records; ids in pairs and constraints are record ids, ``sources`` is per record.

    ``support`` defaults to ``threshold``: the clusters must agree on average as strongly as
    one pair must. ``against`` holds pairs compared and scored under the floor (probability 0).
    ``duplicate_free`` lists source codes (values of ``sources``) whose records are known to be
    distinct people. ``repeat_weights``: per source code, the model's weight of two records from
    that list, moved from each pair to each merge.
    """
    duplicate_free = sorted(set(duplicate_free))
    support = threshold if support is None else support
    ids = np.asarray(record_ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    index_of = _indexer(ids[order], order)
    left, right = index_of(np.asarray(pairs_l)), index_of(np.asarray(pairs_r))
    probability = np.asarray(probabilities, dtype=np.float64)
    weights: dict[int, float] = {}
    if sources is not None and (duplicate_free or repeat_weights):
        codes = np.asarray(sources, dtype=np.int64)
        moved = _source_bits(codes, duplicate_free, repeat_weights or {})[2]
        probability = _without_repeats(probability, codes[left], codes[right], moved)
        weights = {code: w for code, w in moved.items() if w < 0}
        weights.update({code: -math.inf for code in duplicate_free})
    graph = _Graph(left, right, probability)
    if against is not None and len(against[0]):
        graph.add(index_of(np.asarray(against[0])), index_of(np.asarray(against[1])), 0.0)
    state = _State(len(ids), sources, weights)
    for a, b in cannot_link:
        i, j = int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])
        state.forbid(i, j)
    conflicts: list[tuple[int, int]] = []
    for a, b in sorted(must_link):
        i, j = int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])
        if not state.merge_allowed(i, j):
            conflicts.append((a, b))
            continue
        state.union(i, j)
    refused = 0
    strong = np.flatnonzero(probability >= threshold)
    ranked = strong[np.lexsort((ids[right[strong]], ids[left[strong]], -probability[strong]))]
    for edge in ranked:
        i, j = int(left[edge]), int(right[edge])
        root_i, root_j = state.find(i), state.find(j)
        if root_i == root_j:
            continue
        if not state.merge_allowed(i, j) or state.support(graph, root_i, root_j) < support:
            refused += 1
            continue
        state.union(i, j)
    return Clustering(ids, state.labels(), conflicts, refused)


class _Graph:
    """Adjacency of the scored pairs, for the mean probability across two clusters."""

    def __init__(self, left: np.ndarray, right: np.ndarray, probability: np.ndarray):
        self.neighbours: dict[int, dict[int, float]] = {}
        for i, j, p in zip(left.tolist(), right.tolist(), probability.tolist(), strict=True):
            self.neighbours.setdefault(i, {})[j] = p
            self.neighbours.setdefault(j, {})[i] = p

    def add(self, left: np.ndarray, right: np.ndarray, probability: float) -> None:
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            self.neighbours.setdefault(i, {}).setdefault(j, probability)
            self.neighbours.setdefault(j, {}).setdefault(i, probability)

    def mean_across(self, state: _State, root_a: int, root_b: int) -> float:
        members_a, members_b = state.members_of(root_a), state.members_of(root_b)
        if len(members_a) > len(members_b):
            members_a, members_b = members_b, members_a
            root_b = root_a
        total, compared = 0.0, 0
        for i in members_a:
            for j, p in self.neighbours.get(i, {}).items():
                if state.find(j) == root_b:
                    total += p
                    compared += 1
        return total / compared


class _State:
    """Union–find with member lists, cannot-links and per-cluster sets of weighted sources."""

    def __init__(self, n: int, sources: np.ndarray | None, weights: dict[int, float]):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}  # only clusters of two or more
        self.forbidden: dict[int, set[int]] = {}
        self.weights = weights
        self.lists: dict[int, set[int]] = {}
        if sources is not None and weights:
            for i, source in enumerate(np.asarray(sources).tolist()):
                if source in weights:
                    self.lists[i] = {source}

    def members_of(self, root: int) -> list[int]:
        return self.members.get(root, [root])

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, i: int, j: int) -> None:
        self.forbidden.setdefault(i, set()).add(j)
        self.forbidden.setdefault(j, set()).add(i)

    def support(self, graph: _Graph, root_a: int, root_b: int) -> float:
        mean = graph.mean_across(self, root_a, root_b)
        shared = self.lists.get(root_a, set()) & self.lists.get(root_b, set())
        if not shared:
            return mean
        bits = sum(self.weights[source] for source in sorted(shared, key=self._bit))
        if bits == -math.inf or mean <= 0.0:
            return -1.0
        if mean >= 1.0:
            return 1.0
        return 1.0 / (1.0 + (1.0 / mean - 1.0) * 2.0**-bits)

    def _bit(self, source: int) -> int:
        return list(self.weights).index(source)

    def merge_allowed(self, i: int, j: int) -> bool:
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j:
            return True
        for a, other in ((root_i, root_j), (root_j, root_i)) if self.forbidden else ():
            for member in self.members_of(a):
                if any(self.find(k) == other for k in self.forbidden.get(member, ())):
                    return False
        return True

    def union(self, i: int, j: int) -> None:
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j:
            return
        if len(self.members_of(root_i)) < len(self.members_of(root_j)):
            root_i, root_j = root_j, root_i
        self.parent[root_j] = root_i
        self.members[root_i] = self.members_of(root_i) + self.members.pop(root_j, [root_j])
        if root_j in self.lists:
            self.lists.setdefault(root_i, set()).update(self.lists.pop(root_j))

    def labels(self) -> np.ndarray:
        roots = np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64)
        _, labels = np.unique(roots, return_inverse=True)
        return labels.astype(np.int64)
