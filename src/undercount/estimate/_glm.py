"""Poisson log-linear regression by iteratively reweighted least squares.

The one numerical engine behind every log-linear model: R's ``glm(family = poisson)`` with the
same starting values (``mu = y + 0.1``), the same convergence rule (relative change in deviance
below 1e-8) and the same deviance and AIC, so that numbers agree with Rcapture to printed
precision. The iterations are compiled with numba (cached on disk): an exhaustive search over five
lists fits 1,024 models, and Python overhead per iteration would dominate. Designs reach this
module with full column rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
from scipy.special import gammaln, xlogy

__all__ = ["PoissonFit", "fit_poisson"]

MAX_ITERATIONS = 200
TOLERANCE = 1e-8


@dataclass(frozen=True, eq=False)
class PoissonFit:
    """A fitted Poisson GLM: coefficients, their covariance and the fit statistics R prints."""

    coef: np.ndarray
    cov: np.ndarray
    fitted: np.ndarray
    deviance: float
    aic: float
    rank: int
    converged: bool
    iterations: int


def fit_poisson(
    design: np.ndarray, counts: np.ndarray, start_eta: np.ndarray | None = None
) -> PoissonFit:
    """Maximum-likelihood Poisson regression of ``counts`` on ``design`` (log link).

    Args:
        design: ``(cells, parameters)`` matrix including the intercept column; full column rank.
        counts: observed cell counts.
        start_eta: starting linear predictor (log fitted values of a neighbouring model or of
            the previous profile point), else R's ``log(y + 0.1)``. A good start saves most of
            the iterations when thousands of cells are fitted.

    When the MLE does not exist (see :mod:`.identifiability`) some coefficients drift towards
    infinity; the iteration then stops on the deviance criterion or the iteration cap with
    ``converged`` possibly true, exactly as ``glm`` does. Callers check existence first.
    """
    design = np.ascontiguousarray(design, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.float64)
    eta = np.log(counts + 0.1) if start_eta is None else np.clip(start_eta, -700.0, 700.0)
    coef, fitted, deviance, iterations, converged = _irls(design, counts, eta)
    information, _ = _weighted_cross_products(design, fitted, eta)
    try:
        cov = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        cov = np.linalg.pinv(information, hermitian=True)
    rank = design.shape[1]
    log_density = xlogy(counts, fitted) - fitted - gammaln(counts + 1.0)
    return PoissonFit(
        coef=coef,
        cov=cov,
        fitted=fitted,
        deviance=deviance,
        aic=float(-2.0 * log_density.sum() + 2.0 * rank),
        rank=rank,
        converged=converged,
        iterations=iterations,
    )


@numba.njit(cache=True)
def _irls(
    design: np.ndarray, counts: np.ndarray, eta: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float, int, bool]:
    """Newton-Raphson (= IRLS for the canonical link) from the linear predictor ``eta``."""
    cells, parameters = design.shape
    eta = eta.copy()
    fitted = np.exp(eta)
    saturated = np.zeros(cells)
    for w in range(cells):
        if counts[w] > 0:
            saturated[w] = counts[w] * np.log(counts[w])
    deviance = _deviance(saturated, counts, fitted)
    coef = np.zeros(parameters)
    for iteration in range(1, MAX_ITERATIONS + 1):
        information, score_side = _weighted_cross_products(
            design, fitted, eta + (counts - fitted) / fitted
        )
        # Least squares, not solve: near the boundary (a cell's fit heading to zero) the
        # information matrix turns singular and glm carries on; so does this.
        coef = np.linalg.lstsq(information, score_side)[0]
        for w in range(cells):
            linear = 0.0
            for a in range(parameters):
                linear += design[w, a] * coef[a]
            eta[w] = min(max(linear, -700.0), 700.0)
        fitted = np.exp(eta)
        previous = deviance
        deviance = _deviance(saturated, counts, fitted)
        if abs(deviance - previous) / (abs(deviance) + 0.1) < TOLERANCE:
            return coef, fitted, deviance, iteration, True
    return coef, fitted, deviance, MAX_ITERATIONS, False


@numba.njit(cache=True)
def _weighted_cross_products(
    design: np.ndarray, weights: np.ndarray, response: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``X' W X`` and ``X' W z``, skipping the zeros of a 0/1 design (most of a large one)."""
    cells, parameters = design.shape
    information = np.zeros((parameters, parameters))
    right = np.zeros(parameters)
    for w in range(cells):
        for a in range(parameters):
            weighted = design[w, a] * weights[w]
            if weighted != 0.0:
                right[a] += weighted * response[w]
                for b in range(a, parameters):
                    information[a, b] += weighted * design[w, b]
    for a in range(parameters):
        for b in range(a):
            information[a, b] = information[b, a]
    return information, right


@numba.njit(cache=True)
def _deviance(saturated: np.ndarray, counts: np.ndarray, fitted: np.ndarray) -> float:
    total = 0.0
    for w in range(len(counts)):
        logged = counts[w] * np.log(fitted[w]) if counts[w] > 0 else 0.0
        total += saturated[w] - logged - (counts[w] - fitted[w])
    return max(2.0 * total, 0.0)  # exact fits give -1e-13 from rounding
