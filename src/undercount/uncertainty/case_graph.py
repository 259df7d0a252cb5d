"""What a case holds about linkage, read once: records, scored pairs, decisions, settings.

Replicates re-cluster the latest linkage run's scored pairs (``pair_scores``) under the
reviewer decisions in force (``pair_decisions``), with the threshold, support and
duplicate-free lists that run used (``linkage_runs.settings``). Capture histories of a
replicate come from a record → person labelling, in the list order ``capture_histories``
uses (sources by id), so a replicate's table and the case's own table are comparable cell by
cell.
"""

from __future__ import annotations

import json

import numpy as np

from undercount.case import Case
from undercount.errors import UndercountError
from undercount.link.store import read_decisions
from undercount.uncertainty.replicates import LinkageGraph


def read_linkage_graph(case: Case) -> LinkageGraph:
    """The latest linkage run as a graph to re-cluster; an error says to link first."""
    con = case.con
    run = con.execute(
        "SELECT run_id, threshold, settings FROM linkage_runs ORDER BY run_id DESC LIMIT 1"
    ).fetchone()
    if run is None:
        raise UndercountError(
            "the case has no linkage run to draw replicates from.",
            hint=f"Link its records first: undercount link {case.path}",
        )
    run_id, threshold, settings = run
    clustering = json.loads(settings).get("clustering", {})
    records = con.execute(
        "SELECT DISTINCT record_id, source_id FROM records ORDER BY record_id"
    ).fetchnumpy()
    pairs = con.execute(
        "SELECT record_id_l, record_id_r, match_probability FROM pair_scores "
        "WHERE run_id = ? ORDER BY record_id_l, record_id_r",
        [run_id],
    ).fetchnumpy()
    linked = con.execute("SELECT count(*) FROM person_records").fetchone()
    if not linked or linked[0] != len(records["record_id"]):
        raise UndercountError(
            "records were imported after the last linkage run.",
            hint=f"Link again so every record has a person: undercount link {case.path}",
        )
    sources = dict(con.execute("SELECT name, source_id FROM sources").fetchall())
    decisions = read_decisions(con)
    return LinkageGraph(
        record_ids=np.asarray(records["record_id"], dtype=np.int64),
        sources=np.asarray(records["source_id"], dtype=np.int64),
        left=np.asarray(pairs["record_id_l"], dtype=np.int64),
        right=np.asarray(pairs["record_id_r"], dtype=np.int64),
        probability=np.asarray(pairs["match_probability"], dtype=np.float64),
        threshold=float(threshold),
        support=float(clustering.get("support", 0.5)),
        must_link=decisions.must_link,
        cannot_link=decisions.cannot_link,
        duplicate_free=[
            int(sources[name])
            for name in clustering.get("duplicate_free_sources", [])
            if name in sources
        ],
    )


def source_order(case: Case) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Source ids and names in capture-history order (as ``toll.capture_histories``)."""
    rows = case.con.execute("SELECT source_id, name FROM sources ORDER BY source_id").fetchall()
    return tuple(int(i) for i, _ in rows), tuple(str(n) for _, n in rows)


def histories_from_labels(
    sources: np.ndarray, labels: np.ndarray, source_ids: tuple[int, ...]
) -> dict[str, int]:
    """``{"10110": persons}`` for a labelling: a person is on a list if any record of theirs is."""
    column = np.searchsorted(np.asarray(source_ids), sources)
    persons = int(labels.max()) + 1 if len(labels) else 0
    on_list = np.zeros((persons, len(source_ids)), dtype=bool)
    on_list[labels, column] = True
    weights = 1 << np.arange(len(source_ids) - 1, -1, -1, dtype=np.int64)
    codes, counts = np.unique(on_list.astype(np.int64) @ weights, return_counts=True)
    width = len(source_ids)
    return {
        format(int(code), f"0{width}b"): int(count)
        for code, count in zip(codes, counts, strict=True)
    }
