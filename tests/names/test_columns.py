"""The contract with the import stage: `name_columns` keys, values and the parts-win rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import undercount.names as names_package
from undercount.names import NAME_COLUMNS, name_columns, parse

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


name_words = st.sampled_from(
    ["Оспанов", "Оспанова", "Дастан", "Серікұлы", "Серікқызы", "Сериковна", "Серик", "ұлы",
     "Tokayev", "Kassym-Jomart", "Kemelovich", "Айгерім", "Ахметов", "А.С.", "Ким", "Бақыт",
     "Дастана", "Medet", "Armanuly", "Жүсіпов", "Юсупова", "Ivanova", "Yuliya"]
)  # fmt: skip


@given(st.lists(name_words, min_size=1, max_size=4).map(" ".join))
def test_parts_from_the_parse_give_the_full_name_columns(full_name: str) -> None:
    """Ingest may split a name with `parse` and pass the parts back: nothing may change."""
    parsed = parse(full_name)
    from_parts = name_columns(
        full_name, surname=parsed.surname, given=parsed.given, patronymic=parsed.patronymic
    )
    whole = name_columns(full_name)
    assert from_parts["surname_norm"] == whole["surname_norm"]
    assert from_parts["given_norm"] == whole["given_norm"]
    assert from_parts["father_norm"] == whole["father_norm"]
    assert from_parts["sex_from_name"] == whole["sex_from_name"]


def test_names_is_a_bottom_layer() -> None:
    """DESIGN.md layering: `undercount.names` imports no other undercount subpackage."""
    package = Path(names_package.__file__).parent
    for module in package.glob("*.py"):
        for line in module.read_text("utf-8").splitlines():
            if line.startswith(("import undercount", "from undercount")):
                assert line.startswith("from undercount.names"), f"{module.name}: {line}"


optional_text = st.none() | st.text(max_size=30)


@given(optional_text, optional_text, optional_text, optional_text)
def test_any_cells_give_the_six_columns(
    full_name: str | None, surname: str | None, given_name: str | None, patronymic: str | None
) -> None:
    columns = name_columns(full_name, surname=surname, given=given_name, patronymic=patronymic)
    assert tuple(columns) == NAME_COLUMNS
    assert columns["sex_from_name"] in ("M", "F", None)
    assert columns["name_order"] in ("surname_first", "given_first", None)
    for key in ("surname_norm", "given_norm", "father_norm"):
        value = columns[key]
        assert value is None or (value.isascii() and value.isalpha() and value.islower())
