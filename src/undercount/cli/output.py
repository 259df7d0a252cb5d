"""How listings reach the user: a Rich table for people, JSON with ``--json`` for programs.

Data goes to stdout; messages and progress go to stderr, so ``--json | jq`` always works.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

F = TypeVar("F", bound=Callable[..., Any])

# Piped output is read by people too (| less): do not squeeze it into 80 columns.
stdout = Console(width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True, soft_wrap=True)


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        function
    )


def emit(
    rows: Sequence[dict[str, Any]],
    *,
    as_json: bool,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    if as_json:
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default))
        return
    if not rows:
        stderr.print(f"[dim]No {title or 'rows'}.[/dim]")
        return
    columns = list(columns or rows[0].keys())
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    stdout.print(table)


def write_rows(
    stream: TextIO, columns: list[str], batches: Iterable[list[tuple[Any, ...]]], file_format: str
) -> None:
    """CSV with a header, or one JSON array, written batch by batch."""
    if file_format == "csv":
        writer = csv.writer(stream)
        writer.writerow(columns)
        for rows in batches:
            writer.writerows([_csv_cell(v) for v in row] for row in rows)
        return
    stream.write("[")
    first = True
    for rows in batches:
        for row in rows:
            stream.write(
                ("\n" if first else ",\n")
                + json.dumps(
                    dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_json_default
                )
            )
            first = False
    stream.write("\n]\n")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def say(message: str) -> None:
    """A message for the person at the terminal, on stderr."""
    stderr.print(message, highlight=False)


PROGRESS_VARIABLE = "UNDERCOUNT_PROGRESS"


@contextmanager
def progress_bar(*, silent: bool = False) -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar on stderr when it is a terminal; ``update(stage, completed, total)`` moves
    it, and a new stage (its own description and total; ``None``: no known end) restarts it.

    Off a terminal there is no bar, unless ``UNDERCOUNT_PROGRESS=lines`` asks for one plain line
    per update (for the logs of long runs under nohup or CI).
    """
    if silent:
        yield lambda stage, completed, total: None
    elif sys.stderr.isatty():
        yield from _rich_bar()
    elif os.environ.get(PROGRESS_VARIABLE) == "lines":
        yield lambda stage, completed, total: _write_line(
            f"{stage}: {completed}" + (f"/{total}" if total is not None else "")
        )
    else:
        yield lambda stage, completed, total: None


def _write_line(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _rich_bar() -> Iterator[Callable[[str, int, int | None], None]]:
    columns = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(stage: str, completed: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=completed, total=total)

        yield update


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)
