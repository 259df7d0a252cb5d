"""The greedy average linkage written plainly with dictionaries: the reference the compiled
``undercount.link.clustering.cluster_records`` is held to, label for label."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from undercount.link.clustering import DEFAULT_THRESHOLD, Clustering, _indexer


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
) -> Clustering:
    """Cluster records; ids in pairs and constraints are record ids, ``sources`` is per record.

    ``support`` defaults to ``threshold``: the clusters must agree on average as strongly as
    one pair must. ``against`` holds pairs compared and scored under the floor (probability 0).
    ``duplicate_free`` lists source codes (values of ``sources``) whose records are known to be
    distinct people.
    """
    support = threshold if support is None else support
    ids = np.asarray(record_ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    index_of = _indexer(ids[order], order)
    left, right = index_of(np.asarray(pairs_l)), index_of(np.asarray(pairs_r))
    probability = np.asarray(probabilities, dtype=np.float64)
    graph = _Graph(left, right, probability)
    if against is not None and len(against[0]):
        graph.add(index_of(np.asarray(against[0])), index_of(np.asarray(against[1])), 0.0)
    state = _State(len(ids), sources, set(duplicate_free))
    for a, b in cannot_link:
        i, j = int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])
        state.forbid(i, j)
    conflicts: list[tuple[int, int]] = []
    for a, b in sorted(must_link):
        i, j = int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])
        if not state.merge_allowed(i, j, check_sources=False):
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
        if not state.merge_allowed(i, j) or graph.mean_across(state, root_i, root_j) < support:
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
    """Union–find with member lists, cannot-links and per-cluster sets of duplicate-free sources."""

    def __init__(self, n: int, sources: np.ndarray | None, duplicate_free: set[int]):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}  # only clusters of two or more
        self.forbidden: dict[int, set[int]] = {}
        self.exclusive: dict[int, set[int]] = {}
        if sources is not None and duplicate_free:
            for i, source in enumerate(np.asarray(sources).tolist()):
                if source in duplicate_free:
                    self.exclusive[i] = {source}

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

    def merge_allowed(self, i: int, j: int, *, check_sources: bool = True) -> bool:
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j:
            return True
        for a, other in ((root_i, root_j), (root_j, root_i)) if self.forbidden else ():
            for member in self.members_of(a):
                if any(self.find(k) == other for k in self.forbidden.get(member, ())):
                    return False
        if check_sources:
            shared = self.exclusive.get(root_i, set()) & self.exclusive.get(root_j, set())
            if shared:
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
        if root_j in self.exclusive:
            self.exclusive.setdefault(root_i, set()).update(self.exclusive.pop(root_j))

    def labels(self) -> np.ndarray:
        roots = np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64)
        _, labels = np.unique(roots, return_inverse=True)
        return labels.astype(np.int64)
