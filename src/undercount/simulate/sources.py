"""The kinds of list a simulated case holds: who each one captures, and how it writes.

A case with K sources takes the first K profiles of ``ROSTER``. The capture parameters are the
generative model statisticians should reason about (docs/simulator.md explains the biases they
cause); the writing styles are what linkage has to undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from undercount.errors import UndercountError
from undercount.simulate.fields import AgeStyle, DateStyle
from undercount.simulate.transliteration import NameSystem as N


@dataclass(frozen=True)
class CaptureModel:
    """Log-odds of a person appearing on a list, as a sum of effects.

    logit P(listed) = base + outside_almaty·[died outside Almaty city] + status[status]
                      + custody·[died in custody] + child·[age < 14] + late·[died on 8 Jan or later]
                      + visibility·v,   v ~ N(0, 1) per person, shared by all lists.
    A list that ``copies`` another adds, with the given probability, each person on that list
    whom it had not captured itself. ``duplicates`` is the mean number of extra records per
    captured person (Poisson), rendered independently as a second report would be.
    """

    base: float
    outside_almaty: float = 0.0
    status: Mapping[str, float] = field(default_factory=dict)
    custody: float = 0.0
    child: float = 0.0
    late: float = 0.0
    visibility: float = 0.0
    copies: tuple[str, float] | None = None
    duplicates: float = 0.0


@dataclass(frozen=True)
class WritingStyle:
    """How a list writes its records (shares are relative weights per record).

    ``patronymic``: "document" writes the form in the person's documents (-ович or -ұлы),
    "kazakh" writes -ұлы/-қызы for every Kazakh-named person, "russian" writes -ович/-овна for
    everyone, "none" has no patronymic. ``spelling_variant_rate``: records in a Russian-based
    system that use the variant spelling (Жулдуз, Soviet Дж- surnames); ``decree_surname_rate``:
    Kazakh-named records whose -ов/-ев surname is written without it, as the 1996 decree allows
    (Ахметов → Ахмет); ``order_flip_rate``: one-column names written in the other order.
    ``missing`` gives per-field blank rates; ``*_error_rate`` the share of records whose value
    is wrong (see ``render``).
    """

    language: str
    systems: tuple[tuple[N, float], ...]
    split_name: bool
    surname_first: bool
    patronymic: str
    death_dates: tuple[tuple[DateStyle, float], ...]
    birth_dates: tuple[tuple[DateStyle, float], ...] | None = None
    ages: tuple[tuple[AgeStyle, float], ...] | None = None
    sex: str | None = None
    place: bool = True
    region: bool = True
    status: bool = False
    circumstances: bool = False
    kazakh_patronymic_joiners: tuple[tuple[str, float], ...] = (("", 1.0),)
    spelling_variant_rate: float = 0.0
    decree_surname_rate: float = 0.0
    order_flip_rate: float = 0.0
    missing: Mapping[str, float] = field(default_factory=dict)
    typo_rate: float = 0.0
    date_error_rate: float = 0.0
    age_error_rate: float = 0.0
    region_error_rate: float = 0.0
    status_error_rate: float = 0.0
    encoding: str = "utf-8"
    delimiter: str = ","
    line_terminator: str = "\n"
    id_format: str = "{}"
    sort_by_date: bool = False


@dataclass(frozen=True)
class SourceProfile:
    """One list: its name (also the CSV file stem), kind, capture model and writing style."""

    name: str
    kind: str
    capture: CaptureModel
    style: WritingStyle


OFFICIAL = SourceProfile(
    "official",
    "official",
    CaptureModel(
        base=0.5,
        outside_almaty=-1.0,
        status={"law_enforcement": 3.0, "military": 2.0, "protester": -0.3, "unknown": -0.8},
        custody=-2.0,
        child=0.3,
        late=-0.6,
        visibility=0.7,
        duplicates=0.01,
    ),
    WritingStyle(
        language="ru",
        systems=((N.RUSSIAN_CYRILLIC, 1.0),),
        split_name=True,
        surname_first=True,
        patronymic="document",
        death_dates=((DateStyle.DOTTED, 1.0),),
        birth_dates=((DateStyle.DOTTED, 1.0),),
        ages=((AgeStyle.EXACT, 1.0),),
        sex="ru_short",
        status=True,
        circumstances=True,
        spelling_variant_rate=0.03,
        missing={"patronymic": 0.05, "birth": 0.1, "age": 0.05, "circumstances": 0.3},
        typo_rate=0.01,
        date_error_rate=0.01,
        age_error_rate=0.02,
        region_error_rate=0.01,
        status_error_rate=0.05,
        encoding="utf-8-sig",
        delimiter=";",
        line_terminator="\r\n",
        sort_by_date=True,
    ),
)

NGO = SourceProfile(
    "ngo",
    "ngo",
    CaptureModel(
        base=-0.4,
        outside_almaty=0.2,
        status={"law_enforcement": -2.5, "military": -1.5, "protester": 0.6, "unknown": -0.5},
        custody=1.5,
        child=0.5,
        late=0.2,
        visibility=0.6,
        duplicates=0.04,
    ),
    WritingStyle(
        language="ru",
        systems=((N.RUSSIAN_CYRILLIC, 0.6), (N.KAZAKH_ON_RUSSIAN_KEYBOARD, 0.4)),
        split_name=False,
        surname_first=True,
        patronymic="document",
        death_dates=(
            (DateStyle.DOTTED, 0.5),
            (DateStyle.RUSSIAN_LONG, 0.35),
            (DateStyle.RUSSIAN_MONTH, 0.15),
        ),
        ages=(
            (AgeStyle.EXACT, 0.6),
            (AgeStyle.ABOUT_RUSSIAN, 0.25),
            (AgeStyle.RANGE_RUSSIAN_YEARS, 0.15),
        ),
        sex="ru_abbreviated",
        status=True,
        circumstances=True,
        spelling_variant_rate=0.15,
        order_flip_rate=0.1,
        missing={"patronymic": 0.35, "age": 0.1, "sex": 0.1, "region": 0.5},
        typo_rate=0.05,
        date_error_rate=0.03,
        age_error_rate=0.05,
        region_error_rate=0.03,
        status_error_rate=0.1,
        encoding="cp1251",
        delimiter=";",
        line_terminator="\r\n",
        id_format="{:04d}",
    ),
)

MEDIA = SourceProfile(
    "media",
    "media",
    CaptureModel(
        base=-1.8,
        outside_almaty=-0.8,
        status={"law_enforcement": 1.0, "military": 0.5, "unknown": -1.0},
        custody=0.5,
        child=1.5,
        late=-0.3,
        visibility=1.2,
        copies=("official", 0.45),
        duplicates=0.03,
    ),
    WritingStyle(
        language="en",
        systems=(
            (N.ENGLISH_PRESS, 0.5),
            (N.KAZAKH_LATIN_INFORMAL, 0.25),
            (N.PASSPORT_MVD_1997, 0.1),
            (N.PASSPORT_ICAO, 0.1),
            (N.PASSPORT_GOST_2006, 0.05),
        ),
        split_name=False,
        surname_first=False,
        patronymic="none",
        death_dates=(
            (DateStyle.ENGLISH_LONG, 0.7),
            (DateStyle.ISO, 0.2),
            (DateStyle.ENGLISH_MONTH, 0.1),
        ),
        ages=((AgeStyle.EXACT, 0.6), (AgeStyle.TILDE, 0.4)),
        sex="en_letter",
        status=True,
        circumstances=True,
        spelling_variant_rate=0.1,
        order_flip_rate=0.05,
        missing={"age": 0.2, "sex": 0.3, "place": 0.05, "region": 0.4, "circumstances": 0.2},
        typo_rate=0.03,
        date_error_rate=0.03,
        age_error_rate=0.05,
        status_error_rate=0.1,
        id_format="m{}",
    ),
)

MORGUE = SourceProfile(
    "morgue",
    "medical",
    CaptureModel(
        base=0.9,
        outside_almaty=-5.0,
        status={"law_enforcement": -1.0, "military": -2.0, "unknown": 0.3},
        custody=-0.5,
        late=-0.3,
        visibility=0.3,
        duplicates=0.02,
    ),
    WritingStyle(
        language="kk",
        systems=(
            (N.KAZAKH_CYRILLIC, 0.7),
            (N.KAZAKH_CYRILLIC_LATIN_I, 0.1),
            (N.RUSSIAN_CYRILLIC, 0.2),
        ),
        split_name=True,
        surname_first=True,
        patronymic="kazakh",
        kazakh_patronymic_joiners=(("", 0.8), (" ", 0.2)),
        death_dates=((DateStyle.ISO, 0.6), (DateStyle.KAZAKH_LONG, 0.4)),
        birth_dates=((DateStyle.ISO, 0.95), (DateStyle.YEAR, 0.05)),
        ages=((AgeStyle.EXACT, 1.0),),
        sex="kk",
        decree_surname_rate=0.03,
        missing={"patronymic": 0.1, "birth": 0.25, "age": 0.05},
        typo_rate=0.02,
        date_error_rate=0.02,
        age_error_rate=0.02,
        id_format="{:05d}",
    ),
)

FAMILY = SourceProfile(
    "family",
    "family",
    CaptureModel(
        base=-1.8,
        outside_almaty=0.3,
        status={"law_enforcement": -3.0, "military": -1.5, "protester": 0.3},
        custody=1.5,
        child=1.5,
        late=0.3,
        visibility=0.6,
        duplicates=0.12,
    ),
    WritingStyle(
        language="kk",
        systems=(
            (N.KAZAKH_CYRILLIC, 0.35),
            (N.KAZAKH_ON_RUSSIAN_KEYBOARD, 0.2),
            (N.KAZAKH_LATIN_2021, 0.2),
            (N.KAZAKH_LATIN_2018, 0.1),
            (N.RUSSIAN_CYRILLIC, 0.15),
        ),
        split_name=False,
        surname_first=False,
        patronymic="kazakh",
        kazakh_patronymic_joiners=(("", 0.6), (" ", 0.3), ("-", 0.1)),
        death_dates=(
            (DateStyle.KAZAKH_LONG, 0.4),
            (DateStyle.DOTTED, 0.35),
            (DateStyle.KAZAKH_MONTH, 0.15),
            (DateStyle.YEAR, 0.1),
        ),
        birth_dates=((DateStyle.DOTTED, 0.8), (DateStyle.YEAR, 0.2)),
        ages=((AgeStyle.EXACT, 1.0),),
        sex="kk",
        spelling_variant_rate=0.2,
        decree_surname_rate=0.08,
        order_flip_rate=0.1,
        missing={"patronymic": 0.5, "birth": 0.5, "age": 0.3, "sex": 0.4, "region": 0.6},
        typo_rate=0.08,
        date_error_rate=0.05,
        age_error_rate=0.08,
        region_error_rate=0.05,
        id_format="f{:05d}",
    ),
)

SOCIAL = SourceProfile(
    "social",
    "social",
    CaptureModel(
        base=-0.8,
        outside_almaty=-0.3,
        status={"law_enforcement": -1.0, "protester": 0.8},
        custody=0.5,
        child=1.0,
        visibility=1.3,
        copies=("ngo", 0.3),
        duplicates=0.08,
    ),
    WritingStyle(
        language="ru",
        systems=(
            (N.RUSSIAN_CYRILLIC, 0.4),
            (N.KAZAKH_ON_RUSSIAN_KEYBOARD, 0.2),
            (N.KAZAKH_LATIN_INFORMAL, 0.2),
            (N.PASSPORT_GOST_2006, 0.2),
        ),
        split_name=False,
        surname_first=False,
        patronymic="none",
        death_dates=((DateStyle.RUSSIAN_LONG, 0.6), (DateStyle.DOTTED, 0.4)),
        ages=((AgeStyle.EXACT, 0.7), (AgeStyle.RANGE, 0.3)),
        status=True,
        spelling_variant_rate=0.2,
        decree_surname_rate=0.03,
        order_flip_rate=0.1,
        missing={"age": 0.3, "place": 0.1, "region": 0.7},
        typo_rate=0.08,
        date_error_rate=0.05,
        age_error_rate=0.08,
        status_error_rate=0.1,
        encoding="utf-8-sig",
        id_format="t{}",
    ),
)

REGIONAL = SourceProfile(
    "regional",
    "official",
    CaptureModel(
        base=-6.0,
        outside_almaty=7.0,
        status={"law_enforcement": 1.5, "unknown": -0.5},
        custody=-1.5,
        visibility=0.5,
        duplicates=0.01,
    ),
    WritingStyle(
        language="ru",
        systems=((N.RUSSIAN_CYRILLIC, 1.0),),
        split_name=True,
        surname_first=True,
        patronymic="russian",
        death_dates=((DateStyle.SLASHED, 1.0),),
        birth_dates=((DateStyle.SLASHED, 1.0),),
        sex="ru_short",
        spelling_variant_rate=0.1,
        status=True,
        missing={"birth": 0.2, "patronymic": 0.1},
        typo_rate=0.02,
        date_error_rate=0.02,
        encoding="cp1251",
        delimiter=";",
        line_terminator="\r\n",
        sort_by_date=True,
    ),
)

INTERNATIONAL = SourceProfile(
    "international",
    "other",
    CaptureModel(
        base=-2.0,
        status={"law_enforcement": -1.5},
        custody=1.0,
        visibility=0.8,
        copies=("ngo", 0.5),
    ),
    WritingStyle(
        language="en",
        systems=((N.PASSPORT_ICAO, 0.5), (N.ENGLISH_PRESS, 0.5)),
        split_name=False,
        surname_first=True,
        patronymic="none",
        death_dates=((DateStyle.ISO, 1.0),),
        ages=((AgeStyle.EXACT, 0.8), (AgeStyle.RANGE, 0.2)),
        sex="en_word",
        status=True,
        circumstances=True,
        missing={"age": 0.2, "sex": 0.2},
        typo_rate=0.02,
        date_error_rate=0.02,
        age_error_rate=0.03,
        encoding="utf-8-sig",
        id_format="INT-{:04d}",
    ),
)

ROSTER: tuple[SourceProfile, ...] = (
    OFFICIAL,
    NGO,
    MEDIA,
    MORGUE,
    FAMILY,
    SOCIAL,
    REGIONAL,
    INTERNATIONAL,
)
"""Profiles in the order a case adds them: ``sources=K`` takes the first K."""


def choose_profiles(count: int) -> tuple[SourceProfile, ...]:
    """The first ``count`` profiles of the roster; a list copies only lists before it."""
    if not 2 <= count <= len(ROSTER):
        raise UndercountError(
            f"A simulated case has 2 to {len(ROSTER)} sources, not {count}.",
            hint=f"Try --sources 5 (the kinds are: {', '.join(p.name for p in ROSTER)}).",
        )
    return ROSTER[:count]
