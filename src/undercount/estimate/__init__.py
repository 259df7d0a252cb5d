"""Multiple systems estimation: how many people are on none of the lists.

    from undercount.estimate import estimate
    est = estimate({"100": 310, "010": 270, "001": 180, "110": 62, ...}, method="loglinear")
    print(est.summary())

Methods: ``"loglinear"`` (Rcapture's closed-population models and hierarchical log-linear models
with model selection), ``"lcmcr"`` (Bayesian non-parametric latent classes, Manrique-Vallier 2016)
and ``"dga"`` (Bayesian model averaging over decomposable graphs, Madigan & York 1997). This
package is a pure library: it takes and returns plain values and touches no case store.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .dga import DGA
from .errors import EstimationError, NotFittedError
from .histories import CaptureHistories
from .lcmcr import LCMCR
from .loglinear import LogLinear
from .result import Estimate, Summary
from .strata import StratifiedEstimate, estimate_strata
from .table_checks import describe_table_problems

__all__ = [
    "DGA",
    "LCMCR",
    "METHODS",
    "CaptureHistories",
    "Estimate",
    "EstimationError",
    "LogLinear",
    "NotFittedError",
    "StratifiedEstimate",
    "Summary",
    "estimate",
    "estimate_strata",
]

METHODS = ("loglinear", "lcmcr", "dga")
DGA_MAX_LISTS = 5


def estimate(
    histories: Any,
    method: str = "lcmcr",
    seed: int | None = None,
    level: float = 0.95,
    **options: Any,
) -> Estimate | dict[str, Estimate]:
    """Estimate the total number of people from their capture histories.

    Args:
        histories: ``{"1010": count}`` or a DataFrame with one 0/1 column per list and a
            ``count`` column (see :meth:`CaptureHistories.from_input`).
        method: ``"loglinear"``, ``"lcmcr"``, ``"dga"``, or ``"all"`` for a dict of method to
            estimate (dga only for 3-5 lists, the range it is defined for).
        seed: seed of every random draw (Bayesian methods); the same seed gives the same result.
        level: coverage of the interval.
        **options: method options named as in the R packages: ``model``, ``max_order``,
            ``criterion`` (loglinear); ``K``, ``burnin``, ``samples``, ``thinning``,
            ``a_alpha``, ``b_alpha``, ``chains`` (lcmcr); ``delta``, ``n_missing_max`` (dga).
            With ``method="all"`` each option goes to the methods that take it.

    Problems of the table that weaken any estimate (lists sharing nobody, one list inside
    another, very few people on several lists) are added to ``Estimate.warnings``.

    Raises:
        ValueError: bad histories or options.
        EstimationError: the data cannot support the estimate; the message says why.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}.")
    table = CaptureHistories.from_input(histories)
    if method == "all":
        methods = [m for m in METHODS if m != "dga" or table.n_lists <= DGA_MAX_LISTS]
        fitters = {m: _fitter(m) for m in methods}
        accepted = {name for fit in fitters.values() for name in inspect.signature(fit).parameters}
        unknown = set(options) - accepted
        if unknown:
            raise ValueError(f"No method takes the option(s) {sorted(unknown)}.")
        return {
            m: _call(fit, table, seed, level, options, strict=False) for m, fit in fitters.items()
        }
    return _call(_fitter(method), table, seed, level, options, strict=True)


def _fitter(method: str) -> Callable[..., Estimate]:
    """The fitting function of a method, imported only when asked for."""
    if method == "loglinear":
        from .loglinear import fit_loglinear

        return fit_loglinear
    if method == "lcmcr":
        from .lcmcr import fit_lcmcr

        return fit_lcmcr
    if method == "dga":
        from .dga import fit_dga

        return fit_dga
    raise ValueError(f"Unknown method {method!r}; choose one of {[*METHODS, 'all']}.")


def _call(
    fit: Callable[..., Estimate],
    table: CaptureHistories,
    seed: int | None,
    level: float,
    options: dict[str, Any],
    *,
    strict: bool,
) -> Estimate:
    """Call ``fit`` with the options it accepts; with ``strict`` an option it lacks is an error."""
    accepted = inspect.signature(fit).parameters
    chosen = {name: value for name, value in options.items() if name in accepted}
    if strict and len(chosen) < len(options):
        unknown = sorted(set(options) - set(chosen))
        known = sorted(name for name in accepted if name not in ("histories", "seed", "level"))
        raise ValueError(f"Unknown option(s) {unknown} for this method; it takes {known}.")
    if "seed" in accepted:
        chosen["seed"] = seed
    result = fit(table, level=level, **chosen)
    warnings = dict.fromkeys([*describe_table_problems(table), *result.warnings])
    return replace(result, warnings=tuple(warnings))
