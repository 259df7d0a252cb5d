"""docs/simulator.md states the capture parameters; they must be the ones the code uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from undercount.simulate.sources import ROSTER, SourceProfile

DOCS = Path(__file__).parents[2] / "docs" / "simulator.md"
STATUS_ABBREVIATIONS = {
    "LE": "law_enforcement",
    "mil": "military",
    "prot": "protester",
    "unk": "unknown",
}


def _capture_table() -> dict[str, list[str]]:
    text = DOCS.read_text("utf-8")
    table = text[text.index("| list | kind | base |") :].split("\n\n")[0]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {cells[0].strip(): [cell.strip() for cell in cells] for cells in rows}


def _number(cell: str) -> float:
    return 0.0 if cell in {"0", "—"} else float(cell.replace("−", "-"))


@pytest.mark.parametrize("profile", ROSTER, ids=[p.name for p in ROSTER])
def test_the_documented_capture_parameters_are_the_code_s(profile: SourceProfile) -> None:
    cells = _capture_table()[profile.name]
    model = profile.capture
    assert cells[1] == profile.kind
    documented = [_number(cells[i]) for i in (2, 3, 5, 6, 7, 8, 10)]
    actual = [
        model.base,
        model.outside_almaty,
        model.custody,
        model.child,
        model.late,
        model.visibility,
        model.duplicates,
    ]
    assert documented == actual
    effects = {
        STATUS_ABBREVIATIONS[name]: _number(value)
        for name, value in re.findall(r"(\w+) ([+−-][\d.]+)", cells[4])
    }
    assert effects == dict(model.status)
    copies = None if cells[9] == "—" else (cells[9].split(", ")[0], float(cells[9].split(", ")[1]))
    assert copies == model.copies
