"""The case directory: ``case.duckdb`` beside ``case.toml``, which holds no secrets.

``case.toml`` is written once at creation and says whether the database is encrypted (and the
scrypt salt, which is not secret), so a case can be opened without trying keys.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from undercount.errors import CaseError

DATABASE_FILE = "case.duckdb"
SETTINGS_FILE = "case.toml"


@dataclass(frozen=True)
class CaseSettings:
    created_at: str
    encrypted: bool
    salt: str | None
    undercount_version: str

    def to_toml(self) -> str:
        lines = [
            "# undercount case: this file holds no secrets.",
            f'created_at = "{self.created_at}"',
            f'undercount_version = "{self.undercount_version}"',
            f"encrypted = {'true' if self.encrypted else 'false'}",
        ]
        if self.salt:
            lines.append(f'salt = "{self.salt}"')
        return "\n".join(lines) + "\n"


def new_settings(*, encrypted: bool, salt: str | None, version: str) -> CaseSettings:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    return CaseSettings(created_at=now, encrypted=encrypted, salt=salt, undercount_version=version)


def read_settings(case_dir: Path) -> CaseSettings:
    path = case_dir / SETTINGS_FILE
    if not (case_dir / DATABASE_FILE).exists() or not path.exists():
        raise CaseError(
            f"{case_dir} is not an undercount case.",
            hint=f"Create one with: undercount init {case_dir}",
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CaseError(f"{path} is damaged ({error}).") from error
    return CaseSettings(
        created_at=str(raw.get("created_at", "")),
        encrypted=bool(raw.get("encrypted", False)),
        salt=raw.get("salt"),
        undercount_version=str(raw.get("undercount_version", "")),
    )
