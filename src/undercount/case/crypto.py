"""Encryption at rest: a key derived from a passphrase, and DuckDB's AES-GCM through httpfs.

DuckDB refuses to *write* encrypted databases unless httpfs (which brings a real crypto library)
is loaded. The extension is loaded by path from the ``duckdb-extension-httpfs`` wheel, so nothing
is ever downloaded: a case must open during an internet shutdown.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

from undercount.errors import CaseError

PASSPHRASE_VARIABLE = "UNDERCOUNT_PASSPHRASE"

# scrypt parameters: ~50 ms and 16 MiB on a laptop, so a seized disk resists guessing.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def httpfs_extension_path() -> Path:
    """The httpfs extension file shipped inside the installed wheel."""
    import duckdb_extension_httpfs

    package_dir = Path(duckdb_extension_httpfs.__file__).parent
    version = duckdb.__version__
    candidate = package_dir / "extensions" / f"v{version}" / "httpfs.duckdb_extension"
    if not candidate.exists():
        raise CaseError(
            f"the httpfs extension for DuckDB {version} is not installed.",
            hint=f"Install duckdb-extension-httpfs=={version}; `make clean test` reinstalls.",
        )
    return candidate


def new_salt() -> str:
    return os.urandom(16).hex()


def derive_key(passphrase: str, salt_hex: str) -> str:
    """The hex key DuckDB gets; the passphrase itself never reaches the database or disk."""
    if not passphrase:
        raise CaseError("the passphrase is empty.", hint=f"Set {PASSPHRASE_VARIABLE}.")
    key = hashlib.scrypt(passphrase.encode("utf-8"), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return key.hex()
