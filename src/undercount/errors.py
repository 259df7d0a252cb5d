"""The exceptions a user can cause, each carrying the fix to try.

The CLI turns any ``UndercountError`` into one line on stderr and exit code 1; anything else is a
bug and gets a traceback. Messages must never contain names of victims or witnesses: they name
files, rows and fields, not values.
"""

from __future__ import annotations


class UndercountError(Exception):
    """A failure the user can act on: ``str(error)`` says what happened and what to try next."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}" if hint else message)


class CaseError(UndercountError):
    """The case directory is missing, damaged, locked, or of an unknown schema version."""


class ImportRefused(UndercountError):
    """A file cannot be read as a table at all, or was imported before."""


class MappingError(UndercountError):
    """A ``--mapping`` file or a column option names something that is not there."""
