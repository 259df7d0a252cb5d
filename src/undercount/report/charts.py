"""The report's charts as inline SVG: the headline scale, the estimate against the match
threshold, deaths by day, and claims over time.

Each function takes plain figures and returns markup; colours come from CSS classes so the page
and its print version style them in one place. Withheld estimates are never drawn as numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from markupsafe import Markup

from undercount.report.figures import ClaimFigure, EstimateFigure, StratumRow, ThresholdPoint
from undercount.report.svg import (
    circle,
    count,
    frame,
    interval,
    line,
    nice_ticks,
    polyline,
    rect,
    shorten,
    text,
)

WIDTH = 760
PALETTE_SIZE = 7  # claimant colours: .claimant-0 … .claimant-6 in the stylesheet (Okabe–Ito)


def headline_scale(
    documented: int, estimate: EstimateFigure | None, claims: Sequence[ClaimFigure]
) -> Markup:
    """One row per figure on a common scale: documented, the estimate's interval, and each
    claimant's current figure for the killed (its scope, if any, in its label).

    Claims bounded on one side ("at least", "up to") carry an arrow that way; "about" is hollow.
    """
    label_width, right, row = 290, 30, 34
    shown = [c for c in claims if c.current and c.counted == "killed"]
    values = [documented, *(c.figure for c in shown)]
    if estimate and estimate.upper is not None:
        values.append(estimate.upper)
    ticks = nice_ticks(max(values) * 1.05)
    scale = (WIDTH - label_width - right) / ticks[-1]

    def x(value: float) -> float:
        return label_width + value * scale

    rows: list[str] = []
    y = 24.0
    rows.append(text(label_width - 12, y + 5, "Documented, named people", "label strong", "end"))
    rows.append(rect(x(0), y - 9, documented * scale, 18, "documented", f"{count(documented)}"))
    rows.append(text(x(documented) + 6, y + 5, count(documented), "value strong"))
    if estimate and estimate.n_hat is not None and estimate.upper is not None:
        y += row
        lower = estimate.lower if estimate.lower is not None else documented
        rows.append(text(label_width - 12, y + 5, "Estimated total", "label strong", "end"))
        rows.append(
            rect(
                x(lower),
                y - 9,
                (estimate.upper - lower) * scale,
                18,
                "estimate-band",
                f"{estimate.level:.0%} interval {interval(lower, estimate.upper)}",
            )
        )
        rows.append(line(x(estimate.n_hat), y - 12, x(estimate.n_hat), y + 12, "estimate-mark"))
        rows.append(
            text(
                x(estimate.upper) + 6,
                y + 5,
                f"{count(estimate.n_hat)} ({interval(lower, estimate.upper)})",
                "value strong",
            )
        )
    for claim in sorted(shown, key=lambda c: -c.figure):
        y += row
        scope = f" ({claim.scope})" if claim.scope else ""
        label = f"{claim.claimant}{scope}, {claim.published_on:%-d %b %Y}"
        rows.append(text(label_width - 12, y + 5, shorten(label, 38), "label", "end", tip=label))
        rows.append(_claim_mark(x(claim.figure), y, claim, "claim", upward=False))
        rows.append(text(x(claim.figure) + 20, y + 5, claim.stated(), "value"))
    height = y + 44
    axis = _x_axis(ticks, x, top=10, bottom=height - 26)
    description = (
        f"Documented: {count(documented)} people. "
        + (
            f"Estimated: {count(estimate.n_hat)}, {estimate.level:.0%} interval "
            f"{interval(estimate.lower, estimate.upper)}. "
            if estimate and estimate.n_hat is not None
            else "No estimate shown. "
        )
        + " ".join(f"{c.claimant}: {c.stated()}." for c in shown)
    )
    return frame(
        "headline",
        WIDTH,
        height,
        "Documented, estimated and claimed deaths on one scale",
        description,
        axis + "".join(rows),
    )


def threshold_curve(estimate: EstimateFigure) -> Markup:
    """The total estimated on the one clustering at each match threshold, with its interval
    band, and the documented people each clustering finds (``estimate.linkage.by_threshold``).

    Thresholds where no estimate could be made leave a gap in the band and the line; the
    documented line runs through them. The y axis starts near the lowest figure, not at zero:
    the chart is about how far the figures move, which a zero baseline would flatten.
    """
    assert estimate.linkage is not None
    points = estimate.linkage.by_threshold
    left, right, top, bottom, height = 56, 130, 16, 44, 300
    values = [p.documented for p in points] + [
        v for p in points for v in (p.lower, p.upper) if v is not None
    ]
    low, high = min(values), max(values)
    step = nice_ticks(max(high - low, 1.0) * 1.1)[1]
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    thresholds = [p.threshold for p in points]
    plot_width = WIDTH - left - right

    def x(threshold: float) -> float:
        span = max(thresholds) - min(thresholds) or 1.0
        return left + plot_width * (threshold - min(thresholds)) / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (ticks[-1] - value) / (ticks[-1] - ticks[0])

    parts = []
    for tick in ticks:
        parts.append(line(left, y(tick), left + plot_width, y(tick), "grid"))
        parts.append(text(left - 6, y(tick) + 4, count(tick), "tick", "end"))
    for threshold in thresholds:
        parts.append(text(x(threshold), height - bottom + 18, f"{threshold:g}", "tick", "middle"))
    parts.append(text(left + plot_width / 2, height - 6, "match threshold", "label", "middle"))
    for run in _estimated_runs(points):
        bounded = [(t, lower, upper) for t, _, lower, upper in run if upper is not None]
        if len(bounded) > 1:
            band = [(x(t), y(upper)) for t, _, upper in bounded]
            band += [(x(t), y(lower)) for t, lower, _ in reversed(bounded)]
            parts.append(polyline(band, "estimate-band", closed=True))
        if len(run) > 1:
            parts.append(polyline([(x(t), y(n_hat)) for t, n_hat, _, _ in run], "estimate-line"))
    parts.append(polyline([(x(p.threshold), y(p.documented)) for p in points], "documented-line"))
    for point in points:
        if point.n_hat is None:
            continue
        tip = (
            f"threshold {point.threshold:g}: estimated {count(point.n_hat)} "
            f"({interval(point.lower, point.upper) or 'unbounded'}), "
            f"{count(point.documented)} documented"
        )
        parts.append(circle(x(point.threshold), y(point.n_hat), 4, "estimate-dot", tip))
    last = points[-1]
    parts.append(
        text(
            left + plot_width + 8,
            y(last.documented) + 4,
            f"documented {count(last.documented)}",
            "value strong",
        )
    )
    if last.n_hat is not None:
        parts.append(
            text(
                left + plot_width + 8, y(last.n_hat) + 4, f"estimated {count(last.n_hat)}", "value"
            )
        )
    description = "; ".join(
        f"at threshold {p.threshold:g}: {count(p.documented)} documented, "
        + (
            f"estimated {count(p.n_hat)} ({interval(p.lower, p.upper) or 'unbounded'})"
            if p.n_hat is not None
            else "no estimate"
        )
        for p in points
    )
    return frame(
        "threshold",
        WIDTH,
        height,
        "The estimated total against the match threshold",
        description,
        "".join(parts),
    )


def _estimated_runs(
    points: Sequence[ThresholdPoint],
) -> list[list[tuple[float, float, float, float | None]]]:
    """Consecutive points that have an estimate, as (threshold, n_hat, lower, upper): the band
    and the line break where a threshold has none. A missing lower limit is the documented
    count, as elsewhere in the report."""
    runs: list[list[tuple[float, float, float, float | None]]] = [[]]
    for p in points:
        if p.n_hat is None:
            runs.append([])
        else:
            lower = p.lower if p.lower is not None else p.documented
            runs[-1].append((p.threshold, p.n_hat, lower, p.upper))
    return [run for run in runs if run]


def _claim_mark(cx: float, cy: float, claim: ClaimFigure, cls: str, *, upward: bool) -> str:
    """A claim's dot; "at least" and "more than" point to larger values, "up to" to smaller.

    ``upward`` says larger values lie up (a time chart) rather than to the right.
    """
    hollow = " hollow" if claim.qualifier == "about" else ""
    mark = circle(cx, cy, 6, f"{cls}{hollow}", f"{claim.claimant}: {claim.stated()}")
    sign = {"at-least": 1, "more-than": 1, "up-to": -1}.get(claim.qualifier, 0)
    if sign and upward:
        tip, base = cy - sign * 14, cy - sign * 8
        points = [(cx - 4, base), (cx, tip), (cx + 4, base)]
    elif sign:
        tip, base = cx + sign * 14, cx + sign * 8
        points = [(base, cy - 4), (tip, cy), (base, cy + 4)]
    if sign:
        path = " L".join(f"{px:.1f},{py:.1f}" for px, py in points)
        mark += f'<path d="M{path}" class="arrow"/>'
    return mark


def _x_axis(ticks: list[float], x: Callable[[float], float], *, top: float, bottom: float) -> str:
    parts = []
    for tick in ticks:
        parts.append(line(x(tick), top, x(tick), bottom, "grid"))
        parts.append(text(x(tick), bottom + 16, count(tick), "tick", "middle"))
    return "".join(parts)


def day_bars(rows: Sequence[StratumRow], unit: str) -> Markup:
    """Documented per day as bars on a calendar axis; estimates as a dot with an interval.

    Days with no deaths get an empty slot, so the axis is time. Dates far from the main run of
    days (usually a typing error in a list: 2021 for 2022) are pooled into one "other dates"
    bar rather than stretching the axis; the table beside the chart lists each of them.
    """
    left, top, bottom, height = 48, 16, 56, 300
    slots = _day_slots(rows)
    ceiling = max(
        [r.documented for r in rows]
        + [r.estimate.upper for r in rows if r.estimate and r.estimate.upper is not None]
    )
    ticks = nice_ticks(ceiling * 1.05)
    plot_height = height - top - bottom
    band = (WIDTH - left - 10) / max(len(slots), 1)

    def y(value: float) -> float:
        return top + plot_height * (1 - value / ticks[-1])

    parts = []
    for tick in ticks:
        parts.append(line(left, y(tick), WIDTH - 10, y(tick), "grid"))
        parts.append(text(left - 6, y(tick) + 4, count(tick), "tick", "end"))
    days = sum(1 for row in slots if row is not None and row.key not in _POOLED)
    label_every = max(1, math.ceil(days / 16))
    for index, row in enumerate(slots):
        if row is None:
            continue
        x0, width = left + index * band + band * 0.15, band * 0.7
        tip = f"{row.label}: {count(row.documented)} documented"
        parts.append(
            rect(x0, y(row.documented), width, y(0) - y(row.documented), "documented", tip)
        )
        parts.append(_estimate_mark(row, x0 + width / 2, y, min(4.5, band / 4)))
        if row.key in _POOLED or index % label_every == 0:
            label = _POOLED.get(row.key) or date.fromisoformat(row.key).strftime("%-d %b")
            parts.append(text(x0 + width / 2, height - bottom + 16, label, "tick", "middle"))
    shown = [r for r in rows if r.estimate and r.estimate.n_hat is not None]
    description = (
        f"{count(sum(r.documented for r in rows))} documented {unit}, by date of death"
        + (f"; estimates shown for {len(shown)} days." if shown else ".")
    )
    return frame(
        "days", WIDTH, height, f"Documented {unit} by date of death", description, "".join(parts)
    )


_POOLED = {"other": "other", "unknown": "unknown"}
_GAP_DAYS = 14


def _day_slots(rows: Sequence[StratumRow]) -> list[StratumRow | None]:
    """Every calendar day of the main run of dates, then a gap, other dates and unknown."""
    dated = sorted((date.fromisoformat(r.key), r) for r in rows if r.key not in _POOLED)
    runs: list[list[tuple[date, StratumRow]]] = []
    for day, row in dated:
        if runs and (day - runs[-1][-1][0]).days <= _GAP_DAYS:
            runs[-1].append((day, row))
        else:
            runs.append([(day, row)])
    main = max(runs, key=lambda run: sum(r.documented for _, r in run), default=[])
    by_day = dict(main)
    slots: list[StratumRow | None] = []
    if main:
        day, last = main[0][0], main[-1][0]
        while day <= last:
            slots.append(by_day.get(day) or StratumRow(day.isoformat(), f"{day:%-d %b}", 0))
            day += timedelta(days=1)
    elsewhere = [row for day, row in dated if day not in by_day]
    pooled = [r for r in rows if r.key == "unknown"]
    if elsewhere:
        others = sum(r.documented for r in elsewhere)
        pooled.insert(0, StratumRow("other", "Other dates", others))
    if pooled and slots:
        slots.append(None)
    return slots + pooled


def _estimate_mark(row: StratumRow, cx: float, y: Callable[[float], float], radius: float) -> str:
    estimate = row.estimate
    if estimate and estimate.n_hat is not None and estimate.upper is not None:
        lower = estimate.lower if estimate.lower is not None else row.documented
        tip = f"{row.label}: estimated {count(estimate.n_hat)} ({interval(lower, estimate.upper)})"
        return line(cx, y(lower), cx, y(estimate.upper), "whisker") + circle(
            cx, y(estimate.n_hat), radius, "estimate-dot", tip
        )
    if estimate and estimate.withheld:
        return text(cx, y(row.documented) - 5, "–", "withheld", "middle")
    return ""


def claims_timeline(
    claims: Sequence[ClaimFigure], documented: int, estimate: EstimateFigure | None
) -> Markup:
    """Each claimant's figures for the killed as a step line over publication dates.

    The documented count and the estimate's interval run across as references, so a reader
    sees at once which claims sit below what the lists already name.
    """
    killed = [c for c in claims if c.counted == "killed"]
    series: dict[tuple[str, str], list[ClaimFigure]] = defaultdict(list)
    for claim in sorted(killed, key=lambda c: (c.published_on, c.claim_id)):
        series[(claim.claimant, claim.scope or "")].append(claim)
    labels = [claimant + (f" ({scope})" if scope else "") for claimant, scope in series]
    legend_rows = _legend_rows(labels, WIDTH - 60)
    left, right, top, plot_bottom = 56, 120, 16, 270
    height = plot_bottom + 34 + 20 * len(legend_rows)
    first = min(c.published_on for c in killed) - timedelta(days=7)
    last = max(c.published_on for c in killed) + timedelta(days=7)
    values = [c.figure for c in killed] + [documented]
    if estimate and estimate.upper is not None:
        values.append(estimate.upper)
    ticks = nice_ticks(max(values) * 1.05)
    span = max((last - first).days, 1)
    plot_width = WIDTH - left - right

    def x(day: date) -> float:
        return left + plot_width * (day - first).days / span

    def y(value: float) -> float:
        return top + (plot_bottom - top) * (1 - value / ticks[-1])

    parts = []
    for tick in ticks:
        parts.append(line(left, y(tick), left + plot_width, y(tick), "grid"))
        parts.append(text(left - 6, y(tick) + 4, count(tick), "tick", "end"))
    for index, month in enumerate(_month_starts(first, last)):
        label = month.strftime("%b %Y" if index == 0 or month.month == 1 else "%b")
        parts.append(text(x(month), plot_bottom + 18, label, "tick", "middle"))
    if estimate and estimate.n_hat is not None and estimate.upper is not None:
        lower = estimate.lower if estimate.lower is not None else documented
        parts.append(
            rect(
                left,
                y(estimate.upper),
                plot_width,
                y(lower) - y(estimate.upper),
                "estimate-band",
                f"Estimated total {interval(lower, estimate.upper)}",
            )
        )
        parts.append(
            text(
                left + plot_width + 6,
                y(estimate.n_hat) + 4,
                f"estimated {count(estimate.n_hat)}",
                "value",
            )
        )
    parts.append(line(left, y(documented), left + plot_width, y(documented), "documented-line"))
    parts.append(
        text(
            left + plot_width + 6,
            y(documented) + 4,
            f"documented {count(documented)}",
            "value strong",
        )
    )
    for index, points in enumerate(series.values()):
        cls = f"claimant-{index % PALETTE_SIZE}"
        path = f"M{x(points[0].published_on):.1f},{y(points[0].figure):.1f}"
        for after in points[1:]:
            path += f" H{x(after.published_on):.1f} V{y(after.figure):.1f}"
        parts.append(f'<path d="{path}" class="step {cls}"/>')
        for point in points:
            parts.append(
                _claim_mark(
                    x(point.published_on), y(point.figure), point, f"dot {cls}", upward=True
                )
            )
        for point in {id(p): p for p in (points[0], points[-1])}.values():
            parts.append(
                text(x(point.published_on) + 10, y(point.figure) - 8, point.stated(), "value")
            )
    index = 0
    for row_number, row in enumerate(legend_rows):
        legend_x, legend_y = float(left), plot_bottom + 44 + 20 * row_number
        for label in row:
            parts.append(
                circle(legend_x + 5, legend_y - 4, 5, f"dot claimant-{index % PALETTE_SIZE}")
            )
            parts.append(text(legend_x + 14, legend_y, label, "legend"))
            legend_x += _legend_width(label)
            index += 1
    description = "; ".join(
        f"{claimant}{' (' + scope + ')' if scope else ''}: "
        + ", ".join(f"{p.stated()} on {p.published_on:%-d %b %Y}" for p in points)
        for (claimant, scope), points in series.items()
    )
    return frame(
        "claims",
        WIDTH,
        height,
        "Claimed death tolls over time, by claimant",
        description,
        "".join(parts),
    )


def _month_starts(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        if current >= first:
            months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if len(months) / s <= 7)
    return months[::step]


def _legend_width(label: str) -> float:
    """Room for a legend entry: swatch, text at about 6.6 px a character, and a gap."""
    return 14 + 6.6 * len(label) + 22


def _legend_rows(labels: list[str], width: float) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    used = 0.0
    for label in labels:
        if rows[-1] and used + _legend_width(label) > width:
            rows.append([])
            used = 0.0
        rows[-1].append(label)
        used += _legend_width(label)
    return rows
