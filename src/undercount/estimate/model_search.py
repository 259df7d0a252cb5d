"""Fit hierarchical log-linear models and choose one by AIC or BIC.

Exhaustive where Rcapture's ``closedpMS.t`` would be (up to 5 lists at any order, 6 lists up to
pairs): every hierarchical model is fitted and ranked. Beyond that the number of models explodes
(2**105 pair sets for 15 lists), so the search is stepwise: from main effects only, rank the terms
that could be added by the Poisson score statistic ``(O - E)^2 / E`` of the people on all the
term's lists (observed against fitted, the quantity SparseMSE's stepwise test uses), fit the best
few, keep the one that lowers the criterion most; then try removing terms; stop when neither helps.
Stepwise search can miss the best model; the diagnostics say which search was used.

Models whose MLE does not exist or that are not identifiable are skipped, never ranked.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from .errors import EstimationError
from .hierarchical import (
    Model,
    addable_terms,
    enumerate_models,
    interaction_design,
    model_name,
    removable_terms,
)
from .histories import CaptureHistories
from .identifiability import facial_cells, independent_columns, is_estimable
from .model_fit import LoglinearFit, fit_design

__all__ = ["ModelSearch", "fit_hierarchical_model", "search_models", "uses_exhaustive_search"]

CRITERIA = ("bic", "aic")
STEPWISE_CANDIDATES = 4
DIVERGENCE = 12.0


@dataclass(frozen=True, eq=False)
class ModelSearch:
    """The fitted models, best first, and how they were found."""

    fits: tuple[LoglinearFit, ...]
    criterion: str
    search: str
    skipped: int

    @property
    def best(self) -> LoglinearFit:
        return self.fits[0]


def uses_exhaustive_search(n_lists: int, max_order: int) -> bool:
    """Whether ``closedpMS.t`` would enumerate this family (it refuses larger ones)."""
    return n_lists <= 5 or (n_lists == 6 and max_order <= 2)


def fit_hierarchical_model(
    histories: CaptureHistories, model: Model, start_eta: np.ndarray | None = None
) -> LoglinearFit:
    """Fit one hierarchical model to the observable cells.

    Interactions of lists that share nobody are fixed at minus infinity by dropping their cells.
    If the fit then diverges, the MLE does not exist: cells that no table with the observed
    margins can make positive are fitted as zero (the extended MLE, Fienberg & Rinaldo 2012) and
    the total is reported only if the missing cell is still determined by the cells that remain.

    Raises:
        EstimationError: the number of people on no list is not identifiable under this model.
    """
    n_lists = histories.n_lists
    name = model_name(model, n_lists)
    table = _observable_cells(histories)
    cells, counts = table.cells, table.counts
    terms = sorted(model, key=lambda term: (term.bit_count(), term))
    infinite = [term for term in terms if not table.shares_anyone(term)]
    keep = np.ones(len(cells), dtype=bool)
    for term in infinite:
        keep &= table.column(term) == 0.0
    finite = [term for term in terms if term not in infinite]
    design = table.design(finite)[keep]
    kept_cells, kept_counts = cells[keep], counts[keep]
    columns = independent_columns(design)
    parameters = int(columns.sum()) + len(infinite)
    start = None if start_eta is None else start_eta[kept_cells - 1]
    fit = _fit_cells(name, kept_cells, kept_counts, design, columns, len(cells), parameters, start)
    if fit is not None and not _diverging(fit):
        return fit
    facial = facial_cells(design, kept_counts)
    reduced = design[facial]
    fit = _fit_cells(
        name,
        kept_cells[facial],
        kept_counts[facial],
        reduced,
        independent_columns(reduced),
        len(cells),
        parameters,
        None,
    )
    if fit is None:
        raise EstimationError(
            f"Model {name} cannot estimate the number of people on no list from this table: "
            "with the zero cells it has, the model leaves that number undetermined (any total "
            "fits equally well).",
            hint="Use a model with fewer interactions, or merge small lists.",
        )
    return fit


class _ObservableCells:
    """The observable cells of one table and the design columns of its terms, built once.

    A search fits thousands of models to the same table; their designs share columns.
    """

    def __init__(self, histories: CaptureHistories) -> None:
        self.n_lists = histories.n_lists
        self.cells = np.arange(1, 1 << self.n_lists, dtype=np.int64)
        self.counts = histories.full_table()[1:].astype(np.float64)
        self._base = interaction_design(self.cells, self.n_lists, [])
        self._columns: dict[int, np.ndarray] = {}

    def column(self, term: int) -> np.ndarray:
        if term not in self._columns:
            self._columns[term] = ((self.cells & term) == term).astype(np.float64)
        return self._columns[term]

    def shares_anyone(self, term: int) -> bool:
        """Whether anyone is on all the lists of ``term``."""
        return bool(self.counts @ self.column(term) > 0)

    def design(self, terms: list[int]) -> np.ndarray:
        """Intercept, main effects and one column per term, over every observable cell."""
        return np.column_stack([self._base, *(self.column(term) for term in terms)])


@functools.lru_cache(maxsize=8)
def _observable_cells(histories: CaptureHistories) -> _ObservableCells:
    return _ObservableCells(histories)


def _fit_cells(
    name: str,
    cells: np.ndarray,
    counts: np.ndarray,
    design: np.ndarray,
    columns: np.ndarray,
    n_cells_total: int,
    parameters: int,
    start_eta: np.ndarray | None,
) -> LoglinearFit | None:
    """Fit on the independent ``columns``, or ``None`` if the missing cell is not estimable."""
    if not columns.all() and not is_estimable(design, np.eye(1, design.shape[1])[0]):
        return None
    return fit_design(
        name,
        cells,
        counts,
        design[:, columns],
        n_cells_total=n_cells_total,
        extra_parameters=parameters - int(columns.sum()),
        start_eta=start_eta,
    )


def _diverging(fit: LoglinearFit) -> bool:
    """Signs that the MLE does not exist: coefficients running off (as ``glm`` lets them).

    A non-existent MLE drives fitted values of some cells to zero, so some non-intercept
    coefficient heads to infinity; no plausible list effect or interaction reaches
    ``exp(12)``-fold odds. The facial set is then computed exactly.
    """
    return not fit.converged or float(np.abs(fit.glm.coef[1:]).max(initial=0.0)) > DIVERGENCE


def search_models(histories: CaptureHistories, max_order: int, criterion: str) -> ModelSearch:
    """Rank hierarchical models up to ``max_order`` by ``criterion`` (``"bic"`` or ``"aic"``)."""
    if criterion not in CRITERIA:
        raise ValueError(f"criterion must be one of {CRITERIA}, not {criterion!r}.")
    if not 1 <= max_order < histories.n_lists:
        raise ValueError(
            f"max_order must be between 1 (independence) and {histories.n_lists - 1} for "
            f"{histories.n_lists} lists, not {max_order}."
        )
    if uses_exhaustive_search(histories.n_lists, max_order):
        fits, skipped = _fit_all(histories, enumerate_models(histories.n_lists, max_order))
        search = "exhaustive"
    else:
        fits, skipped = _search_stepwise(histories, max_order, criterion)
        search = "stepwise"
    if not fits:
        raise EstimationError(
            "No log-linear model can be fitted to this table: every model either has no "
            "maximum-likelihood estimate or is not identifiable.",
            hint="The lists overlap too little; check the linkage, or merge small lists.",
        )
    ranked = tuple(sorted(fits, key=lambda fit: _score(fit, criterion)))
    return ModelSearch(ranked, criterion, search, skipped)


def _score(fit: LoglinearFit, criterion: str) -> float:
    return fit.bic if criterion == "bic" else fit.aic


def _fit_all(histories: CaptureHistories, models: object) -> tuple[list[LoglinearFit], int]:
    fits: list[LoglinearFit] = []
    skipped = 0
    for model in models:  # type: ignore[attr-defined]
        try:
            fits.append(fit_hierarchical_model(histories, model))
        except EstimationError:
            skipped += 1
    return fits, skipped


def _search_stepwise(
    histories: CaptureHistories, max_order: int, criterion: str
) -> tuple[list[LoglinearFit], int]:
    """Forward-backward search guided by score statistics; returns every model it fitted."""
    n_lists = histories.n_lists
    fitted: dict[Model, LoglinearFit | None] = {}

    def fit(model: Model, start_eta: np.ndarray | None = None) -> LoglinearFit | None:
        if model not in fitted:
            try:
                fitted[model] = fit_hierarchical_model(histories, model, start_eta)
            except EstimationError:
                fitted[model] = None
        return fitted[model]

    model: Model = frozenset()
    current = fit(model)
    if current is None:
        return [], 1
    while True:
        scores = _score_statistics(current, addable_terms(model, n_lists, max_order))
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:STEPWISE_CANDIDATES]
        moves = [model | {term} for term in ranked]
        moves += [model - {term} for term in removable_terms(model)]
        best_model, best_fit = model, current
        for candidate in moves:
            candidate_fit = fit(candidate, _log_fitted_all_cells(current, n_lists))
            if candidate_fit is not None and _score(candidate_fit, criterion) < _score(
                best_fit, criterion
            ):
                best_model, best_fit = candidate, candidate_fit
        if best_model == model:
            break
        model, current = best_model, best_fit
    fits = [candidate for candidate in fitted.values() if candidate is not None]
    return fits, sum(candidate is None for candidate in fitted.values())


def _log_fitted_all_cells(fit: LoglinearFit, n_lists: int) -> np.ndarray:
    """The fit's linear predictor on every observable cell (dropped cells near zero)."""
    eta = np.full((1 << n_lists) - 1, math.log(0.1))
    eta[fit.cells - 1] = np.log(fit.glm.fitted)
    return eta


def _score_statistics(fit: LoglinearFit, terms: list[int]) -> dict[int, float]:
    """``(O - E)^2 / E`` for the people on all lists of each term, under the current fit."""
    statistics = {}
    for term in terms:
        inside = (fit.cells & term) == term
        observed = float(fit.counts[inside].sum())
        expected = float(fit.glm.fitted[inside].sum())
        statistics[term] = (observed - expected) ** 2 / max(expected, 1e-12)
    return statistics
