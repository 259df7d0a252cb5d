"""``method="loglinear"``: log-linear models of the list overlaps, as Rcapture fits them.

Assumptions (every log-linear estimate rests on them): the population is closed (the lists
describe the same set of people, e.g. everyone killed in Almaty on 4-7 January 2022); records are
linked without error; and the chosen model describes how the lists depend on one another, in
particular that the highest-order interaction among all lists is absent, because the data cannot
measure it. Heterogeneity between people is only captured as far as the chosen interactions or
heterogeneity column allow; stratify when capture clearly differs between groups.

The point estimate is the Poisson MLE ``n + exp(b0)`` that Rcapture prints; the interval is the
multinomial profile-likelihood interval of ``closedpCI`` (its maximum, slightly lower, is in
``diagnostics["profile_maximum"]``). Model choice is not part of the interval: the ranked table of
models in ``diagnostics["models"]`` shows how much the answer depends on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import numpy as np
from scipy.stats import norm

from ._base import BaseEstimator
from .bootstrap import ModelFitter, bootstrap_interval
from .closed_models import CLOSED_MODELS, canonical_closed_model, fit_closed_model
from .errors import EstimationError
from .hierarchical import model_from_name
from .histories import CaptureHistories
from .model_fit import LoglinearFit, asymptotic_bias
from .model_search import ModelSearch, fit_hierarchical_model, search_models
from .profile_interval import profile_interval
from .result import Estimate, format_count
from .table_checks import people

__all__ = ["LogLinear", "fit_loglinear"]

TABLE_ROWS = 20
TRAP_RESPONSE_MODELS = ("Mb", "Mbh")
SINGLE_CELL_SHARE = 0.2
INTERVALS = ("profile", "bootstrap")
MAX_LISTS = 15


def fit_loglinear(
    histories: CaptureHistories,
    *,
    model: str | None = None,
    max_order: int = 2,
    criterion: str = "bic",
    interval: str = "profile",
    nboot: int = 1000,
    ntop: int = 20,
    seed: int | None = None,
    level: float = 0.95,
) -> Estimate:
    """Estimate the total with one log-linear model, or the best by ``criterion``.

    Args:
        histories: validated capture histories.
        model: one of Rcapture's closed-population models (``"M0"``, ``"Mt"``, ``"Mh Chao"``,
            ``"Mth Poisson2"`` ..., see :data:`CLOSED_MODELS`), a hierarchical model written as
            Rcapture names them (``"[12,13,4]"``: lists numbered from 1), or ``None`` to choose
            among hierarchical models with interactions up to ``max_order``.
        max_order: highest interaction order searched (2 = pairs); capped at ``J - 1``.
        criterion: ``"bic"`` (Rcapture's closedpMS ranking) or ``"aic"``.
        interval: ``"profile"`` (Rcapture's closedpCI, the chosen model taken as known) or
            ``"bootstrap"`` (BCa over ``nboot`` resamples, the model chosen again in each among
            the ``ntop`` best; see :mod:`.bootstrap`). Seeded by ``seed``.
        level: coverage of the interval.

    Raises:
        EstimationError: the requested model cannot be estimated from this table.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}.")
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS}, not {interval!r}.")
    if histories.n_lists > MAX_LISTS:
        raise ValueError(
            f"Log-linear estimation handles up to {MAX_LISTS} lists (the table has 2**J cells); "
            f"got {histories.n_lists}. Merge small or similar lists first."
        )
    warnings: list[str] = []
    search: ModelSearch | None = None
    if model is None:
        order = min(max_order, histories.n_lists - 1)
        search = search_models(histories, order, criterion)
        chosen, family = search.best, "hierarchical"
        candidates = [
            partial(fit_hierarchical_model, model=model_from_name(fit.model, histories.n_lists))
            for fit in search.fits[:ntop]
        ]
    else:
        chosen, family, refit = _fit_named_model(histories, model)
        candidates = [refit]
    if interval == "profile" or chosen.model in TRAP_RESPONSE_MODELS:
        lower, upper, interval_diagnostics = _interval(chosen, level, warnings)
    else:
        score = (lambda fit: fit.bic) if criterion == "bic" else (lambda fit: fit.aic)
        rng = np.random.default_rng(seed)
        lower, upper, interval_diagnostics = _bootstrap(
            histories, chosen, candidates, score, level, nboot, rng
        )
    diagnostics: dict[str, object] = {
        "family": family,
        "std_error": chosen.std_error,
        "deviance": chosen.deviance,
        "df": chosen.df,
        "AIC": chosen.aic,
        "BIC": chosen.bic,
        "converged": chosen.converged,
        **interval_diagnostics,
    }
    if search is not None:
        diagnostics.update(
            criterion=criterion.upper(),
            search=search.search,
            models_fitted=len(search.fits),
            models_not_estimable=search.skipped,
            models=[fit.as_row() for fit in search.fits[:TABLE_ROWS]],
        )
        warnings += _model_choice_warnings(search)
    warnings += _fit_warnings(chosen)
    if chosen.model not in TRAP_RESPONSE_MODELS:
        warnings += _single_cell_warnings(chosen, histories.n_lists)
    return Estimate(
        n_hat=chosen.n_hat,
        lower=lower,
        upper=upper,
        level=level,
        n_observed=histories.n_observed,
        method="loglinear",
        model=chosen.model,
        diagnostics=diagnostics,
        lists=histories.lists,
        warnings=tuple(warnings),
    )


def _fit_named_model(
    histories: CaptureHistories, model: str
) -> tuple[LoglinearFit, str, ModelFitter]:
    """The fit of a model given by name, its family, and how to refit it to a resample."""
    closed = canonical_closed_model(model)
    if closed is not None:
        refit: ModelFitter = partial(fit_closed_model, model=closed)
        family = "closed population (Rcapture closedp)"
    elif model.strip().startswith("["):
        refit = partial(fit_hierarchical_model, model=model_from_name(model, histories.n_lists))
        family = "hierarchical"
    else:
        raise ValueError(
            f"Unknown log-linear model {model!r}: use one of {list(CLOSED_MODELS)} or a "
            "hierarchical model such as '[12,13,4]'."
        )
    return refit(histories), family, refit


def _interval(
    fit: LoglinearFit, level: float, warnings: list[str]
) -> tuple[float, float, dict[str, object]]:
    """Rcapture's interval for the model: profile likelihood, or Chao's for Mb and Mbh."""
    if fit.model in TRAP_RESPONSE_MODELS:
        lower, upper = _chao_log_interval(fit, level)
        return lower, upper, {"interval": "log-transformed (Chao 1987)"}
    profile = profile_interval(fit, level)
    if profile.lower_at_floor:
        warnings.append(
            "The lower limit is the number observed: the likelihood cannot rule out that "
            "nobody was missed."
        )
    if math.isinf(profile.upper):
        warnings.append(
            "The data put no upper limit on the total under this model (the profile likelihood "
            "never drops far enough); the lists overlap too little."
        )
    details = {
        "interval": "multinomial profile likelihood (Cormack 1992)",
        "profile_maximum": profile.n_max,
    }
    return profile.lower, profile.upper, details


def _bootstrap(
    histories: CaptureHistories,
    chosen: LoglinearFit,
    candidates: list[ModelFitter],
    score: Callable[[LoglinearFit], float],
    level: float,
    resamples: int,
    rng: np.random.Generator,
) -> tuple[float, float, dict[str, object]]:
    """The BCa interval redoing the model choice; the profile interval kept for comparison."""
    profile = profile_interval(chosen, level)
    bootstrap = bootstrap_interval(
        histories,
        candidates,
        score,
        estimate=chosen.n_hat,
        level=level,
        resamples=resamples,
        rng=rng,
    )
    details = {
        "interval": f"BCa bootstrap, model chosen again among the best {len(candidates)}",
        "profile_interval": f"{format_count(profile.lower)} - {format_count(profile.upper)}",
        "bootstrap_resamples": resamples,
        "bootstrap_failures": bootstrap.failed,
        "bootstrap_totals": bootstrap.totals,
    }
    return bootstrap.lower, bootstrap.upper, details


def _chao_log_interval(fit: LoglinearFit, level: float) -> tuple[float, float]:
    """Chao's (1987) interval ``n + (N - n) / C, n + (N - n) C`` for the unobserved count."""
    unobserved = fit.n_hat - fit.n_observed
    if unobserved <= 0:
        raise EstimationError(
            f"Model {fit.model} estimates fewer people ({fit.n_hat:.1f}) than were observed "
            f"({fit.n_observed}).",
            hint="Trap-response models assume ordered capture occasions; lists have no order. "
            "Leave model unset to choose a hierarchical model.",
        )
    z = norm.ppf(0.5 + level / 2.0)
    spread = math.exp(z * math.sqrt(math.log(1.0 + fit.std_error**2 / unobserved**2)))
    return fit.n_observed + unobserved / spread, fit.n_observed + unobserved * spread


def _fit_warnings(fit: LoglinearFit) -> list[str]:
    warnings = []
    if fit.model in TRAP_RESPONSE_MODELS:
        warnings.append(
            f"{fit.model} is a trap-response model for capture occasions in time order; lists "
            "have no order, so it says nothing about people missed by every list."
        )
    if not fit.converged:
        warnings.append(f"The fit of model {fit.model} did not converge; do not use the estimate.")
    bias = asymptotic_bias(fit.design, fit.glm)
    if abs(bias) > 0.1 * fit.n_hat:
        warnings.append(
            f"The asymptotic bias of the estimate is large ({bias:,.0f}, over 10% of it): "
            "the table is too sparse for this model."
        )
    return warnings


def _single_cell_warnings(fit: LoglinearFit, n_lists: int) -> list[str]:
    """Warn when chance in one history's count moves the total by more than a fifth.

    For a Poisson log-linear model the fitted coefficients move with the counts as
    ``d beta / d y_w = (X'WX)^-1 x_w``, so ``d N / d y_w = 1 + exp(b0) [(X'WX)^-1 x_w]_0``. A
    Poisson standard deviation of the count, ``sqrt(y_w)``, times that slope is how far ordinary
    chance in that one cell can push the total: with two lists and an overlap of 9 people, a
    third of it.
    """
    slopes = 1.0 + math.exp(fit.glm.coef[0]) * (fit.design @ fit.glm.cov[0])
    shifts = np.abs(slopes) * np.sqrt(np.maximum(fit.counts, 1.0))
    worst = int(np.argmax(shifts))
    if shifts[worst] <= SINGLE_CELL_SHARE * fit.n_hat:
        return []
    cell = int(fit.cells[worst])
    history = "".join(str(cell >> j & 1) for j in range(n_lists))
    return [
        f"The estimate hinges on the {people(int(fit.counts[worst]))} with history {history}: "
        f"ordinary chance in that one count moves the total by about {shifts[worst]:,.0f} "
        f"({shifts[worst] / fit.n_hat:.0%}). Check their linkage first."
    ]


def _model_choice_warnings(search: ModelSearch) -> list[str]:
    best = search.best
    score = (lambda fit: fit.bic) if search.criterion == "bic" else (lambda fit: fit.aic)
    rivals = [
        fit
        for fit in search.fits[1:]
        if score(fit) - score(best) < 2.0 and abs(fit.n_hat - best.n_hat) > 0.2 * best.n_hat
    ]
    if not rivals:
        return []
    spread = ", ".join(f"{fit.model}: {fit.n_hat:,.0f}" for fit in rivals[:3])
    return [
        f"Other models fit almost as well ({search.criterion.upper()} within 2) but give "
        f"different totals ({spread}); the choice of model is a large part of the uncertainty."
    ]


class LogLinear(BaseEstimator):
    """Log-linear multiple systems estimation (Rcapture's closedp, closedpMS and closedpCI).

    Options are those of :func:`fit_loglinear`. After ``fit``: ``estimate_`` (an
    :class:`Estimate`) and ``histories_``.

    Assumptions: a closed population, error-free linkage, and a model that captures how the lists
    depend on each other, with no interaction among all lists at once.
    """

    def __init__(
        self,
        model: str | None = None,
        max_order: int = 2,
        criterion: str = "bic",
        interval: str = "profile",
        nboot: int = 1000,
        ntop: int = 20,
        seed: int | None = None,
        level: float = 0.95,
    ) -> None:
        self.model = model
        self.max_order = max_order
        self.criterion = criterion
        self.interval = interval
        self.nboot = nboot
        self.ntop = ntop
        self.seed = seed
        self.level = level

    def _fit(self, histories: CaptureHistories) -> Estimate:
        return fit_loglinear(histories, **self.get_params())
