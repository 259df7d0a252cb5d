"""Import lists of the dead from CSV, TSV, XLSX and JSON, in any of their encodings, losslessly."""

from __future__ import annotations

from undercount.ingest.importer import SOURCE_KINDS, ImportSummary, import_list

__all__ = ["SOURCE_KINDS", "ImportSummary", "import_list"]
