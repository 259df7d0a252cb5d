"""Person ids that survive re-runs: an id follows the bulk of its records.

An id names a person in exports, reports and a reviewer's notes, so a re-run must not renumber
everyone because one list was added. A new cluster inherits the id of the previous person that
shares the most records with it, provided more than half of that person's records are in the
cluster; each old id goes to one cluster at most. Clusters that inherit nothing get fresh ids
above every id ever issued (retired ids are never reused), in the order of their smallest
record id, so the first run numbers persons 1, 2, 3 … by where their first record appears.
"""

from __future__ import annotations

import numpy as np


def assign_person_ids(
    record_ids: np.ndarray,
    labels: np.ndarray,
    previous_person: np.ndarray,
    *,
    next_id: int,
) -> np.ndarray:
    """One person id per cluster label.

    ``previous_person[i]`` is the person of ``record_ids[i]`` in the last run, or -1 for a
    record that had none (new records). ``next_id`` is one above the largest id ever issued.
    """
    n_clusters = int(labels.max()) + 1 if len(labels) else 0
    person_of_cluster = np.full(n_clusters, -1, dtype=np.int64)
    had = previous_person >= 0
    if had.any():
        old = previous_person[had]
        stride = int(old.max()) + 1
        keys, overlaps = np.unique(labels[had] * stride + old, return_counts=True)
        clusters, olds = keys // stride, keys % stride
        old_ids, old_sizes = np.unique(old, return_counts=True)
        # A majority of an old person's records lies in one cluster at most, so no old id is
        # wanted twice; a cluster holding majorities of several takes the largest overlap
        # (then the smallest id).
        majority = 2 * overlaps > old_sizes[np.searchsorted(old_ids, olds)]
        clusters, olds, overlaps = clusters[majority], olds[majority], overlaps[majority]
        order = np.lexsort((olds, -overlaps, clusters))
        ranked = clusters[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = ranked[1:] != ranked[:-1]
        best = order[first]
        person_of_cluster[clusters[best]] = olds[best]
    fresh = np.flatnonzero(person_of_cluster < 0)
    if len(fresh):
        first_record = np.full(n_clusters, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first_record, labels, record_ids)
        ordered = fresh[np.argsort(first_record[fresh], kind="stable")]
        person_of_cluster[ordered] = np.arange(next_id, next_id + len(ordered), dtype=np.int64)
    return person_of_cluster
