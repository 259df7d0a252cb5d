"""The link input's derived columns, on hand-made values."""

from __future__ import annotations

import duckdb
import pytest

from undercount.link.features import cause_sql, surname_root_sql

CAUSES = [
    ("огнестрельное ранение", "gunshot"),
    ("Gunshot wound", "gunshot"),
    ("оқ тиіп қаза тапты", "gunshot"),
    ("шальная пуля", "stray_bullet"),
    ("stray bullet", "stray_bullet"),
    ("избиение", "beaten"),
    ("beaten to death", "beaten"),
    ("наезд транспортного средства", "vehicle"),
    ("hit by a vehicle", "vehicle"),
    ("смерть под стражей", "custody"),
    ("died in custody", "custody"),
    ("неизвестно", None),
    ("unknown", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "cause"), CAUSES, ids=[str(c[0]) for c in CAUSES])
def test_circumstances_in_three_languages_meet_on_one_cause(
    text: str | None, cause: str | None
) -> None:
    row = duckdb.sql(f"SELECT {cause_sql('t')} FROM (SELECT ?::VARCHAR AS t)", params=[text])
    assert row.fetchone() == (cause,)


@pytest.mark.parametrize(
    ("surname", "root"),
    [
        ("ahmetov", "ahmet"),
        ("ahmet", "ahmet"),
        ("janbaev", "janba"),
        ("janbai", "janba"),
        ("ruslanuli", "ruslan"),
        ("li", "li"),
    ],
)
def test_a_surname_and_its_decree_form_share_a_root(surname: str, root: str) -> None:
    """Жанбаев and Жанбай (the decree drops -ев and the й before it goes with it) are one."""
    row = duckdb.sql(
        f"SELECT {surname_root_sql('s')} FROM (SELECT ?::VARCHAR AS s)", params=[surname]
    )
    assert row.fetchone() == (root,)
