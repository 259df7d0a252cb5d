"""Linkage uncertainty carried into the estimate: replicates, estimates on each, the combination.

    from undercount.uncertainty import estimate_with_linkage_uncertainty
    run = estimate_with_linkage_uncertainty(case, method="lcmcr", replicates=20, seed=7)

``docs/linkage-uncertainty.md`` justifies the scheme and gives the measured coverage.
"""

from __future__ import annotations

from undercount.uncertainty.case_graph import (
    histories_from_labels,
    read_linkage_graph,
    source_order,
)
from undercount.uncertainty.combination import (
    LinkageShare,
    combine_by_rubin,
    combine_estimates,
    pool_draws,
)
from undercount.uncertainty.replicates import (
    DEFAULT_SPREAD,
    LinkageGraph,
    Replicate,
    cluster_at_thresholds,
    draw_replicates,
)
from undercount.uncertainty.runs import (
    CURVE_THRESHOLDS,
    DEFAULT_REPLICATES,
    estimate_with_linkage_uncertainty,
    replicate_options,
)

__all__ = [
    "CURVE_THRESHOLDS",
    "DEFAULT_REPLICATES",
    "DEFAULT_SPREAD",
    "LinkageGraph",
    "LinkageShare",
    "Replicate",
    "cluster_at_thresholds",
    "combine_by_rubin",
    "combine_estimates",
    "draw_replicates",
    "estimate_with_linkage_uncertainty",
    "histories_from_labels",
    "pool_draws",
    "read_linkage_graph",
    "replicate_options",
    "source_order",
]
