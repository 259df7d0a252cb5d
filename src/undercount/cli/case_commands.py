"""Commands that create a case, import lists into it, and list or export what it holds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from undercount.case import init_case, open_case
from undercount.case.crypto import PASSPHRASE_VARIABLE
from undercount.case.listing import (
    EXPORT_FORMATS,
    EXPORT_TABLES,
    export_table,
    list_issues,
    list_records,
    list_sources,
    stream_table,
)
from undercount.cli.output import emit, json_option, progress_bar, say, write_rows
from undercount.errors import UndercountError
from undercount.ingest import SOURCE_KINDS, import_list

case_argument = click.argument("case", type=click.Path(file_okay=False, path_type=Path))


@click.command("init")
@case_argument
@click.option(
    "--encrypt",
    is_flag=True,
    help=f"Encrypt the case at rest. The passphrase comes from ${PASSPHRASE_VARIABLE} "
    "or a prompt, never from the command line.",
)
def init_command(case: Path, encrypt: bool) -> None:
    """Create a new, empty case directory CASE.

    \b
    Example:
      undercount init almaty.undercount
      UNDERCOUNT_PASSPHRASE=... undercount init field.undercount --encrypt
    """
    passphrase = None
    if encrypt:
        passphrase = os.environ.get(PASSPHRASE_VARIABLE) or click.prompt(
            "Passphrase", hide_input=True, confirmation_prompt=True, err=True
        )
    with init_case(case, passphrase=passphrase):
        pass
    say(f"Created {'encrypted ' if encrypt else ''}case {case}")


@click.command("import")
@case_argument
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", required=True, help="A short name for this list, e.g. 'official'.")
@click.option(
    "--kind",
    type=click.Choice(SOURCE_KINDS),
    default="other",
    show_default=True,
    help="Who compiled the list.",
)
@click.option("--id-column", help="The column holding the list's own record ids.")
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help='TOML file with a [columns] table: "header" = "field".',
)
@click.option("--encoding", help="Override encoding detection (utf-8, cp1251, koi8_r, utf-16 …).")
@click.option("--sheet", help="XLSX sheet to read (default: the first).")
@click.option("--delimiter", help="Override delimiter detection for CSV (e.g. ';' or tab: $'\\t').")
@click.option("--compiled-by", help="Who compiled the list (kept with the source).")
@click.option("--as-of", help="The date the list was current, e.g. 2022-01-15.")
@click.option("--again", is_flag=True, help="Import a file whose exact bytes were imported before.")
@click.option("--silent", "-s", is_flag=True, help="No progress bar.")
def import_command(
    case: Path,
    file: Path,
    source: str,
    kind: str,
    id_column: str | None,
    mapping: Path | None,
    encoding: str | None,
    sheet: str | None,
    delimiter: str | None,
    compiled_by: str | None,
    as_of: str | None,
    again: bool,
    silent: bool,
) -> None:
    """Import the list FILE (CSV, TSV, XLSX, JSON, JSON Lines) into CASE as one source.

    Every row is imported; rows with problems are flagged, never dropped (see `undercount
    issues`). The whole import happens in one transaction: if it fails, the case is unchanged.
    Headers in Kazakh, Russian or English are recognised (ФИО / Аты-жөні / full name, Дата
    смерти / Қайтыс болған күні / date of death …); map others with --mapping. The encoding
    (UTF-8, UTF-16, Windows-1251, KZ-1048, KOI8-R) and the delimiter are detected.

    \b
    Example:
      undercount import almaty.undercount prosecutor.xlsx --source prosecutor --kind official
      undercount import almaty.undercount ngo.csv --source ngo --kind ngo --id-column "№"
    """
    with open_case(case) as opened, progress_bar(silent=silent) as advance:
        summary = import_list(
            opened,
            file,
            source=source,
            kind=kind,
            id_column=id_column,
            mapping=mapping,
            encoding=encoding,
            sheet=sheet,
            delimiter=delimiter,
            compiled_by=compiled_by,
            as_of=as_of,
            again=again,
            progress=advance,
        )
    detail = summary.file_format + (f", {summary.encoding}" if summary.encoding else "")
    if summary.delimiter:
        detail += f", delimiter {summary.delimiter!r}"
    say(f"Imported {summary.rows} rows from {file.name} ({detail}) as source {source!r}.")
    say("Columns: " + ", ".join(f"{h} → {f}" for h, f in summary.mapped.items()))
    if summary.unmapped:
        say(
            "Kept only in the raw rows (use --mapping to map them): "
            + ", ".join(map(repr, summary.unmapped))
        )
    for note in summary.notes:
        say(f"Note: {note}")
    if summary.issues:
        say(
            f"{summary.issues} issues on {summary.rows_with_issues} rows: "
            f"undercount issues {case} --source {source}"
        )


@click.command("sources")
@case_argument
@json_option
def sources_command(case: Path, as_json: bool) -> None:
    """List the sources (imported lists) in CASE."""
    with open_case(case, read_only=True) as opened:
        rows = list_sources(opened)
    emit(
        rows,
        as_json=as_json,
        title="sources",
        columns=None
        if as_json
        else [
            "source_id",
            "name",
            "kind",
            "file_name",
            "row_count",
            "issues",
            "encoding",
            "imported_at",
        ],
    )


@click.command("records")
@case_argument
@click.option("--source", help="Only this source's records.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many records.")
@json_option
def records_command(case: Path, source: str | None, limit: int | None, as_json: bool) -> None:
    """List records (one per input row) with their parsed fields."""
    with open_case(case, read_only=True) as opened:
        rows = list_records(opened, source=source, limit=limit)
    emit(
        rows,
        as_json=as_json,
        title="records",
        columns=None
        if as_json
        else [
            "record_id",
            "source",
            "row_number",
            "full_name",
            "sex",
            "age_min",
            "death_date",
            "place",
            "region",
            "status",
        ],
    )


@click.command("issues")
@case_argument
@click.option("--source", help="Only this source's issues.")
@json_option
def issues_command(case: Path, source: str | None, as_json: bool) -> None:
    """List every problem found on import, by file, row and field."""
    with open_case(case, read_only=True) as opened:
        rows = list_issues(opened, source=source)
    emit(
        rows,
        as_json=as_json,
        title="import issues",
        columns=None if as_json else ["source", "row", "column", "severity", "message"],
    )


@click.command("export")
@case_argument
@click.argument("table", type=click.Choice(EXPORT_TABLES))
@click.option(
    "--format", "file_format", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout; required for parquet).",
)
def export_command(case: Path, table: str, file_format: str, output: Path | None) -> None:
    """Export a TABLE of CASE as CSV, JSON or Parquet.

    \b
    Example:
      undercount export almaty.undercount records --format parquet -o records.parquet
    """
    if output is None and file_format == "parquet":
        raise UndercountError(
            "Parquet is binary and cannot go to the terminal.", hint="Add -o FILE.parquet."
        )
    with open_case(case, read_only=True) as opened:
        if output is not None:
            count = export_table(opened, table, file_format, output)
            say(f"Wrote {count} rows to {output}")
            return
        # Straight to stdout, never through a temporary file: the case may be encrypted.
        columns, batches = stream_table(opened, table)
        write_rows(sys.stdout, columns, batches, file_format)


COMMANDS = [
    init_command,
    import_command,
    sources_command,
    records_command,
    issues_command,
    export_command,
]
