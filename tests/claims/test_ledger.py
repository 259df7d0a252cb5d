"""The claims ledger: append-only, dated, and each claimant's current figure found correctly."""

from __future__ import annotations

from datetime import date

import pytest

from undercount.case import Case, open_case
from undercount.claims import (
    Claim,
    InvalidClaim,
    add_claim,
    format_subgroups,
    latest_claims,
    list_claims,
    parse_subgroup,
)

GPO = "Prosecutor General's Office"


def gpo(day: str, figure: int, **fields) -> Claim:
    return Claim(GPO, "government", date.fromisoformat(day), figure, **fields)


# The official toll as it moved over 2022 (research/hr-documentation.md §0).
KAZAKH_SERIES = [
    gpo("2022-01-15", 225, subgroups={"law-enforcement": 19}),
    gpo("2022-01-25", 227),
    gpo("2022-05-05", 232, subgroups={"attackers": 149}),
    gpo("2022-12-20", 238),
]


def test_claims_come_back_as_entered_with_ids_and_authors(case: Case, monkeypatch) -> None:
    monkeypatch.setenv("UNDERCOUNT_USER", "aigerim")
    recorded = [add_claim(case, claim) for claim in KAZAKH_SERIES]
    assert [r.claim_id for r in recorded] == [1, 2, 3, 4]
    listed = list_claims(case)
    assert [r.claim for r in listed] == KAZAKH_SERIES
    assert {r.entered_by for r in listed} == {"aigerim"}
    audit = case.con.execute("SELECT action FROM audit_log WHERE action = 'claims.add'").fetchall()
    assert len(audit) == 4


def test_a_newer_figure_never_overwrites_an_older_one(case: Case) -> None:
    for claim in KAZAKH_SERIES:
        add_claim(case, claim)
    assert [r.claim.figure for r in list_claims(case)] == [225, 227, 232, 238]
    [latest] = latest_claims(case)
    assert (latest.claim.figure, latest.claim.published_on) == (238, date(2022, 12, 20))


def test_claims_survive_reopening(case: Case) -> None:
    add_claim(case, KAZAKH_SERIES[0])
    path = case.path
    case.close()
    with open_case(path) as reopened:
        [recorded] = list_claims(reopened)
    assert recorded.claim == KAZAKH_SERIES[0]


def test_latest_is_per_claimant_counted_and_scope(case: Case) -> None:
    entries = [
        *KAZAKH_SERIES,
        Claim("Human Rights Watch", "ngo", date(2022, 1, 26), 10, "at-least", scope="one incident"),
        Claim("Interior Ministry", "government", date(2022, 1, 10), 9900, "more-than", "detained"),
        Claim(
            "interior ministry ", "government", date(2022, 1, 12), 10000, "more-than", "detained"
        ),
        Claim("Interior Ministry", "government", date(2022, 1, 10), 4353, counted="injured"),
        # Published earlier, entered later: publication date decides, not entry order.
        gpo("2022-01-10", 164),
    ]
    for claim in entries:
        add_claim(case, claim)
    current = {
        (r.claim.claimant.strip().lower(), r.claim.counted): r.claim for r in latest_claims(case)
    }
    assert current[(GPO.lower(), "killed")].figure == 238
    assert current[("human rights watch", "killed")].figure == 10
    assert current[("interior ministry", "detained")].figure == 10000
    assert current[("interior ministry", "injured")].figure == 4353
    assert len(current) == 4


def test_a_correction_supersedes_the_claim_it_names(case: Case) -> None:
    first = add_claim(case, gpo("2022-01-15", 225))
    later = add_claim(case, gpo("2022-01-25", 227))
    # A typo in the later claim is corrected by a new claim; the typo stays on record.
    fixed = add_claim(case, gpo("2022-01-25", 228, supersedes=later.claim_id))
    assert [r.claim_id for r in latest_claims(case)] == [fixed.claim_id]
    assert len(list_claims(case)) == 3
    # Superseding the only claim of a key leaves that key without a current figure.
    add_claim(case, gpo("2022-01-30", 0, counted="missing"))
    add_claim(case, gpo("2022-01-15", 225, counted="injured", supersedes=first.claim_id))
    assert {r.claim.counted for r in latest_claims(case)} == {"killed", "injured", "missing"}


def test_list_filters_by_claimant_regardless_of_case(case: Case) -> None:
    add_claim(case, KAZAKH_SERIES[0])
    add_claim(case, Claim("Human Rights Watch", "ngo", date(2022, 1, 26), 10, "at-least"))
    assert [r.claim.figure for r in list_claims(case, claimant="human  rights watch")] == [10]
    assert list_claims(case, claimant="nobody") == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"claimant": "  "}, "needs a claimant"),
        ({"claimant_kind": "police"}, "kind 'police'"),
        ({"qualifier": "roughly"}, "qualifier 'roughly'"),
        ({"counted": "wounded"}, "counted 'wounded'"),
        ({"figure": -1}, "not a count"),
        ({"figure": True}, "not a count"),
        ({"subgroups": {"law-enforcement": 300}}, "not a part"),
        ({"subgroups": {"": 3}}, "not a part"),
    ],
    ids=["blank claimant", "kind", "qualifier", "counted", "negative", "bool", "too big", "label"],
)
def test_invalid_claims_are_refused(fields: dict, message: str) -> None:
    values = {
        "claimant": GPO,
        "claimant_kind": "government",
        "published_on": date(2022, 1, 15),
        "figure": 225,
    }
    with pytest.raises(InvalidClaim, match=message):
        Claim(**(values | fields))


def test_superseding_a_missing_claim_is_refused_and_nothing_is_written(case: Case) -> None:
    with pytest.raises(InvalidClaim, match="does not exist"):
        add_claim(case, gpo("2022-01-15", 225, supersedes=7))
    assert list_claims(case) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("law-enforcement=19", ("law-enforcement", 19)),
        (" children = 4 ", ("children", 4)),
        ("сотрудники полиции=19", ("сотрудники полиции", 19)),
    ],
)
def test_parse_subgroup(text: str, expected: tuple[str, int]) -> None:
    assert parse_subgroup(text) == expected


@pytest.mark.parametrize("text", ["law-enforcement", "=19", "police=nineteen", "a=-1"])
def test_parse_subgroup_refuses(text: str) -> None:
    with pytest.raises(InvalidClaim, match="LABEL=COUNT"):
        parse_subgroup(text)


def test_format_subgroups_round_trips() -> None:
    subgroups = {"law-enforcement": 19, "children": 4}
    text = format_subgroups(subgroups)
    assert text == "law-enforcement=19; children=4"
    assert dict(parse_subgroup(part) for part in text.split(";")) == subgroups


def test_a_case_from_before_the_ledger_lists_no_claims(case: Case) -> None:
    path = case.path
    case.con.execute("DROP TABLE claims")
    case.con.execute("DELETE FROM schema_migrations WHERE version = 3")
    case.close()
    with open_case(path, read_only=True) as old:
        assert list_claims(old) == [] and latest_claims(old) == []
    with open_case(path) as migrated:  # opening it for writing adds the ledger
        add_claim(migrated, KAZAKH_SERIES[0])
        assert len(list_claims(migrated)) == 1
