"""Log-linear estimates against numbers Rcapture, MultipleSystemsEstimation and papers printed.

Data, sources and tolerances: ``tests/reference/README.md`` and the ``*_loglinear.json`` files.
"""

from __future__ import annotations

import math

import pytest
from estimate_tables import loglinear_reference

from undercount.estimate import EstimationError, estimate

REFERENCES = [
    loglinear_reference("rcapture_loglinear.json"),
    loglinear_reference("multiplesystems_loglinear.json"),
]
CASES = [(reference, case) for reference in REFERENCES for case in reference["cases"]]


def _case_id(pair: tuple[dict, dict]) -> str:
    case = pair[1]
    return f"{case['dataset']}:{case['model'] or 'search'}"


def _decimals(value: float | int) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


@pytest.mark.parametrize("pair", CASES, ids=[_case_id(pair) for pair in CASES])
def test_matches_the_published_output(pair: tuple[dict, dict]) -> None:
    reference, case = pair
    histories = reference["datasets"][case["dataset"]]["histories"]
    options = {} if case["model"] is None else {"model": case["model"]}
    if case["expected"] == "refused":
        with pytest.raises(EstimationError, match="cannot estimate the number of people"):
            estimate(histories, method="loglinear", **options)
        return
    result = estimate(histories, method="loglinear", **options)
    computed = {
        "model": result.model,
        "abundance": result.n_hat,
        "stderr": result.diagnostics["std_error"],
        "deviance": result.diagnostics["deviance"],
        "df": result.diagnostics["df"],
        "AIC": result.diagnostics["AIC"],
        "BIC": result.diagnostics["BIC"],
        "InfCL": result.lower,
        "SupCL": result.upper,
    }
    for name, expected in case["expected"].items():
        if name in ("df", "model"):
            assert computed[name] == expected, name
        else:
            tolerance = 0.5 * 10.0 ** -_decimals(expected) + 1e-9
            assert math.isclose(computed[name], expected, abs_tol=tolerance), (
                f"{name}: computed {computed[name]}, published {expected}"
            )


@pytest.mark.parametrize("reference", REFERENCES, ids=["rcapture", "multiplesystems"])
def test_every_published_table_is_used(reference: dict) -> None:
    assert {case["dataset"] for case in reference["cases"]} == set(reference["datasets"])


BOOTSTRAP_CASES = REFERENCES[1]["bootstrap_cases"]


@pytest.mark.parametrize("case", BOOTSTRAP_CASES, ids=[c["dataset"] for c in BOOTSTRAP_CASES])
def test_bootstrap_with_model_choice_matches_the_published_interval(case: dict) -> None:
    histories = REFERENCES[1]["datasets"][case["dataset"]]["histories"]
    result = estimate(histories, method="loglinear", seed=2024, **case["options"])
    computed = {"InfCL": result.lower, "SupCL": result.upper}
    for name, expected in case["expected"].items():
        assert abs(computed[name] - expected) <= case["tolerance"][name], (name, computed[name])
