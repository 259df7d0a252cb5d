"""The known truth of a simulated case: who the victims are and how many, in every breakdown.

``truth.json`` gives true totals overall and by region (the gazetteer's region ids), status, day
of death and sex, the same for the persons documented on at least one list, and the full
capture-history table including the persons on no list: the cell multiple systems estimation has
to infer, so an estimator can be scored against the table it was given.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from undercount.simulate.fields import DateStyle, format_date, write_distinct
from undercount.simulate.geography import PLACE_REGION, PLACES, REGIONS
from undercount.simulate.naming import true_names
from undercount.simulate.sources import SourceProfile
from undercount.simulate.victims import CIRCUMSTANCES, RELATIONS, STATUSES, Victims
from undercount.simulate.vocabulary import Vocabulary

PERSON_COLUMNS = (
    "person_id", "surname", "given_name", "patronymic", "sex", "age", "date_of_birth",
    "date_of_death", "place", "region", "status", "circumstances", "capture_history",
    "relation", "relative_id",
)  # fmt: skip
"""``relation`` is what the planted relative ``relative_id`` is to the person (their sibling,
father, son or namesake); both are empty for persons without a planted relative."""


def capture_histories(records: np.ndarray) -> np.ndarray:
    """Per person, "1" or "0" per list in list order ("10100": on lists 1 and 3)."""
    weights = 1 << np.arange(records.shape[1] - 1, -1, -1, dtype=np.int64)
    codes = (records > 0).astype(np.int64) @ weights
    width = records.shape[1]
    return write_distinct(codes, lambda code: format(code, f"0{width}b"))


def write_persons(
    path: Path, victims: Victims, histories: np.ndarray, vocabulary: Vocabulary
) -> None:
    """The true victims (names in Kazakh Cyrillic, documented patronymic form) as a CSV."""
    iso = DateStyle.ISO
    region = np.array(PLACE_REGION)[victims.place]
    columns = (
        victims.person_id.tolist(),
        *true_names(victims, vocabulary),
        np.where(victims.female, "female", "male"),
        victims.age.tolist(),
        write_distinct(victims.birth, lambda day: format_date(day, iso)),
        write_distinct(victims.death, lambda day: format_date(day, iso)),
        np.array([place.key for place in PLACES], dtype=object)[victims.place],
        np.array([r.key for r in REGIONS], dtype=object)[region],
        np.array(STATUSES, dtype=object)[victims.status],
        np.array(CIRCUMSTANCES, dtype=object)[victims.circumstance],
        histories,
        np.array(RELATIONS, dtype=object)[victims.relation],
        np.where(victims.relative >= 0, victims.person_id[victims.relative], 0).astype(object),
    )
    columns[-1][victims.relative < 0] = ""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(PERSON_COLUMNS)
        writer.writerows(zip(*columns, strict=True))


def summarise_truth(
    victims: Victims,
    records: np.ndarray,
    histories: np.ndarray,
    profiles: tuple[SourceProfile, ...],
    seed: int,
) -> dict:
    """The contents of ``truth.json`` (without the per-source description, added by the caller)."""
    documented = (records > 0).any(axis=1)
    region_keys = np.array([REGIONS[r].key for r in PLACE_REGION], dtype=object)
    region = region_keys[victims.place]
    breakdowns = {
        "region": region,
        "status": np.array(STATUSES, dtype=object)[victims.status],
        "day": write_distinct(victims.death, lambda day: format_date(day, DateStyle.ISO)),
        "sex": np.where(victims.female, "female", "male").astype(object),
    }
    summary: dict = {
        "seed": seed,
        "total": len(victims),
        "documented": int(documented.sum()),
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
    distinct, counts = np.unique(np.asarray(values, dtype=str), return_counts=True)
    return dict(zip(distinct.tolist(), counts.tolist(), strict=True))
