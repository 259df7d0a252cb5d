"""Log-linear estimates against the numbers Rcapture and the papers it reproduces printed.

Data, sources and tolerances: ``tests/reference/README.md`` and ``rcapture_loglinear.json``.
"""

from __future__ import annotations

import math

import pytest
from estimate_tables import rcapture_histories, rcapture_reference

from undercount.estimate import EstimationError, estimate

REFERENCE = rcapture_reference()


def _case_id(case: dict) -> str:
    return f"{case['dataset']}:{case['model']}"


def _decimals(value: float | int) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def _histories(dataset: str) -> dict[str, int]:
    data = REFERENCE["datasets"][dataset]
    return rcapture_histories(data["lists"], data["histpos_counts"])


@pytest.mark.parametrize("case", REFERENCE["cases"], ids=_case_id)
def test_matches_the_published_rcapture_output(case: dict) -> None:
    histories = _histories(case["dataset"])
    if case["expected"] == "refused":
        with pytest.raises(EstimationError, match="cannot estimate the number of people"):
            estimate(histories, method="loglinear", model=case["model"])
        return
    result = estimate(histories, method="loglinear", model=case["model"])
    computed = {
        "abundance": result.n_hat,
        "stderr": result.diagnostics["std_error"],
        "deviance": result.diagnostics["deviance"],
        "df": result.diagnostics["df"],
        "AIC": result.diagnostics["AIC"],
        "InfCL": result.lower,
        "SupCL": result.upper,
    }
    for name, expected in case["expected"].items():
        if name == "df":
            assert computed[name] == expected, name
        else:
            tolerance = 0.5 * 10.0 ** -_decimals(expected) + 1e-9
            assert math.isclose(computed[name], expected, abs_tol=tolerance), (
                f"{name}: computed {computed[name]}, published {expected}"
            )


def test_the_published_tables_are_all_used() -> None:
    used = {case["dataset"] for case in REFERENCE["cases"]}
    assert used == set(REFERENCE["datasets"])
