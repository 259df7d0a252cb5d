"""The report in a real browser: headless Chromium opens it offline, runs its script without a
console message, fills and searches the list of people, and takes a screenshot.

Chromium comes from Debian's packages (``.ci/run`` installs it); the test fails, rather than
skips, without it, because a report that was never opened in a browser is not tested.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from report_examples import full_report_data

from undercount.report import gather_report_data, render_report
from undercount.toll import estimate_case

CHROMIUM = Path("/usr/bin/chromium")
FAST_LCMCR = {"lcmcr": {"burnin": 500, "samples": 300, "thinning": 2, "chains": 2}}


def _chromium(tmp_path: Path, url: str, *options: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM.exists(), "install Chromium: apt-get install -y chromium (see .ci/run)"
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=5000",
        *options,
        url,
    ]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def report_file(truth_linked, tmp_path_factory: pytest.TempPathFactory) -> Path:
    case, _, _ = truth_linked
    estimate_case(case, method="lcmcr", seed=3, options=FAST_LCMCR)
    estimate_case(case, method="lcmcr", by="region", seed=3, options=FAST_LCMCR)
    out = tmp_path_factory.mktemp("browser") / "report.html"
    out.write_text(render_report(gather_report_data(case)), encoding="utf-8")
    return out


def test_script_fills_the_list_of_people_without_console_messages(
    report_file: Path, tmp_path: Path, truth_linked
) -> None:
    _, simulated, _ = truth_linked
    result = _chromium(tmp_path, report_file.as_uri(), "--dump-dom")
    assert _console_messages(result.stderr) == []
    status = re.search(r'id="persons-status"[^>]*>([^<]*)<', result.stdout)
    assert status and status.group(1) == (f"{simulated.documented} people; showing the first 200.")
    body = result.stdout[result.stdout.index('id="persons-table"') :]
    assert body[: body.index("</tbody>")].count("<tr>") == 1 + 200  # header row + first page


def test_a_search_link_opens_with_only_the_matching_people(
    report_file: Path, tmp_path: Path, truth_linked
) -> None:
    case, _, _ = truth_linked
    [(surname, people)] = case.con.execute(
        "SELECT r.surname, count(DISTINCT p.person_id) FROM records r "
        "JOIN person_records p USING (record_id) WHERE r.name_script = 'russian_cyrillic' "
        "GROUP BY 1 HAVING count(DISTINCT p.person_id) BETWEEN 2 AND 5 ORDER BY 1 LIMIT 1"
    ).fetchall()
    url = report_file.as_uri() + "#search=" + quote(surname)
    result = _chromium(tmp_path, url, "--dump-dom")
    assert _console_messages(result.stderr) == []
    status = re.search(r'id="persons-status"[^>]*>([^<]*)<', result.stdout)
    assert status is not None, "the page reports how many match"
    found, total = (int(n) for n in re.findall(r"\d+", status.group(1))[:2])
    assert people <= found < total, "everyone of that surname, and not everyone"
    table = result.stdout[result.stdout.index('id="persons-table"') :]
    assert table[: table.index("</tbody>")].count("<tr>") == 1 + found


def test_screenshot_of_the_whole_page(report_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(
        tmp_path, report_file.as_uri(), f"--screenshot={shot}", "--window-size=1280,4000"
    )
    assert _console_messages(result.stderr) == []
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 4000)
    assert shot.stat().st_size > 100_000, "a blank page compresses to almost nothing"


@pytest.mark.parametrize(
    ("description", "query", "expected"),
    [
        ("Latin letters find a name written only in Cyrillic", "ibraeva", "1 of 3"),
        ("Russian letters find a Kazakh spelling (Қ as К)", "КАСЫМОВ", "1 of 3"),
        ("zh and j are one letter", "Aruzhan", "1 of 3"),
        ("every word must match", "omarov 2022-01-06", "1 of 3"),
        ("nothing matches", "zzzz", "0 of 3"),
    ],
)
def test_search_folds_scripts_and_spellings(description, query, expected, tmp_path: Path) -> None:
    page = tmp_path / "examples.html"
    page.write_text(render_report(full_report_data()), encoding="utf-8")
    result = _chromium(tmp_path, page.as_uri() + "#search=" + quote(query), "--dump-dom")
    status = re.search(r'id="persons-status"[^>]*>([^<]*)<', result.stdout)
    assert status is not None and status.group(1).startswith(expected), (description, status)


_PROBE = """<script>
const chart = document.querySelector("svg.chart-threshold");
const band = chart.querySelector(".estimate-band");
const box = band.getBBox();
const shown = chart.getBoundingClientRect();
const probe = document.createElement("output");
probe.id = "probe";
probe.textContent = JSON.stringify({
  band: [box.width, box.height], shown: [shown.width, shown.height],
  fill: getComputedStyle(band).fill, dots: chart.querySelectorAll(".estimate-dot").length});
document.body.append(probe);
</script>"""


def test_the_threshold_chart_draws_its_band_in_the_browser(tmp_path: Path) -> None:
    page = tmp_path / "threshold.html"
    html = render_report(full_report_data())
    page.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    result = _chromium(tmp_path, page.as_uri(), "--dump-dom", "--window-size=1280,2000")
    assert _console_messages(result.stderr) == []
    probe = re.search(r'<output id="probe">([^<]*)</output>', result.stdout)
    assert probe is not None, "the chart is in the page and the probe ran"
    drawn = json.loads(unescape(probe.group(1)))
    width, height = drawn["band"]
    assert width > 400 and height > 50, "the band spans the thresholds and the interval"
    assert min(drawn["shown"]) > 100, "the chart takes room on the page"
    assert drawn["fill"] == "rgba(217, 130, 43, 0.28)", "the stylesheet's band colour applies"
    assert drawn["dots"] == len(full_report_data().headline.linkage.by_threshold)
