"""Running the same Splink model on pyspark in local mode, for cases beyond one DuckDB process.

The records go to Spark as an Arrow table and the scored pairs come back as one: the case
itself stays in DuckDB, so encryption at rest and the single writer are unchanged. One local
session is made per process and reused (starting a JVM takes seconds); Splink's similarity
UDF jar, shipped inside its wheel, is put on the session's class path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import sqlglot
from splink import Linker, SettingsCreator

from undercount.errors import UndercountError
from undercount.link.blocking import candidates_sql
from undercount.link.features import INPUT_TABLE

_SHUFFLE_PARTITIONS = 2


def spark_session() -> Any:
    """The process's local Spark session, created on first use."""
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as error:
        raise UndercountError(
            "the Spark engine needs pyspark.", hint="pip install pyspark, or use --engine duckdb."
        ) from error
    return (
        SparkSession.builder.master("local[2]")
        .appName("undercount-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(_SHUFFLE_PARTITIONS))
        .config("spark.default.parallelism", str(_SHUFFLE_PARTITIONS))
        .config("spark.ui.enabled", "false")
        # Shuffles and spills hold names: encrypted on local disk, as DuckDB's temp files are.
        .config("spark.io.encryption.enabled", "true")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory())
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def driver_memory() -> str:
    """The local JVM's heap: ``UNDERCOUNT_SPARK_MEMORY`` (e.g. ``12g``), else a third of the
    machine's memory between 2 and 8 GB. In local mode the driver is also the executor and holds
    every record: 2 GB ran out at a million records."""
    given = os.environ.get("UNDERCOUNT_SPARK_MEMORY")
    if given:
        return given
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{int(min(8, max(2, total // 3)))}g"


def model_in_spark_sql(settings: SettingsCreator, trained: dict[str, Any]) -> dict[str, Any]:
    """The trained model compiled for Spark: Splink's Spark SQL, the DuckDB-trained parameters.

    Splink compiles comparisons and blocking rules for each engine from the same creators, so
    the Spark model is the settings compiled for Spark with λ, m and u copied level by level.
    """
    compiled = settings.create_settings_dict("spark")
    compiled["probability_two_random_records_match"] = trained[
        "probability_two_random_records_match"
    ]
    for target, source in zip(compiled["comparisons"], trained["comparisons"], strict=True):
        for level, trained_level in zip(
            target["comparison_levels"], source["comparison_levels"], strict=True
        ):
            for parameter in ("m_probability", "u_probability"):
                if parameter in trained_level:
                    level[parameter] = trained_level[parameter]
    return compiled


@contextmanager
def spark_linker(
    records: pa.Table, settings: SettingsCreator, trained: dict[str, Any], rules: list[str]
) -> Iterator[Linker]:
    """A Splink linker with the ``trained`` model (DuckDB's JSON) over ``records`` on Spark,
    set to score the candidate pairs of the blocking ``rules``, which Spark finds with the
    query DuckDB runs (:func:`undercount.link.blocking.candidates_sql`, translated)."""
    from splink import SparkAPI

    spark = spark_session()
    frame = _cached(spark.createDataFrame(records))
    frame.createOrReplaceTempView(INPUT_TABLE)
    api = SparkAPI(spark_session=spark, break_lineage_method="persist")
    linker = Linker(api.register(frame), model_in_spark_sql(settings, trained), log_level=None)
    query = sqlglot.transpile(candidates_sql(rules), read="duckdb", write="spark")[0]
    linker.table_management.register_blocked_pairs_for_predict(api.register(spark.sql(query)))
    try:
        yield linker
    finally:
        spark.catalog.clearCache()


def _cached(frame: Any) -> Any:
    """``frame`` cached in memory (never on disk) before Splink builds on it. A frame made from
    local rows carries them in its query plan; uncached, scoring the 351,000 candidate pairs of
    a 102,000-record case ran out of the 2 GB heap, cached it takes 8 s."""
    from pyspark import StorageLevel

    cached = frame.persist(StorageLevel.MEMORY_ONLY)
    cached.count()
    return cached
