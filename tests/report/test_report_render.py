"""The renderer: every section present or absent, honest about what is missing, offline, safe."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_examples import (
    PERSONS,
    WITHHELD,
    empty_report_data,
    full_report_data,
    persons_payload,
    unbalanced_tags,
    visible_text,
)

from undercount.report import render_report
from undercount.report.figures import (
    ClaimFigure,
    EstimateFigure,
    Overlap,
    StratumRow,
    preferred_method,
)


def test_full_report_states_documented_estimate_interval_and_method() -> None:
    html = render_report(full_report_data())
    text = " ".join(visible_text(html).split())
    assert "The 3 lists name 312 people." in text
    assert "the statistical estimate is 401 (95% interval 370–479), about 89 more" in text
    assert "Bayesian latent-class model (LCMCR)" in text
    highest = "The highest current claim is 238, by Prosecutor General's Office on 20 December"
    assert f"{highest} 2022: 74 fewer than the people the lists already name." in text


def test_each_claimants_latest_killed_figure_leads_and_old_ones_stay_in_the_ledger() -> None:
    html = render_report(full_report_data())
    claimed = html[
        html.index('<div class="figure claimed">') : html.index(
            "</ul>", html.index('class="claim-list"')
        )
    ]
    assert "238" in claimed and "at least 10" in claimed
    assert "225" not in claimed, "a superseded figure is not a current claim"
    assert "4,353" not in claimed, "the injured are not a death toll"
    ledger = html[html.index('id="claims-heading"') :]
    assert '<tr class="superseded">' in ledger and "including 19 law-enforcement" in ledger


@pytest.mark.parametrize(
    ("description", "data", "expected"),
    [
        ("nothing imported", empty_report_data(), ["No lists imported yet", "Not linked yet",
                                                   "No estimate yet", "No claims recorded yet"]),
        ("linked, nothing estimated", full_report_data(headline=None, headline_run=None,
                                                       other_methods=(), day_run=None),
         ["No estimate yet", "run <code>undercount estimate --by day</code>"]),
        ("estimate withheld", full_report_data(headline=EstimateFigure(
            "lcmcr", 312, 0.95, withheld="Only 2 lists name anyone here.")),
         ["Withheld", "Only 2 lists name anyone here."]),
        ("estimate made before a re-linking",
         full_report_data(headline_run=replace(full_report_data().headline_run, stale=True)),
         ["the records have been linked again since"]),
        ("redacted", full_report_data(redacted=True), ["Redacted: no names or witness details"]),
    ],
)  # fmt: skip
def test_missing_sections_say_what_is_missing_and_what_to_run(description, data, expected) -> None:
    html = render_report(data)
    for phrase in expected:
        assert phrase in html, f"{description}: {phrase!r} missing"


def test_a_breakdown_by_another_field_has_its_own_table_and_link() -> None:
    html = render_report(full_report_data())
    assert '<a href="#breakdowns">' in html
    table = html[html.index("Documented and estimated deaths by status") :]
    assert "240" in table[: table.index("</table>")] and "215–270" in table

    assert '<a href="#breakdowns">' not in render_report(full_report_data(breakdowns=()))


def test_a_withheld_stratum_shows_its_reason_and_no_number() -> None:
    html = render_report(full_report_data())
    day_table = html[html.index("Documented and estimated deaths by day") :]
    row = day_table[
        day_table.index("Thu 6 Jan 2022") : day_table.index(
            "</tr>", day_table.index("Thu 6 Jan 2022")
        )
    ]
    assert "withheld" in row and WITHHELD in row
    assert not re.search(r'<td class="num">\d', row.split("</td>", 1)[1]), "no estimate number"


def test_persons_payload_holds_every_person_with_their_lists() -> None:
    payload = persons_payload(render_report(full_report_data()))
    assert payload["sources"] == ["official", "ngo", "media"]
    assert [row[0] for row in payload["rows"]] == [p.person_id for p in PERSONS]
    first = payload["rows"][0]
    assert first[1] == "Қасымов Айдар Серікұлы · Kasymov Aidar"
    assert first[3] == "34–35" and first[4] == "2022-01-05" and first[7] == [0, 1]
    assert payload["rows"][1][6] == "law enforcement"


def test_report_loads_nothing_from_the_network() -> None:
    html = render_report(full_report_data())
    assert "default-src 'none'" in html, "the page forbids itself any fetch"
    assert not re.search(r'\ssrc\s*=\s*["\']?(https?:|//)', html)
    assert not re.search(r"url\(|@import|<link\b", html)
    external = re.findall(r'href="(https?://[^"]+)"', html)
    assert external == ["https://www.hrw.org/news/2022/01/26"], "only a claim's cited source"


def test_text_from_the_case_is_escaped() -> None:
    hostile = ClaimFigure(9, '<script>alert("x")</script>', "other", PERSONS[0].death_date, 5)
    html = render_report(full_report_data(claims=(hostile,)))
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(" in html


def test_charts_are_accessible_images_with_titles_and_descriptions() -> None:
    html = render_report(full_report_data())
    charts = re.findall(r"<svg class=\"chart chart-(\w+)\"[^>]*>", html)
    assert sorted(charts) == ["claims", "days", "headline", "map", "overlap", "threshold"]
    for name in charts:
        assert f'aria-labelledby="{name}-title {name}-desc"' in html
        assert re.search(rf'<desc id="{name}-desc">[^<]*\d', html), f"{name} states its numbers"


def test_every_table_has_column_headers_and_a_caption() -> None:
    html = render_report(full_report_data())
    tables = re.findall(r"<table\b.*?</table>", html, flags=re.S)
    assert len(tables) >= 8
    for table in tables:
        assert "<caption" in table and '<th scope="col"' in table


def test_redacted_page_has_no_name_or_circumstances_columns() -> None:
    redacted = tuple(replace(person, names=(), details=None) for person in PERSONS)
    html = render_report(full_report_data(redacted=True, persons=redacted))
    assert 'id="persons-table"' in html
    assert "Name as written" not in html and "Circumstances" not in html
    assert persons_payload(html)["named"] is False


def test_rendering_is_deterministic() -> None:
    assert render_report(full_report_data()) == render_report(full_report_data())


def test_other_methods_are_compared_beside_the_headline_with_reasons_when_withheld() -> None:
    html = render_report(full_report_data())
    table = html[html.index("The same lists under the other methods") :]
    table = table[: table.index("</table>")]
    assert [m in table for m in ("LCMCR", "log-linear", "dga")] == [True, True, True]
    assert "388" in table and "350–450" in table
    assert "The interval has no upper limit." in table


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        (("loglinear", "lcmcr", "dga"), "lcmcr"),
        (("loglinear", "dga"), "dga"),
        (("loglinear",), "loglinear"),
        (("newmethod", "loglinear"), "loglinear"),
    ],
)
def test_the_report_leads_with_lcmcr_then_dga_then_loglinear(methods, expected) -> None:
    assert preferred_method(methods) == expected


_SECTIONS = (
    "sources", "by_status", "claims", "headline", "other_methods", "by_day", "day_run",
    "by_region", "region_run", "breakdowns", "overlap", "persons", "linkage_runs", "estimate_runs",
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    absent=st.sets(st.sampled_from(_SECTIONS)),
    linked=st.booleans(),
    redacted=st.booleans(),
    only_unknown=st.booleans(),
    counted=st.sampled_from(("killed", "injured", "detained")),
    words=st.text(min_size=1, max_size=40),
)
def test_any_mix_of_sections_and_any_text_renders_one_escaped_page(
    absent: set[str], linked: bool, redacted: bool, only_unknown: bool, counted: str, words: str
) -> None:
    empty = {name: () for name in _SECTIONS}
    empty.update(headline=None, day_run=None, region_run=None, overlap=None)
    changes = {name: empty[name] for name in absent}
    claim = ClaimFigure(7, words, "other", PERSONS[0].death_date, 3, counted=counted, scope=words)
    changes["claims"] = (claim,)
    if only_unknown:  # strata with nothing to draw: no dated day, no placed region, no overlap
        changes.update(
            by_day=(StratumRow("unknown", "Date unknown", 4),),
            by_region=(StratumRow("unknown", "Region unknown", 4),),
            overlap=Overlap(("a", "b", "c"), ()),
        )
    html = render_report(full_report_data(linked=linked, redacted=redacted, title=words, **changes))
    assert html.count("<h1>") == 1 and html.rstrip().endswith("</html>")
    if "<" in words:
        assert words not in html, "text from the case is escaped"


@pytest.mark.parametrize(
    ("description", "data"),
    [
        ("every section", full_report_data()),
        ("redacted", full_report_data(redacted=True)),
        ("nothing imported", empty_report_data()),
    ],
)
def test_every_element_is_closed_in_order(description, data) -> None:
    assert unbalanced_tags(render_report(data)) == [], description


def test_a_headline_with_linkage_uncertainty_says_so_and_charts_n_by_threshold() -> None:
    html = render_report(full_report_data())
    text = " ".join(visible_text(html).split())
    assert "made again on 20 plausible matchings" in text
    assert "matching accounts for 41% of the interval's variance" in text
    assert (
        "On the one matching listed in this report alone, the estimate would be 395 (371–431)"
        in (text)
    )
    assert 'class="chart chart-threshold"' in html


def test_a_headline_without_linkage_uncertainty_has_no_threshold_chart() -> None:
    plain = replace(full_report_data().headline, linkage=None)
    html = render_report(full_report_data(headline=plain))
    assert "chart-threshold" not in html
    assert "plausible matchings" not in visible_text(html)
