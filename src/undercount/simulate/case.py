"""``simulate_case``: a directory of lists with known truth, made to stress linkage and estimation.

The output directory holds one CSV per list, ``truth.csv`` (which person every record is),
``truth.json`` (true totals) and ``truth_persons.csv`` (the true victims, with their capture
history). Everything is drawn from one ``numpy.random.Generator`` seeded with ``seed``, in a
fixed order: victims, then for each list in turn its captures and its rows. The same arguments
give byte-identical files, and a case with one more list has the same files for the earlier
lists.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from undercount.errors import UndercountError
from undercount.simulate.capture import draw_list_captures
from undercount.simulate.render import SourceTable, render_source
from undercount.simulate.sources import SourceProfile, choose_profiles
from undercount.simulate.truth import capture_histories, summarise_truth, write_persons
from undercount.simulate.victims import draw_victims
from undercount.simulate.vocabulary import load_vocabulary


@dataclass(frozen=True)
class SimulatedSource:
    """One simulated list as the importer needs to know it."""

    name: str
    kind: str
    path: Path
    id_column: str
    encoding: str
    delimiter: str
    language: str
    records: int
    persons: int


@dataclass(frozen=True)
class SimulatedCase:
    """What ``simulate_case`` wrote, and the truth to score a pipeline against."""

    out_dir: Path
    sources: tuple[SimulatedSource, ...]
    true_total: int
    documented: int
    truth_csv: Path
    truth_json: Path
    persons_csv: Path
    seed: int

    def source(self, name: str) -> SimulatedSource:
        """The list called ``name`` (official, ngo, media, morgue, family, …)."""
        for source in self.sources:
            if source.name == name:
                return source
        raise KeyError(name)


def simulate_case(
    out_dir: Path, *, victims: int = 1000, sources: int = 5, seed: int = 0
) -> SimulatedCase:
    """Simulate ``victims`` deaths and ``sources`` lists of them, and write the case to ``out_dir``.

    The lists are the first ``sources`` of official, ngo, media, morgue, family, social,
    regional, international (see ``undercount.simulate.sources``). Existing files of the same
    names in ``out_dir`` are overwritten; nothing else there is touched.
    """
    if victims < 1:
        raise UndercountError(
            f"A simulated case needs at least one victim, not {victims}.",
            hint="Try --victims 1000.",
        )
    if seed < 0:
        raise UndercountError(
            f"A seed is a non-negative integer, not {seed}.", hint="Try --seed 0."
        )
    profiles = choose_profiles(sources)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    vocabulary = load_vocabulary()
    population = draw_victims(victims, vocabulary, rng)
    captures: dict[str, np.ndarray] = {}
    written = []
    truth_path = out_dir / "truth.csv"
    with truth_path.open("w", encoding="utf-8", newline="") as truth_file:
        truth = csv.writer(truth_file, lineterminator="\n")
        truth.writerow(("source", "source_record_id", "person_id"))
        for profile in profiles:
            records = draw_list_captures(population, profile, captures, rng)
            captures[profile.name] = records
            table = render_source(population, records, profile, vocabulary, rng)
            written.append(_write_source(out_dir, profile, table, records))
            truth.writerows(
                zip(
                    (profile.name,) * len(table.record_ids),
                    table.record_ids,
                    table.person_ids.tolist(),
                    strict=True,
                )
            )
    records = np.column_stack(list(captures.values()))
    histories = capture_histories(records)
    persons_path = out_dir / "truth_persons.csv"
    write_persons(persons_path, population, histories, vocabulary)
    summary = summarise_truth(population, records, histories, profiles, seed)
    summary["sources"] = [_describe(source) for source in written]
    json_path = out_dir / "truth.json"
    json_path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return SimulatedCase(
        out_dir=out_dir,
        sources=tuple(written),
        true_total=victims,
        documented=summary["documented"],
        truth_csv=truth_path,
        truth_json=json_path,
        persons_csv=persons_path,
        seed=seed,
    )


def _write_source(
    out_dir: Path, profile: SourceProfile, table: SourceTable, records: np.ndarray
) -> SimulatedSource:
    style = profile.style
    path = out_dir / f"{profile.name}.csv"
    with path.open("w", encoding=style.encoding, newline="") as file:
        writer = csv.writer(file, delimiter=style.delimiter, lineterminator=style.line_terminator)
        writer.writerow(table.header)
        writer.writerows(table.rows)
    return SimulatedSource(
        name=profile.name,
        kind=profile.kind,
        path=path,
        id_column=table.header[0],
        encoding=style.encoding,
        delimiter=style.delimiter,
        language=style.language,
        records=len(table.record_ids),
        persons=int((records > 0).sum()),
    )


def _describe(source: SimulatedSource) -> dict[str, str | int]:
    return {
        "name": source.name,
        "kind": source.kind,
        "file": source.path.name,
        "id_column": source.id_column,
        "encoding": source.encoding,
        "delimiter": source.delimiter,
        "language": source.language,
        "records": source.records,
        "persons": source.persons,
    }
