"""Estimate and Summary: one printable shape for every method."""

from __future__ import annotations

import math

import numpy as np

from undercount.estimate import Estimate

ESTIMATE = Estimate(
    n_hat=412.4,
    lower=380.2,
    upper=math.inf,
    level=0.9,
    n_observed=350,
    method="loglinear",
    model="[12,3]",
    diagnostics={
        "std_error": 14.2,
        "converged": True,
        "models": [{"model": "[12,3]", "BIC": 51.2}, {"model": "<b>[1,2,3]</b>", "BIC": 55.0}],
        "fitted_cells": np.arange(3),
    },
    lists=("morgue", "ngo", "press"),
    warnings=("Lists 1 and 2 share 3 people & more.",),
)


def test_conf_int_and_unobserved() -> None:
    assert ESTIMATE.conf_int() == (380.2, math.inf)
    assert math.isclose(ESTIMATE.n_unobserved, 62.4)


def test_text_summary_shows_the_floor_interval_diagnostics_and_warnings() -> None:
    text = ESTIMATE.summary().as_text()
    for expected in (
        "observed (floor)  350",
        "90% interval      380 - unbounded",
        "std error         14.2",
        "converged         yes",
        "morgue, ngo, press",
        "- Lists 1 and 2 share 3 people & more.",
    ):
        assert expected in text
    assert str(ESTIMATE.summary()) == text


def test_lists_of_records_become_tables_and_arrays_stay_out() -> None:
    summary = ESTIMATE.summary()
    assert [table.caption for table in summary.tables] == ["models"]
    assert summary.tables[0].rows[1] == ("<b>[1,2,3]</b>", "55")
    assert "fitted" not in summary.as_text()


def test_html_escapes_everything_it_shows() -> None:
    html = ESTIMATE.summary()._repr_html_()
    assert ESTIMATE._repr_html_() == html
    assert html.startswith("<div class='undercount-summary'>")
    assert "&lt;b&gt;[1,2,3]&lt;/b&gt;" in html
    assert "share 3 people &amp; more" in html
    assert "<b>" not in html
