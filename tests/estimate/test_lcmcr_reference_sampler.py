"""The compiled LCMCR sampler against a plain per-person Gibbs sampler written from the model.

The compiled kernel works on the table of distinct histories, draws on the log scale and
relabels classes after warm-up; the reference below does none of that: it gives every person a
class, draws every Beta with numpy and keeps pi on the natural scale. Both target the same
posterior, so their quantiles of N must agree to Monte Carlo error.
"""

from __future__ import annotations

import numpy as np

from undercount.estimate import CaptureHistories
from undercount.estimate.lcmcr import fit_lcmcr

WARMUP = 500


def per_person_lcmcr(
    listed: np.ndarray, n_classes: int, sweeps: int, burnin: int, rng: np.random.Generator
) -> np.ndarray:
    """Draws of N from the textbook data-augmentation Gibbs sampler (Manrique-Vallier 2016)."""
    n = listed.shape[0]
    a_alpha = b_alpha = 0.25
    lam = np.tile(listed.mean(axis=0)[:, None], (1, n_classes))
    sticks = np.append(rng.beta(1.0, 1.0, n_classes - 1), 1.0)
    pi = sticks * np.concatenate([[1.0], np.cumprod(1.0 - sticks[:-1])])
    alpha = 0.3 / n_classes
    unobserved_classes = np.zeros(0, dtype=int)
    draws = []
    for sweep in range(sweeps):
        with np.errstate(divide="ignore"):
            log_p = np.log(pi) + listed @ np.log(lam) + (1 - listed) @ np.log1p(-lam)
        p = np.exp(log_p - log_p.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        classes = (p.cumsum(axis=1) > rng.random((n, 1))).argmax(axis=1)
        size = np.bincount(classes, minlength=n_classes) + np.bincount(
            unobserved_classes, minlength=n_classes
        )
        on_list = np.stack(
            [np.bincount(classes, weights=column, minlength=n_classes) for column in listed.T]
        )
        lam = rng.beta(1.0 + on_list, 1.0 + size - on_list)
        larger = size[::-1].cumsum()[::-1] - size
        # An empty class with a tiny alpha draws V = 1.0 in floating point; keep pi positive.
        breaks = np.minimum(rng.beta(1.0 + size[:-1], alpha + larger[:-1]), 1.0 - 1e-12)
        sticks = np.append(breaks, 1.0)
        pi = sticks * np.concatenate([[1.0], np.cumprod(1.0 - sticks[:-1])])
        absent = pi * np.prod(1.0 - lam, axis=0)
        n_unobserved = 20 * n + 1
        while n_unobserved > 20 * n:
            n_unobserved = rng.negative_binomial(n, 1.0 - absent.sum())
        unobserved_classes = rng.choice(n_classes, size=n_unobserved, p=absent / absent.sum())
        if sweep >= WARMUP:
            alpha = rng.gamma(a_alpha + n_classes - 1.0, 1.0 / (b_alpha - np.log(pi[-1])))
        if sweep >= burnin:
            draws.append(n + n_unobserved)
    return np.array(draws)


def test_compiled_sampler_agrees_with_a_per_person_sampler() -> None:
    rng = np.random.default_rng(5)
    design = [(300, [0.2, 0.25, 0.15, 0.3]), (100, [0.7, 0.6, 0.8, 0.5])]
    listed = np.concatenate([rng.random((size, 4)) < p for size, p in design]).astype(int)
    listed = listed[listed.any(axis=1)]
    keys, counts = np.unique(listed, axis=0, return_counts=True)
    histories = CaptureHistories.from_input(
        {"".join(map(str, key)): int(count) for key, count in zip(keys, counts, strict=True)}
    )
    reference = per_person_lcmcr(listed, 10, sweeps=4500, burnin=1500, rng=np.random.default_rng(1))
    compiled = fit_lcmcr(histories, burnin=2000, samples=4000, thinning=5, seed=1).draws
    levels = [0.1, 0.5, 0.9]
    np.testing.assert_allclose(
        np.quantile(compiled, levels), np.quantile(reference, levels), rtol=0.02
    )
