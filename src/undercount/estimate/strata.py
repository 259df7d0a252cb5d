"""Estimates per stratum (place, week, sex ...) and their total.

Stratifying makes capture more homogeneous within each stratum, which is what every method
assumes (HRDAG; Peru's commission estimated by department and perpetrator). The total is combined
without adding interval ends, which would overstate the uncertainty:

- Bayesian methods (draws available in every stratum): the strata's posterior draws of ``N`` are
  summed draw by draw (strata are independent a posteriori, so any pairing of draws is a draw from
  the posterior of the sum); the total is the median and equal-tailed interval of the sums.
- Log-linear: the point estimates are summed. With ``interval="bootstrap"`` the strata's bootstrap
  totals are summed replicate by replicate and the interval is their percentile interval; else it
  is Chao's (1987) log-transformed interval for the total unobserved ``U = sum(N_s - n_s)`` with
  ``Var U = sum se_s**2`` (delta method, strata independent), so the lower limit never falls
  below the number observed.

A stratum that cannot support an estimate (fewer than two lists with records, no one on two lists,
or a model the table cannot identify) is refused with its reason; its observed people are added to
the total as a floor and the total says so in its warnings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.stats import norm

from .histories import CaptureHistories
from .result import Estimate, Summary, SummaryTable, format_count

__all__ = ["StratifiedEstimate", "estimate_strata"]


@dataclass(frozen=True, eq=False)
class StratifiedEstimate:
    """Per-stratum estimates, the reasons for the strata refused, and the total."""

    strata: Mapping[str, Estimate]
    refused: Mapping[str, str]
    observed: Mapping[str, int]
    total: Estimate | None
    method: str
    level: float
    warnings: tuple[str, ...] = field(default=())

    def summary(self) -> Summary:
        rows = []
        for name, n_observed in self.observed.items():
            if name in self.strata:
                est = self.strata[name]
                rows.append(
                    (
                        name,
                        f"{n_observed:,}",
                        format_count(est.n_hat),
                        f"{format_count(est.lower)} - {format_count(est.upper)}",
                        est.model,
                    )
                )
            else:
                rows.append((name, f"{n_observed:,}", "refused", "-", self.refused[name]))
        header = ("stratum", "observed", "estimate", f"{self.level:.0%} interval", "model / reason")
        table = SummaryTable("strata", header, tuple(rows))
        fields: list[tuple[str, str]] = [("method", self.method)]
        if self.total is not None:
            fields += [
                ("observed (floor)", f"{self.total.n_observed:,}"),
                ("total estimate", format_count(self.total.n_hat)),
                (
                    f"{self.level:.0%} interval",
                    f"{format_count(self.total.lower)} - {format_count(self.total.upper)}",
                ),
                ("combined by", str(self.total.diagnostics["combination"])),
            ]
        return Summary("Stratified population estimate", tuple(fields), (table,), self.warnings)

    def _repr_html_(self) -> str:
        return self.summary().as_html()


def estimate_strata(
    histories_by_stratum: Mapping[str, Any],
    method: str = "lcmcr",
    seed: int | None = None,
    level: float = 0.95,
    **options: Any,
) -> StratifiedEstimate:
    """Estimate each stratum separately with ``method`` and combine the total.

    Args:
        histories_by_stratum: stratum name to histories in any form ``estimate`` accepts.
        method: ``"loglinear"``, ``"lcmcr"`` or ``"dga"``.
        seed: seeds every stratum (each gets its own stream derived from it).
        level: coverage of every interval.
        **options: passed to the method for every stratum.
    """
    from . import estimate

    if method == "all":
        raise ValueError("estimate_strata takes one method at a time, not 'all'.")
    streams = np.random.SeedSequence(seed).spawn(len(histories_by_stratum))
    strata: dict[str, Estimate] = {}
    refused: dict[str, str] = {}
    observed: dict[str, int] = {}
    for (name, given), stream in zip(histories_by_stratum.items(), streams, strict=True):
        table = CaptureHistories.from_input(given)
        observed[name] = table.n_observed
        reason = refusal_reason(table)
        if reason is not None:
            refused[name] = reason
            continue
        totals = table.list_totals()
        with_records = [list_ for list_, total in zip(table.lists, totals, strict=True) if total]
        usable = table.select_lists(with_records)
        try:
            result = estimate(
                usable,
                method=method,
                seed=int(stream.generate_state(1)[0]),
                level=level,
                **options,
            )
        except ValueError as error:  # EstimationError, or a method refusing the table
            refused[name] = str(error)
            continue
        assert isinstance(result, Estimate)
        strata[name] = result
    total, warnings = _combine(strata, refused, observed, method, level)
    return StratifiedEstimate(strata, refused, observed, total, method, level, warnings)


def refusal_reason(table: CaptureHistories) -> str | None:
    """Why a stratum cannot support any estimate, or ``None`` if it might."""
    with_records = int((table.list_totals() > 0).sum())
    if with_records < 2:
        return f"only {with_records} list has records here; at least 2 are needed"
    if not (table.patterns.sum(axis=1) > 1).any():
        return "no one is on more than one list, so the overlap says nothing about who was missed"
    return None


def _combine(
    strata: Mapping[str, Estimate],
    refused: Mapping[str, str],
    observed: Mapping[str, int],
    method: str,
    level: float,
) -> tuple[Estimate | None, tuple[str, ...]]:
    warnings = []
    floor = sum(observed[name] for name in refused)
    if refused:
        warnings.append(
            f"{len(refused)} strata could not be estimated ({', '.join(refused)}); their "
            f"{floor:,} observed people are added to the total as a floor, not estimated."
        )
    if not strata:
        return None, tuple(warnings)
    estimates = list(strata.values())
    tail = (1.0 - level) / 2.0
    if all(est.draws is not None for est in estimates):
        draws = floor + _sum_replicates([np.asarray(est.draws) for est in estimates])
        n_hat = float(np.median(draws))
        lower, upper = (float(q) for q in np.quantile(draws, [tail, 1.0 - tail]))
        combination = "sum of posterior draws"
    elif all("bootstrap_totals" in est.diagnostics for est in estimates):
        draws = None
        resampled = _sum_replicates([est.diagnostics["bootstrap_totals"] for est in estimates])
        n_hat = floor + sum(est.n_hat for est in estimates)
        lower, upper = (floor + float(q) for q in np.quantile(resampled, [tail, 1.0 - tail]))
        combination = "sum of estimates, percentile interval of summed bootstrap totals"
    else:
        draws = None
        n_hat, lower, upper = _sum_with_log_interval(estimates, level)
        n_hat, lower, upper = n_hat + floor, lower + floor, upper + floor
        combination = "sum of estimates, log-transformed interval (delta method)"
    total = Estimate(
        n_hat=n_hat,
        lower=lower,
        upper=upper,
        level=level,
        n_observed=sum(observed.values()),
        method=method,
        model=f"stratified ({len(strata)} strata)",
        draws=draws,
        diagnostics={
            "combination": combination,
            "strata_estimated": len(strata),
            "strata_refused": len(refused),
        },
        warnings=tuple(warnings),
    )
    return total, tuple(warnings)


def _sum_replicates(replicates: list[np.ndarray]) -> np.ndarray:
    """Sum independent strata replicate by replicate (any pairing is a draw of the sum)."""
    length = min(len(values) for values in replicates)
    return np.sum([np.asarray(values)[:length] for values in replicates], axis=0)


def _sum_with_log_interval(estimates: list[Estimate], level: float) -> tuple[float, float, float]:
    """Chao's log-normal interval for the summed unobserved count."""
    n_observed = sum(est.n_observed for est in estimates)
    unobserved = sum(est.n_hat - est.n_observed for est in estimates)
    variance = sum(_std_error(est) ** 2 for est in estimates)
    if unobserved <= 0 or math.isinf(variance):
        return n_observed + unobserved, float(n_observed), math.inf
    z = norm.ppf(0.5 + level / 2.0)
    spread = math.exp(z * math.sqrt(math.log(1.0 + variance / unobserved**2)))
    return (
        n_observed + unobserved,
        n_observed + unobserved / spread,
        n_observed + unobserved * spread,
    )


def _std_error(est: Estimate) -> float:
    """The stratum's standard error; from its interval if the method reports none."""
    if "std_error" in est.diagnostics:
        return float(est.diagnostics["std_error"])
    z = norm.ppf(0.5 + est.level / 2.0)
    return (est.upper - est.lower) / (2.0 * z)
