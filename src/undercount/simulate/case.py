"""``simulate_case``: a directory of lists with known truth, made to stress linkage and estimation.

The output directory holds one CSV per list, ``truth.csv`` (which person every record is),
``truth.json`` (true totals) and ``persons.csv`` (the true victims, with their capture history).
Everything is drawn from one ``numpy.random.Generator`` seeded with ``seed``, in a fixed order:
victims, then capture, then each list's rows. The same arguments give byte-identical files.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from undercount.errors import UndercountError
from undercount.simulate.capture import draw_captures
from undercount.simulate.fields import DateStyle, format_date
from undercount.simulate.geography import PLACE_REGION, PLACES, REGIONS
from undercount.simulate.render import SourceTable, render_source
from undercount.simulate.sources import SourceProfile, choose_profiles
from undercount.simulate.victims import CIRCUMSTANCES, STATUSES, Victims, draw_victims
from undercount.simulate.vocabulary import (
    Vocabulary,
    feminine_surname,
    kazakh_patronymic,
    load_vocabulary,
    russian_patronymic,
)


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
    profiles = choose_profiles(sources)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    vocabulary = load_vocabulary()
    population = draw_victims(victims, vocabulary, rng)
    records = draw_captures(population, profiles, rng)
    written = []
    truth_path = out_dir / "truth.csv"
    with truth_path.open("w", encoding="utf-8", newline="") as truth_file:
        truth = csv.writer(truth_file, lineterminator="\n")
        truth.writerow(("source", "source_record_id", "person_id"))
        for j, profile in enumerate(profiles):
            table = render_source(population, records[:, j], profile, vocabulary, rng)
            written.append(_write_source(out_dir, profile, table, records[:, j]))
            truth.writerows(
                zip(
                    (profile.name,) * len(table.record_ids),
                    table.record_ids,
                    table.person_ids.tolist(),
                    strict=True,
                )
            )
    histories = _capture_histories(records)
    persons_path = out_dir / "persons.csv"
    _write_persons(persons_path, population, histories, vocabulary)
    summary = _summarise(population, records, histories, profiles, written, seed)
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


def _capture_histories(records: np.ndarray) -> np.ndarray:
    """Per person, "1" or "0" per list in list order ("10100": on lists 1 and 3)."""
    on_list = (records > 0).astype(np.uint8)
    if on_list.shape[1] == 0:
        return np.full(len(records), "", dtype=object)
    digits = np.array(["0", "1"], dtype=object)[on_list]
    histories = digits[:, 0].copy()
    for j in range(1, on_list.shape[1]):
        histories = histories + digits[:, j]
    return histories


def _write_persons(
    path: Path, victims: Victims, histories: np.ndarray, vocabulary: Vocabulary
) -> None:
    """The true victims in Kazakh Cyrillic, with place, region, dates and capture history."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(
            (
                "person_id", "surname", "given_name", "patronymic", "sex", "age",
                "date_of_birth", "date_of_death", "place", "region", "status",
                "circumstances", "capture_history",
            )
        )  # fmt: skip
        writer.writerows(
            (
                person,
                *_true_name(vocabulary, victims, i),
                "female" if victims.female[i] else "male",
                int(victims.age[i]),
                format_date(victims.birth[i], DateStyle.ISO),
                format_date(victims.death[i], DateStyle.ISO),
                PLACES[victims.place[i]].key,
                REGIONS[PLACE_REGION[victims.place[i]]].key,
                STATUSES[victims.status[i]],
                CIRCUMSTANCES[victims.circumstance[i]],
                histories[i],
            )
            for i, person in enumerate(victims.person_id.tolist())
        )


def _true_name(vocabulary: Vocabulary, victims: Victims, i: int) -> tuple[str, str, str]:
    female = bool(victims.female[i])
    father = vocabulary.given[victims.father[i]].kk
    if victims.surname[i] < 0:
        surname, patronymic = kazakh_patronymic(father, female=female, spelling="kk"), ""
    else:
        surname = vocabulary.surnames[victims.surname[i]].kk
        surname = feminine_surname(surname) if female else surname
        if victims.kazakh_patronymic[i]:
            patronymic = kazakh_patronymic(father, female=female, spelling="kk")
        else:
            patronymic = russian_patronymic(father, female=female)
    return surname, vocabulary.given[victims.given[i]].kk, patronymic


def _summarise(
    victims: Victims,
    records: np.ndarray,
    histories: np.ndarray,
    profiles: tuple[SourceProfile, ...],
    written: list[SimulatedSource],
    seed: int,
) -> dict:
    """True totals overall and by region, status, day and sex, documented counts, and the full
    capture-history table including the persons on no list (the cell estimation must infer)."""
    documented = (records > 0).any(axis=1)
    region = np.array([REGIONS[r].key for r in PLACE_REGION], dtype=object)[victims.place]
    day = np.array([format_date(d, DateStyle.ISO) for d in victims.death.tolist()], dtype=object)
    breakdowns = {
        "region": region,
        "status": np.array(STATUSES, dtype=object)[victims.status],
        "day": day,
        "sex": np.where(victims.female, "female", "male"),
    }
    summary: dict = {
        "seed": seed,
        "total": len(victims),
        "documented": int(documented.sum()),
        "sources": [
            {
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
            for source in written
        ],
        "list_order": [profile.name for profile in profiles],
    }
    for name, values in breakdowns.items():
        summary[f"by_{name}"] = _count(values)
        summary[f"documented_by_{name}"] = _count(values[documented])
    summary["capture_histories"] = _count(histories)
    summary["capture_histories_by_region"] = {
        key: _count(histories[region == key]) for key in sorted(set(region.tolist()))
    }
    return summary


def _count(values: np.ndarray) -> dict[str, int]:
    return dict(sorted(Counter(values.tolist()).items()))
