"""Plausible clusterings from one trained linkage model: the linkage replicates.

A replicate is one draw of "which records are the same person" that the model and the
reviewers find plausible. Two things are uncertain, and each replicate draws both:

1. **The calibration of the whole model** (shared by every pair). A Fellegi–Sunter match
   probability is the prior odds λ/(1-λ) times the Bayes factors; λ comes from deterministic
   rules with an assumed recall, and the m/u estimates lean on conditional independence, so the
   odds of every pair may be off by one common factor. Replicate ``r`` draws that factor as a
   match threshold ``t_r``, uniform on the log-odds scale over odds ``[1 / spread, spread]``
   (thresholds 0.2 to 0.8 by default), stratified so that R replicates cover the range evenly.
   Re-centring each pair's log-odds on ``t_r`` makes a pair exactly at the replicate's
   threshold a coin flip: ``p'_ij = sigmoid(logit p_ij - logit t_r)``. The range is centred on
   the model's own calibration (t = 1/2), not on the threshold the linkage run used: that
   threshold is a decision about which persons to list, while a pair scored 0.7 is the same
   person with probability 0.7 whatever was decided. When reviewers have decided enough scored
   pairs, the shift is measured instead (:mod:`.calibration`) and drawn from its estimate.
2. **Each pair, given the calibration.** Pair ``ij`` is drawn linked with probability
   ``p'_ij``, independently of the other pairs, and the drawn links (1) and non-links (0) are
   clustered by the same constrained average linkage as ``undercount link`` (at support 1/2:
   two clusters merge when at least half the compared pairs across them were drawn linked).
   Clustering turns independent pair draws into a transitive partition and stops long chains.
   A list's repeat weight stays in each pair's own draw: ``undercount link`` moves it from the
   pairs to the merges, but a drawn link is 1 or 0 and has no odds to lower.
   The support is the run's at even odds (support / threshold × 1/2): a run at threshold 0.9
   that also asks 0.9 support decides strictly; the replicates do not inherit that decision.

Every reviewer decision holds in every replicate: a "match" is a must-link and is drawn
linked, a "non-match" is a cannot-link and is drawn unlinked; "unsure" pairs keep the model's
probability. Sources declared free of duplicates stay so. Replicate ``r`` uses the ``r``-th
child of ``numpy.random.SeedSequence(seed)``, so the ensemble is a pure function of the scored
pairs, the decisions, the seed and the number of replicates.

What replicates cannot carry: pairs that blocking never made or that scored under the prediction
floor are absent from ``pair_scores``, so no replicate links them (see docs/linkage-uncertainty.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit, ndtri

from undercount.link.calibration import Calibration, among, reviewed_probabilities
from undercount.link.clustering import cluster_records

DEFAULT_SPREAD = 4.0
"""Odds factor of the threshold spread: thresholds from 0.2 to 0.8."""


@dataclass(frozen=True)
class LinkageGraph:
    """The records, their sources, the scored pairs and the decisions a clustering must respect.

    Pair ids are record ids; ``probability`` is the model's match probability of each pair.
    ``sources`` gives each record's list (any integer code); ``duplicate_free`` lists the codes
    of lists known to hold each person once.
    """

    record_ids: np.ndarray
    sources: np.ndarray
    left: np.ndarray
    right: np.ndarray
    probability: np.ndarray
    threshold: float = 0.5
    support: float = 0.5
    must_link: Sequence[tuple[int, int]] = ()
    cannot_link: Sequence[tuple[int, int]] = ()
    duplicate_free: Sequence[int] = ()

    def decided_probability(self) -> np.ndarray:
        """The model's probabilities with reviewer decisions written in as 1 and 0."""
        probability = np.asarray(self.probability, dtype=np.float64).copy()
        probability[among(self.left, self.right, self.must_link)] = 1.0
        probability[among(self.left, self.right, self.cannot_link)] = 0.0
        return probability

    def reviewed(self) -> tuple[np.ndarray, np.ndarray]:
        """The model's probability of each scored pair a reviewer decided, and 1 for "match"."""
        return reviewed_probabilities(
            self.left, self.right, self.probability, self.must_link, self.cannot_link
        )

    def support_at(self, threshold: float) -> float:
        """The merge support for clustering at ``threshold``, in the linkage run's proportion."""
        return min(1.0, self.support / self.threshold * threshold)

    def cluster(self, probability: np.ndarray, threshold: float, support: float) -> np.ndarray:
        """Cluster labels (one per record, in ``record_ids`` order) under every constraint."""
        return cluster_records(
            self.record_ids,
            self.left,
            self.right,
            probability,
            threshold=threshold,
            support=support,
            must_link=self.must_link,
            cannot_link=self.cannot_link,
            sources=self.sources,
            duplicate_free=self.duplicate_free,
        ).labels


@dataclass(frozen=True)
class Replicate:
    """One plausible clustering: ``labels[i]`` is the person of ``record_ids[i]``."""

    index: int
    threshold: float
    labels: np.ndarray
    seed: int

    @property
    def persons(self) -> int:
        return int(self.labels.max()) + 1 if len(self.labels) else 0


def draw_replicates(
    graph: LinkageGraph,
    replicates: int,
    *,
    seed: int,
    spread: float = DEFAULT_SPREAD,
    calibration: Calibration | None = None,
) -> Iterator[Replicate]:
    """Yield ``replicates`` clusterings drawn as the module docstring says.

    With a ``calibration`` measured on reviewed pairs, the shift of each replicate is drawn from
    its normal approximation (stratified quantiles) instead of the uniform ``spread`` range.
    """
    if replicates < 1:
        raise ValueError(f"replicates must be at least 1, not {replicates}.")
    if spread < 1:
        raise ValueError(f"spread is an odds factor of at least 1, not {spread}.")
    probability = np.clip(graph.decided_probability(), 0.0, 1.0)
    log_odds = logit(np.clip(probability, 1e-12, 1 - 1e-12))
    fixed = (probability == 0.0) | (probability == 1.0)
    half_width = float(np.log(spread))
    for index, child in enumerate(np.random.SeedSequence(seed).spawn(replicates)):
        rng = np.random.default_rng(child)
        position = (index + rng.random()) / replicates
        if calibration is None:
            threshold = float(expit(half_width * (2.0 * position - 1.0)))
        else:
            shift = calibration.shift + calibration.standard_error * float(ndtri(position))
            threshold = float(expit(-shift))
        shifted = np.where(fixed, probability, expit(log_odds - logit(threshold)))
        linked = (rng.random(len(shifted)) < shifted).astype(np.float64)
        labels = graph.cluster(linked, 0.5, graph.support_at(0.5))
        yield Replicate(index, threshold, labels, int(child.generate_state(1)[0]))


def cluster_at_thresholds(graph: LinkageGraph, thresholds: Sequence[float]) -> list[np.ndarray]:
    """The deterministic clustering at each threshold, decisions respected (for N by threshold).

    The support a merge needs moves with the threshold in the linkage run's proportion (by
    default support = threshold): with a fixed support of 1/2, thresholds under 1/2 would change
    nothing, since a merge on one pair under 1/2 never has the support.
    """
    probability = graph.decided_probability()
    return [graph.cluster(probability, float(t), graph.support_at(float(t))) for t in thresholds]
