"""dga: Bayesian model averaging over decomposable graphical models (Madigan & York 1997).

Lists can depend on each other (a morgue list and a hospital list share sources). Each
decomposable graph on the lists is one hypothesis about which lists depend on which; under
a hyper-Dirichlet prior every graph's marginal likelihood, for every candidate number of
people on no list, has a closed form. Normalising over the whole (graph x number missing)
grid gives the posterior of N averaged over the graphs and the posterior probability of
each graph, with no sampling. This follows the R package dga 2.0.2 (``bma.cr``).

Assumptions: a closed population; people are listed independently of each other; the true
dependence between lists is (close to) one of the decomposable graphs, every one equally
likely a priori; p(N) proportional to 1/N; a hyper-Dirichlet prior with ``delta`` prior
people per cell of the full table (default 2^-p, dga's suggestion). With 4 or 5 lists the
answer can depend on ``delta``, which is why the summary shows the sensitivity. The
posterior is computed on a finite grid of N, so the mass near the grid end is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import gammaln, logsumexp

from ._base import BaseEstimator
from ._dga_graphs import decomposable_graphs, subset_coefficients
from .errors import EstimationError
from .histories import CaptureHistories
from .result import Estimate

__all__ = ["DGA", "GridPosterior", "fit_dga", "focus_posterior", "posterior_on_grid"]

MIN_LISTS, MAX_LISTS = 3, 5
GRID_FACTOR = 5
"""Default grid: 0 to 5 n people on no list, as in HRDAG's dga examples."""

TAIL_FRACTION = 0.1
TAIL_WARNING = 0.01
"""Warn when more than 1 % of the posterior lies in the last tenth of the grid."""

DELTA_FACTORS = (0.25, 1.0, 4.0)
TOP_GRAPHS = 5
_CELLS_PER_CHUNK = 1 << 21
_EXP_FLOOR = 80.0
_NEGLIGIBLE_PROBABILITY = 1e-30
_COARSE_POINTS = 2048
_MAX_STRIDE = 64
"""The posterior of m missing people is at least about sqrt(m) wide, so a stride of 64 cannot
step over a peak by more than e^-16: well inside the e^-40 kept."""
_NEGLIGIBLE_LOG_RATIO = 40.0
"""Grid points whose posterior is below e^-40 of the peak are left out (below 1e-12 in all)."""


@dataclass(frozen=True)
class GridPosterior:
    """The joint posterior of (graph, number missing), summarised both ways.

    Attributes:
        n_missing: the grid of candidate numbers of people on no list.
        n_total: ``n_observed + n_missing``.
        pmf: posterior probability of each grid point, averaged over graphs.
        graph_probabilities: posterior probability of each graph, in the order of
            :func:`decomposable_graphs`.
        components: log marginal likelihood of each marginal table (subset x grid).
        log_base: the terms shared by all graphs (multinomial coefficient, prior on N).
    """

    n_missing: np.ndarray
    n_total: np.ndarray
    pmf: np.ndarray
    graph_probabilities: np.ndarray
    components: np.ndarray
    log_base: np.ndarray

    def graph_pmf(self, graph_index: int) -> np.ndarray:
        """Posterior of N under one graph alone."""
        coefficients = subset_coefficients(self.components.shape[0].bit_length() - 1)
        scores = coefficients[graph_index] @ self.components + self.log_base
        return np.exp(scores - logsumexp(scores))

    def quantile(self, q: float | np.ndarray, pmf: np.ndarray | None = None) -> np.ndarray:
        """Smallest N whose posterior distribution function exceeds ``q`` (as dga's tools)."""
        cdf = np.cumsum(self.pmf if pmf is None else pmf)
        index = np.searchsorted(cdf, np.asarray(q) * cdf[-1], side="right")
        return self.n_total[np.minimum(index, len(cdf) - 1)]


def posterior_on_grid(table: np.ndarray, n_missing: np.ndarray, delta: float) -> GridPosterior:
    """Posterior over decomposable graphs x ``n_missing`` for a full ``2**p`` table.

    ``table`` holds the counts of every cell, list 1 varying fastest (cell 0, on no list, is
    ignored). For a subset C of lists with marginal counts D_C (the cell "on none of C"
    including the missing people) and alpha_C = delta 2^(p - |C|) prior people per cell,
    the log marginal likelihood of the marginal table is
        lgamma(2^p delta) - lgamma(N + 2^p delta)
            + sum_cells [lgamma(D_C + alpha_C) - lgamma(alpha_C)];
    a graph's is the sum over its cliques minus the sum over its separators. Add the log
    multinomial coefficient for the unobserved cell and log p(N) = -log N, normalise.
    """
    table = np.asarray(table, dtype=np.float64).copy()
    n_lists = table.size.bit_length() - 1
    table[0] = 0.0
    n_observed = table.sum()
    n_missing = np.asarray(n_missing, dtype=np.int64)
    n_total = n_observed + n_missing
    components = _marginal_log_likelihoods(table, n_missing.astype(np.float64), delta)
    log_base = (
        gammaln(n_total + 1.0)
        - gammaln(n_missing + 1.0)
        - gammaln(table + 1.0).sum()
        - np.log(n_total)
    )
    coefficients = subset_coefficients(n_lists)
    chunk = max(1, _CELLS_PER_CHUNK // coefficients.shape[0])
    log_pmf = np.empty(n_missing.size)
    log_graph = np.full(coefficients.shape[0], -np.inf)
    for start in range(0, n_missing.size, chunk):
        columns = slice(start, start + chunk)
        scores = coefficients @ components[:, columns]
        scores += log_base[columns]
        peak = scores.max(axis=0)
        # exp of the scores relative to each column's peak, floored at e^-80: exp is several
        # times slower on large negative arguments, and the floor adds under 1e-32 to any
        # sum. Graphs whose probability is then below 1e-30 are reported as 0.
        scores -= peak
        np.maximum(scores, -_EXP_FLOOR, out=scores)
        np.exp(scores, out=scores)
        log_pmf[columns] = peak + np.log(scores.sum(axis=0))
        reference = peak.max()
        log_graph = np.logaddexp(log_graph, reference + np.log(scores @ np.exp(peak - reference)))
    log_total = logsumexp(log_pmf)
    graph_probabilities = np.exp(log_graph - log_total)
    return GridPosterior(
        n_missing=n_missing,
        n_total=n_total.astype(np.int64),
        pmf=np.exp(log_pmf - log_total),
        graph_probabilities=np.where(
            graph_probabilities < _NEGLIGIBLE_PROBABILITY, 0.0, graph_probabilities
        ),
        components=components,
        log_base=log_base,
    )


def focus_posterior(table: np.ndarray, n_missing_max: int, delta: float) -> GridPosterior:
    """The posterior on 0..``n_missing_max``, computed where it is not negligible.

    The grid may run to hundreds of thousands of points, most of them e^-100 below the peak.
    A first pass on every 64th point at most (2,048 points on small grids) finds the stretch
    where the posterior is within e^-40 of its largest value: a posterior of m missing people
    is about sqrt(m) wide or more, so the stride cannot step over a peak. The exact posterior
    is then computed on that stretch, widened by one stride each side. What is left out is
    below 1e-12 of the total.
    """
    stride = max(1, min(_MAX_STRIDE, -(-(n_missing_max + 1) // _COARSE_POINTS)))
    if stride == 1:
        return posterior_on_grid(table, np.arange(n_missing_max + 1), delta)
    coarse_grid = np.arange(0, n_missing_max + 1, stride)
    coarse = posterior_on_grid(table, coarse_grid, delta)
    with np.errstate(divide="ignore"):
        log_pmf = np.log(coarse.pmf)
    kept = np.flatnonzero(log_pmf >= log_pmf.max() - _NEGLIGIBLE_LOG_RATIO)
    start = max(0, int(coarse_grid[kept[0]]) - stride)
    stop = min(n_missing_max, int(coarse_grid[kept[-1]]) + stride)
    return posterior_on_grid(table, np.arange(start, stop + 1), delta)


def _marginal_log_likelihoods(table: np.ndarray, n_missing: np.ndarray, delta: float) -> np.ndarray:
    """Log marginal likelihood of the marginal table of every subset, for every grid point."""
    n_cells = table.size
    n_lists = n_cells.bit_length() - 1
    total_prior = n_cells * delta
    n_total = table.sum() + n_missing
    normaliser = gammaln(total_prior) - gammaln(n_total + total_prior)
    cells = np.arange(n_cells)
    components = np.empty((n_cells, n_missing.size))
    for subset in range(n_cells):
        size = subset.bit_count()
        alpha = delta * 2.0 ** (n_lists - size)
        margin = np.bincount(cells & subset, weights=table, minlength=n_cells)
        submasks = cells[(cells & ~subset) == 0]
        observed_cells = margin[submasks[1:]]
        constant = gammaln(observed_cells + alpha).sum() - (1 << size) * gammaln(alpha)
        components[subset] = normaliser + gammaln(margin[0] + n_missing + alpha) + constant
    return components


def fit_dga(
    histories: CaptureHistories,
    *,
    delta: float | None = None,
    n_missing_max: int | None = None,
    draws: int = 4000,
    seed: int | None = None,
    level: float = 0.95,
) -> Estimate:
    """Estimate N by averaging over every decomposable graph on the 3 to 5 lists.

    ``n_hat`` is the posterior median and the interval equal-tailed, both read exactly from
    the grid 0..``n_missing_max`` (default 5 n); ``draws`` posterior draws of N are taken
    from the grid with ``numpy.random.default_rng(seed)`` so that strata can be summed.
    """
    n_lists = histories.n_lists
    if not MIN_LISTS <= n_lists <= MAX_LISTS:
        raise EstimationError(
            f"dga averages over decomposable graphs on 3 to 5 lists; these histories have "
            f"{n_lists}.",
            hint="Merge or drop lists to get 3-5, or use method='lcmcr' or 'loglinear'.",
        )
    delta = 2.0**-n_lists if delta is None else float(delta)
    if not delta > 0:
        raise ValueError(f"delta must be positive, not {delta!r}.")
    n_observed = histories.n_observed
    n_missing_max = GRID_FACTOR * n_observed if n_missing_max is None else int(n_missing_max)
    if n_missing_max < 1:
        raise ValueError(f"n_missing_max must be at least 1, not {n_missing_max!r}.")
    if draws < 1:
        raise ValueError(f"draws must be at least 1, not {draws!r}.")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}.")
    table = histories.full_table()
    posterior = focus_posterior(table, n_missing_max, delta)

    tail = (1.0 - level) / 2.0
    lower, n_hat, upper = posterior.quantile(np.array([tail, 0.5, 1.0 - tail]))
    rng = np.random.default_rng(seed)
    sample = rng.choice(posterior.n_total, size=draws, p=posterior.pmf)
    tail_start = (1.0 - TAIL_FRACTION) * n_missing_max
    tail_mass = float(posterior.pmf[posterior.n_missing >= tail_start].sum())
    graphs = decomposable_graphs(n_lists)
    top = np.argsort(posterior.graph_probabilities)[::-1][:TOP_GRAPHS]
    diagnostics: dict[str, Any] = {
        "graphs": len(graphs),
        "delta": delta,
        "n_missing_max": n_missing_max,
        "tail_mass_at_grid_end": tail_mass,
        "posterior_mean": float(posterior.pmf @ posterior.n_total),
        "top_graphs": [
            _graph_row(posterior, graphs[index], index, histories.lists, tail) for index in top
        ],
        "delta_sensitivity": _delta_sensitivity(table, n_missing_max, delta, posterior, tail),
        "graph_probabilities": {
            graph.label(histories.lists): float(probability)
            for graph, probability in zip(graphs, posterior.graph_probabilities, strict=True)
        },
    }
    warnings = []
    if tail_mass > TAIL_WARNING:
        warnings.append(
            f"{tail_mass:.1%} of the posterior of N lies in the last tenth of the grid (up to "
            f"{n_observed + n_missing_max:,}): the upper limit depends on where the grid stops. "
            "Raise n_missing_max, and read the upper limit as a floor of the true one."
        )
    saturated_probability = float(posterior.graph_probabilities[-1])
    if saturated_probability > 0.5:
        warnings.append(
            f"The graph joining every list carries {saturated_probability:.0%} of the posterior: "
            "nothing in the data then fixes the number unobserved, and the estimate follows "
            "the prior (delta). Compare the delta sensitivity table."
        )
    return Estimate(
        n_hat=float(n_hat),
        lower=float(lower),
        upper=float(upper),
        level=level,
        n_observed=n_observed,
        method="dga",
        model=f"average over {len(graphs)} decomposable graphs, delta={delta:g}",
        draws=sample,
        diagnostics=diagnostics,
        lists=histories.lists,
        warnings=tuple(warnings),
    )


def _graph_row(
    posterior: GridPosterior,
    graph: Any,
    index: int,
    names: tuple[str, ...],
    tail: float,
) -> dict[str, Any]:
    pmf = posterior.graph_pmf(index)
    lower, median, upper = posterior.quantile(np.array([tail, 0.5, 1.0 - tail]), pmf)
    return {
        "graph": graph.label(names),
        "probability": float(posterior.graph_probabilities[index]),
        "median": int(median),
        "lower": int(lower),
        "upper": int(upper),
    }


def _delta_sensitivity(
    table: np.ndarray, n_missing_max: int, delta: float, posterior: GridPosterior, tail: float
) -> list[dict[str, Any]]:
    """The estimate under delta / 4, delta and 4 delta: how much the prior decides."""
    rows = []
    for factor in DELTA_FACTORS:
        varied = (
            posterior if factor == 1.0 else focus_posterior(table, n_missing_max, delta * factor)
        )
        lower, median, upper = varied.quantile(np.array([tail, 0.5, 1.0 - tail]))
        rows.append(
            {
                "delta": delta * factor,
                "median": int(median),
                "lower": int(lower),
                "upper": int(upper),
            }
        )
    return rows


class DGA(BaseEstimator):
    """dga's Bayesian model averaging as an estimator object.

    ``DGA(delta=1/16).fit(histories).summary()``. Options and assumptions as in
    :func:`fit_dga`; after ``fit``, ``estimate_`` holds the :class:`Estimate` and
    ``graph_probabilities_`` the posterior probability of each graph by its label.
    """

    def __init__(
        self,
        delta: float | None = None,
        n_missing_max: int | None = None,
        draws: int = 4000,
        seed: int | None = None,
        level: float = 0.95,
    ) -> None:
        self.delta = delta
        self.n_missing_max = n_missing_max
        self.draws = draws
        self.seed = seed
        self.level = level

    def _fit(self, histories: CaptureHistories) -> Estimate:
        estimate = fit_dga(histories, **self.get_params())
        self.graph_probabilities_ = estimate.diagnostics["graph_probabilities"]
        return estimate
