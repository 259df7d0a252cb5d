"""The closed vocabularies of a claim, shared by the ledger, extraction and the command line.

They follow casualty-recording practice (Airwars, ACLED, Every Casualty): a published figure is
kept with the words that bound it ("at least", "up to"), because an advocate must not quote
"at least 10" as "10" nor compare an "up to" with an "exactly".
"""

from __future__ import annotations

CLAIMANT_KINDS = ("government", "ngo", "media", "un", "other")

# Ordered from the most to the least committal reading of the figure.
QUALIFIERS = ("exactly", "at-least", "more-than", "about", "up-to")

COUNTED = ("killed", "injured", "detained", "missing")
