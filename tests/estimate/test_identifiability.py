"""Existence of the MLE and identifiability of the missing cell, decided before fitting."""

from __future__ import annotations

import numpy as np

from undercount.estimate.hierarchical import interaction_design
from undercount.estimate.identifiability import (
    facial_cells,
    independent_columns,
    is_estimable,
    mle_exists,
)

CELLS = np.arange(1, 8)


def test_a_table_without_zero_cells_always_has_an_mle() -> None:
    design = interaction_design(CELLS, 3, [0b011, 0b101, 0b110])
    assert mle_exists(design, np.arange(1.0, 8.0))


def test_a_zero_margin_leaves_its_cells_out_of_the_face() -> None:
    # Lists 1 and 2 share nobody: cells 011 and 111 (cell indices 3 and 7) are empty.
    counts = np.array([40.0, 35.0, 0.0, 30.0, 12.0, 9.0, 0.0])
    design = interaction_design(CELLS, 3, [0b011])
    assert not mle_exists(design, counts)
    assert facial_cells(design, counts).tolist() == [True, True, False, True, True, True, False]


def test_a_zero_cell_inside_the_face_keeps_the_mle() -> None:
    # Only history 111 is empty; under independence other tables with these margins fill it.
    counts = np.array([40.0, 35.0, 8.0, 30.0, 12.0, 9.0, 0.0])
    assert mle_exists(interaction_design(CELLS, 3, []), counts)


def test_dependent_columns_and_estimability_of_the_missing_cell() -> None:
    design = np.array([[1.0, 1.0, 2.0], [1.0, 2.0, 4.0], [1.0, 3.0, 6.0]])
    assert independent_columns(design).tolist() == [True, True, False]
    assert is_estimable(design, np.array([1.0, 0.0, 0.0]))
    assert not is_estimable(design[:, [1, 2]], np.array([1.0, 0.0]))
