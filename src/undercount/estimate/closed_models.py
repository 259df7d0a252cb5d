"""Rcapture's closed-population menu: M0, Mt, Mh, Mth (four heterogeneity forms), Mb and Mbh.

These are the twelve models ``closedp.t`` fits (Otis et al. 1978 in the log-linear form of Cormack
1989 and Rivest & Lévesque 2001). Each is a design matrix over the ``2**J - 1`` observable
histories:

- ``M0``: equal capture probabilities; one column, the number of lists a person is on.
- ``Mt``: one main effect per list (list independence).
- ``Mh``/``Mth`` + heterogeneity: a function of the number of lists ``k`` added to M0/Mt, for
  people who differ in how "listable" they are: Chao's lower bound (columns
  ``max(k - j + 1, 0)``, ``j = 3..J``, negative parameters removed), Poisson2 (``2**k - 1``),
  Darroch (``k**2 / 2``) and Gamma3.5 (``log 3.5 - log(3.5 + k)``).
- ``Mb``/``Mbh``: trap response, for occasions in time order. Lists are not ordered, so these mean
  nothing in multiple systems estimation; they are here to match Rcapture, never chosen by default.

The heterogeneity models need 3 lists or more; with 2 lists only M0, Mt and Mb exist.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from ._glm import PoissonFit
from .errors import EstimationError
from .histories import CaptureHistories
from .identifiability import mle_exists
from .model_fit import LoglinearFit, fit_design, intercept_abundance, popcount

__all__ = ["CLOSED_MODELS", "canonical_closed_model", "fit_closed_model"]

CLOSED_MODELS = (
    "M0",
    "Mt",
    "Mh Chao",
    "Mh Poisson2",
    "Mh Darroch",
    "Mh Gamma3.5",
    "Mth Chao",
    "Mth Poisson2",
    "Mth Darroch",
    "Mth Gamma3.5",
    "Mb",
    "Mbh",
)
TWO_LIST_MODELS = ("M0", "Mt", "Mb")
_ALIASES = {"chao (lb)": "chao", "lb": "chao", "poisson": "poisson2", "gamma": "gamma3.5"}


def canonical_closed_model(name: str) -> str | None:
    """The canonical spelling of a closed-population model name, or ``None`` if it is not one.

    Case and spacing do not matter; ``"Mh Chao (LB)"``, ``"Mth LB"``, ``"Mh Poisson"`` and
    ``"Mh Gamma"`` are accepted as Rcapture writes them.
    """
    words = name.strip().split(maxsplit=1)
    if not words:
        return None
    base = words[0].lower()
    heterogeneity = _ALIASES.get(words[1].lower(), words[1].lower()) if len(words) > 1 else ""
    for model in CLOSED_MODELS:
        parts = model.split(maxsplit=1)
        if (
            parts[0].lower() == base
            and (parts[1].lower() if len(parts) > 1 else "") == heterogeneity
        ):
            return model
    return None


def fit_closed_model(histories: CaptureHistories, model: str) -> LoglinearFit:
    """Fit one of :data:`CLOSED_MODELS` to all ``2**J - 1`` observable cells.

    Raises:
        EstimationError: a heterogeneity model with fewer than 3 lists, or no MLE.
    """
    lists = histories.n_lists
    if lists < 3 and model not in TWO_LIST_MODELS:
        raise EstimationError(
            f"Model {model} needs at least 3 lists; with {lists} only {', '.join(TWO_LIST_MODELS)} "
            "can be fitted.",
            hint="Add a list, or use model='Mt'.",
        )
    cells = np.arange(1, 1 << lists, dtype=np.int64)
    counts = histories.full_table()[1:].astype(np.float64)
    bits = ((cells[:, None] >> np.arange(lists)) & 1).astype(np.float64)
    captures = popcount(cells).astype(np.float64)
    base, _, heterogeneity = model.partition(" ")
    intercept = np.ones((len(cells), 1))
    if base in ("M0", "Mh"):
        columns = [intercept, captures[:, None]]
    elif base in ("Mt", "Mth"):
        columns = [intercept, bits]
    else:
        columns = [intercept, *_behaviour_columns(bits, captures, with_first=base == "Mbh")]
    eta_start = None
    if heterogeneity:
        eta_start = sum(column.shape[1] for column in columns) if heterogeneity == "Chao" else None
        columns.append(_heterogeneity_columns(heterogeneity, captures, lists))
    design = np.hstack(columns)
    if not mle_exists(design, counts):
        raise EstimationError(
            f"Model {model} has no maximum-likelihood estimate for this table: some lists or "
            "combinations of lists have no one where the model needs counts.",
            hint="Check for empty lists, or use a hierarchical model (leave model unset).",
        )
    abundance = intercept_abundance
    if base in ("Mb", "Mbh"):
        abundance = partial(_mb_abundance if base == "Mb" else _mbh_abundance, lists=lists)
    return fit_design(
        model,
        cells,
        counts,
        design,
        n_cells_total=len(cells),
        eta_start=eta_start,
        abundance=abundance,
    )


def _heterogeneity_columns(kind: str, captures: np.ndarray, lists: int) -> np.ndarray:
    if kind == "Chao":
        return np.column_stack([np.maximum(captures - j + 1, 0.0) for j in range(3, lists + 1)])
    if kind == "Poisson2":
        return (2.0**captures - 1.0)[:, None]
    if kind == "Darroch":
        return (captures**2 / 2.0)[:, None]
    return (math.log(3.5) - np.log(3.5 + captures))[:, None]


def _behaviour_columns(
    bits: np.ndarray, captures: np.ndarray, *, with_first: bool
) -> list[np.ndarray]:
    """Occasions before the first capture, and captures after it (plus "missed on list 1")."""
    before_first = np.argmax(bits > 0, axis=1).astype(np.float64)
    columns = [before_first[:, None], (captures - 1.0)[:, None]]
    if with_first:
        columns.insert(0, (1.0 - bits[:, 0])[:, None])
    return columns


def _mb_abundance(glm: PoissonFit, n_observed: int, *, lists: int) -> tuple[float, float]:
    """Mb: ``N = e^b0 (1 + e^b2)^t / (1 + e^b2 - e^b1)``, s.e. by the delta method as Rcapture."""
    b0, b1, b2 = glm.coef[:3]
    denominator = 1.0 + math.exp(b2) - math.exp(b1)
    n_hat = math.exp(b0) * (1.0 + math.exp(b2)) ** lists / denominator
    gradient = n_hat * np.array(
        [
            1.0,
            math.exp(b1) / denominator,
            lists * math.exp(b2) / (1.0 + math.exp(b2)) - math.exp(b2) / denominator,
        ]
    )
    return n_hat, _delta_std_error(gradient, glm.cov[:3, :3], n_hat)


def _mbh_abundance(glm: PoissonFit, n_observed: int, *, lists: int) -> tuple[float, float]:
    """Mbh, with Rcapture's gradient (its ``b3`` term omits the ``1 + R`` factor; kept to match)."""
    b0, b1, b2, b3 = glm.coef[:4]
    denominator = 1.0 + math.exp(b3) - math.exp(b2)
    ratio = math.exp(b1 + b2) / denominator
    scale = math.exp(b0) * (1.0 + math.exp(b3)) ** (lists - 1)
    n_hat = scale * (1.0 + ratio)
    gradient = scale * np.array(
        [
            1.0 + ratio,
            ratio,
            ratio + math.exp(b1 + 2 * b2) / denominator**2,
            (lists - 1) * math.exp(b3) / (1.0 + math.exp(b3))
            - math.exp(b1 + b2 + b3) / denominator**2,
        ]
    )
    return n_hat, _delta_std_error(gradient, glm.cov[:4, :4], n_hat)


def _delta_std_error(gradient: np.ndarray, cov: np.ndarray, n_hat: float) -> float:
    """Rcapture's ``sqrt(v' V v - N)`` for the trap-response models."""
    return math.sqrt(max(float(gradient @ cov @ gradient) - n_hat, 0.0))
