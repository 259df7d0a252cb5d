"""How often simulated victims carry a name: published shares of the population, a long tail of
generated names that the names stage reads like real ones, and reproducible draws."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import numpy as np
import pytest

from undercount.names import parse, romanize
from undercount.simulate.frequencies import (
    CENSUS_2021_MEN,
    CENSUS_2021_WOMEN,
    NAMING_SHARES,
    POPULATION_2014,
    zipf_tail,
)
from undercount.simulate.tail_names import (
    female_given_names,
    male_given_names,
    russian_rendering,
    suffixed_surname,
    surname_roots,
)
from undercount.simulate.transliteration import SPELLING_BASE, NameSystem, write_name
from undercount.simulate.victims import (
    _PATRONYMIC_SURNAME_SHARE,
    CHILD_AGE,
    Victims,
    draw_victims,
)
from undercount.simulate.vocabulary import Vocabulary, decree_surname, load_vocabulary

KAZAKH_ONLY_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
LARGE = 300_000


def _packaged() -> dict:
    text = resources.files("undercount.data").joinpath("kazakh_names.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="module")
def large(vocabulary: Vocabulary) -> Victims:
    return draw_victims(LARGE, vocabulary, np.random.default_rng(5))


def _surname_share(victims: Victims, vocabulary: Vocabulary, kk: str) -> float:
    index = next(i for i, s in enumerate(vocabulary.surnames) if s.kk == kk)
    return float(np.mean(victims.surname == index))


def _given_share(victims: Victims, vocabulary: Vocabulary, kk: str, *, female: bool) -> float:
    index = next(i for i, g in enumerate(vocabulary.given) if g.kk == kk and g.female == female)
    adults = (victims.female == female) & (victims.age >= CHILD_AGE)
    return float(np.mean(victims.given[adults] == index))


OWN_SURNAME = 1 - _PATRONYMIC_SURNAME_SHARE  # the rest carry the father's name + ұлы/қызы
PUBLISHED = [
    # (description, surname or given name, its published share, who it is a share of)
    ("the commonest surname", "Ахметов", 73_627 / POPULATION_2014 * OWN_SURNAME, "victims"),
    ("the second surname", "Омаров", 45_123 / POPULATION_2014 * OWN_SURNAME, "victims"),
    ("a Slavic surname", "Иванов", 39_296 / POPULATION_2014, "victims"),
    ("the commonest man's name", "Азамат", 63_000 / CENSUS_2021_MEN, "men"),
    ("the third man's name", "Марат", 50_000 / CENSUS_2021_MEN, "men"),
    ("the commonest woman's name", "Аружан", 73_000 / CENSUS_2021_WOMEN, "women"),
]
SHARES: dict[str, Callable[[Victims, Vocabulary, str], float]] = {
    "victims": _surname_share,
    "men": lambda v, voc, kk: _given_share(v, voc, kk, female=False),
    "women": lambda v, voc, kk: _given_share(v, voc, kk, female=True),
}


@pytest.mark.parametrize(
    ("name", "published", "of"), [c[1:] for c in PUBLISHED], ids=[c[0] for c in PUBLISHED]
)
def test_a_published_name_s_share_of_victims_is_its_share_of_the_population(
    large: Victims, vocabulary: Vocabulary, name: str, published: float, of: str
) -> None:
    adults = large.age >= CHILD_AGE
    drawn = {"victims": LARGE, "men": (adults & ~large.female).sum()}.get(
        of, (adults & large.female).sum()
    )
    error = np.sqrt(published * (1 - published) / drawn)
    assert SHARES[of](large, vocabulary, name) == pytest.approx(published, abs=4 * error)


def test_naming_patterns_follow_the_population_s_ethnic_shares(large: Victims) -> None:
    for code, pattern in enumerate(("kazakh", "slavic", "korean")):
        share = NAMING_SHARES[pattern]
        error = np.sqrt(share * (1 - share) / LARGE)
        assert np.mean(large.ethnicity == code) == pytest.approx(share, abs=4 * error)


def test_the_tail_holds_many_distinct_names(vocabulary: Vocabulary) -> None:
    kazakh_surnames = [s for s in vocabulary.surnames if s.ethnicity == "kazakh"]
    slavic_surnames = [s for s in vocabulary.surnames if s.ethnicity == "slavic"]
    kazakh_given = [g for g in vocabulary.given if not g.slavic]
    assert len(kazakh_surnames) > 10 * len(_packaged()["surnames"])
    assert len(slavic_surnames) > 200
    assert sum(not g.female for g in kazakh_given) > 500
    assert sum(g.female for g in kazakh_given) > 150
    assert len({(g.kk, g.female) for g in vocabulary.given}) == len(vocabulary.given)
    assert len({s.kk for s in vocabulary.surnames}) == len(vocabulary.surnames)


def test_few_victims_of_a_small_case_share_surname_and_given_name(vocabulary: Vocabulary) -> None:
    """Before the long tail nearly half of 5,000 victims did; planted namesakes alone are 3 %."""
    victims = draw_victims(5_000, vocabulary, np.random.default_rng(7))
    own = victims.surname >= 0
    pairs = np.stack([victims.surname[own], victims.given[own], victims.female[own]], axis=1)
    _, counts = np.unique(pairs, axis=0, return_counts=True)
    assert counts[counts > 1].sum() / len(victims) < 0.10


def test_the_men_s_tail_continues_below_the_rarest_published_name(
    vocabulary: Vocabulary,
) -> None:
    men = [g for g in vocabulary.given if not g.female and not g.slavic]
    published = {e["kk"] for e in _packaged()["male_given"] if e.get("count")}
    rarest = min(g.adult_weight for g in men if g.kk in published)
    tail = [g.adult_weight for g in men if g.kk not in published]
    assert max(tail) <= rarest * 1.001
    assert sum(g.adult_weight for g in men) == pytest.approx(1.0)


ZIPF = [
    # (description, size, mass, ceiling)
    ("a long tail continues below the ceiling", 2_000, 0.9, 0.005),
    ("a very long tail is pure Zipf", 100_000, 0.9, 0.5),
    ("a short tail cannot, and is flat", 100, 0.9, 0.005),
]


@pytest.mark.parametrize(
    ("size", "mass", "ceiling"), [c[1:] for c in ZIPF], ids=[c[0] for c in ZIPF]
)
def test_zipf_tail(size: int, mass: float, ceiling: float) -> None:
    weights = zipf_tail(size, mass, ceiling)
    assert weights.sum() == pytest.approx(mass)
    assert np.all(np.diff(weights) <= 1e-15)
    if mass / size < ceiling:
        assert weights[0] <= ceiling * (1 + 1e-9)
    else:
        assert np.allclose(weights, mass / size)


def test_a_pure_zipf_tail_is_steeper_than_one_bent_to_a_low_ceiling() -> None:
    pure, bent = zipf_tail(1_000, 0.9, 1.0), zipf_tail(1_000, 0.9, 0.003)
    assert pure[0] / pure[-1] == pytest.approx(1_000)
    assert bent[0] == pytest.approx(0.003)
    assert bent[0] / bent[-1] < pure[0] / pure[-1]


RENDERINGS = [
    # (description, Kazakh spelling, Russian-document spelling)
    ("Kazakh letters fold", "Шыңғыс", "Шынгыс"),
    ("ө → о, і → и", "Өмірбек", "Омирбек"),
    ("һ → х", "Гауһар", "Гаухар"),
    ("йы → и", "Құсайынов", "Кусаинов"),
    ("йі → и", "Сейітқали", "Сеиткали"),
    ("гүл takes a soft sign", "Айгүл", "Айгуль"),
    ("so does күл", "Орынкүл", "Орынкуль"),
    ("a capital Kazakh letter folds to a capital", "Әлімжан", "Алимжан"),
]


@pytest.mark.parametrize(
    ("kazakh", "russian"), [c[1:] for c in RENDERINGS], ids=[c[0] for c in RENDERINGS]
)
def test_russian_rendering(kazakh: str, russian: str) -> None:
    assert russian_rendering(kazakh) == russian


def test_the_rendering_rule_gives_most_packaged_russian_spellings() -> None:
    """The rest are the irregular forms the packaged list records (Жүсіпов → Юсупов)."""
    raw = _packaged()
    entries = raw["male_given"] + raw["female_given"] + raw["surnames"]
    agree = sum(russian_rendering(e["kk"]) == e["ru"] for e in entries)
    assert agree / len(entries) > 0.9


def test_every_generated_name_is_spelled_by_the_rule(vocabulary: Vocabulary) -> None:
    raw = _packaged()
    listed = {e["kk"] for key in ("male_given", "female_given", "surnames") for e in raw[key]}
    given = [g for g in vocabulary.given if not g.slavic and g.kk not in listed]
    surnames = [s for s in vocabulary.surnames if s.ethnicity == "kazakh" and s.kk not in listed]
    kazakh = given + surnames
    assert len(kazakh) > 1_000
    for name in kazakh:
        assert name.ru == name.ru_variant == russian_rendering(name.kk), name.kk
        assert not KAZAKH_ONLY_LETTERS & set(name.ru), name.kk


SURNAMES = [
    # (description, ancestor's name, surname)
    ("-ов after a consonant", "Ахмет", "Ахметов"),
    ("-ев after a hushing consonant", "Қуаныш", "Қуанышев"),
    ("-ев after a vowel", "Мұса", "Мұсаев"),
    ("-бай absorbs its й", "Жылқыбай", "Жылқыбаев"),
    ("no surname from another -й", "Абылай", None),
    ("no surname from a final і", "Амангелді", None),
]


@pytest.mark.parametrize(
    ("root", "surname"), [c[1:] for c in SURNAMES], ids=[c[0] for c in SURNAMES]
)
def test_suffixed_surname(root: str, surname: str | None) -> None:
    assert suffixed_surname(root) == surname


def test_every_generated_surname_strips_back_to_its_root() -> None:
    roots = surname_roots(male_given_names())
    assert all(decree_surname(suffixed_surname(root) or "") == root for root in roots)


def test_voiceless_consonants_devoice_the_ending_s_gh() -> None:
    men = set(male_given_names())
    assert {"Сейітқали", "Нұрғали", "Жұмағали"} <= men
    assert not any("тғ" in name or "кғ" in name or "қғ" in name for name in men)


def test_every_generated_name_romanises_and_parses_in_its_roles(vocabulary: Vocabulary) -> None:
    men, women = male_given_names(), female_given_names()
    surnames = [s.kk for s in vocabulary.surnames if s.ethnicity == "kazakh"]
    for i, surname in enumerate(surnames):
        given, father = men[i % len(men)], men[(i * 7) % len(men)]
        daughter = women[i % len(women)]
        for first, patronymic, sex in (
            (given, father + "ұлы", "M"),
            (daughter, father + "қызы", "F"),
        ):
            name = f"{surname} {first} {patronymic}"
            parsed = parse(name, order="surname_first")
            assert (parsed.surname, parsed.given, parsed.patronymic) == (surname, first, patronymic)
            assert parsed.sex == sex, name
            assert romanize(name).isascii() and len(romanize(name).split()) == 3, name


def test_every_system_s_spelling_of_a_generated_name_romanises_like_its_kazakh_one(
    vocabulary: Vocabulary,
) -> None:
    """What the names stage does for the packaged names it must do for the generated ones."""
    raw = _packaged()
    listed = {e["kk"] for key in ("male_given", "female_given", "surnames") for e in raw[key]}
    names = [(g.kk, g.ru) for g in vocabulary.given if not g.slavic and g.kk not in listed]
    names += [
        (s.kk, s.ru) for s in vocabulary.surnames if s.ethnicity == "kazakh" and s.kk not in listed
    ]
    for kk, ru in names[::2]:
        for system in NameSystem:
            written = write_name(kk if SPELLING_BASE[system] == "kk" else ru, system)
            assert romanize(written) == romanize(kk), (kk, system, written)


def test_the_same_seed_draws_the_same_names_and_another_seed_does_not(
    vocabulary: Vocabulary,
) -> None:
    first, again, other = (
        draw_victims(2_000, vocabulary, np.random.default_rng(seed)) for seed in (3, 3, 4)
    )
    for column in ("surname", "given", "father", "ethnicity"):
        assert np.array_equal(getattr(first, column), getattr(again, column))
    assert not np.array_equal(first.surname, other.surname)
    assert load_vocabulary.__wrapped__() == vocabulary
