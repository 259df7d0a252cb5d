"""The few SVG pieces every chart shares: a titled frame, text, axis ticks, number formats.

Charts are written as SVG text by hand rather than with a plotting library so the report stays
one small file that any browser draws offline, prints sharply, and reads aloud: every chart is
``role="img"`` with a title and a description that states its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup


def frame(
    name: str, width: float, height: float, title: str, description: str, body: str
) -> Markup:
    """A responsive SVG with an accessible name (``title``) and description."""
    return Markup(
        f'<svg class="chart chart-{name}" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-labelledby="{name}-title {name}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{name}-title">{escape(title)}</title>'
        f'<desc id="{name}-desc">{escape(description)}</desc>{body}</svg>'
    )


def text(
    x: float,
    y: float,
    content: str,
    cls: str = "",
    anchor: str = "start",
    *,
    upright: bool = False,
    tip: str = "",
) -> str:
    """Text at (x, y); ``upright`` turns it to read bottom to top, for labels in narrow columns;
    ``tip`` is the full wording when ``content`` was shortened."""
    attributes = f' class="{cls}"' if cls else ""
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if upright:
        attributes += f' transform="rotate(-90 {x:.1f} {y:.1f})"'
    title = f"<title>{escape(tip)}</title>" if tip and tip != content else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{attributes}>{title}{escape(content)}</text>'


def shorten(label: str, limit: int) -> str:
    """``label`` cut to ``limit`` characters, with an ellipsis when cut."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="{cls}"/>'


def rect(x: float, y: float, width: float, height: float, cls: str, tip: str = "") -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" '
        f'height="{max(height, 0):.1f}" class="{cls}">{title}</rect>'
    )


def circle(x: float, y: float, r: float, cls: str, tip: str = "") -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="{cls}">{title}</circle>'


def polyline(points: Sequence[tuple[float, float]], cls: str, *, closed: bool = False) -> str:
    """A line through ``points``; ``closed`` makes it a filled shape (an interval band)."""
    path = " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<path d="M{path}{" Z" if closed else ""}" class="{cls}"/>'


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 covering ``maximum``: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)
    ticks = [0.0]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def count(value: float) -> str:
    """A count as people read it: 1,234."""
    return f"{round(value):,}"


def interval(lower: float | None, upper: float | None) -> str:
    if lower is None or upper is None:
        return ""
    return f"{count(lower)}–{count(upper)}"
