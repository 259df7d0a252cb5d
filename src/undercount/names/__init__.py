"""Names across scripts: one comparable form for Kazakh, Russian and every Latin spelling.

A pure library: plain strings in, plain values out, no database. ``docs/names.md`` explains
the fold, the parse and the similarity, and gives the measured figures.
"""

from __future__ import annotations

from undercount.names._columns import NAME_COLUMNS, name_columns
from undercount.names._keys import keys
from undercount.names._parse import ParsedName, parse
from undercount.names._romanize import romanize
from undercount.names._similarity import similarity

__all__ = ["NAME_COLUMNS", "ParsedName", "keys", "name_columns", "parse", "romanize", "similarity"]
