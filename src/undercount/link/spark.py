"""Running the same Splink model on pyspark in local mode, for cases beyond one DuckDB process.

The records go to Spark as an Arrow table and the scored pairs come back as one: the case
itself stays in DuckDB, so encryption at rest and the single writer are unchanged. One local
session is made per process and reused (starting a JVM takes seconds); Splink's similarity
UDF jar, shipped inside its wheel, is put on the session's class path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from splink import Linker, SettingsCreator

from undercount.errors import UndercountError

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
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


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
    records: pa.Table, settings: SettingsCreator, trained: dict[str, Any]
) -> Iterator[Linker]:
    """A Splink linker with the ``trained`` model (DuckDB's JSON) over ``records`` on Spark."""
    from splink import SparkAPI

    spark = spark_session()
    frame = spark.createDataFrame(records)
    api = SparkAPI(spark_session=spark, break_lineage_method="persist")
    linker = Linker(api.register(frame), model_in_spark_sql(settings, trained))
    try:
        yield linker
    finally:
        spark.catalog.clearCache()
