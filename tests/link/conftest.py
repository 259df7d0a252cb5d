"""A small simulated case, imported once per module, for the linkage tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from undercount.case import Case, init_case
from undercount.ingest import import_list
from undercount.simulate import SimulatedCase, simulate_case


def imported_case(root: Path, *, victims: int, seed: int) -> tuple[Path, SimulatedCase]:
    simulated = simulate_case(root / "lists", victims=victims, sources=5, seed=seed)
    case_dir = root / "case.undercount"
    with init_case(case_dir) as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
    return case_dir, simulated


@pytest.fixture
def make_case(tmp_path: Path):
    """Simulate and import a case of the given size under this test's temporary directory."""
    return lambda victims, seed: imported_case(tmp_path, victims=victims, seed=seed)


@pytest.fixture(scope="module")
def simulated_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SimulatedCase]:
    """A 400-victim, five-list case; each test opens it and may link it again."""
    return imported_case(tmp_path_factory.mktemp("link"), victims=400, seed=3)


@pytest.fixture
def opened(simulated_case: tuple[Path, SimulatedCase]) -> Iterator[Case]:
    from undercount.case import open_case

    with open_case(simulated_case[0]) as case:
        yield case
