"""``undercount report``: the case as one offline HTML file for editors and advocates."""

from __future__ import annotations

from pathlib import Path

import click

from undercount.case import open_case
from undercount.cli.output import say
from undercount.report import write_report


@click.command("report")
@click.argument("case", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Leave out names, circumstances and file names, for publication.",
)
@click.option(
    "--title", help='The page\'s heading, e.g. "Almaty, January 2022" (default: the case name).'
)
def report_command(case: Path, out: Path, redact: bool, title: str | None) -> None:
    """Write the report: documented, claimed and estimated deaths, by day and region, the list
    overlap, the people with their sources, the method and the provenance.

    The file is complete in itself and opens offline in any current browser.

    \b
    Example:
      undercount report almaty.undercount -o almaty.html --title "Almaty, January 2022"
      undercount report almaty.undercount -o almaty-public.html --redact
    """
    # Not read-only: a case from an older undercount gets the tables the report reads (claims,
    # estimates) from its pending migrations, as with every command that opens a case.
    with open_case(case) as opened:
        data = write_report(opened, out, redact=redact, title=title)
    size = out.stat().st_size
    people = (
        f"{data.documented:,} people"
        if data.linked
        else f"{data.records:,} records, not linked yet"
    )
    say(f"Wrote {out} ({size / 1e6:.1f} MB; {people}{'; redacted' if redact else ''}).")
    click.echo(str(out))


COMMANDS = [report_command]
