"""Commands that make simulated cases: ``simulate`` writes lists, ``demo`` runs the pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from undercount.cli.output import emit, say


@click.command("simulate")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the lists and the truth into.",
)
@click.option("--victims", default=1000, show_default=True, type=click.IntRange(min=1))
@click.option("--sources", default=5, show_default=True, type=click.IntRange(min=2, max=10))
@click.option("--seed", default=0, show_default=True, type=int)
def simulate_command(out: Path, victims: int, sources: int, seed: int) -> None:
    """Write a simulated case: one CSV per source, truth.csv and truth.json.

    Victims, sources and the way each source writes names and dates are drawn from a documented
    generative model (docs/simulator.md), so linkage and estimation can be scored against truth.

    \b
    Example:
      undercount simulate --out sim --victims 500 --sources 4 --seed 7
    """
    from undercount.simulate import simulate_case

    case = simulate_case(out, victims=victims, sources=sources, seed=seed)
    emit(
        [
            {"source": s.name, "kind": s.kind, "file": s.path.name, "encoding": s.encoding}
            for s in case.sources
        ],
        as_json=False,
        title="simulated sources",
    )
    say(f"{case.true_total} victims; truth in {out / 'truth.csv'} and {out / 'truth.json'}")


@click.command("demo")
@click.option("--victims", default=1000, show_default=True, type=click.IntRange(min=10))
@click.option("--seed", default=2022, show_default=True, type=int)
@click.option(
    "--out",
    default=Path("undercount-demo"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the simulated lists and the case.",
)
def demo_command(victims: int, seed: int, out: Path) -> None:
    """Run undercount end to end on a simulated case whose truth is known.

    Simulates lists from a crackdown, creates a case, imports every list, links the records into
    persons, estimates how many people no list recorded, and prints how linkage and estimation
    did against the simulation's truth.
    """
    from undercount.demo import run_demo

    result = run_demo(out, victims=victims, seed=seed, step=lambda message: say(f"· {message}"))
    emit(result.sources_table, as_json=False, title="imported lists")
    emit(result.estimates_table, as_json=False, title="estimated total killed")
    for line in result.lines:
        say(line)


COMMANDS = [simulate_command, demo_command]
