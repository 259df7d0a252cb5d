"""The case store: one directory per investigation, one DuckDB database inside it."""

from __future__ import annotations

from undercount.case.store import Case, current_actor, init_case, open_case, utc_now

__all__ = ["Case", "current_actor", "init_case", "open_case", "utc_now"]
