"""The ``undercount`` command: parse arguments, call the library, print. Nothing more.

User errors (``UndercountError``) become one line on stderr and exit code 1; usage errors exit 2.
"""

from __future__ import annotations

from typing import Any

import click

from undercount import __version__
from undercount.errors import UndercountError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
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
      undercount records almaty.undercount --source official
      undercount issues almaty.undercount
    """


def main() -> None:
    cli(prog_name="undercount")


def _register() -> None:
    from undercount.cli import (
        case_commands,
        claims_commands,
        estimate_commands,
        link_commands,
        report_commands,
        simulate_commands,
    )

    for module in (
        case_commands,
        simulate_commands,
        link_commands,
        claims_commands,
        estimate_commands,
        report_commands,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
