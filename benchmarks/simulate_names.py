"""How many simulated victims share a name with another, against what the name weights imply.

    .venv/bin/python benchmarks/simulate_names.py [--victims 5000 520000] [--seed 7]

For each size, draws the victims exactly as ``simulate_case(seed=...)`` does and prints
(1) distinct surnames and given names, as written in Kazakh Cyrillic (Ахметов and Ахметова
count twice) and as vocabulary entries; (2) the share of victims who share surname + given name
with another victim (overall and within each naming pattern), and surname + given name +
patronymic; (3) beside each, its expectation
under the vocabulary's weights for independently drawn names (the planted namesakes, 1.5 % pairs,
come on top). The triple's expectation is first order, (n - 1) · Σ p², an upper bound that is
close while the share is small. Works against any checkout of the simulator (run it with
``PYTHONPATH=<worktree>/src`` to measure an older vocabulary).
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from undercount.simulate.naming import true_names

try:
    from undercount.simulate.frequencies import KOREAN_WITH_SLAVIC_GIVEN
except ImportError:  # the simulator before realistic frequencies (a12da4c) kept it here
    from undercount.simulate.victims import _KOREAN_WITH_SLAVIC_GIVEN as KOREAN_WITH_SLAVIC_GIVEN
from undercount.simulate.victims import Victims, draw_victims
from undercount.simulate.vocabulary import Vocabulary, load_vocabulary


def shared(*columns: np.ndarray) -> np.ndarray:
    """Whether each victim's combination of ``columns`` occurs more than once."""
    joined = columns[0].astype(object)
    for column in columns[1:]:
        joined = joined + "|" + column.astype(object)
    _, inverse, counts = np.unique(joined.astype(str), return_inverse=True, return_counts=True)
    return counts[inverse] > 1


def _slavic_given_share(vocabulary: Vocabulary) -> float:
    """Share of persons named from the Slavic pool: Slavic surnames, most Korean ones."""
    weights = {"kazakh": 0.0, "slavic": 0.0, "korean": 0.0}
    for surname in vocabulary.surnames:
        weights[surname.ethnicity] += surname.weight
    total = sum(weights.values())
    return (weights["slavic"] + KOREAN_WITH_SLAVIC_GIVEN * weights["korean"]) / total


def _given_probabilities(vocabulary: Vocabulary, *, female: bool, slavic: bool) -> np.ndarray:
    """Adult weights of one pool, as probabilities over the whole given-name vocabulary."""
    p = np.zeros(len(vocabulary.given))
    pool = vocabulary.given_indices(female=female, slavic=slavic)
    weights = np.array([vocabulary.given[i].adult_weight for i in pool])
    p[pool] = weights / weights.sum()
    return p


def expected_shares(vocabulary: Vocabulary, victims: int, female_share: float) -> tuple:
    """Expected shares sharing surname + given, and (first order) + patronymic."""
    surname_p = np.array([s.weight for s in vocabulary.surnames])
    surname_p /= surname_p.sum()
    ethnicity = np.array([s.ethnicity for s in vocabulary.surnames])
    fathers = {
        slavic: _given_probabilities(vocabulary, female=False, slavic=slavic)
        for slavic in (False, True)
    }
    pair = triple = 0.0
    for female, share in ((False, 1 - female_share), (True, female_share)):
        n = max(round(victims * share), 1)
        kazakh = _given_probabilities(vocabulary, female=female, slavic=False)
        slavic = _given_probabilities(vocabulary, female=female, slavic=True)
        korean = KOREAN_WITH_SLAVIC_GIVEN * slavic + (1 - KOREAN_WITH_SLAVIC_GIVEN) * kazakh
        korean_fathers = (
            KOREAN_WITH_SLAVIC_GIVEN * fathers[True]
            + (1 - KOREAN_WITH_SLAVIC_GIVEN) * fathers[False]
        )
        groups = (
            ("kazakh", kazakh, fathers[False]),
            ("slavic", slavic, fathers[True]),
            ("korean", korean, korean_fathers),
        )
        for name, given, father in groups:
            surnames = surname_p[ethnicity == name]
            combos = np.outer(surnames, given[given > 0]).ravel()
            pair += share * float(np.sum(combos * -np.expm1((n - 1) * np.log1p(-combos))))
            squares = np.sum(surnames**2) * np.sum(given**2) * np.sum(father**2)
            triple += share * (n - 1) * squares
    return pair, triple


def expected_distinct(probabilities: np.ndarray, draws: int) -> float:
    return float(np.sum(-np.expm1(draws * np.log1p(-probabilities))))


def report(victims: int, seed: int) -> None:
    vocabulary = load_vocabulary()
    start = time.perf_counter()
    population: Victims = draw_victims(victims, vocabulary, np.random.default_rng(seed))
    surname, given, patronymic = true_names(population, vocabulary)
    elapsed = time.perf_counter() - start
    own = population.surname[population.surname >= 0]
    surname_p = np.array([s.weight for s in vocabulary.surnames])
    surname_p /= surname_p.sum()
    given_p = np.zeros(len(vocabulary.given))
    female_share = float(population.female.mean())
    slavic_share = _slavic_given_share(vocabulary)
    for female, share in ((False, 1 - female_share), (True, female_share)):
        for slavic, within in ((False, 1 - slavic_share), (True, slavic_share)):
            pool = _given_probabilities(vocabulary, female=female, slavic=slavic)
            given_p += share * within * pool
    pair, triple = expected_shares(vocabulary, victims, female_share)
    pair_shared = shared(surname, given)
    pair_seen = float(pair_shared.mean())
    triple_seen = float(shared(surname, given, patronymic).mean())
    by_pattern = ", ".join(
        f"{pattern} {pair_shared[population.ethnicity == code].mean():.2f}"
        for code, pattern in enumerate(("Kazakh", "Slavic", "Korean"))
    )
    print(f"\n{victims:,} victims, seed {seed} (drawn and named in {elapsed:.1f} s)")
    print(f"  vocabulary: {len(vocabulary.surnames):,} surnames, {len(vocabulary.given):,} given")
    print(
        f"  distinct surnames: {len(np.unique(surname)):,} written, "
        f"{len(np.unique(own)):,} entries (expected {expected_distinct(surname_p, len(own)):,.0f})"
    )
    print(
        f"  distinct given names: {len(np.unique(given)):,} "
        f"(expected {expected_distinct(given_p, victims):,.0f})"
    )
    print(
        f"  share with another's surname + given: {pair_seen:.3f} "
        f"({round(pair_seen * victims):,} victims; expected {pair:.3f})"
    )
    print(f"    of each naming pattern: {by_pattern}")
    print(
        f"  ... + patronymic: {triple_seen:.4f} "
        f"({round(triple_seen * victims):,} victims; expected at most {triple:.4f})"
    )
    print(f"  1-minute load average (2 cores, shared): {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, nargs="+", default=[5_000, 520_000])
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    for victims in arguments.victims:
        report(victims, arguments.seed)


if __name__ == "__main__":
    main()
