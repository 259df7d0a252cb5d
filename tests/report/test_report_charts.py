"""The hand-written SVG charts: scales that cover the data, honest marks, nothing dropped."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_examples import CLAIMS, LINKAGE, full_report_data

from undercount.report.charts import (
    claims_timeline,
    day_bars,
    headline_scale,
    threshold_curve,
)
from undercount.report.diagrams import MAX_COMBINATIONS, overlap_upset, region_map
from undercount.report.figures import (
    ClaimFigure,
    EstimateFigure,
    Overlap,
    StratumRow,
    ThresholdPoint,
)
from undercount.report.geography import OUTLINE, region_positions
from undercount.report.svg import nice_ticks


@given(st.floats(min_value=0.5, max_value=1e7))
def test_ticks_start_at_zero_cover_the_maximum_in_round_even_steps(maximum: float) -> None:
    ticks = nice_ticks(maximum)
    assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) <= 12
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 5, 10))
    assert all(math.isclose(b - a, step) for a, b in itertools.pairwise(ticks))


def _point_inside(point: tuple[float, float], polygon: tuple[tuple[float, float], ...]) -> bool:
    lat, lon = point
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (lon1 > lon) != (lon2 > lon):
            crossing = lat1 + (lon - lon1) * (lat2 - lat1) / (lon2 - lon1)
            if crossing > lat:
                inside = not inside
    return inside


def test_every_region_seat_falls_inside_the_country_outline() -> None:
    positions = region_positions()
    assert len(positions) == 17
    outside = [region for region, point in positions.items() if not _point_inside(point, OUTLINE)]
    assert outside == []


def test_headline_scale_draws_current_killed_claims_with_their_scope() -> None:
    data = full_report_data()
    svg = str(headline_scale(data.documented, data.headline, CLAIMS))
    assert "Prosecutor General&#x27;s Office, 20 Dec 2022" in svg
    assert "15 Jan 2022" not in svg, "superseded"
    assert "Human Rights Watch (one incident in Almaty), 26 Jan 2022" in svg
    assert "4,353" not in svg, "injured"
    assert "401 (370–479)" in svg


def test_headline_scale_without_an_estimate_shows_no_estimate_row() -> None:
    svg = str(headline_scale(312, None, CLAIMS))
    assert "Estimated total" not in svg and "No estimate shown" in svg


@pytest.mark.parametrize(
    ("qualifier", "arrows"),
    [("exactly", 0), ("about", 0), ("at-least", 1), ("more-than", 1), ("up-to", 1)],
)
def test_bounded_claims_carry_an_arrow_and_about_is_hollow(qualifier: str, arrows: int) -> None:
    claim = ClaimFigure(1, "X", "ngo", date(2022, 1, 9), 100, qualifier=qualifier)
    svg = str(claims_timeline((claim,), 90, None))
    assert svg.count('class="arrow"') == arrows
    assert ("hollow" in svg) == (qualifier == "about")


def test_claims_timeline_has_one_step_line_per_claimant_and_scope() -> None:
    svg = str(claims_timeline(CLAIMS, 312, full_report_data().headline))
    assert svg.count('class="step ') == 2
    assert "Human Rights Watch (one incident in Almaty)" in svg
    assert "documented 312" in svg and "estimated 401" in svg


def test_day_bars_mark_withheld_days_and_draw_shown_intervals() -> None:
    rows = full_report_data().by_day
    svg = str(day_bars(rows, "people"))
    assert svg.count('class="documented"') == 3
    assert svg.count('class="whisker"') == 1 and svg.count('class="withheld"') == 1
    assert ">unknown<" in svg


def test_day_bars_scale_covers_the_highest_upper_limit() -> None:
    row = StratumRow("2022-01-05", "5 Jan", 10, EstimateFigure("lcmcr", 10, 0.95, 50, 20, 480))
    svg = str(day_bars((row,), "people"))
    ticks = re.findall(r'class="tick" text-anchor="end">([\d,]+)<', svg)
    assert max(int(t.replace(",", "")) for t in ticks) >= 480


def test_overlap_draws_the_largest_combinations_and_counts_the_rest() -> None:
    patterns = tuple((format(i, "05b"), 100 - i) for i in range(1, 32))
    svg = str(overlap_upset(Overlap(("a", "b", "c", "d", "e"), patterns)))
    assert svg.count('class="combination"') == MAX_COMBINATIONS
    assert f"{31 - MAX_COMBINATIONS} smaller combinations not drawn" in svg
    sizes = dict(re.findall(r"<title>(\w): ([\d,]+) people</title>", svg))
    assert sizes["e"] == f"{sum(n for p, n in patterns if p[4] == '1'):,}"


def test_map_places_only_regions_with_a_seat_and_a_count() -> None:
    svg = str(region_map(full_report_data().by_region))
    assert svg.count('class="region-dot"') == 2
    assert "Region unknown" not in svg


def test_day_axis_is_a_calendar_and_stray_dates_are_pooled() -> None:
    rows = (
        StratumRow("2021-01-05", "Tue 5 Jan 2021", 1),
        StratumRow("2022-01-04", "Tue 4 Jan 2022", 12),
        StratumRow("2022-01-07", "Fri 7 Jan 2022", 30),
        StratumRow("2022-06-01", "Wed 1 Jun 2022", 2),
        StratumRow("unknown", "Date unknown", 9),
    )
    svg = str(day_bars(rows, "people"))
    labels = re.findall(r'class="tick" text-anchor="middle">([^<]+)<', svg)
    assert labels == ["4 Jan", "5 Jan", "6 Jan", "7 Jan", "other", "unknown"]
    assert "Other dates: 3 documented" in svg, "2021 and June pooled"
    assert "5 Jan: 0 documented" in svg, "an empty day keeps its place"


def test_long_claim_labels_are_shortened_with_the_full_wording_as_a_tip() -> None:
    claim = ClaimFigure(1, "Office of the Human Rights Commissioner of the Republic", "government",
                        date(2022, 1, 9), 100, scope="Almaty city and region")  # fmt: skip
    svg = str(headline_scale(90, None, (claim,)))
    label = re.search(r'class="label" text-anchor="end"><title>([^<]+)</title>([^<]+)<', svg)
    assert label is not None
    assert label.group(1).startswith("Office of the Human Rights Commissioner")
    assert label.group(1).endswith("(Almaty city and region), 9 Jan 2022")
    assert len(label.group(2)) == 38 and label.group(2).endswith("…")


def _path_points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"([\d.]+),([\d.]+)", d)]


def test_threshold_curve_draws_band_estimates_and_documented_at_every_threshold() -> None:
    estimate = full_report_data().headline
    svg = str(threshold_curve(estimate))
    [band] = re.findall(r'<path d="([^"]+) Z" class="estimate-band"', svg)
    [estimates] = re.findall(r'<path d="([^"]+)" class="estimate-line"', svg)
    [documented] = re.findall(r'<path d="([^"]+)" class="documented-line"', svg)
    points = LINKAGE.by_threshold
    assert len(_path_points(band)) == 2 * len(points)
    assert len(_path_points(estimates)) == len(_path_points(documented)) == len(points)
    tops = [y for _, y in _path_points(band)[: len(points)]]
    middles = [y for _, y in _path_points(estimates)]
    bottoms = [y for _, y in reversed(_path_points(band)[len(points) :])]
    assert all(t < m < b for t, m, b in zip(tops, middles, bottoms, strict=True)), "band holds N"
    assert middles == sorted(middles, reverse=True), "N rises with the threshold (y grows down)"
    assert "at threshold 0.9: 329 documented, estimated 446 (409–503)" in svg
    assert svg.count('class="estimate-dot"') == len(points)


def test_threshold_curve_breaks_where_a_threshold_has_no_estimate() -> None:
    points = (
        ThresholdPoint(0.1, 300, 380.0, 350.0, 420.0),
        ThresholdPoint(0.3, 305, 390.0, 360.0, 430.0),
        ThresholdPoint(0.5, 310),
        ThresholdPoint(0.7, 315, 410.0, 380.0, 450.0),
        ThresholdPoint(0.9, 320, 420.0, 385.0, None),
    )
    estimate = replace(full_report_data().headline, linkage=replace(LINKAGE, by_threshold=points))
    svg = str(threshold_curve(estimate))
    assert len(re.findall('class="estimate-band"', svg)) == 1, "only 0.1–0.3 is a bounded run"
    assert len(re.findall('class="estimate-line"', svg)) == 2, "0.1–0.3 and 0.7–0.9"
    assert svg.count('class="estimate-dot"') == 4
    assert "at threshold 0.5: 310 documented, no estimate" in svg
    assert "estimated 420 (unbounded)" in svg
