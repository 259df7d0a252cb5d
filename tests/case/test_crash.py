"""A command killed mid-write (SIGKILL, no chance to clean up) leaves the case as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from undercount.case import init_case, open_case
from undercount.ingest import import_list
from undercount.ingest.staging import BATCH_ROWS

ROWS = 3 * BATCH_ROWS


def write_list(path: Path, rows: int) -> None:
    lines = ["Номер;ФИО;Дата смерти;Возраст;Место"]
    lines += [
        f"{i};Ахметов Марат Серикович {i};06.01.2022;{20 + i % 50};Алматы" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="cp1251")


def snapshot(case_dir: Path) -> tuple:
    with open_case(case_dir) as case:
        return tuple(
            case.con.execute(
                f"SELECT count(*), hash(string_agg({key}::VARCHAR, ',' ORDER BY {key})) "
                f"FROM {table}"
            ).fetchone()
            for table, key in (
                ("sources", "source_id"),
                ("records", "record_id"),
                ("import_issues", "row_number"),
                ("audit_log", "action"),
            )
        )


def start_import(case_dir: Path, path: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "undercount",
        "import",
        str(case_dir),
        str(path),
        "--source",
        "big",
    ]
    environment = {**os.environ, "UNDERCOUNT_PROGRESS": "lines"}
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment
    )


def test_sigkill_mid_import_leaves_the_case_unchanged(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    write_list(big, ROWS)
    small = tmp_path / "small.csv"
    write_list(small, 5)
    case_dir = tmp_path / "case.undercount"
    with init_case(case_dir) as case:
        import_list(case, small, source="small")
    before = snapshot(case_dir)

    for batches_written in (1, 2):
        process = start_import(case_dir, big)
        assert process.stderr is not None
        # Each progress line comes after a batch of records went into the open transaction.
        for _ in range(batches_written):
            assert "Importing big.csv" in process.stderr.readline()
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
        assert snapshot(case_dir) == before, f"killed after {batches_written} batch(es)"

    # The case still works, and the killed imports left nothing behind that blocks a real one.
    assert start_import(case_dir, big).wait() == 0
    with open_case(case_dir) as case:
        assert case.con.execute("SELECT count(*) FROM records").fetchone()[0] == ROWS + 5
