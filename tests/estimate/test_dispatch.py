"""estimate(): one entry point, options routed to the method that takes them."""

from __future__ import annotations

import pytest
from estimate_tables import DIABETES

import undercount.estimate as estimate_package
from undercount.estimate import Estimate, estimate


def _fake_fit(name: str):
    def fit(histories, *, level: float = 0.95, seed: int | None = None, K: int = 10) -> Estimate:
        return Estimate(
            n_hat=float(K),
            lower=0.0,
            upper=1.0,
            level=level,
            n_observed=histories.n_observed,
            method=name,
            model=f"seed={seed}",
        )

    return fit


def test_loglinear_is_deterministic_and_ignores_no_option() -> None:
    first = estimate(DIABETES, method="loglinear", seed=1)
    assert first.n_hat == estimate(DIABETES, method="loglinear", seed=2).n_hat
    with pytest.raises(ValueError, match=r"Unknown option\(s\) \['K'\].*max_order"):
        estimate(DIABETES, method="loglinear", K=10)


@pytest.mark.parametrize(
    ("description", "arguments", "message"),
    [
        ("unknown method", {"method": "petersen"}, "Unknown method 'petersen'"),
        ("level above one", {"method": "loglinear", "level": 95}, "level must be between"),
        ("level of zero", {"method": "loglinear", "level": 0.0}, "level must be between"),
    ],
)
def test_bad_arguments_are_refused(description: str, arguments: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate(DIABETES, **arguments)


def test_all_runs_every_method_with_the_options_each_takes(monkeypatch) -> None:
    real = estimate_package._fitter
    monkeypatch.setattr(
        estimate_package,
        "_fitter",
        lambda method: real(method) if method == "loglinear" else _fake_fit(method),
    )
    results = estimate(DIABETES, method="all", seed=5, level=0.8, K=7, max_order=1)
    assert set(results) == {"loglinear", "lcmcr", "dga"}
    assert results["lcmcr"].n_hat == 7.0 and results["lcmcr"].model == "seed=5"
    assert results["loglinear"].model == "[1,2,3,4]"  # max_order=1 reached it
    assert all(result.level == 0.8 for result in results.values())
    with pytest.raises(ValueError, match="No method takes"):
        estimate(DIABETES, method="all", tolerance=3)


def test_all_leaves_out_dga_beyond_five_lists(monkeypatch) -> None:
    monkeypatch.setattr(estimate_package, "_fitter", _fake_fit)
    six_lists = {"110000": 5, "011000": 4, "000011": 3, "100001": 6, "001100": 2}
    assert set(estimate(six_lists, method="all")) == {"loglinear", "lcmcr"}
