"""What a report shows, as plain frozen values: the renderer needs nothing else.

Every section may be absent (``None`` or empty): a case with one imported list and nothing
linked or estimated still makes a report, which then says what is missing and how to get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from undercount.toll.runs import method_rank


def preferred_method(methods: tuple[str, ...]) -> str:
    """Which of a run's methods the report leads with."""
    return min(methods, key=method_rank)


_QUALIFIER_WORDS = {
    "exactly": "",
    "at-least": "at least",
    "more-than": "more than",
    "up-to": "up to",
}


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """One imported list; ``file_name`` is ``None`` in a redacted report (it may name a family)."""

    name: str
    kind: str
    records: int
    file_sha256: str
    imported_at: datetime
    issues: int = 0
    as_of: date | None = None
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """A published figure; ``current`` when it is its claimant's latest for what it counts."""

    claim_id: int
    claimant: str
    claimant_kind: str
    published_on: date
    figure: int
    qualifier: str = "exactly"
    counted: str = "killed"
    scope: str | None = None
    subgroups: tuple[tuple[str, int], ...] = ()
    url: str | None = None
    quote: str | None = None
    current: bool = True

    def stated(self) -> str:
        """The figure with the words that bound it: "at least 10", "about 164", "238"."""
        words = _QUALIFIER_WORDS.get(self.qualifier, self.qualifier.replace("-", " "))
        return f"{words} {self.figure:,}".strip()


@dataclass(frozen=True, slots=True)
class ThresholdPoint:
    """The estimate on the one clustering at a match threshold (``n_hat`` ``None``: none made)."""

    threshold: float
    documented: int
    n_hat: float | None = None
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class LinkageUncertainty:
    """How an estimate carries the uncertainty of matching records into people.

    ``single`` is (estimate, lower, upper) on the case's own persons alone; ``linkage_share`` the
    part of the interval's variance that comes from matching; ``by_threshold`` N against the
    match threshold (see docs/linkage-uncertainty.md).
    """

    replicates: int
    single: tuple[float, float, float | None] | None = None
    linkage_share: float | None = None
    by_threshold: tuple[ThresholdPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class EstimateFigure:
    """One stored estimate, or the reason it is withheld (``withheld`` set, numbers ``None``).

    ``upper`` is ``None`` only together with ``withheld``: an unbounded interval is not shown.
    ``linkage`` is set when the interval carries linkage uncertainty.
    """

    method: str
    documented: int
    level: float
    n_hat: float | None = None
    lower: float | None = None
    upper: float | None = None
    model: str | None = None
    withheld: str | None = None
    warnings: tuple[str, ...] = ()
    linkage: LinkageUncertainty | None = None


@dataclass(frozen=True, slots=True)
class StratumRow:
    """Documented people in one day or region, with its estimate when a stratified run exists.

    ``position`` is (latitude, longitude) of the region's seat, for the map.
    """

    key: str
    label: str
    documented: int
    estimate: EstimateFigure | None = None
    position: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Documented and estimated deaths by a stratum other than day and region (status, week…)."""

    field: str
    run: EstimateRunSummary
    rows: tuple[StratumRow, ...]


@dataclass(frozen=True, slots=True)
class Overlap:
    """Who is on which lists: capture-history patterns ("1010": one char per list) with counts."""

    lists: tuple[str, ...]
    patterns: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One linked person; ``names`` are the distinct spellings (empty when redacted).

    ``sources`` index into ``ReportData.sources``; ``details`` are the circumstances as a list
    gave them (witness detail: empty when redacted).
    """

    person_id: int
    sources: tuple[int, ...]
    names: tuple[str, ...] = ()
    sex: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    death_date: date | None = None
    region: str | None = None
    status: str | None = None
    details: str | None = None


@dataclass(frozen=True, slots=True)
class LinkageRunSummary:
    run_id: int
    finished_at: datetime
    engine: str
    seed: int
    threshold: float
    records: int
    persons: int
    model_sha256: str
    versions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EstimateRunSummary:
    """One ``undercount estimate`` run; ``stale`` when persons were re-linked after it."""

    run_id: int
    created_at: datetime
    methods: tuple[str, ...]
    stratum_field: str | None
    seed: int | None
    level: float
    linkage_run_id: int | None
    histories_sha256: str
    lists: tuple[str, ...] = ()
    stale: bool = False


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one report shows. ``documented`` counts people when linked, else records.

    ``headline`` is the preferred method's total from the latest unstratified run;
    ``other_methods`` the rest of that run. ``day_run``/``region_run`` are the runs whose
    strata ``by_day``/``by_region`` show; ``breakdowns`` the latest run by each other field.
    """

    title: str
    generated_at: datetime
    undercount_version: str
    schema_version: int
    redacted: bool
    records: int
    linked: bool
    documented: int
    sources: tuple[SourceSummary, ...] = ()
    by_status: tuple[tuple[str, int], ...] = ()
    claims: tuple[ClaimFigure, ...] = ()
    headline: EstimateFigure | None = None
    headline_run: EstimateRunSummary | None = None
    other_methods: tuple[EstimateFigure, ...] = ()
    by_day: tuple[StratumRow, ...] = ()
    day_run: EstimateRunSummary | None = None
    by_region: tuple[StratumRow, ...] = ()
    region_run: EstimateRunSummary | None = None
    breakdowns: tuple[Breakdown, ...] = ()
    overlap: Overlap | None = None
    persons: tuple[PersonRow, ...] = ()
    linkage_runs: tuple[LinkageRunSummary, ...] = ()
    estimate_runs: tuple[EstimateRunSummary, ...] = ()
