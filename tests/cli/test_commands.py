"""Every command is reachable, documented, and registered exactly once."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import undercount.cli
from undercount.cli import COMMAND_MODULES


def test_every_command_module_is_listed() -> None:
    modules = {
        m.name
        for m in pkgutil.iter_modules(undercount.cli.__path__)
        if m.name.endswith("_commands")
    }
    found = {
        command.name: name
        for name in modules
        for command in importlib.import_module(f"undercount.cli.{name}").COMMANDS
    }
    assert found == COMMAND_MODULES


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_every_command_has_help_with_text(run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert len(result.stdout.split("\n\n")[1].strip()) > 20  # a sentence, not just usage


def test_unknown_command_is_a_usage_error(run) -> None:
    result = run("imprt")
    assert result.exit_code == 2 and "No such command" in result.stderr
