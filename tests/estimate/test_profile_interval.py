"""The profile-likelihood interval and the pieces it is built from."""

from __future__ import annotations

import math

import numpy as np
import pytest
from estimate_tables import CORMACK_3B

from undercount.estimate import CaptureHistories
from undercount.estimate._glm import fit_poisson
from undercount.estimate.closed_models import fit_closed_model
from undercount.estimate.profile_interval import cormack_correction, profile_interval


@pytest.mark.parametrize(("total", "missing"), [(150.0, 30.0), (2500.0, 700.5), (1e5, 2e4)])
def test_cormack_correction_agrees_with_rcapture_stirling_form(
    total: float, missing: float
) -> None:
    stirling = missing - total - 0.5 * math.log(missing / total)  # Rcapture, N > 100
    assert math.isclose(cormack_correction(total, missing), stirling, abs_tol=1 / (12 * missing))


def test_a_saturated_poisson_model_reproduces_the_counts() -> None:
    counts = np.array([3.0, 0.0, 12.0, 7.0])
    fit = fit_poisson(np.eye(4), counts)
    assert fit.converged and fit.deviance == pytest.approx(0.0, abs=1e-6)
    assert np.allclose(fit.fitted[[0, 2, 3]], counts[[0, 2, 3]], rtol=1e-6)


def test_interval_brackets_the_multinomial_maximum_below_the_poisson_estimate() -> None:
    fit = fit_closed_model(CaptureHistories.from_input(CORMACK_3B), "Mt")
    interval = profile_interval(fit, 0.95)
    narrower = profile_interval(fit, 0.80)
    assert interval.lower < interval.n_max < interval.upper
    assert interval.n_max < fit.n_hat  # multinomial maximum below the Poisson estimate
    assert interval.lower < narrower.lower < narrower.upper < interval.upper
