"""The multinomial profile-likelihood interval for the total (Cormack 1992; Rcapture's closedpCI).

For a candidate total ``N`` the unobserved cell is set to ``N - n`` and the same log-linear model is
refitted to the complete ``2**J`` table, the missing cell having every covariate zero. The Poisson
deviance of that fit, corrected to the multinomial likelihood by Cormack's term
``c(N) = log(n0^n0 N! / (N^N n0!))``, gives the profile log-likelihood
``l(N) = -deviance(N) / 2 + c(N)``. The interval is ``{N : l(N) >= max l - chi2_1(level) / 2}``.

Assumptions: the multinomial model for the ``N`` people with the log-linear structure holds, and
the chi-square calibration of the likelihood ratio is adequate (it is for moderate ``N``; the
interval is asymmetric, unlike a Wald interval, because the likelihood is). Rcapture switches to
Stirling's approximation of ``c(N)`` above 100; this module uses ``lgamma`` throughout, which
differs by less than ``1 / (12 n0)`` in log-likelihood.

The maximum (the multinomial estimate, slightly below the Poisson one Rcapture prints) is searched
on ``(n, 3 N_Poisson)``. Where the likelihood has not dropped far enough by ``3 N`` the search goes
on, doubling, up to ``1000 N``; only then is the upper limit reported as unbounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln, xlogy
from scipy.stats import chi2

from ._glm import fit_poisson
from .model_fit import LoglinearFit, drop_negative_etas

__all__ = ["ProfileInterval", "profile_interval"]

SEARCH_FACTOR = 3.0
UPPER_LIMIT_FACTOR = 1000.0
TOLERANCE = 1e-4


@dataclass(frozen=True)
class ProfileInterval:
    """Maximum of the profile likelihood and the limits of the interval.

    ``lower_at_floor`` is true when the likelihood at ``N = n`` is still inside the interval (the
    lower limit is then ``n``, as Rcapture reports it); ``upper`` is ``inf`` when no upper limit was
    found below ``1000 N``.
    """

    n_max: float
    lower: float
    upper: float
    level: float
    lower_at_floor: bool


def cormack_correction(total: float, missing: float) -> float:
    """``log(n0^n0 N! / (N^N n0!))``: from Poisson to multinomial likelihood."""
    return float(
        xlogy(missing, missing) - gammaln(missing + 1) + gammaln(total + 1) - xlogy(total, total)
    )


class _ProfileLikelihood:
    """``l(N)`` for one model, each ``N`` refitted from the Poisson fit's values."""

    def __init__(self, fit: LoglinearFit) -> None:
        self.fit = fit
        zero_row = np.zeros((1, fit.full_design.shape[1]))
        zero_row[0, 0] = 1.0
        self.design = np.vstack([fit.full_design, zero_row])
        self.observed_eta = np.log(fit.glm.fitted)

    def __call__(self, total: float) -> float:
        missing = max(total - self.fit.n_observed, 0.0)
        counts = np.append(self.fit.counts, missing)
        # Start from the Poisson fit itself, the same for every N: a start carried over from the
        # previous N would make l(N) depend on the order of evaluation near the boundary.
        start = np.append(self.observed_eta, math.log(max(missing, 0.5)))
        glm = fit_poisson(self.design, counts, start_eta=start)
        if self.fit.eta_start is not None:
            _, glm = drop_negative_etas(self.design, counts, glm, self.fit.eta_start)
        return -glm.deviance / 2.0 + cormack_correction(missing + self.fit.n_observed, missing)


def profile_interval(fit: LoglinearFit, level: float = 0.95) -> ProfileInterval:
    """The profile-likelihood interval of ``fit``'s total at ``level``."""
    loglik = _ProfileLikelihood(fit)
    n = float(fit.n_observed)
    search_end = max(SEARCH_FACTOR * fit.n_hat, n + 1.0)
    best = minimize_scalar(
        lambda total: -loglik(total),
        bounds=(n, search_end),
        method="bounded",
        options={"xatol": TOLERANCE},
    )
    n_max, l_max = float(best.x), -float(best.fun)
    threshold = l_max - chi2.ppf(level, 1) / 2.0

    def excess(total: float) -> float:
        return loglik(total) - threshold

    lower_at_floor = excess(n) >= 0
    lower = n if lower_at_floor else brentq(excess, n, n_max, xtol=TOLERANCE)
    upper = math.inf
    start, end = n_max, search_end
    while end <= UPPER_LIMIT_FACTOR * max(fit.n_hat, n):
        if excess(end) < 0:
            upper = brentq(excess, start, end, xtol=TOLERANCE)
            break
        start, end = end, 2.0 * end
    return ProfileInterval(n_max, float(lower), float(upper), level, bool(lower_at_floor))
