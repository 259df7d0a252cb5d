"""One log-linear model fitted to the observed cells, and the total it implies.

Model (Fienberg 1972; Cormack 1989; Rivest 2011): the count of each observable capture history
``w`` is Poisson with ``log mu_w = beta_0 + x_w' beta``. The unobservable history (on no list) has
all covariates zero, so its expected count is ``exp(beta_0)`` and ``N = n + exp(beta_0)``; the
standard error ``sqrt(exp(b0) + exp(2 b0) Var(b0))`` adds the Poisson variation of the missing cell
to the uncertainty of the intercept (Rcapture's ``getN``). Deviance, degrees of freedom, AIC and
BIC are those Rcapture prints: ``BIC = AIC + (log n - 2) * rank``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._glm import PoissonFit, fit_poisson
from .errors import EstimationError

__all__ = ["LoglinearFit", "fit_design", "popcount"]

MAX_LOG_MISSING = 300.0  # exp(300) people: a divergent fit, not an estimate


def popcount(cells: np.ndarray) -> np.ndarray:
    """Number of lists each cell (history) is on."""
    cells = np.asarray(cells, dtype=np.int64)
    count = np.zeros_like(cells)
    remaining = cells.copy()
    while remaining.any():
        count += remaining & 1
        remaining >>= 1
    return count


@dataclass(frozen=True, eq=False)
class LoglinearFit:
    """A fitted log-linear model and the statistics Rcapture reports for it.

    ``design`` holds the columns the final fit used (intercept first) over ``cells``; for Chao's
    lower-bound models ``full_design`` and ``eta_start`` keep the columns before negative eta
    parameters were removed, because the profile likelihood repeats that removal at every ``N``.
    ``extra_parameters`` counts parameters on the boundary (interactions of lists sharing nobody,
    directions in which the MLE does not exist): their cells are dropped, but they still count
    in AIC, BIC and degrees of freedom, as they would in R's ``glm``.
    """

    model: str
    n_observed: int
    n_hat: float
    std_error: float
    deviance: float
    df: int
    aic: float
    bic: float
    glm: PoissonFit
    cells: np.ndarray
    counts: np.ndarray
    design: np.ndarray
    full_design: np.ndarray
    eta_start: int | None
    extra_parameters: int = 0

    @property
    def converged(self) -> bool:
        return self.glm.converged

    def as_row(self) -> dict[str, object]:
        """The row Rcapture's tables print for this model."""
        return {
            "model": self.model,
            "abundance": round(self.n_hat, 1),
            "stderr": round(self.std_error, 1),
            "deviance": round(self.deviance, 3),
            "df": self.df,
            "AIC": round(self.aic, 3),
            "BIC": round(self.bic, 3),
        }


AbundanceFormula = Callable[[PoissonFit, int], tuple[float, float]]


def intercept_abundance(glm: PoissonFit, n_observed: int) -> tuple[float, float]:
    """``N = n + exp(b0)`` and its standard error (Rcapture's ``getN``)."""
    if glm.coef[0] > MAX_LOG_MISSING:
        raise EstimationError(
            "The model puts no bound on the number of people missed (its estimate runs off to "
            "infinity): the lists overlap too little for it.",
            hint="Use a simpler model, or leave model unset to choose one.",
        )
    missing = math.exp(glm.coef[0])
    variance = missing + missing**2 * glm.cov[0, 0]
    return n_observed + missing, math.sqrt(max(variance, 0.0))


def fit_design(
    model: str,
    cells: np.ndarray,
    counts: np.ndarray,
    design: np.ndarray,
    *,
    n_cells_total: int,
    eta_start: int | None = None,
    extra_parameters: int = 0,
    abundance: AbundanceFormula = intercept_abundance,
    start_eta: np.ndarray | None = None,
) -> LoglinearFit:
    """Fit ``design`` to the cell counts and summarise it as Rcapture would.

    Args:
        model: the model's name, carried into tables.
        cells, counts, design: the cells used (observed histories, minus any dropped), their
            counts and the design over them with the intercept in column 0.
        n_cells_total: number of observable cells, ``2**J - 1``, for the degrees of freedom.
        eta_start: for Chao's lower-bound models, the column where the eta parameters start;
            negative etas are removed one at a time and the model refitted (Rcapture's
            ``neg = TRUE``), because a negative eta contradicts the lower-bound argument.
        extra_parameters: parameters on the boundary (see :class:`LoglinearFit`).
        abundance: how ``N`` follows from the coefficients (trap-response models differ).
        start_eta: starting log fitted values for IRLS, one per cell.
    """
    n_observed = int(counts.sum())
    used = design
    glm = fit_poisson(used, counts, start_eta=start_eta)
    if eta_start is not None:
        used, glm = drop_negative_etas(used, counts, glm, eta_start)
    n_hat, std_error = abundance(glm, n_observed)
    rank = glm.rank + extra_parameters
    aic = glm.aic + 2.0 * extra_parameters
    return LoglinearFit(
        model=model,
        n_observed=n_observed,
        n_hat=n_hat,
        std_error=std_error,
        deviance=glm.deviance,
        df=n_cells_total - rank,
        aic=aic,
        bic=aic + (math.log(n_observed) - 2.0) * rank,
        glm=glm,
        cells=cells,
        counts=counts,
        design=used,
        full_design=design,
        eta_start=eta_start,
        extra_parameters=extra_parameters,
    )


def drop_negative_etas(
    design: np.ndarray, counts: np.ndarray, glm: PoissonFit, eta_start: int
) -> tuple[np.ndarray, PoissonFit]:
    """Remove the first negative eta column and refit, until no eta is negative."""
    while True:
        etas = glm.coef[eta_start:]
        negative = np.flatnonzero(etas < 0)
        if not len(negative):
            return design, glm
        design = np.delete(design, eta_start + negative[0], axis=1)
        glm = fit_poisson(design, counts)


def asymptotic_bias(design: np.ndarray, glm: PoissonFit) -> float:
    """First-order bias of ``exp(b0)`` (Rcapture's "asymptotic bias" warning, Rivest 2011)."""
    cov = glm.cov
    leverage = -0.5 * np.einsum("ij,jk,ik->i", design, cov, design)
    psi = -2.0 * design.T @ (glm.fitted * leverage)
    psi[0] -= 1.0
    return float(0.5 * math.exp(glm.coef[0]) * (-(cov @ psi))[0])
