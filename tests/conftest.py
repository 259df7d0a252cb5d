"""Fixtures shared by the whole suite: a fresh case, the CLI in-process, a truth-linked case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from undercount.case import Case, init_case
from undercount.cli import cli
from undercount.ingest import import_list
from undercount.simulate import SimulatedCase, simulate_case


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    with init_case(tmp_path / "test.undercount") as opened:
        yield opened


@pytest.fixture
def run(tmp_path: Path):
    """Run ``undercount ARGS`` in-process with stdout and stderr kept apart."""

    def invoke(*args: str | Path, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


# A simulated case whose persons come straight from the simulator's truth (perfect linkage):
# with linkage taken out of the picture, later stages can be checked exactly against the truth.


def link_by_truth(case: Case, truth_csv: Path) -> None:
    """Assign every record to its true person, as a perfect linkage run would."""
    with case.transaction():
        case.con.execute(
            f"""
            INSERT INTO person_records
            SELECT r.record_id, t.person_id
            FROM read_csv('{truth_csv}', all_varchar = true) t
            JOIN sources s ON s.name = t.source
            JOIN records r ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id
            """
        )


@pytest.fixture(scope="module")
def truth_linked(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Case, SimulatedCase, dict]]:
    root = tmp_path_factory.mktemp("toll")
    simulated = simulate_case(root / "lists", victims=400, sources=5, seed=11)
    with init_case(root / "case.undercount") as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
        link_by_truth(case, simulated.truth_csv)
        truth = json.loads(simulated.truth_json.read_text(encoding="utf-8"))
        yield case, simulated, truth
