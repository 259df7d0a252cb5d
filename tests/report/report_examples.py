"""Report figures built by hand, so the renderer is tested on every section present or absent."""

from __future__ import annotations

import base64
import gzip
import json
import re
from dataclasses import replace
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any

from undercount.report.figures import (
    Breakdown,
    ClaimFigure,
    EstimateFigure,
    EstimateRunSummary,
    LinkageRunSummary,
    LinkageUncertainty,
    Overlap,
    PersonRow,
    ReportData,
    SourceSummary,
    StratumRow,
    ThresholdPoint,
)

GENERATED = datetime(2026, 1, 5, 12, 0)
LISTS = ("official", "ngo", "media")


def empty_report_data(**changes: Any) -> ReportData:
    """A case that has nothing in it yet."""
    values: dict[str, Any] = {
        "title": "empty",
        "generated_at": GENERATED,
        "undercount_version": "0.1.0",
        "schema_version": 4,
        "redacted": False,
        "records": 0,
        "linked": False,
        "documented": 0,
    }
    values.update(changes)
    return ReportData(**values)


def _run(run_id: int, stratum_field: str | None, *, stale: bool = False) -> EstimateRunSummary:
    return EstimateRunSummary(
        run_id=run_id,
        created_at=GENERATED,
        methods=("lcmcr",),
        stratum_field=stratum_field,
        seed=7,
        level=0.95,
        linkage_run_id=1,
        histories_sha256="ab" * 32,
        lists=LISTS,
        stale=stale,
    )


def _estimate(documented: int, n_hat: float, lower: float, upper: float) -> EstimateFigure:
    return EstimateFigure("lcmcr", documented, 0.95, n_hat, lower, upper, "latent classes")


# N against the match threshold: joining fewer records (higher threshold) documents more people.
LINKAGE = LinkageUncertainty(
    replicates=20,
    single=(395.0, 371.0, 431.0),
    linkage_share=0.41,
    by_threshold=tuple(
        ThresholdPoint(t, documented, n_hat, lower, upper)
        for t, documented, n_hat, lower, upper in (
            (0.1, 301, 372.0, 349.0, 410.0),
            (0.3, 306, 380.0, 356.0, 418.0),
            (0.5, 312, 395.0, 371.0, 431.0),
            (0.7, 318, 412.0, 383.0, 452.0),
            (0.9, 329, 446.0, 409.0, 503.0),
        )
    ),
)


WITHHELD = "Only 4 people are on more than one list here; an estimate needs at least 10."

CLAIMS = (
    ClaimFigure(
        1, "Prosecutor General's Office", "government", date(2022, 1, 15), 225,
        subgroups=(("law-enforcement", 19),), current=False,
    ),
    ClaimFigure(2, "Prosecutor General's Office", "government", date(2022, 12, 20), 238),
    ClaimFigure(
        3, "Human Rights Watch", "ngo", date(2022, 1, 26), 10, qualifier="at-least",
        scope="one incident in Almaty", url="https://www.hrw.org/news/2022/01/26",
        quote="at least 10 people were killed",
    ),
    ClaimFigure(4, "Ministry of Health", "government", date(2022, 1, 10), 4353, counted="injured"),
)  # fmt: skip

PERSONS = (
    PersonRow(1, (0, 1), ("Қасымов Айдар Серікұлы", "Kasymov Aidar"), "M", 34, 35,
              date(2022, 1, 5), "Almaty (city)", "civilian", "огнестрельное ранение"),
    PersonRow(2, (2,), ("Ибраева Аружан",), "F", None, None, None, None, "law_enforcement"),
    PersonRow(3, (0, 1, 2), ("Омаров Бакытжан",), None, 19, 19, date(2022, 1, 6), "Jambyl Region"),
)  # fmt: skip


def full_report_data(**changes: Any) -> ReportData:
    """A linked, estimated case with claims: every section present."""
    values: dict[str, Any] = {
        "title": "almaty",
        "generated_at": GENERATED,
        "undercount_version": "0.1.0",
        "schema_version": 4,
        "redacted": False,
        "records": 6,
        "linked": True,
        "documented": 312,
        "sources": tuple(
            SourceSummary(name, "official", 2, f"{i:02d}" * 32, GENERATED, 0, None, f"{name}.csv")
            for i, name in enumerate(LISTS)
        ),
        "by_status": (("civilian", 200), ("law_enforcement", 19), ("unknown", 93)),
        "claims": CLAIMS,
        "headline": replace(_estimate(312, 401.0, 369.5, 479.2), linkage=LINKAGE),
        "headline_run": _run(1, None),
        "other_methods": (
            EstimateFigure("loglinear", 312, 0.95, 388.0, 350.0, 450.0, "[12,13,23]"),
            EstimateFigure("dga", 312, 0.95, withheld="The interval has no upper limit."),
        ),
        "by_day": (
            StratumRow("2022-01-05", "Wed 5 Jan 2022", 200, _estimate(200, 260, 230, 300)),
            StratumRow(
                "2022-01-06",
                "Thu 6 Jan 2022",
                7,
                EstimateFigure("lcmcr", 7, 0.95, withheld=WITHHELD),
            ),
            StratumRow("unknown", "Date unknown", 105, None),
        ),
        "day_run": _run(2, "day"),
        "by_region": (
            StratumRow(
                "almaty_city", "Almaty (city)", 250, _estimate(250, 300, 270, 340), (43.24, 76.89)
            ),
            StratumRow("jambyl", "Jambyl Region", 40, None, (42.9, 71.37)),
            StratumRow("unknown", "Region unknown", 22, None, None),
        ),
        "region_run": None,
        "breakdowns": (
            Breakdown(
                "status",
                _run(3, "status"),
                (
                    StratumRow("civilian", "civilian", 200, _estimate(200, 240, 215, 270)),
                    StratumRow("unknown", "Status unknown", 112, None),
                ),
            ),
        ),
        "overlap": Overlap(
            LISTS, (("100", 120), ("110", 80), ("111", 60), ("010", 30), ("001", 22))
        ),
        "persons": PERSONS,
        "linkage_runs": (
            LinkageRunSummary(
                1, GENERATED, "duckdb", 1, 0.5, 6, 3, "cd" * 32, (("splink", "5.0.0"),)
            ),
        ),
        "estimate_runs": (_run(2, "day"), _run(1, None)),
    }
    values.update(changes)
    return ReportData(**values)


def persons_payload(html: str) -> dict[str, Any]:
    """The page's embedded list of people, unpacked the way its script does."""
    match = re.search(
        r'<script id="persons-data" type="application/octet-stream">([^<]*)</script>', html
    )
    assert match, "no persons payload in the page"
    return json.loads(gzip.decompress(base64.b64decode(match.group(1))))


def visible_text(html: str) -> str:
    """The page without tags, scripts or styles: what a reader (or a search engine) sees."""
    html = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


class _TagBalance(HTMLParser):
    """Checks that every element the page opens is closed, in order (the HTML a browser would
    otherwise repair silently, differently in each browser)."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "col", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Self-closed SVG elements (<line/>) open nothing."""

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
            return
        self.open.pop()


def unbalanced_tags(html: str) -> list[str]:
    """Mismatched or unclosed elements in ``html``; empty for a well-formed page."""
    checker = _TagBalance()
    checker.feed(html)
    checker.close()
    return checker.errors + [f"<{tag}> never closed" for tag in checker.open]
