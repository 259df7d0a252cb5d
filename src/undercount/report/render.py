"""``render_report``: a ``ReportData`` into one self-contained HTML page, with no I/O.

Everything the page needs is inside it: the stylesheet, the script, the charts (SVG) and the
persons list. The list travels as gzip-compressed JSON in base64 and the browser unpacks it
with its built-in ``DecompressionStream``, which keeps 100,000 people within a few megabytes
and the page quick to open; nothing is fetched from anywhere.
"""

from __future__ import annotations

import base64
import gzip
import json
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from undercount.report.charts import claims_timeline, day_bars, headline_scale, threshold_curve
from undercount.report.diagrams import MAX_COMBINATIONS, overlap_upset, region_map
from undercount.report.figures import EstimateFigure, ReportData, preferred_method
from undercount.report.svg import count, interval
from undercount.report.withholding import MIN_LISTS, MIN_OVERLAP

METHOD_NAMES = {
    "lcmcr": "Bayesian latent-class model (LCMCR)",
    "dga": "Bayesian model averaging over decomposable graphs (dga)",
    "loglinear": "log-linear models chosen by BIC (Rcapture)",
}
STATUS_NAMES = {"law_enforcement": "law enforcement"}


def render_report(data: ReportData) -> str:
    """The report as one HTML document (a string); deterministic for the same ``data``."""
    return _template().render(
        data=data,
        charts=_charts(data),
        killed_claims=[c for c in data.claims if c.counted == "killed"],
        current_claims=[c for c in data.claims if c.current],
        persons_payload=_persons_payload(data),
        method_names=METHOD_NAMES,
        min_lists=MIN_LISTS,
        min_overlap=MIN_OVERLAP,
        max_combinations=MAX_COMBINATIONS,
        stylesheet=Markup(_asset("report.css")),
        script=Markup(_asset("report.js")),
    )


def _charts(data: ReportData) -> dict[str, Markup]:
    """Every chart the data supports; an empty ``Markup`` for each it does not."""
    charts = dict.fromkeys(
        ("headline", "threshold", "days", "map", "overlap", "claims"), Markup("")
    )
    if data.linked:
        charts["headline"] = headline_scale(data.documented, data.headline, data.claims)
    linkage = data.headline.linkage if data.headline else None
    if data.headline and linkage and sum(p.n_hat is not None for p in linkage.by_threshold) >= 2:
        charts["threshold"] = threshold_curve(data.headline)
    if data.by_day:
        charts["days"] = day_bars(data.by_day, "people" if data.linked else "records")
    if any(row.position and row.documented for row in data.by_region):
        charts["map"] = region_map(data.by_region)
    if data.overlap and data.overlap.patterns:
        charts["overlap"] = overlap_upset(data.overlap)
    if any(c.counted == "killed" for c in data.claims):
        documented = data.documented if data.linked else 0
        charts["claims"] = claims_timeline(data.claims, documented, data.headline)
    return charts


def _persons_payload(data: ReportData) -> str:
    """The persons as compact rows, gzip-compressed and base64-encoded for the page's script."""
    rows = [
        [
            person.person_id,
            " · ".join(person.names),
            person.sex or "",
            _age(person.age_min, person.age_max),
            person.death_date.isoformat() if person.death_date else "",
            person.region or "",
            STATUS_NAMES.get(person.status or "", person.status or ""),
            list(person.sources),
            person.details or "",
        ]
        for person in data.persons
    ]
    document = {"sources": [s.name for s in data.sources], "named": not data.redacted, "rows": rows}
    packed = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(packed, compresslevel=6, mtime=0)).decode("ascii")


def _age(age_min: int | None, age_max: int | None) -> str:
    if age_min is None and age_max is None:
        return ""
    if age_min == age_max or age_max is None:
        return str(age_min)
    if age_min is None:
        return str(age_max)
    return f"{age_min}–{age_max}"


def _estimate_text(figure: EstimateFigure | None) -> str:
    if figure is None or figure.n_hat is None:
        return ""
    return f"{count(figure.n_hat)} ({interval(figure.lower, figure.upper)})"


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("undercount.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["count"] = count
    environment.filters["estimate"] = _estimate_text
    environment.filters["status"] = lambda s: STATUS_NAMES.get(s, s)
    environment.globals["interval"] = interval
    environment.globals["preferred_method"] = preferred_method
    return environment.get_template("report.html.j2")


@cache
def _asset(name: str) -> str:
    return resources.files("undercount.report").joinpath("templates", name).read_text("utf-8")
