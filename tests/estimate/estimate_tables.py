"""Tables used across the estimate tests, typed in from their published sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).parent.parent / "reference"


def rcapture_histories(n_lists: int, counts: list[int]) -> dict[str, int]:
    """Histories from counts in Rcapture's ``histpos.t`` order (all ones first, counting down)."""
    keys = [format(cell, f"0{n_lists}b") for cell in range((1 << n_lists) - 1, 0, -1)]
    return dict(zip(keys, counts, strict=True))


def loglinear_reference(name: str) -> dict[str, Any]:
    """A reference file, its data sets turned into ``{"1010": count}`` histories."""
    reference = json.loads((REFERENCE / name).read_text())
    for data in reference["datasets"].values():
        if "histpos_counts" in data:
            data["histories"] = rcapture_histories(data["n_lists"], data["histpos_counts"])
    return reference


# Bruno et al. (1994) diabetes data, four lists (Rcapture closedpCI help example).
DIABETES = rcapture_histories(4, [58, 157, 18, 104, 46, 650, 12, 709, 14, 20, 7, 74, 8, 182, 10])
# Cormack, Chang & Smith (2000) Table 3b, three lists.
CORMACK_3B = rcapture_histories(3, [72, 5, 29, 54, 24, 3, 14])
# Cormack, Chang & Smith (2000) Table 3a, four lists with empty cells.
CORMACK_3A = rcapture_histories(4, [72, 5, 29, 53, 24, 3, 12, 14, 0, 0, 0, 1, 0, 0, 2])
