"""Synthetic cases with known truth: victims, lists that capture them unequally and dependently,
and each list's own way of writing names, dates and places.

    from undercount.simulate import simulate_case
    case = simulate_case(Path("sim"), victims=1000, sources=5, seed=0)

The generative model is documented in docs/simulator.md.
"""

from __future__ import annotations

from undercount.simulate.case import SimulatedCase, SimulatedSource, simulate_case

__all__ = ["SimulatedCase", "SimulatedSource", "simulate_case"]
