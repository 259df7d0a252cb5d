"""Capture histories: the one input every estimator takes.

A capture history says on which lists a person appears: the string ``"1010"`` means on lists 1 and
3 of four. Estimation never needs individuals, only how many people share each history, so every
method works on the aggregated table held by :class:`CaptureHistories`. The table is validated once,
here, so that the estimators can trust it.

Cell order. Where a method needs the full ``2**J`` table, cell ``c`` is the history whose list
``j`` bit is ``(c >> j) & 1``: list 1 varies fastest, as in R's ``array`` layout used by dga, and
cell 0 is the unobservable "on no list" cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["COUNT_COLUMN", "CaptureHistories"]

COUNT_COLUMN = "count"
"""Name of the frequency column in DataFrame input; without it every row counts as one person."""


@dataclass(frozen=True, eq=False)
class CaptureHistories:
    """The observed (non-zero) capture histories of ``J`` lists and how many people have each.

    Attributes:
        lists: list names, in the order of the characters of a history string.
        patterns: ``uint8`` array of shape ``(m, J)``, one distinct observed history per row,
            never all zero, sorted by cell index.
        counts: ``int64`` array of shape ``(m,)``, all positive.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def n_observed(self) -> int:
        """Number of people on at least one list: the documented floor of every estimate."""
        return int(self.counts.sum())

    @property
    def cells(self) -> np.ndarray:
        """Cell index of each observed pattern (see the module docstring for the order)."""
        weights = np.left_shift(np.int64(1), np.arange(self.n_lists, dtype=np.int64))
        return self.patterns.astype(np.int64) @ weights

    def full_table(self) -> np.ndarray:
        """Counts of all ``2**J`` cells in cell order; cell 0 (on no list) is 0."""
        table = np.zeros(1 << self.n_lists, dtype=np.int64)
        table[self.cells] = self.counts
        return table

    def list_totals(self) -> np.ndarray:
        """Number of people on each list."""
        return self.counts @ self.patterns.astype(np.int64)

    def as_dict(self) -> dict[str, int]:
        """The histories as ``{"1010": count}``, the mapping form accepted by :meth:`from_input`."""
        return {
            "".join(map(str, row)): int(count)
            for row, count in zip(self.patterns.tolist(), self.counts.tolist(), strict=True)
        }

    def select_lists(self, lists: Sequence[str]) -> CaptureHistories:
        """The histories restricted to ``lists`` (people on none of them drop out)."""
        index = [self._list_index(name) for name in lists]
        patterns = self.patterns[:, index]
        seen = patterns.any(axis=1)
        return _aggregate(tuple(lists), patterns[seen], self.counts[seen])

    def _list_index(self, name: str) -> int:
        try:
            return self.lists.index(name)
        except ValueError:
            raise ValueError(f"No list named {name!r}; the lists are {list(self.lists)}.") from None

    def __repr__(self) -> str:
        return (
            f"CaptureHistories(lists={list(self.lists)}, distinct_histories={len(self.counts)}, "
            f"n_observed={self.n_observed})"
        )

    @classmethod
    def from_input(cls, histories: Any, lists: Sequence[str] | None = None) -> CaptureHistories:
        """Validate and aggregate histories given in any of the accepted forms.

        Args:
            histories: a mapping ``{"1010": count}`` (one character per list, ``0`` or ``1``);
                a DataFrame (pandas, polars, pyarrow ...) with one 0/1 column per list and an
                optional ``count`` column (without it each row is one person); or a
                ``CaptureHistories``, returned unchanged or restricted to ``lists``.
            lists: for a mapping, the names of the lists (default ``"list1"`` ...); for a
                DataFrame, the list columns to use, in order (default every column but ``count``).

        Raises:
            ValueError: with a message naming the offending history or column.
        """
        if isinstance(histories, CaptureHistories):
            return histories if lists is None else histories.select_lists(lists)
        if isinstance(histories, Mapping):
            return _from_mapping(histories, lists)
        columns = _dataframe_columns(histories)
        if columns is None:
            raise ValueError(
                "Capture histories must be a mapping like {'1010': 12} or a DataFrame with one "
                f"0/1 column per list and a {COUNT_COLUMN!r} column; "
                f"got {type(histories).__name__}."
            )
        return _from_columns(columns, lists)


def _from_mapping(histories: Mapping[Any, Any], lists: Sequence[str] | None) -> CaptureHistories:
    if not histories:
        raise ValueError("No capture histories given.")
    keys = list(histories)
    for key in keys:
        if not isinstance(key, str):
            raise ValueError(f"Capture history {key!r} must be a string of 0s and 1s like '1010'.")
    width = len(keys[0])
    for key in keys:
        if len(key) != width:
            raise ValueError(
                f"Capture history {key!r} has {len(key)} characters but {keys[0]!r} has {width}: "
                "every history needs one character per list."
            )
        if width == 0 or set(key) - {"0", "1"}:
            raise ValueError(f"Capture history {key!r} must contain only the characters 0 and 1.")
    names = _list_names(lists, width)
    patterns = np.array([[ch == "1" for ch in key] for key in keys], dtype=np.uint8)
    counts = np.array([_as_count(histories[key], repr(key)) for key in keys], dtype=np.int64)
    return _aggregate(names, patterns, counts)


def _from_columns(columns: dict[str, np.ndarray], lists: Sequence[str] | None) -> CaptureHistories:
    if lists is None:
        names = tuple(name for name in columns if name != COUNT_COLUMN)
    else:
        names = tuple(lists)
        missing = [name for name in names if name not in columns]
        if missing:
            raise ValueError(f"No column {missing[0]!r}; the columns are {list(columns)}.")
    _list_names(names, len(names))
    rows = len(next(iter(columns.values()))) if columns else 0
    patterns = np.empty((rows, len(names)), dtype=np.uint8)
    for j, name in enumerate(names):
        values = np.asarray(columns[name])
        as_float = _as_float_column(values, name)
        if not np.isin(as_float, (0.0, 1.0)).all():
            raise ValueError(f"Column {name!r} must hold only 0 and 1 (or booleans).")
        patterns[:, j] = as_float.astype(np.uint8)
    if COUNT_COLUMN in columns:
        raw = _as_float_column(np.asarray(columns[COUNT_COLUMN]), COUNT_COLUMN)
        counts = np.array([_as_count(value, f"in column {COUNT_COLUMN!r}") for value in raw])
    else:
        counts = np.ones(rows, dtype=np.int64)
    return _aggregate(names, patterns, counts.astype(np.int64))


def _dataframe_columns(frame: Any) -> dict[str, np.ndarray] | None:
    """Columns of a pandas/polars DataFrame or a pyarrow Table, without importing any of them."""
    if hasattr(frame, "column_names") and hasattr(frame, "column"):
        return {str(name): np.asarray(frame.column(name)) for name in frame.column_names}
    if hasattr(frame, "columns") and hasattr(frame, "__getitem__"):
        return {str(name): np.asarray(frame[name]) for name in frame.columns}
    return None


def _as_float_column(values: np.ndarray, name: str) -> np.ndarray:
    try:
        as_float = values.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"Column {name!r} must be numeric.") from None
    if np.isnan(as_float).any():
        raise ValueError(f"Column {name!r} has missing values.")
    return as_float


def _as_count(value: Any, where: str) -> int:
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"The count of history {where} must be a whole number.") from None
    if not as_float.is_integer():
        raise ValueError(f"The count of history {where} must be a whole number, not {value!r}.")
    if as_float < 0:
        raise ValueError(f"The count of history {where} is negative ({value!r}).")
    return int(as_float)


def _list_names(lists: Sequence[str] | None, width: int) -> tuple[str, ...]:
    names = tuple(f"list{j + 1}" for j in range(width)) if lists is None else tuple(lists)
    if len(names) != width:
        raise ValueError(f"{len(names)} list names given for histories of {width} lists.")
    if len(set(names)) != len(names):
        raise ValueError(f"List names must be distinct: {list(names)}.")
    if width < 2:
        raise ValueError(
            f"At least 2 lists are needed to estimate anything (3 or more to test assumptions); "
            f"got {width}."
        )
    return names


def _aggregate(
    names: tuple[str, ...], patterns: np.ndarray, counts: np.ndarray
) -> CaptureHistories:
    """Merge repeated histories, drop zero counts, refuse people who are on no list."""
    _list_names(names, patterns.shape[1])
    empty = ~patterns.any(axis=1)
    if (counts[empty] > 0).any():
        raise ValueError(
            "The all-zero history (on no list) has a non-zero count: nobody can be observed "
            "without being on a list. Remove it; estimating it is the point."
        )
    keep = ~empty & (counts > 0)
    weights = np.left_shift(np.int64(1), np.arange(len(names), dtype=np.int64))
    cells = patterns[keep].astype(np.int64) @ weights
    unique_cells, inverse = np.unique(cells, return_inverse=True)
    summed = np.zeros(len(unique_cells), dtype=np.int64)
    np.add.at(summed, inverse, counts[keep])
    bits = (unique_cells[:, None] >> np.arange(len(names))) & 1
    if not len(unique_cells):
        raise ValueError("No one is on any list: every capture history has a zero count.")
    return CaptureHistories(names, bits.astype(np.uint8), summed)
