"""The ``undercount`` command: parse arguments, call the library, print. Nothing more.

User errors (``UndercountError``) become one line on stderr and exit code 1; usage errors exit 2.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from undercount import __version__
from undercount.errors import UndercountError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Each command's module, imported only when the command runs (or --help lists them all): a
# command starts without loading the statistics or linkage stacks it does not use.
COMMAND_MODULES = {
    **dict.fromkeys(("init", "import", "sources", "records", "issues", "export"), "case_commands"),
    **dict.fromkeys(("link", "review", "persons", "evaluate"), "link_commands"),
    **dict.fromkeys(("estimate", "estimates"), "estimate_commands"),
    "claims": "claims_commands",
    "report": "report_commands",
    **dict.fromkeys(("simulate", "demo"), "simulate_commands"),
}


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(name)
        if module is None:
            return None
        commands = importlib.import_module(f"undercount.cli.{module}").COMMANDS
        return next(command for command in commands if command.name == name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UndercountError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="undercount")
def cli() -> None:
    """Turn scattered lists of the dead into a verified, deduplicated, estimated toll.

    \b
    A first session:
      undercount demo                         # a simulated case, end to end
      undercount init almaty.undercount
      undercount import almaty.undercount official.xlsx --source official --kind official
      undercount issues almaty.undercount     # every row with a problem
      undercount link almaty.undercount
      undercount estimate almaty.undercount --method all
      undercount report almaty.undercount -o almaty.html
    """


def main() -> None:
    cli(prog_name="undercount")
