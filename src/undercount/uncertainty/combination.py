"""One estimate from many: combining the estimates made on each linkage replicate.

Each replicate is one plausible clustering of the records into persons; the estimate made on it
is conditional on that clustering. The combined estimate integrates the clustering out:

* **Bayesian methods** (LCMCR, dga) give posterior draws of N. Pooling an equal number of draws
  from every replicate samples the mixture ``p(N | lists) = mean_r p(N | clustering_r)``, which
  is the posterior of N when the replicates are draws from the distribution of clusterings
  (Gelman et al., *BDA* 3rd ed., §18.2 on pooling imputations). The combined ``n_hat`` is the
  pooled median and the interval the equal-tailed quantiles, as for one clustering.
* **Log-linear** estimates give a point and a profile-likelihood interval. They are combined by
  Rubin's rules (Rubin 1987; Barnard & Rubin 1999 for the degrees of freedom) on the log scale,
  where the sampling distribution of N̂ is closer to normal and the interval ends stay above 0.
  Profile intervals are asymmetric, so the within-replicate variance is taken separately below
  and above the point (``((log N̂ - log lower) / z)²`` and the same above); with a symmetric
  interval this is exactly Rubin's rule. An unbounded upper limit on any replicate makes the
  combined upper limit unbounded.

How much of the uncertainty is linkage: on the log scale the total variance splits into the
mean within-replicate variance W (sampling: what one clustering's interval already carries)
and the between-replicate variance B (linkage). ``linkage_share = (1 + 1/R) B / T`` with
``T = W + (1 + 1/R) B``; for pooled draws this is the law of total variance, with the same
finite-R factor. It is Rubin's "fraction of missing information" with linkage as the missing
information.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from undercount.estimate import Estimate
from undercount.estimate.lcmcr import MIN_ESS

BAYESIAN = frozenset({"lcmcr", "dga"})
_NUMBER = re.compile(r"\d[\d,.]*")
_FEW_DRAWS = "effective draws of N"


@dataclass(frozen=True)
class LinkageShare:
    """How the combined uncertainty splits, on the log scale of N (see the module docstring)."""

    within_variance: float
    between_variance: float
    linkage_share: float
    replicates: int

    def as_dict(self) -> dict[str, float]:
        """The three figures a stored run keeps (the replicates are listed beside them)."""
        return {
            "within_variance": self.within_variance,
            "between_variance": self.between_variance,
            "linkage_share": self.linkage_share,
        }


def combine_estimates(estimates: Sequence[Estimate]) -> tuple[Estimate, LinkageShare]:
    """The estimate with linkage uncertainty carried in, and the share of it due to linkage.

    All estimates must come from one method at one level. Bayesian ones must carry draws.
    """
    if not estimates:
        raise ValueError("combining needs at least one replicate estimate.")
    methods = {e.method for e in estimates}
    levels = {e.level for e in estimates}
    if len(methods) > 1 or len(levels) > 1:
        raise ValueError(f"replicates mix methods {methods} or levels {levels}.")
    if estimates[0].method in BAYESIAN:
        return pool_draws(estimates)
    return combine_by_rubin(estimates)


def pool_draws(estimates: Sequence[Estimate]) -> tuple[Estimate, LinkageShare]:
    """Pool an equal number of posterior draws from every replicate (the mixture posterior)."""
    draws = [np.asarray(e.draws, dtype=np.float64) for e in estimates if e.draws is not None]
    if len(draws) != len(estimates) or min(len(d) for d in draws) == 0:
        raise ValueError("pooling needs posterior draws from every replicate.")
    kept = min(len(d) for d in draws)
    per_replicate = np.stack([d[:kept] for d in draws])
    pooled = per_replicate.ravel()
    level = estimates[0].level
    tail = (1.0 - level) / 2.0
    lower, n_hat, upper = np.quantile(pooled, [tail, 0.5, 1.0 - tail])
    logs = np.log(per_replicate)
    share = _share(
        within=float(np.mean(np.var(logs, axis=1, ddof=1))) if kept > 1 else 0.0,
        between=float(np.var(logs.mean(axis=1), ddof=1)) if len(estimates) > 1 else 0.0,
        replicates=len(estimates),
    )
    combined = replace(
        estimates[0],
        n_hat=float(n_hat),
        lower=float(lower),
        upper=float(upper),
        n_observed=_median_observed(estimates),
        model=_model_label(estimates),
        draws=pooled,
        diagnostics=_diagnostics(estimates, share),
        warnings=_pooled_sample_size_warnings(estimates),
    )
    return combined, share


def _pooled_sample_size_warnings(estimates: Sequence[Estimate]) -> tuple[str, ...]:
    """Replicate warnings, with "too few effective draws" judged on the pool, not per replicate.

    Each replicate runs a light sampler on purpose, so each alone has few effective draws; the
    interval is read from the pooled draws, whose effective size is the sum over replicates
    (independent chains). Only a pool under ``MIN_ESS`` is worth a warning.
    """
    sizes = [e.diagnostics.get("ess_bulk") for e in estimates]
    if not all(isinstance(size, int | float) for size in sizes):
        return _warnings(estimates)
    kept = [
        replace(e, warnings=tuple(w for w in e.warnings if _FEW_DRAWS not in w)) for e in estimates
    ]
    pooled = float(sum(sizes))  # type: ignore[arg-type]
    if pooled >= MIN_ESS:
        return _warnings(kept)
    return (
        *_warnings(kept),
        f"Only {pooled:.0f} effective draws of N over all linkage replicates (fewer than "
        f"{MIN_ESS}): the interval ends are imprecise. Increase samples or thinning.",
    )


def combine_by_rubin(estimates: Sequence[Estimate]) -> tuple[Estimate, LinkageShare]:
    """Rubin's rules on log N, with separate within-variances below and above the point."""
    level = estimates[0].level
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    theta = np.log([e.n_hat for e in estimates])
    below = np.array([(math.log(e.n_hat) - math.log(max(e.lower, 1e-9))) / z for e in estimates])
    unbounded = any(math.isinf(e.upper) for e in estimates)
    above = np.array(
        [
            (math.log(e.upper) - math.log(e.n_hat)) / z if math.isfinite(e.upper) else 0.0
            for e in estimates
        ]
    )
    replicates = len(estimates)
    within_below, within_above = float(np.mean(below**2)), float(np.mean(above**2))
    between = float(np.var(theta, ddof=1)) if replicates > 1 else 0.0
    inflated = (1.0 + 1.0 / replicates) * between
    within = (within_below + within_above) / 2.0
    quantile = float(stats.t.ppf(0.5 + level / 2.0, _rubin_df(within, inflated, replicates)))
    centre = float(theta.mean())
    combined = replace(
        estimates[0],
        n_hat=math.exp(centre),
        lower=math.exp(centre - quantile * math.sqrt(within_below + inflated)),
        upper=math.inf
        if unbounded
        else math.exp(centre + quantile * math.sqrt(within_above + inflated)),
        n_observed=_median_observed(estimates),
        model=_model_label(estimates),
        draws=None,
        diagnostics={},
        warnings=_warnings(estimates),
    )
    share = _share(within=within, between=between, replicates=replicates)
    return replace(combined, diagnostics=_diagnostics(estimates, share)), share


def _rubin_df(within: float, inflated_between: float, replicates: int) -> float:
    """Rubin's (1987) degrees of freedom; infinite (normal quantile) when linkage adds nothing."""
    if replicates < 2 or inflated_between <= 0.0:
        return math.inf
    if within <= 0.0:
        return float(replicates - 1)
    ratio = inflated_between / within
    return (replicates - 1) * (1.0 + 1.0 / ratio) ** 2


def _share(*, within: float, between: float, replicates: int) -> LinkageShare:
    inflated = (1.0 + 1.0 / replicates) * between
    total = within + inflated
    return LinkageShare(within, between, inflated / total if total > 0 else 0.0, replicates)


def _median_observed(estimates: Sequence[Estimate]) -> int:
    return int(np.median([e.n_observed for e in estimates]))


def _model_label(estimates: Sequence[Estimate]) -> str:
    """The model most replicates used, and over how many replicates it was combined."""
    models = [e.model for e in estimates]
    common = max(dict.fromkeys(models), key=models.count)
    return f"{common}; over {len(estimates)} linkage replicates"


def _diagnostics(estimates: Sequence[Estimate], share: LinkageShare) -> dict[str, object]:
    observed = [e.n_observed for e in estimates]
    return {
        "replicates": len(estimates),
        "linkage_share": share.linkage_share,
        "documented_min": min(observed),
        "documented_max": max(observed),
        "replicate_n_hat_min": min(e.n_hat for e in estimates),
        "replicate_n_hat_max": max(e.n_hat for e in estimates),
        "models": sorted({e.model for e in estimates}),
    }


def _warnings(estimates: Sequence[Estimate]) -> tuple[str, ...]:
    """Each kind of warning once, with how many replicates gave it when not all did.

    Warnings of one kind differ only in their numbers ("R-hat 1.19", "R-hat 1.25"), so they are
    grouped with the numbers masked, and the first one stands for its group.
    """
    first: dict[str, str] = {}
    counts: dict[str, int] = {}
    for e in estimates:
        for warning in e.warnings:
            kind = _NUMBER.sub("#", warning)
            first.setdefault(kind, warning)
            counts[kind] = counts.get(kind, 0) + 1
    total = len(estimates)
    return tuple(
        first[kind] if n == total else f"{first[kind]} ({n} of {total} linkage replicates)"
        for kind, n in counts.items()
    )
