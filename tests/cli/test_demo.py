"""The README's first command works end to end and reports against the truth."""

from __future__ import annotations

from pathlib import Path


def test_demo_runs_the_pipeline_and_scores_it(tmp_path: Path, run) -> None:
    result = run("demo", "--victims", "300", "--seed", "3", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    for heading in ("imported lists", "estimated total killed"):
        assert heading in result.stdout
    for method in ("loglinear", "lcmcr", "dga"):
        assert method in result.stdout
    assert "lcmcr, over linkages" in result.stdout
    assert "Linkage against the truth: precision" in result.stderr
    assert (tmp_path / "demo" / "demo.undercount" / "case.duckdb").exists()
    report = (tmp_path / "demo" / "report.html").read_text(encoding="utf-8")
    assert "Prosecutor General" in report and "LCMCR" in report
    assert "over 20 linkage replicates" in report  # the headline carries linkage uncertainty
    # Running it again replaces the earlier demo instead of failing on it.
    assert run("demo", "--victims", "300", "--seed", "3", "--out", tmp_path / "demo").exit_code == 0
