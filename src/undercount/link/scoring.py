"""Train the model and score candidate pairs with Splink, on DuckDB or on Spark.

Training follows Splink's recommended order: the prior λ from near-certain rules, u from random
pairs (seeded, hash-deterministic in Splink 5), m by EM over blocking rules that do not share
columns (a comparison used in a session's blocking rule is not estimated in it). Candidate
pairs come from :func:`undercount.link.blocking.candidates_sql`, run by DuckDB or by Spark, and
Splink scores exactly those (the tests hold the two engines to the same pairs).
Prediction keeps pairs at or above a floor probability (0.01): measured in
``research/linkage.md`` §2.2, it saves about 40 % of memory and loses no accuracy. Then every
pair inside a group of records the kept pairs join is scored too, so that clustering sees what
the records of a would-be person say about each other.

On DuckDB the work happens on the case's own connection, in an in-memory catalog attached for
the run and detached after it: Splink's working tables never land in the case file, and spills
go to the case's temporary directory.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from splink import DuckDBAPI, Linker
from splink.internals.exceptions import EMTrainingException

from undercount.errors import UndercountError
from undercount.link.blocking import CANDIDATES_TABLE, candidate_pairs
from undercount.link.clustering import DEFAULT_THRESHOLD
from undercount.link.features import INPUT_TABLE, Features, build_input_table
from undercount.link.model import LinkModel, build_model

ENGINES = ("duckdb", "spark")
PREDICTION_FLOOR = 0.01
_SCRATCH = "link_scratch"
_COMPLETION_TABLE = "link_completion"
# u from 1e6 random pairs: measured (benchmarks/link_u_sampling.py, 100k records) it is five
# times faster than 5e6, moves common levels' u by under 0.2 bit and leaves F1 at 0.980.
_U_MAX_PAIRS = 1e6
# EM on up to 5e5 pairs per session: at a million records 2e6 took 13 of the 18 s of training,
# and F1 moved by 0.0009; below 100 k records no session reaches 5e5.
_EM_MAX_PAIRS = 5e5
_EM_SAMPLE_RECORDS = 200_000
_LARGEST_CHECKED_COMPONENT = 300
_DETERMINISTIC_RECALL = 0.4
_UNDERFLOW = "below the minimum allowed"
_MEMORY_LIMIT = "1.5GB"

Progress = Callable[[str], None]


@dataclass
class ScoredPairs:
    """Scored pairs (``record_id_l`` < ``record_id_r``) and the model that scored them.

    ``below_floor`` holds pairs that could end up in one person (their records are joined
    through pairs at or above ``threshold``) which the model scored under the floor: known
    evidence against, as opposed to pairs never compared.
    ``training_notes`` says what training had to skip.
    """

    features: Features
    model: LinkModel
    pairs: pa.Table
    model_json: dict[str, Any]
    below_floor: pa.Table
    training_notes: list[str]


def score_case_pairs(
    con: duckdb.DuckDBPyConnection,
    *,
    engine: str = "duckdb",
    seed: int = 1,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> ScoredPairs:
    """Build the input, train, predict. ``con`` is the case's connection."""
    if engine not in ENGINES:
        raise UndercountError(f"unknown engine {engine!r}.", hint="Use duckdb or spark.")
    step = progress or (lambda message: None)
    with _scratch_catalog(con) as case_catalog:
        step("preparing records")
        features = build_input_table(con, case_catalog)
        if features.records < 2:
            raise UndercountError(
                "the case holds fewer than two records.", hint="Import lists first."
            )
        if not any(features.has(c) for c in ("surname_norm", "given_norm")):
            raise UndercountError(
                "no list in the case has a name column.",
                hint="Map a column to full_name, surname or given with --mapping.",
            )
        model = build_model(features)
        api = DuckDBAPI(connection=con)
        with _quiet_splink():
            model_json, training_notes = _train(api, features, model, seed, step)
            linker = Linker(api.register(INPUT_TABLE), model_json, log_level=None)
            if engine == "duckdb":
                step("blocking: finding candidate pairs")
                candidates = candidate_pairs(con, model.blocking_rules)
                step(f"scoring {candidates:,} candidate pairs")
                linker.table_management.register_blocked_pairs_for_predict(
                    api.register(CANDIDATES_TABLE)
                )
                pairs = _predict(linker, model)
            else:
                from undercount.link.spark import spark_linker

                step("blocking and scoring on Spark")
                records = con.execute(f"SELECT * FROM {INPUT_TABLE}").to_arrow_table()
                with spark_linker(
                    records, model.settings, model_json, model.blocking_rules
                ) as spark:
                    pairs = _predict(spark, model)
            step("comparing every pair inside each would-be person")
            pairs, low = _complete_components(con, api, linker, model, pairs, threshold)
    return ScoredPairs(features, model, pairs, model_json, low, training_notes)


def _complete_components(
    con: duckdb.DuckDBPyConnection,
    api: DuckDBAPI,
    linker: Linker,
    model: LinkModel,
    pairs: pa.Table,
    threshold: float,
) -> tuple[pa.Table, pa.Table]:
    """Score every pair inside each component of the ≥ ``threshold`` graph that blocking did
    not make, with the same model (on DuckDB, whatever the engine scored the candidates with).

    Clustering merges two clusters when the pairs across them agree on average, and a pair
    never compared says nothing. At a million records the false merges were mostly two full
    persons joined through sparse records ("Vadim Ponomarev", a death date, no father) whose
    official records, with two fathers and two birth dates, blocking had never put side by
    side. Comparing them costs little (about 260,000 pairs at a million records) and turns
    silence into evidence. Returns the pairs with those at or above the floor added, and the
    rest: compared, under the floor.
    """
    empty = pa.table(
        {"record_id_l": pa.array([], pa.int64()), "record_id_r": pa.array([], pa.int64())}
    )
    within = _pairs_within_components(pairs, threshold)
    if within is None:
        return pairs, empty
    con.register("undercount_within", within)
    con.register("undercount_kept", pairs.select(["record_id_l", "record_id_r"]))
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TABLE {_COMPLETION_TABLE} AS
            SELECT '0' AS match_key, record_id_l AS join_key_l, record_id_r AS join_key_r
            FROM undercount_within ANTI JOIN undercount_kept USING (record_id_l, record_id_r)
            """
        )
    finally:
        con.unregister("undercount_within")
        con.unregister("undercount_kept")
    row = con.execute(f"SELECT count(*) FROM {_COMPLETION_TABLE}").fetchone()
    if row is None or row[0] == 0:
        return pairs, empty
    linker.table_management.register_blocked_pairs_for_predict(api.register(_COMPLETION_TABLE))
    found = _predict(linker, model)
    con.register("undercount_found", found.select(["record_id_l", "record_id_r"]))
    try:
        low = con.execute(
            f"""
            SELECT join_key_l AS record_id_l, join_key_r AS record_id_r FROM {_COMPLETION_TABLE}
            ANTI JOIN undercount_found f
              ON f.record_id_l = join_key_l AND f.record_id_r = join_key_r
            """
        ).to_arrow_table()
    finally:
        con.unregister("undercount_found")
    return pa.concat_tables([pairs, found.cast(pairs.schema)]), low


def _pairs_within_components(pairs: pa.Table, threshold: float) -> pa.Table | None:
    """Every pair of records inside each connected component of 3 to
    ``_LARGEST_CHECKED_COMPONENT`` records of the ≥ ``threshold`` graph, or None."""
    strong = pairs.filter(pc.greater_equal(pairs.column("match_probability"), threshold))
    left = strong.column("record_id_l").to_numpy()
    right = strong.column("record_id_r").to_numpy()
    if len(left) == 0:
        return None
    nodes, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    n = len(nodes)
    graph = coo_matrix((np.ones(len(left)), (inverse[: len(left)], inverse[len(left) :])), (n, n))
    _, component = connected_components(graph, directed=False)
    sizes = np.bincount(component)
    # Components of one size share one pattern of pairs: one gather per size, not per component.
    order = np.argsort(component, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)])
    lows: list[np.ndarray] = []
    highs: list[np.ndarray] = []
    for size in np.unique(sizes[(sizes >= 3) & (sizes <= _LARGEST_CHECKED_COMPONENT)]).tolist():
        first = starts[np.flatnonzero(sizes == size)]
        members = nodes[order[first[:, None] + np.arange(size)]]
        a, b = np.triu_indices(size, k=1)
        lows.append(members[:, a].ravel())
        highs.append(members[:, b].ravel())
    if not lows:
        return None
    return pa.table({"record_id_l": np.concatenate(lows), "record_id_r": np.concatenate(highs)})


def _train(
    api: DuckDBAPI, features: Features, model: LinkModel, seed: int, step: Progress
) -> tuple[dict[str, Any], list[str]]:
    """Train on DuckDB whatever the engine: training works on samples, so it fits one process,
    and one trainer means both engines score with exactly the same model.

    An EM session that cannot run (a small case where its blocking rule pairs nobody, or EM
    driving a rare level's m to an underflow) is skipped and noted: the comparisons it would
    have trained keep what the other session or Splink's defaults give them. A session that
    fails part-way has already moved the model (on a 2,000-victim case, the prior to 0.997 and
    every probability with it), so the model is restored to what it was before the session.
    The notes go into the run record, so a reader of the model knows it.
    """
    linker = Linker(api.register(INPUT_TABLE), model.settings, log_level=None)
    step("training: prior")
    linker.training.estimate_probability_two_random_records_match(
        model.deterministic_rules, recall=_DETERMINISTIC_RECALL
    )
    step("training: u by random sampling")
    linker.training.estimate_u_using_random_sampling(max_pairs=_U_MAX_PAIRS, seed=seed)
    sample = min(1.0, _EM_SAMPLE_RECORDS / features.records)
    notes: list[str] = []
    for number, rule in enumerate(model.em_rules, start=1):
        step(f"training: m by EM ({number}/{len(model.em_rules)})")
        before = _model_json(linker)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=_EM_MAX_PAIRS, record_sample_proportion=sample
            )
            continue
        except EMTrainingException:
            reason = "its rule finds no pairs"
        except ValueError as error:
            if _UNDERFLOW not in str(error):
                raise
            reason = "a level's m probability fell below what float64 holds"
        linker = Linker(api.register(INPUT_TABLE), before, log_level=None)
        blocking = rule.get_blocking_rule("duckdb").blocking_rule_sql
        notes.append(f"EM session {number} (blocking on {blocking}) skipped: {reason}")
        step(f"training: {notes[-1]}")
    return _model_json(linker), notes


def _model_json(linker: Linker) -> dict[str, Any]:
    """The linker's model as plain JSON values (a copy, not Splink's live objects)."""
    return json.loads(json.dumps(linker.misc.save_model_to_json()))


def _predict(linker: Linker, model: LinkModel) -> pa.Table:
    """Only the columns the run keeps leave the engine: Splink's prediction also carries every
    level's gamma, Bayes factor and term frequency, several times the size at a million records."""
    predictions = linker.inference.predict(threshold_match_probability=PREDICTION_FLOOR)
    available = {column.strip('"`') for column in predictions.columns_escaped}
    kept = predictions.query_sql(_kept_columns_sql(model, available))
    try:
        return kept.as_pyarrow_table()
    finally:
        kept.drop_table_from_database_and_remove_from_cache()
        predictions.drop_table_from_database_and_remove_from_cache()


def _kept_columns_sql(model: LinkModel, available: set[str]) -> str:
    """Ids ordered low–high; per comparison one weight, term-frequency adjustment included.
    Plain SQL that DuckDB and Spark both run. Splink leaves out the weight of a comparison no
    session could train (a tiny case); it counts as no evidence, 0."""
    columns = [
        "CAST(least(record_id_l, record_id_r) AS BIGINT) AS record_id_l",
        "CAST(greatest(record_id_l, record_id_r) AS BIGINT) AS record_id_r",
        "CAST(match_weight AS DOUBLE) AS match_weight",
        "CAST(match_probability AS DOUBLE) AS match_probability",
    ]
    for name in model.comparisons:
        weight = f"mw_{name}" if f"mw_{name}" in available else "0"
        if f"mw_tf_adj_{name}" in available:
            weight += f" + coalesce(mw_tf_adj_{name}, 0)"
        columns.append(f"CAST({weight} AS DOUBLE) AS mw_{name}")
    return f"SELECT {', '.join(columns)} FROM {{this}}"


@contextmanager
def _scratch_catalog(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """An in-memory catalog for the run, and a memory limit: DuckDB otherwise keeps buffers up
    to 80 % of RAM, and spills past the limit to the case's temporary directory instead."""
    row = con.execute("SELECT current_database(), current_setting('memory_limit')").fetchone()
    assert row is not None
    case_catalog, memory_limit = str(row[0]), str(row[1])
    con.execute(f"ATTACH ':memory:' AS {_SCRATCH}")
    con.execute(f"USE {_SCRATCH}")
    con.execute(f"SET memory_limit = '{_MEMORY_LIMIT}'")
    try:
        yield case_catalog
    finally:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"USE {case_catalog}")
        con.execute(f"DETACH {_SCRATCH}")


@contextmanager
def _quiet_splink() -> Iterator[None]:
    """Splink logs every step, and warns about levels a small case never shows; the user gets our
    progress lines and the run record instead."""
    logger = logging.getLogger("splink")
    level = logger.level
    logger.setLevel(logging.INFO if os.environ.get("UC_DEBUG") else logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
