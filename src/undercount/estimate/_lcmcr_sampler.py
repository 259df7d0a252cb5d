"""Compiled Gibbs sampler for the latent-class capture-recapture model (LCMCR).

This is the kernel behind :func:`undercount.estimate.lcmcr.fit_lcmcr`: one chain of the
sampler of Manrique-Vallier (2016), step for step as the R package LCMCR 0.4.14 runs it
(``NPLCM_CR_Basic_Freq.cpp``): on the table of distinct capture patterns, the f_m people
sharing pattern m allocated to classes by one multinomial draw, so that a sweep costs
O(patterns x classes x lists on a pattern) whatever the number of people; Beta and
stick-breaking draws on the log scale; 500 warm-up sweeps without the alpha update, then
classes relabelled by decreasing weight.

Model (J lists, K classes, n observed people, n0 unobserved):
    x_ij | z_i = k ~ Bernoulli(lambda_jk)           lists independent within a class
    lambda_jk ~ Beta(1, 1)
    pi = stick-breaking(V), V_k ~ Beta(1, alpha), V_K = 1
    alpha ~ Gamma(a_alpha, rate=b_alpha)
    p(N) proportional to 1/N, N = n + n0, truncated at N <= 21 n (as in the R package)

Random numbers come from numba's generator, seeded per chain, so a chain is a pure
function of its seed and of the table.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

WARMUP_SWEEPS = 500
"""Sweeps without the alpha update before burn-in, as the R package does on creation."""

TRUNCATION_FACTOR = 20
"""The number unobserved is redrawn while it exceeds this many times the number observed."""

_MAX_REJECTIONS = 1000


@njit(cache=True, nogil=True)
def _draw_multinomial(total: int, weights: np.ndarray, out: np.ndarray) -> None:
    """Write a Multinomial(total, weights / sum(weights)) draw into ``out``.

    Small totals are drawn one person at a time (cheaper than K binomials); large ones by
    sequential conditional binomials.
    """
    n_classes = weights.shape[0]
    out[:] = 0
    if total == 0:
        return
    weight_sum = 0.0
    for k in range(n_classes):
        weight_sum += weights[k]
    if total < n_classes:
        for _ in range(total):
            u = np.random.random() * weight_sum
            k = 0
            cumulative = weights[0]
            while cumulative <= u and k < n_classes - 1:
                k += 1
                cumulative += weights[k]
            out[k] += 1
        return
    remaining = total
    remaining_weight = weight_sum
    for k in range(n_classes - 1):
        if remaining == 0:
            return
        if remaining_weight <= 0.0:
            break
        p = min(1.0, max(0.0, weights[k] / remaining_weight))
        drawn = np.random.binomial(remaining, p)
        out[k] = drawn
        remaining -= drawn
        remaining_weight -= weights[k]
    out[n_classes - 1] += remaining


@njit(cache=True, nogil=True)
def _draw_truncated_negative_binomial(size: int, p_success: float, upper: int) -> int:
    """Failures before ``size`` successes, conditioned on being at most ``upper``.

    The R package redraws until the value falls under the bound. That loop can spin for
    ever when almost nobody is ever listed (p_success near 0), so after a bounded number of
    rejections this falls back to inverting the truncated distribution function exactly.
    """
    if p_success >= 1.0:
        return 0
    if p_success <= 0.0:
        return upper
    for _ in range(_MAX_REJECTIONS):
        draw = np.random.negative_binomial(size, p_success)
        if draw <= upper:
            return draw
    log_p = math.log(p_success)
    log_q = math.log1p(-p_success)
    log_pmf = np.empty(upper + 1)
    for k in range(upper + 1):
        log_pmf[k] = (
            math.lgamma(size + k)
            - math.lgamma(size)
            - math.lgamma(k + 1.0)
            + size * log_p
            + k * log_q
        )
    pmf = np.exp(log_pmf - log_pmf.max())
    u = np.random.random() * pmf.sum()
    cumulative = 0.0
    for k in range(upper + 1):
        cumulative += pmf[k]
        if cumulative >= u:
            return k
    return upper


@njit(cache=True, nogil=True)
def _draw_log_gamma(shape: float) -> float:
    """log of a Gamma(shape, 1) draw, exact even when the draw itself would underflow.

    For shape < 1, Gamma(shape) = Gamma(shape + 1) * U^(1/shape) (Marsaglia & Tsang), taken
    on the log scale: with the tiny concentrations the stick-breaking prior reaches, the
    plain draw rounds to 0 and log(1 - V) would be -inf.
    """
    if shape >= 1.0:
        return math.log(np.random.gamma(shape, 1.0))
    return math.log(np.random.gamma(shape + 1.0, 1.0)) + math.log(1.0 - np.random.random()) / shape


@njit(cache=True, nogil=True)
def _draw_log_beta(a: float, b: float) -> tuple[float, float]:
    """(log V, log(1 - V)) for V ~ Beta(a, b), both accurate when V is near 0 or 1."""
    log_x = _draw_log_gamma(a)
    log_y = _draw_log_gamma(b)
    peak = max(log_x, log_y)
    log_total = peak + math.log(math.exp(log_x - peak) + math.exp(log_y - peak))
    return log_x - log_total, log_y - log_total


@njit(cache=True, nogil=True)
def _update_sticks(class_sizes: np.ndarray, alpha: float, log_pi: np.ndarray) -> float:
    """Draw V_k ~ Beta(1 + n_k, alpha + sum_{l>k} n_l), write log(pi); return log(pi_K).

    log(pi_K) = sum_{k<K} log(1 - V_k) is what the alpha update needs.
    """
    n_classes = class_sizes.shape[0]
    larger = 0.0
    for k in range(n_classes):
        larger += class_sizes[k]
    log_rest = 0.0
    for k in range(n_classes - 1):
        larger -= class_sizes[k]
        log_v, log_one_minus_v = _draw_log_beta(1.0 + class_sizes[k], alpha + larger)
        log_pi[k] = log_rest + log_v
        log_rest += log_one_minus_v
    log_pi[n_classes - 1] = log_rest
    return log_rest


@njit(cache=True, nogil=True)
def _allocate_unobserved(
    n_observed: int,
    log_pi: np.ndarray,
    log_absent: np.ndarray,
    weights: np.ndarray,
    unobserved_by_class: np.ndarray,
) -> int:
    """Draw the number unobserved and their classes; return the number unobserved.

    p0 = sum_k pi_k prod_j (1 - lambda_jk) is the chance of being on no list;
    n0 | rest ~ NegativeBinomial(n, 1 - p0) is the posterior under p(N) proportional to 1/N.
    """
    n_classes = log_pi.shape[0]
    p0 = 0.0
    for k in range(n_classes):
        weights[k] = math.exp(log_pi[k] + log_absent[k])
        p0 += weights[k]
    p0 = min(p0, 1.0)
    n_unobserved = _draw_truncated_negative_binomial(
        n_observed, 1.0 - p0, TRUNCATION_FACTOR * n_observed
    )
    _draw_multinomial(n_unobserved, weights, unobserved_by_class)
    return n_unobserved


@njit(cache=True, nogil=True)
def _update_listing_probabilities(
    listed_by_class: np.ndarray,
    class_sizes: np.ndarray,
    log_odds: np.ndarray,
    log_absent: np.ndarray,
) -> None:
    """Draw lambda_jk ~ Beta(1 + listed, 1 + class size - listed) on the log scale.

    Kept as log(lambda / (1 - lambda)) and log P(on no list | class) = sum_j log(1 - lambda):
    then log P(pattern | class) is log_absent plus the log odds of the lists the pattern is
    on, so a pattern costs as many additions as it has lists, not as there are lists.
    """
    n_lists, n_classes = log_odds.shape
    for k in range(n_classes):
        log_absent[k] = 0.0
        for j in range(n_lists):
            listed = listed_by_class[j, k]
            log_lam, log_not = _draw_log_beta(1.0 + listed, 1.0 + class_sizes[k] - listed)
            log_odds[j, k] = log_lam - log_not
            log_absent[k] += log_not


@njit(cache=True, nogil=True)
def _sort_classes_by_weight(
    log_pi: np.ndarray,
    log_odds: np.ndarray,
    log_absent: np.ndarray,
    unobserved_by_class: np.ndarray,
) -> None:
    """Relabel the classes by decreasing weight, as the R package does after warm-up.

    Labels do not change the model, but stick-breaking is not exchangeable: putting the big
    classes first is the starting point the R sampler continues from.
    """
    order = np.argsort(-log_pi)
    log_pi[:] = log_pi[order]
    log_odds[:, :] = log_odds[:, order]
    log_absent[:] = log_absent[order]
    unobserved_by_class[:] = unobserved_by_class[order]


@njit(cache=True, nogil=True)
def _listed_lists(patterns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lists each pattern is on, as flat indices and per-pattern offsets (CSR layout)."""
    n_patterns, n_lists = patterns.shape
    starts = np.zeros(n_patterns + 1, dtype=np.int64)
    for m in range(n_patterns):
        starts[m + 1] = starts[m]
        for j in range(n_lists):
            starts[m + 1] += patterns[m, j] != 0
    lists = np.empty(starts[n_patterns], dtype=np.int64)
    for m in range(n_patterns):
        position = starts[m]
        for j in range(n_lists):
            if patterns[m, j]:
                lists[position] = j
                position += 1
    return starts, lists


@njit(cache=True, nogil=True)
def run_chain(
    patterns: np.ndarray,
    counts: np.ndarray,
    n_classes: int,
    a_alpha: float,
    b_alpha: float,
    burnin: int,
    samples: int,
    thinning: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run one chain; return the saved draws of N, of alpha and of the occupied classes.

    ``patterns`` is uint8 (m, J) of observed non-zero capture patterns and ``counts`` int64
    (m,) their frequencies. Sweeps: 500 warm-up without the alpha update, ``burnin`` with
    it, then ``samples`` x ``thinning`` saving every ``thinning``-th.
    """
    np.random.seed(seed)
    n_patterns, n_lists = patterns.shape
    n_observed = 0
    for m in range(n_patterns):
        n_observed += counts[m]

    starts, listed_lists = _listed_lists(patterns)
    log_odds = np.empty((n_lists, n_classes))
    log_absent = np.zeros(n_classes)
    for j in range(n_lists):
        # Start every class at the list's observed coverage, kept off 0 and 1.
        listed = 0
        for m in range(n_patterns):
            listed += counts[m] * patterns[m, j]
        coverage = min(max(listed / n_observed, 0.5 / n_observed), 1.0 - 0.5 / n_observed)
        log_odds[j, :] = math.log(coverage) - math.log1p(-coverage)
        log_absent += math.log1p(-coverage)
    log_pi = np.empty(n_classes)
    _update_sticks(np.zeros(n_classes), 1.0, log_pi)
    log_pi_last = log_pi[n_classes - 1]
    alpha = 0.3 / n_classes

    weights = np.empty(n_classes)
    allocation = np.zeros(n_classes, dtype=np.int64)
    listed_by_class = np.zeros((n_lists, n_classes))
    class_sizes = np.zeros(n_classes)
    unobserved_by_class = np.zeros(n_classes, dtype=np.int64)
    n_unobserved = 0

    total_sweeps = WARMUP_SWEEPS + burnin + samples * thinning
    n_draws = np.empty(samples, dtype=np.int64)
    alpha_draws = np.empty(samples)
    occupied_draws = np.empty(samples, dtype=np.int64)
    saved = 0
    for sweep in range(total_sweeps):
        # 1. Classes of the observed, one multinomial per pattern.
        listed_by_class[:, :] = 0.0
        for k in range(n_classes):
            class_sizes[k] = unobserved_by_class[k]
        for m in range(n_patterns):
            peak = -np.inf
            for k in range(n_classes):
                lp = log_pi[k] + log_absent[k]
                for t in range(starts[m], starts[m + 1]):
                    lp += log_odds[listed_lists[t], k]
                weights[k] = lp
                peak = max(peak, lp)
            for k in range(n_classes):
                weights[k] = math.exp(weights[k] - peak)
            _draw_multinomial(counts[m], weights, allocation)
            for k in range(n_classes):
                if allocation[k] == 0:
                    continue
                class_sizes[k] += allocation[k]
                for t in range(starts[m], starts[m + 1]):
                    listed_by_class[listed_lists[t], k] += allocation[k]
        # 2. Listing probabilities; the unobserved count as absent from every list.
        _update_listing_probabilities(listed_by_class, class_sizes, log_odds, log_absent)
        # 3. Class weights.
        log_pi_last = _update_sticks(class_sizes, alpha, log_pi)
        # 4-6. The unobserved: how many and in which classes.
        n_unobserved = _allocate_unobserved(
            n_observed, log_pi, log_absent, weights, unobserved_by_class
        )
        if sweep == WARMUP_SWEEPS - 1:
            _sort_classes_by_weight(log_pi, log_odds, log_absent, unobserved_by_class)
        # 7. Concentration of the stick-breaking prior.
        if sweep >= WARMUP_SWEEPS:
            rate = b_alpha - log_pi_last
            alpha = np.random.gamma(a_alpha + n_classes - 1.0, 1.0 / rate)
        kept = sweep - WARMUP_SWEEPS - burnin
        if kept >= 0 and (kept + 1) % thinning == 0:
            n_draws[saved] = n_observed + n_unobserved
            alpha_draws[saved] = alpha
            occupied = 0
            for k in range(n_classes):
                occupied += class_sizes[k] > 0
            occupied_draws[saved] = occupied
            saved += 1
    return n_draws, alpha_draws, occupied_draws
