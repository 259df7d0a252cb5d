"""The contract with the import stage: `name_columns` keys, values and the parts-win rule."""

from __future__ import annotations

import pytest

from undercount.names import name_columns

KEYS = {"name_script", "surname_norm", "given_norm", "father_norm", "sex_from_name", "name_order"}


@pytest.mark.parametrize(
    ("description", "kwargs", "expected"),
    [
        (
            "Russian official order with -евич patronymic",
            {"full_name": "Токаев Касым-Жомарт Кемелевич"},
            {"name_script": "russian_cyrillic", "surname_norm": "tokaev",
             "given_norm": "kasimjomart", "father_norm": "kemel", "sex_from_name": "M",
             "name_order": "surname_first"},
        ),
        (
            "Kazakh style: given, fused -ұлы patronymic, surname",
            {"full_name": "Қасым-Жомарт Кемелұлы Тоқаев"},
            {"name_script": "kazakh_cyrillic", "surname_norm": "tokaev",
             "given_norm": "kasimjomart", "father_norm": "kemel", "sex_from_name": "M",
             "name_order": "given_first"},
        ),
        (
            "official English, given first, compound given name spaced",
            {"full_name": "Kassym Jomart Tokayev"},
            {"name_script": "latin", "surname_norm": "tokaev", "given_norm": "kasimjomart",
             "father_norm": None, "sex_from_name": "M", "name_order": "given_first"},
        ),
        (
            "separate columns, patronymic inside the given column, feminine surname",
            {"surname": "Оспанова", "given": "Айгуль Сериковна"},
            {"name_script": "russian_cyrillic", "surname_norm": "ospanov", "given_norm": "aigul",
             "father_norm": "serik", "sex_from_name": "F", "name_order": None},
        ),
        (
            "separate patronymic column written as two words",
            {"surname": "Оспанов", "given": "Дастан", "patronymic": "Серік ұлы"},
            {"name_script": "kazakh_cyrillic", "surname_norm": "ospanov", "given_norm": "dastan",
             "father_norm": "serik", "sex_from_name": "M", "name_order": None},
        ),
        (
            "parts win over the full name",
            {"full_name": "Оспанов Дастан", "given": "Даурен"},
            {"name_script": "russian_cyrillic", "surname_norm": "ospanov", "given_norm": "dauren",
             "father_norm": None, "sex_from_name": "M", "name_order": "surname_first"},
        ),
        (
            "nothing to read",
            {"full_name": "  "},
            {"name_script": None, "surname_norm": None, "given_norm": None, "father_norm": None,
             "sex_from_name": None, "name_order": None},
        ),
    ],
)  # fmt: skip
def test_name_columns(description: str, kwargs: dict[str, str], expected: dict[str, str]) -> None:
    assert name_columns(**kwargs) == expected, description


@pytest.mark.parametrize(
    "written",
    ["Токаев Касым-Жомарт", "Тоқаев Қасым-Жомарт", "Tokayev Kassym-Jomart",
     "TOKAEV KASYM ZHOMART", "Toqaev Qasym-Zhomart", "Qasym-Jomart Toqaev"],
)  # fmt: skip
def test_every_spelling_gives_the_same_columns(written: str) -> None:
    columns = name_columns(written)
    assert set(columns) == KEYS
    assert (columns["surname_norm"], columns["given_norm"]) == ("tokaev", "kasimjomart")
