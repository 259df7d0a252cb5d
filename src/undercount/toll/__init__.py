"""The toll of a case: capture histories from its linked persons, and stored estimates.

The case-bound side of multiple systems estimation; the statistics live in the pure
``undercount.estimate`` library.
"""

from __future__ import annotations

from undercount.toll.histories import (
    STRATA,
    TOTAL,
    HistoryTable,
    capture_histories,
    person_values_sql,
)
from undercount.toll.runs import (
    EstimateRow,
    EstimateRun,
    covers,
    estimate_case,
    estimate_rows,
    evaluate_estimate,
    headline_rows,
    interval_text,
    list_estimates,
    store_estimate_run,
)

__all__ = [
    "STRATA",
    "TOTAL",
    "EstimateRow",
    "EstimateRun",
    "HistoryTable",
    "capture_histories",
    "covers",
    "estimate_case",
    "estimate_rows",
    "evaluate_estimate",
    "headline_rows",
    "interval_text",
    "list_estimates",
    "person_values_sql",
    "store_estimate_run",
]
