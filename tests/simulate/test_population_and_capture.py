"""The true population and the capture model: shapes, traps, heterogeneity and the biases they
are documented to cause (docs/simulator.md)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from undercount.simulate.capture import draw_captures
from undercount.simulate.geography import ALMATY
from undercount.simulate.sources import ROSTER
from undercount.simulate.victims import (
    CIVILIAN,
    CUSTODY,
    FATHER,
    FIRST_DAY,
    LAW_ENFORCEMENT,
    NAMESAKE,
    SIBLING,
    Victims,
    draw_victims,
)
from undercount.simulate.vocabulary import load_vocabulary

EPOCH = dt.date(1970, 1, 1)


@pytest.fixture(scope="module")
def population() -> Victims:
    return draw_victims(20_000, load_vocabulary(), np.random.default_rng(11))


@pytest.fixture(scope="module")
def captured(population: Victims) -> np.ndarray:
    return draw_captures(population, ROSTER, np.random.default_rng(12)) > 0


def test_about_eight_percent_are_law_enforcement(population: Victims) -> None:
    assert np.mean(population.status == LAW_ENFORCEMENT) == pytest.approx(0.08, abs=0.01)


def test_most_died_in_almaty_on_5_and_6_january(population: Victims) -> None:
    day = population.death - FIRST_DAY
    assert day.min() >= 0 and day.max() <= 7
    assert np.mean((day == 1) | (day == 2)) > 0.6
    assert np.mean(population.place == ALMATY) == pytest.approx(0.62, abs=0.02)


def test_mostly_adult_men_with_some_children(population: Victims) -> None:
    assert 0.8 < np.mean(~population.female) < 0.9
    children = population.age < 13
    assert 0.01 < np.mean(children) < 0.05
    assert np.all(population.status[children] == CIVILIAN)
    assert not np.any(population.circumstance[population.age < 16] == CUSTODY)


def test_the_age_is_the_completed_years_between_birth_and_death(population: Victims) -> None:
    for i in range(0, len(population), 97):
        birth = EPOCH + dt.timedelta(days=int(population.birth[i]))
        death = EPOCH + dt.timedelta(days=int(population.death[i]))
        years = death.year - birth.year - ((death.month, death.day) < (birth.month, birth.day))
        assert years == population.age[i], (birth, death)


def _planted(population: Victims, relation: int) -> list[tuple[int, int]]:
    """(person, relative) row pairs for one kind of planted relation."""
    persons = np.flatnonzero(population.relation == relation)
    return list(zip(persons.tolist(), population.relative[persons].tolist(), strict=True))


def test_relations_are_planted_both_ways(population: Victims) -> None:
    related = np.flatnonzero(population.relation > 0)
    back = population.relative[population.relative[related]]
    assert np.array_equal(back, related)


def test_siblings_share_surname_and_father_but_not_given_name(population: Victims) -> None:
    p = population
    siblings = _planted(p, SIBLING)
    assert len(siblings) == pytest.approx(2 * 0.03 * len(p), rel=0.05)
    for a, b in siblings:
        assert (p.surname[a], p.father[a]) == (p.surname[b], p.father[b])
        assert p.given[a] != p.given[b]


def test_a_son_carries_his_father_s_surname_and_given_name_as_patronymic(
    population: Victims,
) -> None:
    p = population
    sons = _planted(p, FATHER)
    assert len(sons) == pytest.approx(0.01 * len(p), rel=0.05)
    for son, father in sons:
        assert p.surname[son] == p.surname[father]
        assert p.father[son] == p.given[father]
        assert 20 <= p.age[father] - p.age[son] <= 30
        assert not p.female[son] and not p.female[father]


def test_namesakes_are_different_people_with_the_same_name(population: Victims) -> None:
    p = population
    namesakes = _planted(p, NAMESAKE)
    assert len(namesakes) == pytest.approx(2 * 0.015 * len(p), rel=0.05)
    for a, b in namesakes:
        assert (p.surname[a], p.given[a]) == (p.surname[b], p.given[b])
        assert a != b


def _rate(captured: np.ndarray, name: str, mask: np.ndarray) -> float:
    column = [profile.name for profile in ROSTER].index(name)
    return float(captured[mask, column].mean())


def test_the_official_list_over_records_law_enforcement_and_the_ngo_under_records_it(
    population: Victims, captured: np.ndarray
) -> None:
    officers = population.status == LAW_ENFORCEMENT
    civilians = population.status == CIVILIAN
    assert _rate(captured, "official", officers) > _rate(captured, "official", civilians) + 0.2
    assert _rate(captured, "ngo", officers) < _rate(captured, "ngo", civilians) - 0.2
    assert _rate(captured, "family", officers) < 0.05


def test_the_official_list_under_records_outside_almaty_and_the_morgue_is_almaty_only(
    population: Victims, captured: np.ndarray
) -> None:
    almaty = population.place == ALMATY
    assert _rate(captured, "official", ~almaty) < _rate(captured, "official", almaty) - 0.1
    assert _rate(captured, "morgue", ~almaty) < 0.05 < 0.3 < _rate(captured, "morgue", almaty)
    assert _rate(captured, "regional", almaty) < 0.01


def test_media_copies_the_official_list(population: Victims, captured: np.ndarray) -> None:
    on_official = captured[:, 0]
    assert _rate(captured, "media", on_official) > 2 * _rate(captured, "media", ~on_official)


def test_adding_a_list_leaves_the_captures_of_the_earlier_lists_unchanged() -> None:
    vocabulary = load_vocabulary()
    three, five = (
        draw_captures(
            draw_victims(2000, vocabulary, np.random.default_rng(5)),
            ROSTER[:k],
            np.random.default_rng(6),
        )
        for k in (3, 5)
    )
    assert np.array_equal(three, five[:, :3])


def _lincoln_petersen_ratios(first: int, second: int, seeds: range) -> np.ndarray:
    """Naive two-list estimate n1·n2/m divided by the true total, one per seed."""
    vocabulary = load_vocabulary()
    ratios = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        victims = draw_victims(4000, vocabulary, rng)
        on = draw_captures(victims, ROSTER[:5], rng) > 0
        both = np.sum(on[:, first] & on[:, second])
        ratios.append(on[:, first].sum() * on[:, second].sum() / both / len(victims))
    return np.array(ratios)


LINCOLN_PETERSEN = [
    ("official and media: copying and shared visibility, under-estimate", 0, 2, 0.50, 0.70),
    ("ngo and family: same covariate directions, under-estimate", 1, 4, 0.65, 0.90),
    ("official and family: opposite covariate effects, over-estimate", 0, 4, 1.00, 1.15),
]


@pytest.mark.parametrize(
    ("first", "second", "low", "high"),
    [case[1:] for case in LINCOLN_PETERSEN],
    ids=[case[0] for case in LINCOLN_PETERSEN],
)
def test_naive_two_list_estimates_are_biased_in_the_documented_direction(
    first: int, second: int, low: float, high: float
) -> None:
    ratios = _lincoln_petersen_ratios(first, second, range(12))
    standard_error = ratios.std(ddof=1) / np.sqrt(len(ratios))
    assert low < ratios.mean() < high, ratios
    assert abs(ratios.mean() - 1) > 3 * standard_error
