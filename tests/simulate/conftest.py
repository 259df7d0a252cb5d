"""One simulated case shared by the tests that only read it."""

from __future__ import annotations

import pytest

from undercount.simulate import SimulatedCase, simulate_case


@pytest.fixture(scope="session")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> SimulatedCase:
    """The default case (1,000 victims, five lists) for seed 7."""
    return simulate_case(tmp_path_factory.mktemp("simulated"), victims=1000, sources=5, seed=7)


@pytest.fixture(scope="session")
def all_lists(tmp_path_factory: pytest.TempPathFactory) -> SimulatedCase:
    """A case with every kind of list the simulator knows."""
    return simulate_case(tmp_path_factory.mktemp("all_lists"), victims=1500, sources=8, seed=3)
