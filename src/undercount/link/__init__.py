"""Records into persons: Splink on DuckDB or Spark, clustering under human decisions, evaluation.

``docs/linkage.md`` explains the comparisons, blocking, training, clustering and review, and
gives the measured figures.
"""

from __future__ import annotations

from undercount.link.evaluation import evaluate_linkage
from undercount.link.linking import LinkResult, link_case
from undercount.link.persons import list_persons
from undercount.link.review import DECISIONS, ReviewPair, decide, review_queue

__all__ = [
    "DECISIONS",
    "LinkResult",
    "ReviewPair",
    "decide",
    "evaluate_linkage",
    "link_case",
    "list_persons",
    "review_queue",
]
