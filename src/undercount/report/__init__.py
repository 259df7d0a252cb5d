"""The report: one self-contained HTML file an editor can publish from, offline.

``gather_report_data(case, redact=False)`` reads a case into plain values;
``render_report(data)`` turns them into HTML without touching the case; ``write_report`` does
both and writes the file. ``docs/report.md`` shows what each section says and why.
"""

from __future__ import annotations

from pathlib import Path

from undercount.case import Case
from undercount.report.data import gather_report_data
from undercount.report.figures import ReportData
from undercount.report.render import render_report

__all__ = ["ReportData", "gather_report_data", "render_report", "write_report"]


def write_report(
    case: Case, out: Path, *, redact: bool = False, title: str | None = None
) -> ReportData:
    """Gather, render and write the report to ``out``; returns what it showed."""
    data = gather_report_data(case, redact=redact, title=title)
    out.write_text(render_report(data), encoding="utf-8")
    return data
