"""The claims ledger: who published how many, of what, when — kept forever, never overwritten.

Casualty figures move (the Kazakh prosecutor's 225 of 15 January 2022 became 227, 232, then
238), and the movement is itself evidence. So the ledger is append-only: a newer figure from the
same claimant is a new dated claim, and a correction is a new claim that names the one it
supersedes. Nothing here updates or deletes a row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from undercount.case.store import Case, current_actor, utc_now
from undercount.claims.vocabulary import CLAIMANT_KINDS, COUNTED, QUALIFIERS
from undercount.errors import UndercountError


class InvalidClaim(UndercountError):
    """A claim is missing a field, uses a word outside the vocabulary, or contradicts itself."""


@dataclass(frozen=True)
class Claim:
    """One published figure, as the claimant stated it.

    ``subgroups`` are parts of the figure ("225 killed, including 19 law-enforcement officers"
    is ``figure=225, subgroups={"law-enforcement": 19}``); they may overlap, so they need not
    sum to the figure, but none can exceed it.
    """

    claimant: str
    claimant_kind: str
    published_on: date
    figure: int
    qualifier: str = "exactly"
    counted: str = "killed"
    scope: str | None = None
    subgroups: Mapping[str, int] = field(default_factory=dict)
    url: str | None = None
    quote: str | None = None
    supersedes: int | None = None

    def __post_init__(self) -> None:
        if not self.claimant.strip():
            raise InvalidClaim("a claim needs a claimant.", hint="Pass --claimant NAME.")
        _check_choice("kind", self.claimant_kind, CLAIMANT_KINDS)
        _check_choice("qualifier", self.qualifier, QUALIFIERS)
        _check_choice("counted", self.counted, COUNTED)
        if isinstance(self.figure, bool) or not isinstance(self.figure, int) or self.figure < 0:
            raise InvalidClaim(f"figure {self.figure!r} is not a count.", hint="Use 0 or more.")
        for label, part in self.subgroups.items():
            if not label.strip() or not isinstance(part, int) or not 0 <= part <= self.figure:
                raise InvalidClaim(
                    f"subgroup {label}={part} is not a part of the figure {self.figure}.",
                    hint="A subgroup is a count between 0 and the claim's figure.",
                )


@dataclass(frozen=True)
class RecordedClaim:
    """A claim as the ledger holds it: with its id and who entered it when."""

    claim_id: int
    claim: Claim
    entered_by: str
    entered_at: datetime

    def to_row(self) -> dict[str, Any]:
        """A flat row for listings and exports, in the ledger's column order."""
        c = self.claim
        return {
            "claim_id": self.claim_id,
            "claimant": c.claimant,
            "claimant_kind": c.claimant_kind,
            "published_on": c.published_on,
            "figure": c.figure,
            "qualifier": c.qualifier,
            "counted": c.counted,
            "scope": c.scope,
            "subgroups": dict(c.subgroups),
            "url": c.url,
            "quote": c.quote,
            "supersedes": c.supersedes,
            "entered_by": self.entered_by,
            "entered_at": self.entered_at,
        }


_SUBGROUP = re.compile(r"^\s*(?P<label>[^=]*\S)\s*=\s*(?P<figure>\d+)\s*$")


def parse_subgroup(text: str) -> tuple[str, int]:
    """``"law-enforcement=19"`` → ``("law-enforcement", 19)``; the ledger's one subgroup syntax."""
    match = _SUBGROUP.match(text)
    if match is None:
        raise InvalidClaim(
            f"subgroup {text!r} is not LABEL=COUNT.", hint='Write it like "law-enforcement=19".'
        )
    return match["label"], int(match["figure"])


def format_subgroups(subgroups: Mapping[str, int]) -> str:
    """The inverse of ``parse_subgroup`` for a whole mapping, for CSV cells."""
    return "; ".join(f"{label}={figure}" for label, figure in subgroups.items())


def add_claim(case: Case, claim: Claim) -> RecordedClaim:
    """Append ``claim`` to the ledger in one transaction and return it with its new id."""
    entered_by, entered_at = current_actor(), utc_now()
    with case.transaction() as con:
        if claim.supersedes is not None:
            found = con.execute(
                "SELECT count(*) FROM claims WHERE claim_id = ?", [claim.supersedes]
            ).fetchone()
            if not found or not found[0]:
                raise InvalidClaim(
                    f"claim {claim.supersedes} does not exist, so it cannot be superseded.",
                    hint="List the ledger with `undercount claims CASE` to find its id.",
                )
        row = con.execute("SELECT coalesce(max(claim_id), 0) + 1 FROM claims").fetchone()
        claim_id = int(row[0]) if row else 1
        con.execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                claim_id,
                claim.claimant.strip(),
                claim.claimant_kind,
                claim.published_on,
                claim.figure,
                claim.qualifier,
                claim.counted,
                claim.scope,
                json.dumps(dict(claim.subgroups), ensure_ascii=False),
                claim.url,
                claim.quote,
                claim.supersedes,
                entered_by,
                entered_at,
            ],
        )
        case.audit(
            "claims.add",
            {"claim_id": claim_id, "counted": claim.counted, "figure": claim.figure},
        )
    return RecordedClaim(claim_id, claim, entered_by, entered_at)


def list_claims(case: Case, *, claimant: str | None = None) -> list[RecordedClaim]:
    """The whole ledger in publication order (ties in entry order), optionally one claimant's.

    Claimants match without regard to case or spacing, the way people type them.
    """
    if not _has_ledger(case):  # a case from before the ledger, opened read-only
        return []
    sql = f"SELECT {_COLUMNS} FROM claims ORDER BY published_on, claim_id"
    rows = case.con.execute(sql).fetchall()
    recorded = [_recorded(row) for row in rows]
    if claimant is None:
        return recorded
    return [r for r in recorded if _folded(r.claim.claimant) == _folded(claimant)]


def latest_claims(case: Case, *, claimant: str | None = None) -> list[RecordedClaim]:
    """Each claimant's current figure for each thing counted within each scope.

    A claim stops being current when a later one (by publication date, then by entry order)
    from the same claimant counts the same thing in the same scope, or when another claim
    supersedes it. Scope is part of the key because "10 killed in one incident" (HRW) does not
    replace a nationwide toll from the same claimant. Ordered by claimant, then counted.
    """
    current: dict[tuple[str, str, str], RecordedClaim] = {}
    superseded: set[int] = set()
    for recorded in list_claims(case, claimant=claimant):
        claim = recorded.claim
        if claim.supersedes is not None:
            superseded.add(claim.supersedes)
        key = (_folded(claim.claimant), claim.counted, _folded(claim.scope or ""))
        current[key] = recorded
    survivors = [r for r in current.values() if r.claim_id not in superseded]
    return sorted(
        survivors,
        key=lambda r: (_folded(r.claim.claimant), COUNTED.index(r.claim.counted), r.claim_id),
    )


_CLAIM_FIELDS = (
    "claimant",
    "claimant_kind",
    "published_on",
    "figure",
    "qualifier",
    "counted",
    "scope",
    "subgroups",
    "url",
    "quote",
    "supersedes",
)
LEDGER_COLUMNS = ("claim_id", *_CLAIM_FIELDS, "entered_by", "entered_at")
_COLUMNS = ", ".join(LEDGER_COLUMNS)


def _recorded(row: tuple[Any, ...]) -> RecordedClaim:
    claim_id, *claim_values, entered_by, entered_at = row
    values = dict(zip(_CLAIM_FIELDS, claim_values, strict=True))
    values["subgroups"] = json.loads(values["subgroups"])
    values["figure"] = int(values["figure"])
    return RecordedClaim(int(claim_id), Claim(**values), entered_by, entered_at)


def _has_ledger(case: Case) -> bool:
    found = case.con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND table_name = 'claims'"
    ).fetchone()
    return bool(found and found[0])


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidClaim(f"{name} {value!r} is not known.", hint=f"Choose {', '.join(choices)}.")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
