"""The greedy average linkage of ``clustering.cluster_records``, compiled for a million records.

``cluster_records`` keeps its graph in Python dictionaries: at a million records and ten
million scored pairs that is minutes and gigabytes. This is the same algorithm on arrays,
compiled with numba, and it must give the *same labels*, not merely similar clusters:

* each record's neighbours are kept in the order ``cluster_records`` inserts them (pairs in
  the given order, then the pairs scored under the floor that are not pairs already), so the
  mean across two clusters is summed in the same order, to the same float;
* member lists are linked lists joined in the same order, the larger cluster's root stays the
  root (the first record's root on a tie), and must-links, cannot-links and duplicate-free
  sources are checked at the same points.

``tests/link/test_link_scale_clustering.py`` holds it to ``cluster_records`` label for label;
a change to one is a change to both. Duplicate-free sources are kept as bits of one word,
so more than 63 of them fall back to ``cluster_records``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numba
import numpy as np

from undercount.link.clustering import DEFAULT_THRESHOLD, Clustering, _indexer, cluster_records

_MAX_EXCLUSIVE_SOURCES = 63


def cluster_records_compiled(
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
    """``cluster_records``, same arguments, same result."""
    duplicate_free = sorted(set(duplicate_free))
    must_link, cannot_link = sorted(must_link), list(cannot_link)
    if len(duplicate_free) > _MAX_EXCLUSIVE_SOURCES:
        return cluster_records(
            record_ids,
            pairs_l,
            pairs_r,
            probabilities,
            threshold=threshold,
            support=support,
            against=against,
            must_link=must_link,
            cannot_link=cannot_link,
            sources=sources,
            duplicate_free=duplicate_free,
        )
    support = threshold if support is None else support
    ids = np.asarray(record_ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    index_of = _indexer(ids[order], order)
    left, right = index_of(np.asarray(pairs_l)), index_of(np.asarray(pairs_r))
    probability = np.asarray(probabilities, dtype=np.float64)
    if against is not None and len(against[0]):
        low_l, low_r = index_of(np.asarray(against[0])), index_of(np.asarray(against[1]))
    else:
        low_l = low_r = np.empty(0, dtype=np.int64)
    start, neighbour, weight = _adjacency(len(ids), left, right, probability, low_l, low_r)
    forbidden = [
        (int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])) for a, b in cannot_link
    ]
    f_start, f_other = _adjacency(
        len(ids),
        np.array([i for i, _ in forbidden], np.int64),
        np.array([j for _, j in forbidden], np.int64),
        np.zeros(len(forbidden)),
        np.empty(0, np.int64),
        np.empty(0, np.int64),
    )[:2]
    must = np.array(
        [(int(index_of(np.array([a]))[0]), int(index_of(np.array([b]))[0])) for a, b in must_link],
        dtype=np.int64,
    ).reshape(-1, 2)
    mask = np.zeros(len(ids), dtype=np.int64)
    if sources is not None and duplicate_free:
        bit = {source: np.int64(1) << np.int64(k) for k, source in enumerate(duplicate_free)}
        for i, source in enumerate(np.asarray(sources).tolist()):
            mask[i] = bit.get(source, 0)
    strong = np.flatnonzero(probability >= threshold)
    ranked = strong[np.lexsort((ids[right[strong]], ids[left[strong]], -probability[strong]))]
    roots, conflicted, refused = _link(
        len(ids),
        start,
        neighbour,
        weight,
        f_start,
        f_other,
        len(forbidden) > 0,
        must,
        mask,
        left[ranked].astype(np.int64),
        right[ranked].astype(np.int64),
        float(support),
    )
    _, labels = np.unique(roots, return_inverse=True)
    conflicts = [pair for pair, bad in zip(must_link, conflicted.tolist(), strict=True) if bad]
    return Clustering(ids, labels.astype(np.int64), conflicts, int(refused))


def _adjacency(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    low_l: np.ndarray,
    low_r: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each record's neighbours in ``cluster_records``' dictionary order, as CSR arrays.

    A pair given twice keeps its first place and its last probability (a dictionary
    assignment); a pair scored under the floor is added only where no pair is (``setdefault``).
    """
    source = np.concatenate(
        [np.stack([left, right], 1).ravel(), np.stack([low_l, low_r], 1).ravel()]
    )
    target = np.concatenate(
        [np.stack([right, left], 1).ravel(), np.stack([low_r, low_l], 1).ravel()]
    )
    value = np.concatenate(
        [np.repeat(np.asarray(probability, np.float64), 2), np.zeros(2 * len(low_l))]
    )
    scored = 2 * len(left)
    key = source.astype(np.int64) * n + target.astype(np.int64)
    _, first = np.unique(key, return_index=True)
    first.sort()
    if len(first) < len(key):
        scored_keys = key[:scored]
        _, last_from_end = np.unique(scored_keys[::-1], return_index=True)
        last = scored - 1 - last_from_end
        latest = dict(zip(scored_keys[last].tolist(), value[last].tolist(), strict=True))
        value = value.copy()
        for position in first[first < scored].tolist():
            value[position] = latest[int(key[position])]
    source, target, value = source[first], target[first], value[first]
    by_record = np.argsort(source, kind="stable")
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(source, minlength=n), out=start[1:])
    return start, target[by_record].astype(np.int32), value[by_record]


@numba.njit(cache=True)
def _find(parent: np.ndarray, i: int) -> int:
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        following = parent[i]
        parent[i] = root
        i = following
    return root


@numba.njit(cache=True)
def _merge_allowed(parent, head, after, f_start, f_other, any_forbidden, mask, i, j, check_sources):  # type: ignore[no-untyped-def]
    root_i, root_j = _find(parent, i), _find(parent, j)
    if root_i == root_j:
        return True
    if any_forbidden and (
        _forbidden_between(parent, head, after, f_start, f_other, root_i, root_j)
        or _forbidden_between(parent, head, after, f_start, f_other, root_j, root_i)
    ):
        return False
    return not (check_sources and (mask[root_i] & mask[root_j]) != 0)


@numba.njit(cache=True)
def _forbidden_between(parent, head, after, f_start, f_other, root, other):  # type: ignore[no-untyped-def]
    member = head[root]
    while member >= 0:
        for k in range(f_start[member], f_start[member + 1]):
            if _find(parent, f_other[k]) == other:
                return True
        member = after[member]
    return False


@numba.njit(cache=True)
def _union(parent, head, tail, after, size, mask, i, j):  # type: ignore[no-untyped-def]
    root_i, root_j = _find(parent, i), _find(parent, j)
    if root_i == root_j:
        return
    if size[root_i] < size[root_j]:
        root_i, root_j = root_j, root_i
    parent[root_j] = root_i
    after[tail[root_i]] = head[root_j]
    tail[root_i] = tail[root_j]
    size[root_i] += size[root_j]
    mask[root_i] |= mask[root_j]


@numba.njit(cache=True)
def _mean_across(parent, head, after, size, start, neighbour, weight, root_a, root_b):  # type: ignore[no-untyped-def]
    if size[root_a] > size[root_b]:
        root_a, root_b = root_b, root_a
    total = 0.0
    compared = 0
    member = head[root_a]
    while member >= 0:
        for k in range(start[member], start[member + 1]):
            if _find(parent, neighbour[k]) == root_b:
                total += weight[k]
                compared += 1
        member = after[member]
    return total / compared


@numba.njit(cache=True)
def _link(
    n, start, neighbour, weight, f_start, f_other, any_forbidden, must, mask, left, right, support
):  # type: ignore[no-untyped-def]
    parent = np.arange(n)
    head = np.arange(n)
    tail = np.arange(n)
    after = np.full(n, -1)
    size = np.ones(n, dtype=np.int64)
    mask = mask.copy()
    conflicted = np.zeros(len(must), dtype=np.bool_)
    for m in range(len(must)):
        i, j = must[m, 0], must[m, 1]
        if not _merge_allowed(
            parent, head, after, f_start, f_other, any_forbidden, mask, i, j, False
        ):
            conflicted[m] = True
            continue
        _union(parent, head, tail, after, size, mask, i, j)
    refused = 0
    for e in range(len(left)):
        i, j = left[e], right[e]
        root_i, root_j = _find(parent, i), _find(parent, j)
        if root_i == root_j:
            continue
        if not _merge_allowed(
            parent, head, after, f_start, f_other, any_forbidden, mask, i, j, True
        ) or (
            _mean_across(parent, head, after, size, start, neighbour, weight, root_i, root_j)
            < support
        ):
            refused += 1
            continue
        _union(parent, head, tail, after, size, mask, i, j)
    roots = np.empty(n, dtype=np.int64)
    for i in range(n):
        roots[i] = _find(parent, i)
    return roots, conflicted, refused
