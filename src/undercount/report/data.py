"""Gather a report's figures from a case: one read-only pass, plain values out.

Counts by day and region come from ``undercount.toll.capture_histories``, the same tables the
estimates were made from, so a stratum's documented count in the report is the one its
estimate used. A person's date, region, sex and status follow the toll's rule: the value most
of their records give, ties going to the earliest-imported record.

With ``redact=True`` nothing that names a victim or a witness is read at all: no names, no
circumstances, no file names (a family's list may be named after it). Login names of the people
who entered data are never read, redacted or not: a seized report must not name the team.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from undercount import __version__
from undercount.case import Case, utc_now
from undercount.case.listing import CURRENT_RECORDS_SQL, list_sources
from undercount.claims import latest_claims, list_claims
from undercount.ingest.places import region_name
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
    preferred_method,
)
from undercount.report.geography import region_positions
from undercount.report.withholding import reason_to_withhold
from undercount.toll import (
    STRATA,
    capture_histories,
    headline_rows,
    list_estimates,
    person_values_sql,
)

UNKNOWN = "unknown"


def gather_report_data(case: Case, *, redact: bool = False, title: str | None = None) -> ReportData:
    """Everything the report shows, read from ``case`` (which is not written to).

    ``title`` heads the page ("Almaty, January 2022"); by default, the case's directory name.
    """
    sources = _sources(case, redact=redact)
    records = _scalar(case, f"SELECT count(*) FROM {CURRENT_RECORDS_SQL}")
    persons_linked = _scalar(case, "SELECT count(DISTINCT person_id) FROM person_records")
    linked = persons_linked > 0
    linkage_runs = _linkage_runs(case)
    latest_linkage = linkage_runs[0].run_id if linkage_runs else None
    estimates = _estimates(case, latest_linkage=latest_linkage)
    headline_run, headline, others = _headline(
        estimates, headline_rows(list_estimates(case), latest_linkage)
    )
    day_run, day_estimates = _stratified(estimates, "day")
    region_run, region_estimates = _stratified(estimates, "region")
    persons = _persons(case, redact=redact, source_ids=[s for s, _ in sources]) if linked else ()
    return ReportData(
        title=title or case.path.name.removesuffix(".undercount"),
        generated_at=utc_now(),
        undercount_version=__version__,
        schema_version=case.schema_version(),
        redacted=redact,
        records=records,
        linked=linked,
        documented=persons_linked if linked else records,
        sources=tuple(summary for _, summary in sources),
        by_status=_by_status(case, persons, linked=linked),
        claims=_claims(case),
        headline=headline,
        headline_run=headline_run,
        other_methods=others,
        by_day=_strata(case, "day", day_estimates, linked=linked),
        day_run=day_run,
        by_region=_strata(case, "region", region_estimates, linked=linked),
        region_run=region_run,
        breakdowns=_breakdowns(case, estimates),
        overlap=_overlap(case) if linked else None,
        persons=persons,
        linkage_runs=linkage_runs,
        estimate_runs=tuple(run for run, _ in estimates),
    )


def _sources(case: Case, *, redact: bool) -> list[tuple[int, SourceSummary]]:
    as_of = dict(case.con.execute("SELECT source_id, as_of FROM sources").fetchall())
    return [
        (
            row["source_id"],
            SourceSummary(
                name=row["name"],
                kind=row["kind"],
                records=int(row["row_count"]),
                file_sha256=row["file_sha256"],
                imported_at=row["imported_at"],
                issues=int(row["issues"]),
                as_of=as_of.get(row["source_id"]),
                file_name=None if redact else row["file_name"],
            ),
        )
        for row in list_sources(case)
    ]


def _claims(case: Case) -> tuple[ClaimFigure, ...]:
    current = {recorded.claim_id for recorded in latest_claims(case)}
    return tuple(
        ClaimFigure(
            claim_id=recorded.claim_id,
            claimant=recorded.claim.claimant,
            claimant_kind=recorded.claim.claimant_kind,
            published_on=recorded.claim.published_on,
            figure=recorded.claim.figure,
            qualifier=recorded.claim.qualifier,
            counted=recorded.claim.counted,
            scope=recorded.claim.scope,
            subgroups=tuple(recorded.claim.subgroups.items()),
            url=recorded.claim.url,
            quote=recorded.claim.quote,
            current=recorded.claim_id in current,
        )
        for recorded in list_claims(case)
    )


def _linkage_runs(case: Case) -> tuple[LinkageRunSummary, ...]:
    rows = case.con.execute(
        "SELECT run_id, finished_at, engine, seed, threshold, records, persons, model, versions "
        "FROM linkage_runs ORDER BY run_id DESC"
    ).fetchall()
    return tuple(
        LinkageRunSummary(
            run_id=int(run_id),
            finished_at=finished_at,
            engine=engine,
            seed=int(seed),
            threshold=float(threshold),
            records=int(records),
            persons=int(persons),
            model_sha256=hashlib.sha256(model.encode()).hexdigest(),
            versions=tuple(sorted(json.loads(versions).items())),
        )
        for run_id, finished_at, engine, seed, threshold, records, persons, model, versions in rows
    )


_Estimates = list[tuple[EstimateRunSummary, dict[tuple[str, str], EstimateFigure]]]


def _estimates(case: Case, *, latest_linkage: int | None) -> _Estimates:
    """Every stored run, newest first, with its figures keyed by (method, stratum)."""
    histories = {
        (run_id, method, stratum): json.loads(table)
        for run_id, method, stratum, table in case.con.execute(
            "SELECT run_id, method, stratum, histories FROM estimates"
        ).fetchall()
    }
    runs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in list_estimates(case):
        runs[row["run_id"]].append(row)
    gathered: _Estimates = []
    for run_id, rows in runs.items():
        first = rows[0]
        total = next((r for r in rows if r["stratum"] == ""), first)
        summary = EstimateRunSummary(
            run_id=run_id,
            created_at=first["created_at"],
            methods=tuple(dict.fromkeys(r["method"] for r in rows)),
            stratum_field=first["stratum_field"],
            seed=first["parameters"].get("seed"),
            level=float(first["level"]),
            linkage_run_id=first["linkage_run_id"],
            histories_sha256=total["histories_sha256"],
            lists=tuple(first["lists"]),
            stale=latest_linkage is not None and first["linkage_run_id"] != latest_linkage,
        )
        figures = {
            (r["method"], r["stratum"]): _figure(r, histories[(run_id, r["method"], r["stratum"])])
            for r in rows
        }
        gathered.append((summary, figures))
    return gathered


def _figure(row: dict[str, Any], histories: dict[str, int]) -> EstimateFigure:
    withheld = reason_to_withhold(
        histories, refused=row["refused"], n_hat=row["n_hat"], upper=row["upper"]
    )
    return EstimateFigure(
        method=row["method"],
        documented=int(row["documented"]),
        level=float(row["level"]),
        n_hat=None if withheld else row["n_hat"],
        lower=None if withheld else row["lower"],
        upper=None if withheld else row["upper"],
        model=row["model"],
        withheld=withheld,
        warnings=tuple(row["warnings"]),
        linkage=_linkage(row["parameters"].get("linkage_uncertainty")),
    )


def _linkage(stored: dict[str, Any] | None) -> LinkageUncertainty | None:
    """What a run made with ``--linkage-uncertainty`` stored beside its combined figure."""
    if not stored:
        return None
    single = stored.get("single_clustering") or {}
    return LinkageUncertainty(
        replicates=len(stored.get("replicates", [])),
        single=(single["n_hat"], single["lower"], single["upper"])
        if single.get("n_hat") is not None
        else None,
        linkage_share=stored.get("linkage_share"),
        by_threshold=tuple(
            ThresholdPoint(
                float(point["threshold"]),
                int(point["documented"]),
                point["n_hat"],
                point["lower"],
                point["upper"],
            )
            for point in stored.get("by_threshold", [])
        ),
    )


def _headline(
    estimates: _Estimates, chosen: list[dict[str, Any]]
) -> tuple[EstimateRunSummary | None, EstimateFigure | None, tuple[EstimateFigure, ...]]:
    """The headline run's totals, preferred method first; which run it is, the toll decides
    (:func:`undercount.toll.headline_rows`), so ``undercount evaluate`` scores the same one."""
    if not chosen:
        return None, None, ()
    run, figures = next(item for item in estimates if item[0].run_id == chosen[0]["run_id"])
    totals = [figures[(row["method"], row["stratum"])] for row in chosen]
    return run, totals[0], tuple(totals[1:])


def _stratified(
    estimates: _Estimates, field: str
) -> tuple[EstimateRunSummary | None, dict[str, EstimateFigure]]:
    """The latest run stratified by ``field``: its preferred method's figure per stratum."""
    for run, figures in estimates:
        if run.stratum_field == field:
            method = preferred_method(run.methods)
            return run, {
                stratum: f for (m, stratum), f in figures.items() if m == method and stratum
            }
    return None, {}


def _strata(
    case: Case, field: str, estimates: dict[str, EstimateFigure], *, linked: bool
) -> tuple[StratumRow, ...]:
    """Documented people (or, before linkage, records) per day or region, with estimates."""
    if linked:
        table = capture_histories(case, by=field)
        documented = {stratum: table.documented(stratum) for stratum in table.counts}
    else:
        documented = _records_by(case, field)
    positions = region_positions()
    rows = [
        StratumRow(
            key=key,
            label=_stratum_label(field, key),
            documented=count,
            estimate=estimates.get(key),
            position=positions.get(key) if field == "region" else None,
        )
        for key, count in documented.items()
    ]
    if field in _ORDERED_FIELDS:
        rows.sort(key=lambda row: (row.key == UNKNOWN, row.key))
    else:
        rows.sort(key=lambda row: (row.key == UNKNOWN, -row.documented, row.label))
    return tuple(rows)


def _breakdowns(case: Case, estimates: _Estimates) -> tuple[Breakdown, ...]:
    """The latest run by each field other than day and region, newest first."""
    fields = dict.fromkeys(
        run.stratum_field
        for run, _ in estimates
        if run.stratum_field not in (None, "day", "region")
    )
    breakdowns = []
    for field in fields:
        assert field is not None
        run, figures = _stratified(estimates, field)
        assert run is not None
        breakdowns.append(Breakdown(field, run, _strata(case, field, figures, linked=True)))
    return tuple(breakdowns)


def _records_by(case: Case, field: str) -> dict[str, int]:
    expression = {
        "day": "CASE WHEN death_date_precision = 'day' THEN strftime(death_date, '%Y-%m-%d') END",
        "region": "region",
    }[field]
    rows = case.con.execute(
        f"SELECT coalesce({expression}, '{UNKNOWN}'), count(*) FROM {CURRENT_RECORDS_SQL} "
        "GROUP BY 1"
    ).fetchall()
    return {key: int(count) for key, count in rows}


_ORDERED_FIELDS = ("day", "week", "age")  # strata with an order of their own


def _stratum_label(field: str, key: str) -> str:
    if key == UNKNOWN:
        return {"day": "Date unknown"}.get(field, f"{field.capitalize()} unknown")
    if field == "day":
        return date.fromisoformat(key).strftime("%a %-d %b %Y")
    if field == "region":
        return region_name(key)
    return key.replace("_", " ")


def _overlap(case: Case) -> Overlap:
    table = capture_histories(case)
    patterns = sorted(table.total().items(), key=lambda item: (-item[1], item[0]))
    return Overlap(lists=table.lists, patterns=tuple(patterns))


def _by_status(
    case: Case, persons: tuple[PersonRow, ...], *, linked: bool
) -> tuple[tuple[str, int], ...]:
    if linked:
        counts = Counter(person.status or UNKNOWN for person in persons)
    else:
        counts = Counter(
            dict(
                case.con.execute(
                    f"SELECT coalesce(status, '{UNKNOWN}'), count(*) FROM {CURRENT_RECORDS_SQL} "
                    "GROUP BY 1"
                ).fetchall()
            )
        )
    return tuple(sorted(counts.items(), key=lambda item: (item[0] == UNKNOWN, -item[1])))


# Per person: each field's majority value over their records (ties: earliest record), every
# spelling of the name (the earliest first) and every list.
_PERSONS_SQL = f"""
WITH pr AS (
    SELECT p.person_id, r.record_id, r.source_id, r.full_name, r.age_min, r.age_max
    FROM person_records p JOIN {CURRENT_RECORDS_SQL} r USING (record_id)
)
SELECT person_id, a.sources, a.first_name, a.names, a.age_min, a.age_max,
       w.sex, w.day, w.region, w.status, w.details
FROM (
    SELECT person_id, list_sort(list(DISTINCT source_id)) AS sources,
           {{first_name}} AS first_name, {{names}} AS names,
           min(age_min) AS age_min, max(age_max) AS age_max
    FROM pr GROUP BY person_id
) a LEFT JOIN ({{winners}}) w USING (person_id)
ORDER BY person_id
"""


def _persons(case: Case, *, redact: bool, source_ids: list[int]) -> tuple[PersonRow, ...]:
    sql = _PERSONS_SQL.format(
        first_name="NULL::VARCHAR" if redact else "arg_min(full_name, record_id)",
        names="[]::VARCHAR[]" if redact else "list(DISTINCT full_name)",
        winners=person_values_sql(
            {
                **{field: STRATA[field] for field in ("sex", "day", "region", "status")},
                "details": "NULL::VARCHAR" if redact else "r.circumstances",
            }
        ),
    )
    position = {source_id: index for index, source_id in enumerate(source_ids)}
    table = case.con.execute(sql).to_arrow_table()  # columns convert faster than rows
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return tuple(
        PersonRow(
            person_id=person_id,
            sources=tuple(position[s] for s in sources),
            names=_spellings(first_name, names),
            age_min=age_min,
            age_max=age_max,
            sex=sex,
            death_date=date.fromisoformat(day) if day else None,
            region=region_name(region) if region else None,
            status=status,
            details=details,
        )
        for (
            person_id, sources, first_name, names, age_min, age_max, sex, day, region, status,
            details,
        ) in zip(*columns, strict=True)
    )  # fmt: skip


def _spellings(first: str | None, names: list[str | None]) -> tuple[str, ...]:
    """The earliest-imported spelling first, then the others in a stable order."""
    others = sorted(name for name in names if name and name != first)
    return (first, *others) if first else tuple(others)


def _scalar(case: Case, sql: str) -> int:
    row = case.con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
