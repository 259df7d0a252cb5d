"""Tables drawn from a log-linear model with a known total, shared by tests and benchmarks."""

from __future__ import annotations

import numpy as np


def simulate_table(
    rng: np.random.Generator,
    total: int,
    main_effects: list[float],
    interactions: dict[tuple[int, int], float],
) -> dict[str, int]:
    """Multinomial counts of ``total`` people over the ``2**J`` histories, unobserved dropped.

    ``P(x)`` is proportional to ``exp(sum_j main_j x_j + sum_(i,j) gamma_ij x_i x_j)``: the
    hierarchical log-linear model whose only interactions are ``interactions``.
    """
    n_lists = len(main_effects)
    cells = np.arange(1 << n_lists)
    bits = (cells[:, None] >> np.arange(n_lists)) & 1
    log_weight = bits @ np.asarray(main_effects, dtype=float)
    for (i, j), gamma in interactions.items():
        log_weight = log_weight + gamma * bits[:, i] * bits[:, j]
    probabilities = np.exp(log_weight - log_weight.max())
    counts = rng.multinomial(total, probabilities / probabilities.sum())
    return {
        "".join(str(b) for b in bits[cell]): int(counts[cell])
        for cell in cells[1:]
        if counts[cell] > 0
    }
