"""Ages, sexes and statuses in three languages."""

from __future__ import annotations

import pytest

from undercount.ingest.values import (
    ParsedAge,
    ValueNotUnderstood,
    parse_age,
    parse_sex,
    parse_status,
)

AGES = [
    ("plain", "34", ParsedAge(34, 34, False)),
    ("tilde", "~30", ParsedAge(30, 30, True)),
    ("Russian about", "около 30", ParsedAge(30, 30, True)),
    ("Kazakh about", "шамамен 30", ParsedAge(30, 30, True)),
    ("English about", "about 40", ParsedAge(40, 40, True)),
    ("range with hyphen", "30-35", ParsedAge(30, 35, False)),
    ("range with en dash and unit", "30–35 лет", ParsedAge(30, 35, False)),
    ("Russian unit", "34 года", ParsedAge(34, 34, False)),
    ("Kazakh unit", "25 жаста", ParsedAge(25, 25, False)),
    ("English unit", "19 years old", ParsedAge(19, 19, False)),
    ("spreadsheet float", "34.0", ParsedAge(34, 34, False)),
    ("question mark", "30?", ParsedAge(30, 30, True)),
    ("open range", "60+", ParsedAge(60, 120, True)),
    ("infant", "0", ParsedAge(0, 0, False)),
]


@pytest.mark.parametrize(("description", "text", "expected"), AGES, ids=[c[0] for c in AGES])
def test_reads_age(description: str, text: str, expected: ParsedAge) -> None:
    assert parse_age(text) == expected


@pytest.mark.parametrize("text", ["abc", "200", "35-30", "", "тридцать"])
def test_refuses_bad_age(text: str) -> None:
    with pytest.raises(ValueNotUnderstood):
        parse_age(text)


SEXES = [
    ("м", "M"),
    ("Ж", "F"),
    ("муж.", "M"),
    ("жен", "F"),
    ("ер", "M"),
    ("әйел", "F"),
    ("Male", "M"),
    ("female", "F"),
    ("M", "M"),
    ("F", "F"),
    ("еркек", "M"),
]


@pytest.mark.parametrize(("text", "expected"), SEXES)
def test_reads_sex(text: str, expected: str) -> None:
    assert parse_sex(text) == expected


@pytest.mark.parametrize("text", ["?", "x", "мж", "unknown"])
def test_refuses_bad_sex(text: str) -> None:
    with pytest.raises(ValueNotUnderstood):
        parse_sex(text)


STATUSES = [
    ("Мирный житель", "civilian"),
    ("бейбіт тұрғын", "civilian"),
    ("civilian", "civilian"),
    ("сотрудник полиции", "law_enforcement"),
    ("Law enforcement", "law_enforcement"),
    ("военнослужащий", "military"),
    ("протестующий", "protester"),
    ("неизвестно", "unknown"),
]


@pytest.mark.parametrize(("text", "expected"), STATUSES)
def test_reads_status(text: str, expected: str) -> None:
    assert parse_status(text) == expected


def test_unknown_status_is_not_guessed() -> None:
    with pytest.raises(ValueNotUnderstood):
        parse_status("участник беспорядков")
