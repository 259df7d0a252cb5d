"""Can this table support this log-linear model? Decided from the table, not from the fit.

Sparse tables break log-linear estimates silently: ``glm`` "converges" while a parameter runs off
to infinity and the printed total is a million (Rcapture's own test of Cormack, Chang & Smith's
data gets ``N > 1e6``). Three questions are answered here, as SparseMSE's ``checkident`` asks
them (Chan, Silverman & Vincent 2021), but without refusing models whose total is still
determined:

1. **Does the MLE exist?** (Fienberg & Rinaldo 2012) Only if some table with every cell strictly
   positive has the observed margins ``A'n``. With no zero cell the observed table is one.
2. **Which cells can be positive at all?** The *facial set*: cells that some table with the
   observed margins makes positive, found by linear programs. Outside it the extended MLE fits
   zero, so those cells are dropped and the model refitted.
3. **Is the missing cell still determined?** The number on no list is ``exp(b0)``; it is
   estimable if the row ``(1, 0, ..., 0)`` lies in the row space of the design over the cells
   that remain (a rank check). If not, any total fits equally well and the model is refused.

An interaction between lists that share nobody is the simplest case of 2: its parameter is minus
infinity (the lists exclude each other), fitted by dropping every cell containing both lists;
the parameter still counts in AIC, BIC and degrees of freedom, as it would in R.
"""

from __future__ import annotations

import numba
import numpy as np
from scipy import sparse
from scipy.optimize import linprog

__all__ = [
    "facial_cells",
    "independent_columns",
    "is_estimable",
    "mle_exists",
]


def mle_exists(design: np.ndarray, counts: np.ndarray) -> bool:
    """Fienberg-Rinaldo check that the Poisson MLE of this design exists for these counts."""
    return bool((counts > 0).all()) or bool(facial_cells(design, counts).all())


def facial_cells(design: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Cells that some table with the observed margins makes positive (the facial set).

    Outside it every table with these margins is zero, so the extended MLE fits those cells
    exactly zero (Fienberg & Rinaldo 2012). Found by linear programs: maximise
    ``sum min(y_w, 1)`` over the undecided zero cells subject to ``A'y = A'n, y >= 0``; cells made
    positive join the set; repeat on the rest until the optimum is zero.
    """
    facial = counts > 0
    margins = design.T @ counts
    cells, parameters = design.shape
    transposed = sparse.csr_matrix(design.T)
    while True:
        undecided = np.flatnonzero(~facial)
        if not len(undecided):
            return facial
        k = len(undecided)
        # Variables: y (cells), then z (one per undecided cell). Minimise -sum z, z_i <= y_w(i).
        objective = np.concatenate([np.zeros(cells), -np.ones(k)])
        equality = sparse.hstack([transposed, sparse.csr_matrix((parameters, k))])
        pick = sparse.csr_matrix((np.ones(k), (np.arange(k), undecided)), shape=(k, cells))
        inequality = sparse.hstack([-pick, sparse.identity(k)])
        bounds = [(0.0, None)] * cells + [(0.0, 1.0)] * k
        result = linprog(
            objective,
            A_ub=inequality.tocsr(),
            b_ub=np.zeros(k),
            A_eq=equality.tocsr(),
            b_eq=margins,
            bounds=bounds,
            method="highs",
        )
        if result.status != 0:
            return facial
        found = undecided[result.x[cells:] > 1e-9]
        if not len(found):
            return facial
        facial[found] = True


def independent_columns(design: np.ndarray) -> np.ndarray:
    """Columns not in the span of the columns before them (the intercept, first, is kept).

    Cholesky of the Gram matrix ``X'X``, skipping a column whose residual variance after the
    kept columns is nil: the same decision as the diagonal of a QR factorisation, without a
    multithreaded LAPACK call on a tall matrix (which crawls on a busy machine).
    """
    return _independent_columns(np.ascontiguousarray(design, dtype=np.float64))


@numba.njit(cache=True)
def _independent_columns(design: np.ndarray) -> np.ndarray:
    cells, parameters = design.shape
    gram = np.zeros((parameters, parameters))
    for w in range(cells):
        for a in range(parameters):
            if design[w, a] != 0.0:
                for b in range(a, parameters):
                    gram[a, b] += design[w, a] * design[w, b]
    factor = np.zeros((parameters, parameters))
    kept = np.zeros(parameters, dtype=np.bool_)
    for j in range(parameters):
        residual = gram[j, j]
        for k in range(j):
            if kept[k]:
                value = gram[k, j]
                for i in range(k):
                    if kept[i]:
                        value -= factor[i, k] * factor[i, j]
                factor[k, j] = value / factor[k, k]
                residual -= factor[k, j] ** 2
        if residual > 1e-9 * max(gram[j, j], 1e-300):
            kept[j] = True
            factor[j, j] = np.sqrt(residual)
    return kept


def is_estimable(design: np.ndarray, row: np.ndarray) -> bool:
    """Whether ``row' beta`` has one value for every solution (``row`` in the row space)."""
    rank = np.linalg.matrix_rank(design)
    return int(np.linalg.matrix_rank(np.vstack([design, row]))) == int(rank)
