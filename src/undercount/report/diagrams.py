"""The two charts that are not plots against an axis: the schematic map and the list overlap.

The map puts a circle, its area proportional to the documented count, at each region's seat
inside a coarse outline of the country. The overlap chart is UpSet-style (Lex et al. 2014):
one column per combination of lists, a bar for how many people are on exactly that
combination, and a dot matrix saying which lists it is — readable for any number of lists,
where Venn diagrams stop at three.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from undercount.report.figures import Overlap, StratumRow
from undercount.report.geography import LABEL_SIDES, OUTLINE
from undercount.report.svg import circle, count, frame, line, rect, text

WIDTH = 760
MAX_COMBINATIONS = 20


def region_map(rows: Sequence[StratumRow]) -> Markup:
    """Documented people per region on a schematic map (equirectangular at 48°N)."""
    pad = 16
    lats = [lat for lat, _ in OUTLINE]
    lons = [lon for _, lon in OUTLINE]
    shrink = math.cos(math.radians(48))
    scale = (WIDTH - 2 * pad) / ((max(lons) - min(lons)) * shrink)
    height = (max(lats) - min(lats)) * scale + 2 * pad

    def project(lat: float, lon: float) -> tuple[float, float]:
        return pad + (lon - min(lons)) * shrink * scale, pad + (max(lats) - lat) * scale

    outline = " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in OUTLINE))
    parts = [f'<polygon points="{outline}" class="country"/>']
    placed = [r for r in rows if r.position is not None and r.documented > 0]
    largest = max((r.documented for r in placed), default=1)
    for row in sorted(placed, key=lambda r: -r.documented):  # small circles drawn on top
        assert row.position is not None
        x, y = project(*row.position)
        radius = 3 + 34 * math.sqrt(row.documented / largest)
        parts.append(circle(x, y, radius, "region-dot", f"{row.label}: {count(row.documented)}"))
    for row in placed:
        assert row.position is not None
        x, y = project(*row.position)
        radius = 3 + 34 * math.sqrt(row.documented / largest)
        side = LABEL_SIDES.get(row.key, "right")
        if side == "above":
            anchor, dx, dy = "middle", 0.0, -radius - 17
        else:
            anchor, dx, dy = (
                ("end", -radius - 4, 0.0) if side == "left" else ("start", radius + 4, 0.0)
            )
        parts.append(text(x + dx, y + dy - 1, row.label, "map-label", anchor))
        parts.append(text(x + dx, y + dy + 12, count(row.documented), "map-count", anchor))
    description = "; ".join(f"{r.label}: {count(r.documented)}" for r in placed)
    return frame(
        "map",
        WIDTH,
        height,
        "Documented deaths by region (schematic map; outline approximate)",
        description,
        "".join(parts),
    )


def overlap_upset(overlap: Overlap) -> Markup:
    """People per exact combination of lists (largest first), with each list's size."""
    names = overlap.lists
    shown = list(overlap.patterns[:MAX_COMBINATIONS])
    sizes = [
        sum(n for pattern, n in overlap.patterns if pattern[index] == "1")
        for index in range(len(names))
    ]
    name_width, size_width, top, bar_height, row = 96, 120, 44, 150, 24
    matrix_left = name_width + size_width + 16
    column = min(32.0, (WIDTH - matrix_left - 8) / max(len(shown), 1))
    matrix_top = top + bar_height + 14
    height = matrix_top + row * len(names) + 8
    tallest = max((n for _, n in shown), default=1)
    biggest_list = max(sizes, default=1) or 1
    parts = []
    for index, (name, size) in enumerate(zip(names, sizes, strict=True)):
        cy = matrix_top + row * index + row / 2
        if index % 2 == 0:
            parts.append(
                rect(matrix_left - 4, cy - row / 2, column * len(shown) + 8, row, "stripe")
            )
        parts.append(text(name_width - 6, cy + 4, name, "label", "end"))
        width = (size_width - 40) * size / biggest_list
        parts.append(
            rect(
                name_width + size_width - width,
                cy - 7,
                width,
                14,
                "list-size",
                f"{name}: {count(size)} people",
            )
        )
        parts.append(text(name_width + size_width - width - 4, cy + 4, count(size), "tick", "end"))
    for position, (pattern, people) in enumerate(shown):
        cx = matrix_left + column * position + column / 2
        bar = bar_height * people / tallest
        members = [names[i] for i, flag in enumerate(pattern) if flag == "1"]
        tip = f"{count(people)} on {' + '.join(members)}" + (" only" if len(members) == 1 else "")
        parts.append(
            rect(cx - column * 0.35, top + bar_height - bar, column * 0.7, bar, "combination", tip)
        )
        label = count(people)
        if len(label) * 6.5 > column:  # too wide to sit level above its bar: stand it up
            parts.append(text(cx + 4, top + bar_height - bar - 4, label, "tick", upright=True))
        else:
            parts.append(text(cx, top + bar_height - bar - 4, label, "tick", "middle"))
        rows_in = [i for i, flag in enumerate(pattern) if flag == "1"]
        if len(rows_in) > 1:
            parts.append(
                line(
                    cx,
                    matrix_top + row * rows_in[0] + row / 2,
                    cx,
                    matrix_top + row * rows_in[-1] + row / 2,
                    "member-line",
                )
            )
        for index in range(len(names)):
            cls = "member" if pattern[index] == "1" else "non-member"
            parts.append(circle(cx, matrix_top + row * index + row / 2, min(6.0, column / 3), cls))
    hidden = overlap.patterns[MAX_COMBINATIONS:]
    description = (
        f"{len(overlap.patterns)} combinations of {len(names)} lists; the largest: "
        + "; ".join(
            f"{count(n)} on {' + '.join(names[i] for i, f in enumerate(p) if f == '1')}"
            for p, n in shown[:5]
        )
        + (f". {len(hidden)} smaller combinations not drawn." if hidden else ".")
    )
    return frame("overlap", WIDTH, height, "How the lists overlap", description, "".join(parts))
