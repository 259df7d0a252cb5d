"""Commands that link records into persons, review uncertain pairs, list persons, evaluate."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from undercount.case import open_case
from undercount.cli.output import emit, json_option, say, stdout
from undercount.link import (
    DECISIONS,
    ReviewPair,
    decide,
    evaluate_linkage,
    link_case,
    list_persons,
    review_queue,
)
from undercount.link.clustering import DEFAULT_THRESHOLD

case_argument = click.argument("case", type=click.Path(file_okay=False, path_type=Path))

_KEYS = {"m": "match", "n": "non-match", "u": "unsure"}
_SHOWN_FIELDS = (
    "source",
    "source_record_id",
    "full_name",
    "sex",
    "age_min",
    "birth_date",
    "death_date",
    "place",
    "region",
    "status",
)


@click.command("link")
@case_argument
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where pairs are found and scored. DuckDB linked a million records in 31–36 s "
    "on two cores; Spark (local mode, heap from UNDERCOUNT_SPARK_MEMORY, e.g. 12g) is for cases "
    "beyond one process.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.01, 1, max_open=True),
    help="Match probability a pair needs, and the mean two groups of records need, to become "
    f"one person (default {DEFAULT_THRESHOLD}). Higher splits more.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed for u-sampling.")
@click.option(
    "--duplicate-free",
    multiple=True,
    help="A source known to list each person once (repeatable).",
)
@click.option("--silent", "-s", is_flag=True, help="No progress.")
def link_command(
    case: Path,
    engine: str,
    threshold: float | None,
    seed: int,
    duplicate_free: tuple[str, ...],
    silent: bool,
) -> None:
    """Link the records of CASE into persons; reviewer decisions are obeyed, and twenty or more
    of them recalibrate the model.

    \b
    Example:
      undercount link almaty.undercount
      undercount link almaty.undercount --threshold 0.9 --duplicate-free official
    """
    with open_case(case) as opened:
        result = link_case(
            opened,
            engine=engine,
            threshold=threshold,
            seed=seed,
            duplicate_free=duplicate_free,
            progress=None if silent else _show_step,
        )
    say(
        f"Linked {result.records} records into {result.persons} persons "
        f"(run {result.run_id}, {result.engine}, threshold {result.threshold}, "
        f"{result.pairs_kept} scored pairs kept, {result.decisions_applied} decisions applied)."
    )
    if result.calibration:
        shift = result.calibration.shift
        say(
            f"{result.calibration.reviewed_pairs} reviewed pairs moved the model's prior odds "
            f"by {shift / math.log(2):+.2f} bits (x{math.exp(shift):.2f})."
        )
    for left, right in result.conflicts:
        say(f"Conflict: records {left} and {right} were decided a match, but a non-match forbids.")
    say(f"Next: undercount review {case}   or   undercount persons {case}")


def _show_step(message: str) -> None:
    """Linking has stages, not a row count: one line per stage on stderr."""
    say(f"  {message} …")


@click.command("persons")
@case_argument
@click.option("--limit", type=click.IntRange(min=0), help="At most this many persons.")
@json_option
def persons_command(case: Path, limit: int | None, as_json: bool) -> None:
    """List persons with the records behind each."""
    with open_case(case, read_only=True) as opened:
        persons = list_persons(opened, limit=limit)
    if as_json:
        emit(persons, as_json=True)
        return
    rows = [
        {
            "person_id": person["person_id"],
            "records": len(person["records"]),
            "sources": ", ".join(sorted({r["source"] for r in person["records"]})),
            "name": person["records"][0]["full_name"],
            "death_date": person["records"][0]["death_date"],
        }
        for person in persons
    ]
    emit(rows, as_json=False, title="persons")


@click.command("evaluate")
@case_argument
@click.option(
    "--truth",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with source, source_record_id, person_id.",
)
@json_option
def evaluate_command(case: Path, truth: Path, as_json: bool) -> None:
    """Score the persons of CASE against a known truth (pairwise and person counts).

    When a ``truth.json`` with the true ``total`` lies beside the truth CSV (as ``undercount
    simulate`` writes), the latest estimate is scored too: does its interval cover the truth?
    """
    from undercount.toll import evaluate_estimate, interval_text

    with open_case(case, read_only=True) as opened:
        report = evaluate_linkage(opened, truth)
        totals = truth.with_name("truth.json")
        if totals.exists():
            true_total = int(json.loads(totals.read_text(encoding="utf-8"))["total"])
            report["estimate"] = evaluate_estimate(opened, true_total)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    pairwise, clusters = report["pairwise"], report["clusters"]
    rows = [
        {"measure": "pairwise precision", "value": pairwise["precision"]},
        {"measure": "pairwise recall", "value": pairwise["recall"]},
        {"measure": "pairwise F1", "value": pairwise["f1"]},
        {"measure": "persons found", "value": clusters["persons_found"]},
        {"measure": "persons true", "value": clusters["persons_true"]},
        {"measure": "relative difference", "value": clusters["relative_difference"]},
    ]
    estimate = report["estimate"]
    if estimate:
        verdict = "covered" if estimate["covered"] else "NOT covered"
        rows.append(
            {
                "measure": f"estimate ({estimate['method']})",
                "value": f"{estimate['n_hat']:,.0f} ({interval_text(estimate)}) "
                f"vs true {estimate['true_total']:,}: {verdict}",
            }
        )
    emit(rows, as_json=False, title="linkage and estimate against the truth")


@click.command("review")
@case_argument
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--decide",
    "decisions",
    nargs=3,
    multiple=True,
    metavar="RECORD RECORD DECISION",
    help=f"Decide a pair without prompting ({', '.join(DECISIONS)}); repeatable.",
)
@click.option("--note", help="A note kept with --decide decisions.")
@json_option
def review_command(
    case: Path,
    limit: int,
    decisions: tuple[tuple[str, str, str], ...],
    note: str | None,
    as_json: bool,
) -> None:
    """Decide uncertain pairs side by side: m match, n non-match, u unsure, s skip, q quit.

    Keys are read one line at a time from stdin, so a script can pipe them in. Decisions are
    kept with the reviewer and time and obeyed by every later `undercount link`.

    \b
    Example:
      undercount review almaty.undercount
      undercount review almaty.undercount --decide 12 873 non-match --note "different fathers"
      undercount review almaty.undercount --json          # the queue, for other tools
    """
    with open_case(case) as opened:
        if decisions:
            for left, right, decision in decisions:
                decide(opened, _record_id(left), _record_id(right), decision, note=note)
            say(f"Recorded {len(decisions)} decisions. Run `undercount link {case}` to apply.")
            return
        queue = review_queue(opened, limit=limit)
        if as_json:
            emit([_pair_row(pair) for pair in queue], as_json=True)
            return
        if not queue:
            say("Nothing to review: no undecided pair is uncertain.")
            return
        decided = _review_interactively(opened, queue)
    say(f"Recorded {decided} decisions. Run `undercount link {case}` to apply them.")


def _review_interactively(case: Any, queue: list[ReviewPair]) -> int:
    decided = 0
    for number, pair in enumerate(queue, start=1):
        _show_pair(pair, number, len(queue))
        key = _read_key()
        if key == "q":
            break
        if key in _KEYS:
            decide(case, pair.record_id_l, pair.record_id_r, _KEYS[key])
            decided += 1
    return decided


def _read_key() -> str:
    while True:
        say("\\[m] match  \\[n] non-match  \\[u] unsure  \\[s] skip  \\[q] quit")
        line = sys.stdin.readline()
        if not line:
            return "q"
        key = line.strip().lower()[:1]
        if key in (*_KEYS, "s", "q"):
            return key


def _show_pair(pair: ReviewPair, number: int, total: int) -> None:
    table = Table(
        title=f"Pair {number}/{total}: model says {pair.match_probability:.0%} "
        f"({'same person now' if pair.same_person_now else 'different persons now'})",
        header_style="bold",
    )
    table.add_column("field")
    table.add_column(f"record {pair.record_id_l}", overflow="fold")
    table.add_column(f"record {pair.record_id_r}", overflow="fold")
    for field in _SHOWN_FIELDS:
        left, right = pair.left.get(field), pair.right.get(field)
        style = "" if left == right else "yellow"
        table.add_row(field, _text(left), _text(right), style=style)
    stdout.print(table)
    stdout.print(
        "For:     " + (", ".join(f"{k} +{v:.1f}" for k, v in pair.for_match.items()) or "nothing")
    )
    stdout.print(
        "Against: "
        + (", ".join(f"{k} {v:.1f}" for k, v in pair.against_match.items()) or "nothing")
    )


def _pair_row(pair: ReviewPair) -> dict[str, Any]:
    return {
        "record_id_l": pair.record_id_l,
        "record_id_r": pair.record_id_r,
        "match_probability": pair.match_probability,
        "match_weight": pair.match_weight,
        "same_person_now": pair.same_person_now,
        "evidence": pair.evidence,
        "left": pair.left,
        "right": pair.right,
    }


def _record_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a record id.") from None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


COMMANDS = [link_command, review_command, persons_command, evaluate_command]
