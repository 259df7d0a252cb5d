"""Opening, creating and writing to a case; the one place that owns database connections.

Every command's writes go through ``Case.transaction()``: DuckDB commits atomically through its
write-ahead log, so a command that fails or is killed (even with SIGKILL) leaves the case exactly
as it was. DuckDB's own file lock keeps a second writer out.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from undercount import __version__
from undercount.case import crypto, layout
from undercount.case.migrations import MIGRATIONS, latest_version
from undercount.errors import CaseError

_CATALOG = "case_db"


def utc_now() -> datetime:
    """Now in UTC, without a zone: every timestamp in a case is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def current_actor() -> str:
    """Who is acting, for the audit log: ``UNDERCOUNT_USER`` or the login name."""
    return os.environ.get("UNDERCOUNT_USER") or getpass.getuser()


class Case:
    """An open case. Use as a context manager so the database file lock is released."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, settings: layout.CaseSettings):
        self.path = path
        self.con = con
        self.settings = settings

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def encrypted(self) -> bool:
        return self.settings.encrypted

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commit when the block ends, roll back on any exception."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @contextmanager
    def memory_limit(self, limit: str) -> Iterator[None]:
        """Cap DuckDB's memory for a streaming job; what does not fit spills to ``.tmp``."""
        row = self.con.execute("SELECT current_setting('memory_limit')").fetchone()
        self.con.execute(f"SET memory_limit = '{limit}'")
        try:
            yield
        finally:
            self.con.execute(f"SET memory_limit = '{row[0] if row else '80%'}'")

    def audit(self, action: str, details: dict[str, Any] | None = None) -> None:
        """Append to the audit log (inside the caller's transaction). No names in ``details``."""
        self.con.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, ?)",
            [utc_now(), current_actor(), action, json.dumps(details or {})],
        )

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0


def init_case(path: str | os.PathLike[str], *, passphrase: str | None = None) -> Case:
    """Create a case directory; with a passphrase the database is encrypted at rest."""
    case_dir = Path(path)
    if (case_dir / layout.DATABASE_FILE).exists():
        raise CaseError(f"{case_dir} already holds a case.", hint="Choose another directory.")
    if case_dir.exists() and any(case_dir.iterdir()):
        raise CaseError(f"{case_dir} exists and is not empty.", hint="Choose a new directory.")
    created_dir = not case_dir.exists()
    case_dir.mkdir(parents=True, exist_ok=True)
    salt = crypto.new_salt() if passphrase is not None else None
    settings = layout.new_settings(encrypted=salt is not None, salt=salt, version=__version__)
    try:
        con = _connect(case_dir, settings, passphrase)
        _migrate(con)
        (case_dir / layout.SETTINGS_FILE).write_text(settings.to_toml(), encoding="utf-8")
    except BaseException:
        # A half-made case is worse than none: remove what this call created.
        for name in (layout.DATABASE_FILE, layout.DATABASE_FILE + ".wal", layout.SETTINGS_FILE):
            (case_dir / name).unlink(missing_ok=True)
        if created_dir:
            shutil.rmtree(case_dir, ignore_errors=True)
        raise
    return Case(case_dir, con, settings)


def open_case(
    path: str | os.PathLike[str], passphrase: str | None = None, *, read_only: bool = False
) -> Case:
    """Open a case, applying pending migrations. Encrypted cases need the passphrase."""
    case_dir = Path(path)
    settings = layout.read_settings(case_dir)
    if settings.encrypted and passphrase is None:
        passphrase = os.environ.get(crypto.PASSPHRASE_VARIABLE)
        if passphrase is None:
            raise CaseError(
                f"{case_dir} is encrypted.",
                hint=f"Set {crypto.PASSPHRASE_VARIABLE} to its passphrase.",
            )
    con = _connect(case_dir, settings, passphrase, read_only=read_only)
    if not read_only:
        _migrate(con)
    case = Case(case_dir, con, settings)
    found = case.schema_version()
    if found > latest_version():
        con.close()
        raise CaseError(
            f"{case_dir} was written by a newer undercount (schema {found}).",
            hint="Upgrade undercount to open it.",
        )
    return case


def _connect(
    case_dir: Path,
    settings: layout.CaseSettings,
    passphrase: str | None,
    *,
    read_only: bool = False,
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    temp_dir = case_dir / ".tmp"
    con.execute("SET temp_directory = ?", [str(temp_dir)])
    con.execute("SET enable_progress_bar = false")  # our own progress goes to stderr
    options = ["READ_ONLY"] if read_only else []
    if settings.encrypted:
        con.execute(f"LOAD '{crypto.httpfs_extension_path()}'")
        # Whatever spills to .tmp (big imports, linkage) is encrypted too; DuckDB's default is not.
        con.execute("SET temp_file_encryption = true")
        key = crypto.derive_key(passphrase or "", settings.salt or "")
        options.append(f"ENCRYPTION_KEY '{key}'")
    clause = f" ({', '.join(options)})" if options else ""
    database = case_dir / layout.DATABASE_FILE
    try:
        con.execute(f"ATTACH '{_sql_path(database)}' AS {_CATALOG}{clause}")
    except duckdb.Error as error:
        con.close()
        raise _explain_attach_failure(case_dir, error) from None
    con.execute(f"USE {_CATALOG}")
    return con


def _explain_attach_failure(case_dir: Path, error: duckdb.Error) -> CaseError:
    text = str(error)
    if "encryption key" in text.lower():
        return CaseError(
            f"wrong passphrase for {case_dir}.",
            hint=f"Check {crypto.PASSPHRASE_VARIABLE}.",
        )
    if "lock" in text.lower():
        return CaseError(
            f"{case_dir} is in use by another undercount process.",
            hint="Wait for it to finish, then try again.",
        )
    return CaseError(f"cannot open {case_dir}: {text.splitlines()[0]}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the schema up to date in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        for step in MIGRATIONS:
            if step.version in applied:
                continue
            step.apply(con)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [step.version, step.name, utc_now()],
            )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
