"""Turning the persons a list captured into the rows that list would publish.

Every field goes through the same three steps: the true value, a documented error applied to a
share of records (a date one day off or in the wrong year, an age one year off, Almaty city filed
under Almaty Region), and the list's way of writing it; then blanks at the list's missing rate.
Writing is vectorised through the distinct values, as for names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from undercount.simulate.fields import (
    CIRCUMSTANCE_LABELS,
    SEX_LABELS,
    STATUS_LABELS,
    AgeStyle,
    DateStyle,
    format_age,
    format_date,
    misdate,
    write_distinct,
)
from undercount.simulate.geography import PLACE_REGION, PLACES, REGION_INDEX, REGIONS
from undercount.simulate.naming import write_names
from undercount.simulate.sources import SourceProfile
from undercount.simulate.victims import CIVILIAN, PROTESTER, UNKNOWN_STATUS, Victims
from undercount.simulate.vocabulary import Vocabulary

HEADERS: dict[str, dict[str, str]] = {
    "ru": {
        "id": "Номер", "full_name": "ФИО", "surname": "Фамилия", "given": "Имя",
        "patronymic": "Отчество", "sex": "Пол", "age": "Возраст", "birth": "Дата рождения",
        "death": "Дата смерти", "place": "Место", "region": "Область", "status": "Статус",
        "circumstances": "Обстоятельства",
    },
    "kk": {
        "id": "Нөмірі", "full_name": "Аты-жөні", "surname": "Тегі", "given": "Аты",
        "patronymic": "Әкесінің аты", "sex": "Жынысы", "age": "Жасы", "birth": "Туған күні",
        "death": "Қайтыс болған күні", "place": "Жері", "region": "Облыс",
    },
    "en": {
        "id": "id", "full_name": "full name", "surname": "surname", "given": "given name",
        "patronymic": "patronymic", "sex": "sex", "age": "age", "birth": "date of birth",
        "death": "date of death", "place": "place", "region": "region", "status": "status",
        "circumstances": "circumstances",
    },
}  # fmt: skip
"""Column headers by language: only these names, so the importer's header map knows them all."""

_USUAL_PLACE_NAME = 0.85


@dataclass(frozen=True)
class SourceTable:
    """A list ready to write: header, columns of strings in row order, and the truth per row."""

    header: tuple[str, ...]
    columns: tuple[Sequence[str], ...]
    record_ids: tuple[str, ...]
    person_ids: np.ndarray

    @property
    def rows(self) -> zip:
        """The rows, id first, for ``csv.writer.writerows``."""
        return zip(self.record_ids, *self.columns, strict=True)


def render_source(
    victims: Victims,
    records_per_person: np.ndarray,
    profile: SourceProfile,
    vocabulary: Vocabulary,
    rng: np.random.Generator,
) -> SourceTable:
    """The rows of one list: one per record (a person with duplicates has several)."""
    style = profile.style
    who = np.repeat(np.arange(len(victims)), records_per_person)
    count = len(who)
    names = write_names(victims, who, style, vocabulary, rng)
    fields: dict[str, np.ndarray | list[str]] = {}
    if style.split_name:
        fields["surname"], fields["given"] = names.surname, names.given
        if style.patronymic != "none":
            fields["patronymic"] = names.patronymic
    else:
        flipped = rng.random(count) < style.order_flip_rate
        fields["full_name"] = names.full(surname_first=style.surname_first, flipped=flipped)
    if style.sex:
        labels = np.array(SEX_LABELS[style.sex], dtype=object)
        fields["sex"] = labels[victims.female[who].astype(np.int64)]
    if style.ages:
        fields["age"] = _write_ages(victims.age[who], style.ages, style.age_error_rate, rng)
    if style.birth_dates:
        birth = misdate(victims.birth[who], style.date_error_rate, rng)
        fields["birth"] = _write_dates(birth, style.birth_dates, rng)
    death = misdate(victims.death[who], style.date_error_rate, rng)
    fields["death"] = _write_dates(death, style.death_dates, rng)
    if style.place:
        fields["place"] = _write_places(victims.place[who], style.language, rng)
    if style.region:
        fields["region"] = _write_regions(
            victims.place[who], style.language, style.region_error_rate, rng
        )
    if style.status:
        status = _misstate(victims.status[who], style.status_error_rate, rng)
        fields["status"] = _labels(STATUS_LABELS[style.language], status)
    if style.circumstances:
        labels = CIRCUMSTANCE_LABELS[style.language]
        fields["circumstances"] = _labels(labels, victims.circumstance[who])
    for name, rate in style.missing.items():
        if name in fields and name != "patronymic":
            blank = rng.random(count) < rate
            fields[name] = np.where(blank, "", np.asarray(fields[name], dtype=object))
    order = _row_order(victims.death[who], names.surname, style.sort_by_date, rng)
    headers = HEADERS[style.language]
    return SourceTable(
        header=(headers["id"], *(headers[name] for name in fields)),
        columns=tuple(np.asarray(column, dtype=object)[order] for column in fields.values()),
        record_ids=tuple(map(style.id_format.format, range(1, count + 1))),
        person_ids=victims.person_id[who][order],
    )


def _row_order(
    death: np.ndarray, surname: np.ndarray, by_date: bool, rng: np.random.Generator
) -> np.ndarray:
    """Official lists are sorted by date of death, then surname; the others are in the order
    their reports came in, which is random with respect to everything we model."""
    if by_date:
        return np.lexsort((surname.astype(str), death))
    return rng.permutation(len(death))


def _pick_styles(
    styles: Sequence[tuple[StrEnum, float]], count: int, rng: np.random.Generator
) -> np.ndarray:
    weights = np.array([weight for _, weight in styles])
    return rng.choice(len(styles), size=count, p=weights / weights.sum())


def _write_dates(
    days: np.ndarray, styles: tuple[tuple[DateStyle, float], ...], rng: np.random.Generator
) -> np.ndarray:
    chosen = _pick_styles(styles, len(days), rng)
    keys = days.astype(np.int64) * 16 + chosen
    return write_distinct(keys, lambda key: format_date(key // 16, styles[key % 16][0]))


def _write_ages(
    ages: np.ndarray,
    styles: tuple[tuple[AgeStyle, float], ...],
    error_rate: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Ages as written; an ``error_rate`` share is one year off (age counted by calendar year
    rather than by birthday, or simply misremembered)."""
    count = len(ages)
    off = np.where(rng.random(count) < error_rate, rng.choice((-1, 1), size=count), 0)
    reported = np.maximum(ages.astype(np.int64) + off, 0)
    chosen = _pick_styles(styles, count, rng)
    keys = reported * 16 + chosen
    return write_distinct(keys, lambda key: format_age(key // 16, styles[key % 16][0]))


def _write_places(place: np.ndarray, language: str, rng: np.random.Generator) -> np.ndarray:
    """The usual name of the place, or (15 %) one of its other names where it has some."""
    spellings = [p.names[language] for p in PLACES]
    others = np.array([len(names) - 1 for names in spellings])[place]
    unusual = (rng.random(len(place)) >= _USUAL_PLACE_NAME) & (others > 0)
    alternative = 1 + rng.integers(0, 1 << 30, size=len(place)) % np.maximum(others, 1)
    keys = place.astype(np.int64) * 8 + np.where(unusual, alternative, 0)
    return write_distinct(keys, lambda key: spellings[key // 8][key % 8])


def _write_regions(
    place: np.ndarray, language: str, error_rate: float, rng: np.random.Generator
) -> np.ndarray:
    """The region of the place; an ``error_rate`` share of Almaty-city deaths is filed under
    Almaty Region and vice versa (the two are distinct units that share a name)."""
    region = np.array(PLACE_REGION)[place]
    city, oblast = REGION_INDEX["almaty_city"], REGION_INDEX["almaty_region"]
    wrong = rng.random(len(place)) < error_rate
    confused = np.where(region == city, oblast, np.where(region == oblast, city, region))
    region = np.where(wrong, confused, region)
    names = np.array([getattr(r, language) for r in REGIONS], dtype=object)
    return names[region]


def _misstate(status: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """A ``rate`` share of statuses misrecorded: civilians and protesters swapped (who counts as
    a protester is contested), any other status recorded as unknown."""
    wrong = rng.random(len(status)) < rate
    misrecorded = np.select(
        [status == CIVILIAN, status == PROTESTER], [PROTESTER, CIVILIAN], UNKNOWN_STATUS
    )
    return np.where(wrong, misrecorded, status)


def _labels(labels: tuple[str, ...], codes: np.ndarray) -> np.ndarray:
    return np.array(labels, dtype=object)[codes.astype(np.int64)]
