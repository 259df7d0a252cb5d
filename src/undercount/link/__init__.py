"""Records into persons: Splink on DuckDB or Spark, clustering under human decisions, evaluation.

``docs/linkage.md`` explains the comparisons, blocking, training, clustering and review, and
gives the measured figures.
"""

from __future__ import annotations

from undercount.link.evaluation import evaluate_linkage
from undercount.link.linking import LinkResult, link_case

__all__ = ["LinkResult", "evaluate_linkage", "link_case"]
