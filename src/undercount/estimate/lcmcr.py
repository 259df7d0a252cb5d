"""LCMCR: Bayesian non-parametric latent-class capture-recapture (Manrique-Vallier 2016).

People differ in how likely they are to be listed, and lists can favour the same people.
LCMCR models that heterogeneity as a mixture of up to ``K`` latent classes: within a class
the lists are independent, and the class weights follow a truncated Dirichlet process
(stick-breaking with concentration ``alpha``), so the data decide how many classes matter.
The posterior of the number on no list comes from a Gibbs sampler that augments the
unobserved people; this module runs several chains of the compiled kernel in
:mod:`._lcmcr_sampler`, pools their draws of N and says whether they agree.

Assumptions: a closed population; people are listed independently of each other; a person's
listings are independent given the class; the ``K`` classes are enough to describe how
listing probability varies (``K = 10`` is the R package's usual choice). Priors as in R
LCMCR 0.4.14: lambda ~ Beta(1, 1), alpha ~ Gamma(a_alpha, b_alpha), p(N) proportional to
1/N, and N <= 21 n.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from scipy import special, stats

from ._base import BaseEstimator
from ._lcmcr_sampler import TRUNCATION_FACTOR, run_chain
from .histories import CaptureHistories
from .result import Estimate

__all__ = ["LCMCR", "effective_sample_size", "fit_lcmcr", "split_rhat"]

RHAT_WARNING = 1.05
"""Chains whose rank-normalised split R-hat exceeds this are reported as disagreeing."""

MIN_ESS = 400
"""Fewer effective draws than this make the interval ends unreliable (Vehtari et al. 2021)."""

MIN_SPREAD = 5
"""Posteriors of N narrower than this many people get no convergence warnings (see _warnings)."""

NEAR_BOUND, NEAR_BOUND_SHARE = 0.9, 0.01
"""Warn when over 1 % of the draws lie above 90 % of the truncation bound N <= 21 n."""


def fit_lcmcr(
    histories: CaptureHistories,
    *,
    K: int = 10,
    a_alpha: float = 0.25,
    b_alpha: float = 0.25,
    burnin: int = 10000,
    samples: int = 1000,
    thinning: int = 10,
    chains: int = 4,
    seed: int | None = None,
    level: float = 0.95,
) -> Estimate:
    """Estimate the population size with the LCMCR Gibbs sampler.

    Every chain runs 500 warm-up sweeps (alpha fixed), ``burnin`` sweeps, then keeps every
    ``thinning``-th of ``samples * thinning`` sweeps. Chains start from independent seeds
    spawned from one ``numpy.random.SeedSequence(seed)``, so the result is a pure function of
    the table and ``seed``; with ``seed=None`` the entropy used is kept in
    ``diagnostics["seed"]`` so the run can be repeated. ``n_hat`` is the posterior median of
    the pooled draws, the interval is equal-tailed.
    """
    _check_options(K, a_alpha, b_alpha, burnin, samples, thinning, chains, level)
    seed_sequence = np.random.SeedSequence(seed)
    chain_seeds = [int(child.generate_state(1)[0]) for child in seed_sequence.spawn(chains)]
    patterns = np.ascontiguousarray(histories.patterns, dtype=np.uint8)
    counts = np.ascontiguousarray(histories.counts, dtype=np.int64)

    def run(chain_seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Plain int and float arguments: numba compiles (and caches) one signature only.
        return run_chain(
            patterns,
            counts,
            int(K),
            float(a_alpha),
            float(b_alpha),
            int(burnin),
            int(samples),
            int(thinning),
            chain_seed,
        )

    with ThreadPoolExecutor(max_workers=min(chains, os.cpu_count() or 1)) as pool:
        outputs = list(pool.map(run, chain_seeds))
    draws_by_chain = np.stack([output[0] for output in outputs])
    alpha_draws = np.stack([output[1] for output in outputs])
    occupied_draws = np.stack([output[2] for output in outputs])

    pooled = draws_by_chain.ravel()
    tail = (1.0 - level) / 2.0
    lower, n_hat, upper = np.quantile(pooled, [tail, 0.5, 1.0 - tail])
    rhat = split_rhat(draws_by_chain)
    ess_bulk, ess_tail = effective_sample_size(draws_by_chain)
    n_observed = histories.n_observed
    bound = (TRUNCATION_FACTOR + 1) * n_observed
    diagnostics: dict[str, Any] = {
        "chains": chains,
        "draws_per_chain": samples,
        "r_hat": rhat,
        "ess_bulk": ess_bulk,
        "ess_tail": ess_tail,
        "seed": seed_sequence.entropy,
        "mean_alpha": float(alpha_draws.mean()),
        "mean_occupied_classes": float(occupied_draws.mean()),
        "truncation_bound": bound,
        "per_chain": _per_chain_table(draws_by_chain, tail),
        "draws_by_chain": draws_by_chain,
    }
    warnings = _warnings(histories, draws_by_chain, rhat, ess_bulk, bound)
    return Estimate(
        n_hat=float(n_hat),
        lower=float(lower),
        upper=float(upper),
        level=level,
        n_observed=n_observed,
        method="lcmcr",
        model=f"latent classes, K*={K}",
        draws=pooled,
        diagnostics=diagnostics,
        lists=histories.lists,
        warnings=tuple(warnings),
    )


class LCMCR(BaseEstimator):
    """Latent-class capture-recapture as an estimator object.

    ``LCMCR(K=10, seed=1).fit({"100": 20, ...}).conf_int()``. Options and assumptions as in
    :func:`fit_lcmcr`; after ``fit``, ``estimate_`` holds the :class:`Estimate` and
    ``draws_`` the pooled posterior draws of N.
    """

    def __init__(
        self,
        K: int = 10,
        a_alpha: float = 0.25,
        b_alpha: float = 0.25,
        burnin: int = 10000,
        samples: int = 1000,
        thinning: int = 10,
        chains: int = 4,
        seed: int | None = None,
        level: float = 0.95,
    ) -> None:
        self.K = K
        self.a_alpha = a_alpha
        self.b_alpha = b_alpha
        self.burnin = burnin
        self.samples = samples
        self.thinning = thinning
        self.chains = chains
        self.seed = seed
        self.level = level

    def _fit(self, histories: CaptureHistories) -> Estimate:
        estimate = fit_lcmcr(histories, **self.get_params())
        self.draws_ = estimate.draws
        return estimate


def split_rhat(draws_by_chain: np.ndarray) -> float:
    """Rank-normalised split R-hat (Vehtari, Gelman, Simpson, Carpenter & Buerkner 2021).

    The larger of the bulk value (ranks of the draws) and the tail value (ranks of their
    distance from the median), so that chains differing in location or in spread both show.
    1.0 means the chains agree; NaN when every draw is the same.
    """
    split = _split_chains(np.asarray(draws_by_chain, dtype=np.float64))
    if np.ptp(split) == 0:
        return math.nan
    folded = np.abs(split - np.median(split))
    return max(_basic_rhat(_rank_normalise(split)), _basic_rhat(_rank_normalise(folded)))


def effective_sample_size(draws_by_chain: np.ndarray) -> tuple[float, float]:
    """Bulk and tail effective sample sizes of rank-normalised split chains.

    Bulk ESS tells how precisely the median is known; tail ESS is the smaller ESS of the
    indicators of the 5 % and 95 % quantiles, which limits the interval ends. Autocorrelations
    are combined by Geyer's initial monotone sequence.
    """
    split = _split_chains(np.asarray(draws_by_chain, dtype=np.float64))
    if np.ptp(split) == 0:
        return math.nan, math.nan
    bulk = _ess(_rank_normalise(split))
    q05, q95 = np.quantile(split, [0.05, 0.95])
    tails = [_ess((split <= q05).astype(float)), _ess((split >= q95).astype(float))]
    return bulk, min(tails)


def _split_chains(draws: np.ndarray) -> np.ndarray:
    half = draws.shape[1] // 2
    return np.concatenate([draws[:, :half], draws[:, draws.shape[1] - half :]])


def _rank_normalise(draws: np.ndarray) -> np.ndarray:
    ranks = stats.rankdata(draws, method="average").reshape(draws.shape)
    return special.ndtri((ranks - 0.375) / (draws.size + 0.25))


def _basic_rhat(draws: np.ndarray) -> float:
    n = draws.shape[1]
    within = draws.var(axis=1, ddof=1).mean()
    between = n * draws.mean(axis=1).var(ddof=1)
    if within == 0:
        return math.nan if between == 0 else math.inf
    return float(math.sqrt(((n - 1) / n * within + between / n) / within))


def _ess(draws: np.ndarray) -> float:
    n_chains, n = draws.shape
    if np.ptp(draws) == 0:
        return math.nan
    centred = draws - draws.mean(axis=1, keepdims=True)
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, n=size, axis=1)
    autocov = np.fft.irfft(spectrum * np.conj(spectrum), n=size, axis=1)[:, :n] / n
    mean_var = autocov[:, 0].mean() * n / (n - 1)
    var_plus = mean_var * (n - 1) / n
    if n_chains > 1:
        var_plus += draws.mean(axis=1).var(ddof=1)
    rho = 1.0 - (mean_var - autocov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    pair_sums = rho[: n - n % 2].reshape(-1, 2).sum(axis=1)
    positive = np.flatnonzero(pair_sums <= 0)
    pair_sums = pair_sums[: positive[0] if len(positive) else len(pair_sums)]
    monotone = np.minimum.accumulate(pair_sums)
    tau = max(-1.0 + 2.0 * monotone.sum(), 1.0 / math.log10(n_chains * n))
    return float(n_chains * n / tau)


def _per_chain_table(draws_by_chain: np.ndarray, tail: float) -> list[dict[str, Any]]:
    """Each chain's median and interval: the first place to look when R-hat is high."""
    return [
        {
            "chain": index + 1,
            "median": float(np.median(chain)),
            "lower": float(np.quantile(chain, tail)),
            "upper": float(np.quantile(chain, 1.0 - tail)),
        }
        for index, chain in enumerate(draws_by_chain)
    ]


def _warnings(
    histories: CaptureHistories,
    draws_by_chain: np.ndarray,
    rhat: float,
    ess_bulk: float,
    bound: int,
) -> list[str]:
    warnings = []
    near_bound = float(np.mean(draws_by_chain > NEAR_BOUND * bound))
    if near_bound > NEAR_BOUND_SHARE:
        warnings.append(
            f"{near_bound:.1%} of the draws of N lie near the sampler's bound N <= {bound:,} "
            "(21 times the observed): the data barely bound the total, so the upper limit "
            "reflects the bound, not the data."
        )
    if histories.n_lists < 3:
        warnings.append(
            f"Only {histories.n_lists} lists: a latent-class model is not identified from "
            "fewer than 3, so the estimate mostly reflects the prior. Add a list."
        )
    pooled_spread = float(np.ptp(np.quantile(draws_by_chain, [0.025, 0.975])))
    if pooled_spread < MIN_SPREAD:
        # Nearly every draw is the same few values: ranks are mostly ties, so R-hat and ESS
        # measure nothing, and the interval is already as precise as a head count can be.
        return warnings
    if rhat > RHAT_WARNING:
        medians = ", ".join(f"{np.median(chain):,.0f}" for chain in draws_by_chain)
        warnings.append(
            f"The chains disagree (R-hat {rhat:.2f} > {RHAT_WARNING}; chain medians {medians}): "
            "the posterior may have several modes. Run longer (burnin, samples) or more chains "
            "and compare; do not report this estimate as it stands."
        )
    if ess_bulk < MIN_ESS:
        warnings.append(
            f"Only {ess_bulk:,.0f} effective draws of N (fewer than {MIN_ESS}): the interval ends "
            "are imprecise. Increase samples or thinning."
        )
    return warnings


def _check_options(
    K: int,
    a_alpha: float,
    b_alpha: float,
    burnin: int,
    samples: int,
    thinning: int,
    chains: int,
    level: float,
) -> None:
    whole = {"K": (K, 1), "burnin": (burnin, 0), "samples": (samples, 4), "thinning": (thinning, 1)}
    whole["chains"] = (chains, 1)
    for name, (value, least) in whole.items():
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < least:
            raise ValueError(f"{name} must be a whole number of at least {least}, not {value!r}.")
    for name, value in {"a_alpha": a_alpha, "b_alpha": b_alpha}.items():
        if not value > 0:
            raise ValueError(f"{name} must be positive, not {value!r}.")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}.")
