"""``undercount estimate``: how many people no list recorded, with honest intervals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from undercount.case import open_case
from undercount.cli.output import emit, json_option, say
from undercount.estimate import METHODS
from undercount.toll import STRATA, estimate_case, interval_text, list_estimates
from undercount.uncertainty import DEFAULT_REPLICATES, estimate_with_linkage_uncertainty

case_argument = click.argument("case", type=click.Path(file_okay=False, path_type=Path))


@click.command("estimate")
@case_argument
@click.option(
    "--method",
    type=click.Choice([*METHODS, "all"]),
    default="lcmcr",
    show_default=True,
    help="loglinear (Rcapture's models, chosen by BIC), lcmcr (Bayesian latent "
    "classes) or dga (Bayesian model averaging over graphs).",
)
@click.option(
    "--by",
    type=click.Choice(list(STRATA)),
    help="Estimate per stratum and combine (region, week, status …).",
)
@click.option("--seed", type=int, help="Seed of every random draw (recorded either way).")
@click.option(
    "--draws",
    type=click.IntRange(min=100),
    help="LCMCR: posterior draws to keep (R's samples; default 1000).",
)
@click.option(
    "--burnin", type=click.IntRange(min=0), help="LCMCR: sweeps discarded (default 10000)."
)
@click.option("--thinning", type=click.IntRange(min=1), help="LCMCR: sweeps per draw (default 10).")
@click.option("--level", type=click.FloatRange(0.5, 0.999), default=0.95, show_default=True)
@click.option(
    "--linkage-uncertainty",
    is_flag=True,
    help="Estimate on plausible re-clusterings of the records (reviewer decisions kept) and "
    "combine, so the interval carries linkage uncertainty too.",
)
@click.option(
    "--replicates",
    type=click.IntRange(min=2),
    help=f"With --linkage-uncertainty: clusterings to draw (default {DEFAULT_REPLICATES}).",
)
@json_option
def estimate_command(
    case: Path,
    method: str,
    by: str | None,
    seed: int | None,
    draws: int | None,
    burnin: int | None,
    thinning: int | None,
    level: float,
    linkage_uncertainty: bool,
    replicates: int | None,
    as_json: bool,
) -> None:
    """Estimate the total number of people killed, documented or not, from the overlap of lists.

    Builds capture histories from the linked persons (`undercount link` first) and stores the
    run, with its seed and the exact table, in the case.

    \b
    Example:
      undercount estimate almaty.undercount --method all --seed 7
      undercount estimate almaty.undercount --by region --seed 7
      undercount estimate almaty.undercount --linkage-uncertainty --replicates 20 --seed 7
      undercount estimate almaty.undercount --linkage-uncertainty --by region --seed 7
    """
    sampler = {
        name: value
        for name, value in (("samples", draws), ("burnin", burnin), ("thinning", thinning))
        if value is not None
    }
    if sampler and method not in ("lcmcr", "all"):
        raise click.UsageError("--draws, --burnin and --thinning apply to --method lcmcr (or all).")
    options = {"lcmcr": sampler} if sampler else {}
    if replicates is not None and not linkage_uncertainty:
        raise click.UsageError("--replicates applies with --linkage-uncertainty.")
    with open_case(case) as opened:
        if linkage_uncertainty:
            run = estimate_with_linkage_uncertainty(
                opened,
                method=method,
                by=by,
                replicates=replicates or DEFAULT_REPLICATES,
                seed=seed,
                level=level,
                options=options,
                progress=say,
            )
        else:
            run = estimate_case(
                opened, method=method, by=by, seed=seed, level=level, options=options
            )
        rows = list_estimates(opened, run_id=run.run_id)
    if as_json:
        emit(rows, as_json=True)
        return
    emit([_display(row) for row in rows], as_json=False, title=f"estimate run {run.run_id}")
    say(
        f"Seed {run.seed}; lists: {', '.join(run.lists)}. "
        "The documented count is a floor; the interval is the estimate's uncertainty."
    )
    for row in rows:
        _say_linkage_share(row)
        for warning in row["warnings"]:
            say(
                f"Warning ({row['method']}{', ' + row['stratum'] if row['stratum'] else ''}): "
                f"{warning}"
            )


@click.command("estimates")
@case_argument
@json_option
def estimates_command(case: Path, as_json: bool) -> None:
    """List every stored estimate, newest run first."""
    with open_case(case, read_only=True) as opened:
        rows = list_estimates(opened)
    emit(rows if as_json else [_display(row) for row in rows], as_json=as_json, title="estimates")


def _say_linkage_share(row: dict[str, Any]) -> None:
    combined = row["parameters"].get("linkage_uncertainty")
    if row["stratum"] or not combined or "linkage_share" not in combined:
        return  # strata carry theirs in --json; one line for the total is enough here
    single = combined["single_clustering"]
    alone = (
        f"{single['lower']:,.0f} – {single['upper']:,.0f}"
        if single["n_hat"] is not None and single["upper"] is not None
        else "—"
    )
    say(
        f"{row['method']}: over {len(combined['replicates'])} linkage replicates, "
        f"{combined['linkage_share']:.0%} of the interval's variance comes from linkage; "
        f"the case's own persons alone give {alone}."
    )


def _display(row: dict[str, Any]) -> dict[str, Any]:
    interval = "—" if row["n_hat"] is None else interval_text(row)
    return {
        "run": row["run_id"],
        "method": row["method"],
        "stratum": row["stratum"] or "total",
        "documented": row["documented"],
        "estimate": "refused" if row["n_hat"] is None else f"{row['n_hat']:,.0f}",
        f"{row['level']:.0%} interval": interval,
        "model / reason": row["refused"] or row["model"],
    }


COMMANDS = [estimate_command, estimates_command]
