"""``undercount claims``: the ledger of published figures, and extraction of them from news text.

``undercount claims CASE`` lists the ledger; ``claims add`` and ``claims extract`` are
subcommands (``undercount export CASE claims`` exports the ledger, like every other table). The
listing is the group's default so that the everyday command stays the short one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from undercount.case import open_case
from undercount.claims import (
    CLAIMANT_KINDS,
    COUNTED,
    QUALIFIERS,
    Claim,
    RecordedClaim,
    add_claim,
    extract_claims,
    format_subgroups,
    latest_claims,
    list_claims,
    parse_subgroup,
)
from undercount.cli.output import emit, json_option, say
from undercount.errors import UndercountError

case_argument = click.argument("case", type=click.Path(file_okay=False, path_type=Path))
date_type = click.DateTime(formats=["%Y-%m-%d"])

LISTING_COLUMNS = [
    "claim_id",
    "published_on",
    "claimant",
    "claimant_kind",
    "qualifier",
    "figure",
    "counted",
    "subgroups",
    "scope",
    "supersedes",
]


EXTRACT_COLUMNS = [
    "claimant",
    "claimant_kind",
    "qualifier",
    "figure",
    "counted",
    "subgroups",
    "scope",
]


class _ClaimsGroup(click.Group):
    """Route ``claims CASE ...`` to the hidden ``list`` subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group("claims", cls=_ClaimsGroup)
def claims_group() -> None:
    """Published figures: who claimed how many, of what, when. Nothing is ever overwritten.

    \b
    Examples:
      undercount claims almaty.undercount                      # the ledger
      undercount claims almaty.undercount --latest             # each claimant's current figure
      undercount claims add almaty.undercount --claimant "Prosecutor General's Office" \\
          --kind government --published 2022-01-15 --figure 225 \\
          --subgroup "law-enforcement=19" --url https://...
      undercount claims extract article.txt                    # find figures in news text
      undercount export almaty.undercount claims --format csv -o claims.csv
    """


@claims_group.command("list", hidden=True)
@case_argument
@click.option("--claimant", help="Only this claimant's claims (case does not matter).")
@click.option("--latest", is_flag=True, help="Only each claimant's current figures.")
@json_option
def list_command(case: Path, claimant: str | None, latest: bool, as_json: bool) -> None:
    """List the claims in CASE in publication order."""
    with open_case(case, read_only=True) as opened:
        listed = latest_claims if latest else list_claims
        recorded = listed(opened, claimant=claimant)
    rows = [r.to_row() for r in recorded]
    if not as_json:
        _write_subgroups_as_text(rows)
    emit(rows, as_json=as_json, title="claims", columns=None if as_json else LISTING_COLUMNS)


@claims_group.command("add")
@case_argument
@click.option("--claimant", required=True, help="Who published the figure, as they name it.")
@click.option("--kind", type=click.Choice(CLAIMANT_KINDS), required=True)
@click.option("--published", type=date_type, required=True, help="Publication date, YYYY-MM-DD.")
@click.option("--figure", type=click.IntRange(min=0), required=True)
@click.option("--qualifier", type=click.Choice(QUALIFIERS), default="exactly", show_default=True)
@click.option("--counted", type=click.Choice(COUNTED), default="killed", show_default=True)
@click.option("--scope", help="Place, period or group the figure covers, e.g. 'Almaty'.")
@click.option(
    "--subgroup",
    "subgroups",
    multiple=True,
    help='A part of the figure, LABEL=COUNT, e.g. "law-enforcement=19". Repeatable.',
)
@click.option("--url", help="Where it was published.")
@click.option("--quote", help="The sentence that states the figure.")
@click.option("--supersedes", type=int, help="Id of an earlier claim this one corrects.")
def add_command(
    case: Path,
    claimant: str,
    kind: str,
    published: datetime,
    figure: int,
    qualifier: str,
    counted: str,
    scope: str | None,
    subgroups: tuple[str, ...],
    url: str | None,
    quote: str | None,
    supersedes: int | None,
) -> None:
    """Add one published figure to CASE's ledger (a new figure is always a new claim)."""
    claim = Claim(
        claimant=claimant,
        claimant_kind=kind,
        published_on=published.date(),
        figure=figure,
        qualifier=qualifier,
        counted=counted,
        scope=scope,
        subgroups=_subgroups(subgroups),
        url=url,
        quote=quote,
        supersedes=supersedes,
    )
    with open_case(case) as opened:
        recorded = add_claim(opened, claim)
    say(f"Added claim {recorded.claim_id}: {_describe(recorded)}")


@claims_group.command("extract")
@click.argument("textfile", type=click.File("r", encoding="utf-8-sig"))
@json_option
@click.option(
    "--add",
    "add_to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also add the extracted claims that name a claimant to this case's ledger.",
)
@click.option("--published", type=date_type, help="Publication date of the text (with --add).")
@click.option("--url", help="Where the text was published (with --add).")
def extract_command(
    textfile: Any, as_json: bool, add_to: Path | None, published: datetime | None, url: str | None
) -> None:
    """Find casualty figures in TEXTFILE (English, Russian or Kazakh news text; '-' for stdin).

    Each figure comes with who claimed it, what it counts, its qualifier, its subgroups, its
    scope and the sentence it came from. Check them before you rely on them: extraction is
    rule-based and reads only what the sentence says.
    """
    if add_to is not None and published is None:
        raise UndercountError("--add needs the text's publication date.", hint="Add --published.")
    extracted = extract_claims(textfile.read())
    rows = [e.to_json() for e in extracted]
    if not as_json:
        _write_subgroups_as_text(rows)
    emit(
        rows,
        as_json=as_json,
        title="extracted claims",
        columns=None if as_json else EXTRACT_COLUMNS,
    )
    if add_to is None or published is None:
        return
    named = [e for e in extracted if e.claimant is not None]
    for unnamed in (e for e in extracted if e.claimant is None):
        say(f"Not added (no claimant named): {unnamed.figure} {unnamed.counted}")
    # Build every claim first, so that a claim the ledger refuses stops the run before any write.
    claims = [found.to_claim(published.date(), url=url) for found in named]
    with open_case(add_to) as opened:
        for claim in claims:
            recorded = add_claim(opened, claim)
            say(f"Added claim {recorded.claim_id}: {_describe(recorded)}")


def _write_subgroups_as_text(rows: list[dict[str, Any]]) -> None:
    """Tables and CSV show subgroups as "law-enforcement=19; children=4", the --subgroup syntax."""
    for row in rows:
        row["subgroups"] = format_subgroups(row["subgroups"])


def _subgroups(options: tuple[str, ...]) -> dict[str, int]:
    parsed: dict[str, int] = {}
    for option in options:
        label, figure = parse_subgroup(option)
        if label in parsed:
            raise UndercountError(f"subgroup {label!r} given twice.", hint="Give each label once.")
        parsed[label] = figure
    return parsed


def _describe(recorded: RecordedClaim) -> str:
    c = recorded.claim
    qualifier = "" if c.qualifier == "exactly" else c.qualifier.replace("-", " ") + " "
    return f"{c.claimant}, {qualifier}{c.figure} {c.counted}, published {c.published_on}."


COMMANDS = [claims_group]
