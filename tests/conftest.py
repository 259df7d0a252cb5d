"""Fixtures shared by the whole suite: a fresh case and a way to run the CLI in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from undercount.case import Case, init_case
from undercount.cli import cli


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
