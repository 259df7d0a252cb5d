"""Claims: the ledger of published casualty figures, and their extraction from news text.

``add_claim``, ``list_claims`` and ``latest_claims`` work on a case; ``extract_claims`` is a
pure function of text.
"""

from __future__ import annotations

from undercount.claims.extraction import ExtractedClaim, extract_claims
from undercount.claims.ledger import (
    LEDGER_COLUMNS,
    Claim,
    InvalidClaim,
    RecordedClaim,
    add_claim,
    format_subgroups,
    latest_claims,
    list_claims,
    parse_subgroup,
)
from undercount.claims.sentences import split_sentences
from undercount.claims.vocabulary import CLAIMANT_KINDS, COUNTED, QUALIFIERS

__all__ = [
    "CLAIMANT_KINDS",
    "COUNTED",
    "LEDGER_COLUMNS",
    "QUALIFIERS",
    "Claim",
    "ExtractedClaim",
    "InvalidClaim",
    "RecordedClaim",
    "add_claim",
    "extract_claims",
    "format_subgroups",
    "latest_claims",
    "list_claims",
    "parse_subgroup",
    "split_sentences",
]
