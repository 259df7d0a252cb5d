"""`parse`: roles, father's stem, sex and order of Kazakh and Russian names in any script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.names import parse

ROLE_CASES = [
    # (description, written, surname, given, patronymic, father, order)
    ("Russian official order, -ович", "Оспанов Дастан Серикович",
     "Оспанов", "Дастан", "Серикович", "serik", "surname_first"),
    ("-евич after a soft stem", "Токаев Касым-Жомарт Кемелевич",
     "Токаев", "Касым-Жомарт", "Кемелевич", "kemel", "surname_first"),
    ("-евич after a vowel restores the father's -й", "Иванов Пётр Николаевич",
     "Иванов", "Пётр", "Николаевич", "nikolai", "surname_first"),
    ("Kazakh style: given, fused -ұлы, surname", "Дастан Серікұлы Оспанов",
     "Оспанов", "Дастан", "Серікұлы", "serik", "given_first"),
    ("fused -қызы keeps the father's final к", "Оспанова Айгерім Серікқызы",
     "Оспанова", "Айгерім", "Серікқызы", "serik", "surname_first"),
    ("separate ұлы", "Оспанов Дастан Серік ұлы",
     "Оспанов", "Дастан", "Серік ұлы", "serik", "surname_first"),
    ("hyphenated -ұлы", "Оспанов Дастан Серік-ұлы",
     "Оспанов", "Дастан", "Серік-ұлы", "serik", "surname_first"),
    ("Latin uly, given first", "Dastan Serikuly Ospanov",
     "Ospanov", "Dastan", "Serikuly", "serik", "given_first"),
    ("Latin separate kyzy", "Aigerim Serik kyzy Ospanova",
     "Ospanova", "Aigerim", "Serik kyzy", "serik", "given_first"),
    ("Latin qyzy fused", "Ospanova Aigerim Serikqyzy",
     "Ospanova", "Aigerim", "Serikqyzy", "serik", "surname_first"),
    ("Azerbaijani ogly", "Aliyev Ilham Heydar ogly",
     "Aliyev", "Ilham", "Heydar ogly", "heidar", "surname_first"),
    ("Russian given-first", "Николай Сергеевич Иванов",
     "Иванов", "Николай", "Сергеевич", "sergei", "given_first"),
    ("-ична", "Петрова Анна Никитична",
     "Петрова", "Анна", "Никитична", "nikita", "surname_first"),
    ("a doubled letter does not hide -ович", "Омаров Оразбек Дулатовиич",
     "Омаров", "Оразбек", "Дулатовиич", "dulat", "surname_first"),
    ("a typo in -ович is not -ич", "Кусайынов Бекболат Оразбекоич",
     "Кусайынов", "Бекболат", "Оразбекоич", "orazbek", "surname_first"),
    ("-ич", "Иванов Олег Ильич",
     "Иванов", "Олег", "Ильич", "ila", "surname_first"),
    ("English given-first, two words", "Kassym-Jomart Tokayev",
     "Tokayev", "Kassym-Jomart", None, None, "given_first"),
    ("surname suffix decides against the Latin default", "Tokayev Kassym",
     "Tokayev", "Kassym", None, None, "surname_first"),
    ("upper-case surname, passport habit", "Kassym TOKAYEV",
     "TOKAYEV", "Kassym", None, None, "given_first"),
    ("'SURNAME, Given'", "Serik, Bolat",
     "Serik", "Bolat", None, None, "surname_first"),
    ("MRZ name field", "TOKAYEV<<KASSYM<JOMART",
     "TOKAYEV", "KASSYM JOMART", None, None, "surname_first"),
    ("initials: given name and patronymic", "Ахметов А.С.",
     "Ахметов", "А", "С", "s", "surname_first"),
    ("alternative spelling in parentheses is left out", "Kuandyk Bishimbayev (Bishimbaev)",
     "Bishimbayev", "Kuandyk", None, None, "given_first"),
    ("Cyrillic tie falls to surname-first", "Серік Болат",
     "Серік", "Болат", None, None, "surname_first"),
    ("a word no lexicon knows beside -ұлы is the given name; -ұлы doubles as the surname",
     "Сейлхан Бердібекұлы", "Бердібекұлы", "Сейлхан", "Бердібекұлы", "berdibek", "surname_first"),
    ("beside a Russian patronymic, which is never a surname, it stays the surname",
     "Сейлхан Серикович", "Сейлхан", None, "Серикович", "serik", "surname_first"),
    ("Latin tie falls to given-first", "Serik Bolat",
     "Bolat", "Serik", None, None, "given_first"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("description", "written", "surname", "given_name", "patronymic", "father", "order"),
    ROLE_CASES,
)
def test_parse_roles(
    description: str,
    written: str,
    surname: str,
    given_name: str,
    patronymic: str | None,
    father: str | None,
    order: str,
) -> None:
    parsed = parse(written)
    assert (parsed.surname, parsed.given, parsed.patronymic) == (
        surname,
        given_name,
        patronymic,
    ), description
    assert (parsed.father, parsed.order) == (father, order), description


SEX_CASES = [
    # (description, written, sex, evidence)
    ("Russian male patronymic", "Оспанов Дастан Серикович", "M",
     ("patronymic:M", "given:M", "surname:M")),
    ("Kazakh female patronymic, suffix-less surname", "Серік Айгерім Болатқызы", "F",
     ("patronymic:F", "given:F")),
    ("unisex name, suffix-less surname: no clue", "Болат Бақыт", None, ()),
    ("unisex name, Korean surname: no clue", "Ким Сәулет", None, ()),
    ("unisex name, the surname suffix is the only clue", "Ахметова Бақыт", "F", ("surname:F",)),
    ("genitive case form: Оспанова Дастана is a man", "Оспанова Дастана", "M",
     ("given:M", "surname:F")),
    ("the patronymic outranks the given name", "Ахметов Бақыт Сериковна", "F",
     ("patronymic:F", "surname:M")),
    ("unknown given name, surname suffix", "Kuznetsova Aglaya", "F", ("surname:F",)),
]  # fmt: skip


@pytest.mark.parametrize(("description", "written", "sex", "evidence"), SEX_CASES)
def test_parse_sex(description: str, written: str, sex: str | None, evidence: tuple) -> None:
    parsed = parse(written)
    assert (parsed.sex, parsed.sex_evidence) == (sex, evidence), description


@pytest.mark.parametrize(
    ("written", "script"),
    [
        ("Оспанов Дастан", "russian_cyrillic"),
        ("Оспанов Дәурен", "kazakh_cyrillic"),
        ("Айгерiм Оспанова", "kazakh_cyrillic"),  # Latin i standing for і
        ("Dastan Ospanov", "latin"),
        ("Dastan Оспанов", "mixed"),
        ("123 --", None),
    ],
)
def test_parse_script(written: str, script: str | None) -> None:
    assert parse(written).script == script


def test_forced_order_overrides_the_guess() -> None:
    parsed = parse("Serik Bolat", order="surname_first")
    assert (parsed.surname, parsed.given, parsed.order) == ("Serik", "Bolat", "surname_first")


def test_unknown_order_is_refused() -> None:
    with pytest.raises(ValueError, match="order must be"):
        parse("Serik Bolat", order="middle")


def test_norms_fold_scripts_and_feminine_surnames() -> None:
    parsed = parse("ZHUSIPOVA Aigul")
    assert (parsed.surname_norm, parsed.given_norm, parsed.given_parts) == (
        "jusipov",
        "aigul",
        ("aigul",),
    )


@given(st.text(max_size=60))
def test_parse_never_fails_and_keeps_its_promises(text: str) -> None:
    parsed = parse(text)
    assert parsed.sex in ("M", "F", None)
    assert parsed.order in ("surname_first", "given_first")
    if parsed.sex_evidence:
        assert parsed.sex == parsed.sex_evidence[0].split(":")[1]
    else:
        assert parsed.sex is None
    for norm in (parsed.surname_norm, parsed.given_norm, parsed.father):
        assert norm is None or (norm.isascii() and norm.isalpha() and norm.islower())
