"""What every estimator returns: :class:`Estimate`, and its printable :class:`Summary`.

``Estimate`` is deliberately one shape for all methods so that reports, strata and the CLI never
branch on the method. Method-specific detail goes in ``diagnostics``, by one convention that the
summary understands: a scalar (number, string, bool) is shown as a labelled field; a list of dicts
with the same keys (a ranked table of models, the top graphs) is shown as a table; anything else
(arrays, nested dicts) stays in the object for programmatic use and is not printed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Estimate", "Summary", "SummaryTable"]


@dataclass(frozen=True, eq=False)
class Estimate:
    """A population-size estimate with its interval.

    Attributes:
        n_hat: point estimate of the total (observed + unobserved). Log-linear: the Poisson MLE,
            as Rcapture prints it. Bayesian methods: the posterior median.
        lower, upper: the interval at ``level``; ``upper`` may be ``inf`` when the data put no
            bound on it (the profile likelihood never falls far enough).
        level: coverage of the interval, e.g. 0.95.
        n_observed: people on at least one list; never more than ``n_hat``'s floor.
        method: ``"loglinear"``, ``"lcmcr"`` or ``"dga"``.
        model: the model in words, e.g. ``"Mth Chao"`` or ``"[12,13,4]"``.
        draws: posterior draws of the total for Bayesian methods, else ``None``.
        diagnostics: method-specific detail (see the module docstring for how it is shown).
        lists: names of the lists the estimate used.
        warnings: problems a user can act on, in plain words.
    """

    n_hat: float
    lower: float
    upper: float
    level: float
    n_observed: int
    method: str
    model: str
    draws: np.ndarray | None = None
    diagnostics: Mapping[str, Any] = field(default_factory=dict)
    lists: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def conf_int(self) -> tuple[float, float]:
        """The interval ``(lower, upper)`` at ``self.level``."""
        return (self.lower, self.upper)

    @property
    def n_unobserved(self) -> float:
        """Estimated number of people on no list."""
        return self.n_hat - self.n_observed

    def summary(self) -> Summary:
        """A printable summary: ``print(est.summary())`` or display it in a notebook."""
        percent = f"{self.level:.0%}"
        fields: list[tuple[str, str]] = [
            ("method", self.method),
            ("model", self.model),
            ("lists", ", ".join(self.lists) if self.lists else "-"),
            ("observed (floor)", f"{self.n_observed:,}"),
            ("estimate", format_count(self.n_hat)),
            (f"{percent} interval", f"{format_count(self.lower)} - {format_count(self.upper)}"),
        ]
        tables: list[SummaryTable] = []
        for name, value in self.diagnostics.items():
            if isinstance(value, bool | str | int | float | np.integer | np.floating):
                fields.append((name.replace("_", " "), _format_value(value)))
            elif _is_records(value):
                tables.append(SummaryTable.from_records(name.replace("_", " "), value))
        title = f"Population estimate ({self.method})"
        return Summary(title, tuple(fields), tuple(tables), self.warnings)

    def _repr_html_(self) -> str:
        return self.summary().as_html()

    def __repr__(self) -> str:
        return (
            f"Estimate(method={self.method!r}, model={self.model!r}, n_hat={self.n_hat:.1f}, "
            f"interval=({self.lower:.1f}, {self.upper:.1f}), level={self.level}, "
            f"n_observed={self.n_observed})"
        )


@dataclass(frozen=True)
class SummaryTable:
    """A captioned table of already formatted cells."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def from_records(cls, caption: str, records: Sequence[Mapping[str, Any]]) -> SummaryTable:
        header = tuple(records[0])
        rows = tuple(tuple(_format_value(record.get(key)) for key in header) for record in records)
        return cls(caption, header, rows)

    def as_text(self) -> str:
        widths = [
            max(len(cell) for cell in column)
            for column in zip(self.header, *self.rows, strict=True)
        ]
        lines = [
            self.caption,
            "  ".join(h.ljust(w) for h, w in zip(self.header, widths, strict=True)),
        ]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(_align(c, w) for c, w in zip(row, widths, strict=True)) for row in self.rows
        ]
        return "\n".join(lines)

    def as_html(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in self.rows
        )
        return (
            f"<table><caption>{html.escape(self.caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


@dataclass(frozen=True)
class Summary:
    """Text and HTML renderings of an estimate; ``str()`` gives the text."""

    title: str
    fields: tuple[tuple[str, str], ...]
    tables: tuple[SummaryTable, ...] = ()
    warnings: tuple[str, ...] = ()

    def as_text(self) -> str:
        width = max(len(label) for label, _ in self.fields)
        lines = [self.title, "=" * len(self.title)]
        lines += [f"{label.ljust(width)}  {value}" for label, value in self.fields]
        for table in self.tables:
            lines += ["", table.as_text()]
        if self.warnings:
            lines += ["", "Warnings:"] + [f"- {warning}" for warning in self.warnings]
        return "\n".join(lines)

    def as_html(self) -> str:
        rows = "".join(
            f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
            for label, value in self.fields
        )
        parts = [f"<h4>{html.escape(self.title)}</h4>", f"<table>{rows}</table>"]
        parts += [table.as_html() for table in self.tables]
        if self.warnings:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
            parts.append(f"<p>Warnings:</p><ul>{items}</ul>")
        return "<div class='undercount-summary'>" + "".join(parts) + "</div>"

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()


def format_count(value: float) -> str:
    """A head count as people read it: whole numbers with separators; ``inf`` as unbounded."""
    if math.isinf(value):
        return "unbounded"
    return f"{value:,.0f}"


def _format_value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        if math.isinf(value) or math.isnan(value):
            return str(float(value))
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.4g}"
    return str(value)


def _align(cell: str, width: int) -> str:
    """Numbers right-aligned so their digits line up; words left-aligned."""
    numeric = cell.lstrip("-")[:1].isdigit()
    return cell.rjust(width) if numeric else cell.ljust(width)


def _is_records(value: Any) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )
