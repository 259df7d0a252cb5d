"""The true population of victims: who died, where, when, and how they are named.

Every attribute is a numpy array over persons, drawn in one fixed order from the generator it is
given. The marginals (documented in docs/simulator.md) follow the shape of January 2022 reports:
mostly men, mostly adults, mostly in Almaty, mostly on 5–6 January, about 8 % law enforcement.

Linkage traps are planted on purpose after the independent draws: siblings (same surname root and
father, different given name), fathers and sons (the son's patronymic is the father's given name),
and namesakes (same surname and given name, otherwise unrelated). Frequent names already produce
accidental namesakes; the planted ones guarantee some in every small case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from undercount.simulate.frequencies import KOREAN_WITH_SLAVIC_GIVEN
from undercount.simulate.geography import PLACES
from undercount.simulate.vocabulary import Vocabulary

STATUSES = ("civilian", "protester", "law_enforcement", "military", "unknown")
STATUS_SHARES = (0.45, 0.33, 0.08, 0.03, 0.11)
CIVILIAN, PROTESTER, LAW_ENFORCEMENT, MILITARY, UNKNOWN_STATUS = range(5)

CIRCUMSTANCES = ("gunshot", "custody", "beating", "vehicle", "stray_bullet", "unknown")
CUSTODY, STRAY_BULLET = 1, 4
_CIRCUMSTANCE_SHARES = {  # rows follow STATUSES, columns CIRCUMSTANCES
    CIVILIAN: (0.45, 0.03, 0.05, 0.05, 0.25, 0.17),
    PROTESTER: (0.62, 0.08, 0.08, 0.04, 0.05, 0.13),
    LAW_ENFORCEMENT: (0.55, 0.00, 0.25, 0.05, 0.05, 0.10),
    MILITARY: (0.60, 0.00, 0.15, 0.10, 0.05, 0.10),
    UNKNOWN_STATUS: (0.35, 0.05, 0.05, 0.05, 0.05, 0.45),
}

FIRST_DAY = int(np.datetime64("2022-01-04", "D").astype(np.int64))
"""Days since 1970-01-01 of 4 January 2022; deaths fall on FIRST_DAY … FIRST_DAY + 7."""
_DAY_SHARES = (0.03, 0.36, 0.31, 0.14, 0.07, 0.04, 0.03, 0.02)
_CUSTODY_DAY_SHARES = (0.0, 0.02, 0.08, 0.20, 0.25, 0.20, 0.15, 0.10)

_FEMALE_SHARE = {
    CIVILIAN: 0.22,
    PROTESTER: 0.07,
    LAW_ENFORCEMENT: 0.06,
    MILITARY: 0.02,
    UNKNOWN_STATUS: 0.12,
}
_FEMALE_SHARE_MINOR = 0.45
RELATIONS = ("", "sibling", "father", "son", "namesake")
"""``Victims.relation`` codes: what the planted relative is to the person (0: none planted)."""
SIBLING, FATHER, SON, NAMESAKE = 1, 2, 3, 4

CHILD_AGE = 14
"""Below this age a person is named from the children's weights and counts as a child."""

_PATRONYMIC_SURNAME_SHARE = 0.015
_KAZAKH_PATRONYMIC_SHARE = {"before_1990": 0.25, "from_1990": 0.45}
_SIBLING_PAIRS, _FATHER_SON_PAIRS, _NAMESAKE_PAIRS = 0.03, 0.01, 0.015


@dataclass(frozen=True)
class Victims:
    """One row per person killed; ``person_id`` is 1-based and stable for a seed.

    ``surname`` indexes ``Vocabulary.surnames``, or is -1 for a person whose surname is the
    father's name + ұлы/қызы. ``given`` and ``father`` index ``Vocabulary.given``.
    ``kazakh_patronymic`` says the person's documents carry -ұлы/-қызы rather than -ович/-овна.
    Dates are days since 1970-01-01. ``visibility`` is the latent, standard-normal propensity of a
    death to be noticed, shared by every source (the source of capture heterogeneity).
    ``relation`` and ``relative`` record the planted traps: the relative's row index, and what
    that relative is to this person (a code into ``RELATIONS``); -1 and 0 when none was planted.
    """

    person_id: np.ndarray
    status: np.ndarray
    circumstance: np.ndarray
    age: np.ndarray
    female: np.ndarray
    place: np.ndarray
    death: np.ndarray
    birth: np.ndarray
    ethnicity: np.ndarray
    surname: np.ndarray
    given: np.ndarray
    father: np.ndarray
    kazakh_patronymic: np.ndarray
    visibility: np.ndarray
    relation: np.ndarray
    relative: np.ndarray

    def __len__(self) -> int:
        return len(self.person_id)


def draw_victims(count: int, vocabulary: Vocabulary, rng: np.random.Generator) -> Victims:
    """Draw ``count`` victims, then plant siblings, fathers and sons, and namesakes."""
    status = rng.choice(len(STATUSES), size=count, p=STATUS_SHARES).astype(np.int8)
    circumstance = np.empty(count, dtype=np.int8)
    for code, shares in _CIRCUMSTANCE_SHARES.items():
        mask = status == code
        circumstance[mask] = rng.choice(len(CIRCUMSTANCES), size=mask.sum(), p=shares)
    age = _draw_ages(status, rng)
    female_share = np.array([_FEMALE_SHARE[s] for s in range(len(STATUSES))])[status]
    female_share = np.where(age < 18, _FEMALE_SHARE_MINOR, female_share)
    female = rng.random(count) < female_share
    place_weights = np.array([place.weight for place in PLACES])
    place = rng.choice(len(PLACES), size=count, p=place_weights / place_weights.sum())
    day = np.where(
        circumstance == CUSTODY,
        rng.choice(8, size=count, p=_CUSTODY_DAY_SHARES),
        rng.choice(8, size=count, p=_DAY_SHARES),
    )
    death = (FIRST_DAY + day).astype(np.int32)
    birth = birth_days(death, age, rng)
    victims = Victims(
        person_id=np.arange(1, count + 1, dtype=np.int64),
        status=status,
        circumstance=circumstance,
        age=age,
        female=female,
        place=place.astype(np.int16),
        death=death,
        birth=birth,
        visibility=rng.standard_normal(count),
        relation=np.zeros(count, dtype=np.int8),
        relative=np.full(count, -1, dtype=np.int64),
        **_draw_names(female, age, birth, vocabulary, rng),
    )
    _plant_traps(victims, vocabulary, rng)
    circumstance[(circumstance == CUSTODY) & (victims.age < 16)] = STRAY_BULLET
    return victims


def birth_days(death: np.ndarray, age: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Birth dates that make ``age`` the exact age in completed years on the day of death.

    The last birthday before death is the death date ``age`` years earlier (deaths are all in
    January 2022); birth is up to 364 days before that anniversary.
    """
    death_date = death.astype("datetime64[D]")
    year = death_date.astype("datetime64[Y]")
    day_in_year = (death_date - year.astype("datetime64[D]")).astype(np.int64)
    anniversary_year = (year.astype(np.int64) - age.astype(np.int64)).astype("datetime64[Y]")
    anniversary = anniversary_year.astype("datetime64[D]").astype(np.int64) + day_in_year
    return (anniversary - rng.integers(0, 365, size=len(death))).astype(np.int32)


def _draw_ages(status: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Ages by status: officers 20–58, conscript-aged soldiers, protesters from 15, civilians
    of every age including about 5 % children under 13 and 5 % teenagers."""
    count = len(status)
    adult = {
        LAW_ENFORCEMENT: (33, 7, 20, 58),
        MILITARY: (23, 4, 18, 45),
        PROTESTER: (29, 9, 15, 70),
        CIVILIAN: (37, 13, 18, 85),
        UNKNOWN_STATUS: (34, 12, 16, 80),
    }
    age = np.empty(count, dtype=np.int16)
    for code, (mean, sd, low, high) in adult.items():
        mask = status == code
        age[mask] = np.clip(np.rint(rng.normal(mean, sd, size=mask.sum())), low, high)
    civilian = np.flatnonzero(status == CIVILIAN)
    band = rng.choice(3, size=len(civilian), p=(0.05, 0.05, 0.90))
    age[civilian[band == 0]] = rng.integers(1, 13, size=(band == 0).sum())
    age[civilian[band == 1]] = rng.integers(13, 18, size=(band == 1).sum())
    return age


def _draw_names(
    female: np.ndarray,
    age: np.ndarray,
    birth: np.ndarray,
    vocabulary: Vocabulary,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Surname first (it decides the naming pattern), then given name, father, patronymic form."""
    count = len(female)
    surname_weights = np.array([s.weight for s in vocabulary.surnames])
    surname = rng.choice(
        len(surname_weights), size=count, p=surname_weights / surname_weights.sum()
    )
    ethnicity_codes = {"kazakh": 0, "slavic": 1, "korean": 2}
    ethnicity = np.array([ethnicity_codes[s.ethnicity] for s in vocabulary.surnames])[surname]
    slavic_given = (ethnicity == 1) | (
        (ethnicity == 2) & (rng.random(count) < KOREAN_WITH_SLAVIC_GIVEN)
    )
    child = age < CHILD_AGE
    given = np.empty(count, dtype=np.int32)
    father = np.empty(count, dtype=np.int32)
    for slavic in (False, True):
        fathers = vocabulary.given_indices(female=False, slavic=slavic)
        mask = slavic_given == slavic
        father[mask] = _draw_weighted(vocabulary, fathers, mask.sum(), rng, child=False)
        for is_female in (False, True):
            pool = vocabulary.given_indices(female=is_female, slavic=slavic)
            for is_child in (False, True):
                cell = mask & (female == is_female) & (child == is_child)
                given[cell] = _draw_weighted(vocabulary, pool, cell.sum(), rng, child=is_child)
    kazakh = ethnicity == 0
    surname = np.where(kazakh & (rng.random(count) < _PATRONYMIC_SURNAME_SHARE), -1, surname)
    born_1990 = int(np.datetime64("1990-01-01", "D").astype(np.int64))
    share = np.where(
        birth >= born_1990,
        _KAZAKH_PATRONYMIC_SHARE["from_1990"],
        _KAZAKH_PATRONYMIC_SHARE["before_1990"],
    )
    return {
        "ethnicity": ethnicity.astype(np.int8),
        "surname": surname.astype(np.int32),
        "given": given,
        "father": father,
        "kazakh_patronymic": kazakh & ~slavic_given & (rng.random(count) < share),
    }


def _draw_weighted(
    vocabulary: Vocabulary,
    pool: np.ndarray,
    size: int,
    rng: np.random.Generator,
    *,
    child: bool,
) -> np.ndarray:
    weights = np.array(
        [
            vocabulary.given[i].child_weight if child else vocabulary.given[i].adult_weight
            for i in pool
        ]
    )
    return pool[rng.choice(len(pool), size=size, p=weights / weights.sum())]


def _plant_traps(victims: Victims, vocabulary: Vocabulary, rng: np.random.Generator) -> None:
    """Overwrite name fields of disjoint receiver persons from donor persons (in place).

    Pairs are drawn among Kazakh-named persons only, so a planted relative keeps a name pattern
    consistent with their ethnicity.
    """
    count = len(victims)
    kazakh = (victims.ethnicity == 0) & (victims.surname >= 0)
    free = kazakh.copy()
    male = ~victims.female

    def take(eligible: np.ndarray, size: int) -> np.ndarray:
        candidates = np.flatnonzero(eligible & free)
        chosen = rng.permutation(candidates)[: min(size, len(candidates))]
        free[chosen] = False
        return chosen

    pairs = round(_SIBLING_PAIRS * count)
    donors = take(kazakh, pairs)
    receivers = take(kazakh, len(donors))
    donors = donors[: len(receivers)]
    victims.surname[receivers] = victims.surname[donors]
    victims.father[receivers] = victims.father[donors]
    victims.kazakh_patronymic[receivers] = victims.kazakh_patronymic[donors]
    youngest = np.array([1, 15, 20, 18, 16])  # by status, as in _draw_ages
    low = youngest[victims.status[receivers]]
    sibling_age = victims.age[donors] + np.rint(rng.normal(0, 5, size=len(donors)))
    _set_ages(victims, receivers, np.clip(sibling_age, low, 85), rng)
    _relate(victims, donors, receivers, SIBLING, SIBLING)
    clash = receivers[victims.given[receivers] == victims.given[donors]]
    victims.given[clash] = _next_in_pool(vocabulary, victims.given[clash], victims.female[clash])

    pairs = round(_FATHER_SON_PAIRS * count)
    fathers = take(kazakh & male & (victims.age >= 44), pairs)
    sons = take(kazakh & male & np.isin(victims.status, (CIVILIAN, PROTESTER)), len(fathers))
    fathers = fathers[: len(sons)]
    victims.surname[sons] = victims.surname[fathers]
    victims.father[sons] = victims.given[fathers]
    victims.kazakh_patronymic[sons] = victims.kazakh_patronymic[fathers]
    _relate(victims, fathers, sons, SON, FATHER)
    gap = rng.integers(20, 31, size=len(sons))
    _set_ages(victims, sons, victims.age[fathers] - gap, rng)

    pairs = round(_NAMESAKE_PAIRS * count)
    originals = take(kazakh & male, pairs)
    namesakes = take(kazakh & male, len(originals))
    originals = originals[: len(namesakes)]
    victims.surname[namesakes] = victims.surname[originals]
    victims.given[namesakes] = victims.given[originals]
    _relate(victims, originals, namesakes, NAMESAKE, NAMESAKE)


def _relate(
    victims: Victims, donors: np.ndarray, receivers: np.ndarray, to_donor: int, to_receiver: int
) -> None:
    """Record that each receiver is the ``to_donor`` of its donor, and the reverse."""
    victims.relation[donors], victims.relative[donors] = to_donor, receivers
    victims.relation[receivers], victims.relative[receivers] = to_receiver, donors


def _set_ages(
    victims: Victims, persons: np.ndarray, ages: np.ndarray, rng: np.random.Generator
) -> None:
    victims.age[persons] = ages
    victims.birth[persons] = birth_days(victims.death[persons], victims.age[persons], rng)


def _next_in_pool(vocabulary: Vocabulary, given: np.ndarray, female: np.ndarray) -> np.ndarray:
    """The next Kazakh given name of the same sex, so that siblings never share a given name."""
    following = given.copy()
    for is_female in (False, True):
        pool = vocabulary.given_indices(female=is_female, slavic=False)
        mask = female == is_female
        position = np.searchsorted(pool, given[mask])
        following[mask] = pool[(position + 1) % len(pool)]
    return following
