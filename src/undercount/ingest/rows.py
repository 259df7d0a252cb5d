"""One input row to one record: parse each mapped cell, explain each cell that will not parse.

The raw row keeps every cell exactly as read; the parsed fields are derived from it. A cell that
cannot be parsed leaves its field empty and produces an issue naming the row, field and column.
Issue messages may quote dates, ages and sexes as written, never names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from undercount.ingest.dates import DateNotUnderstood, parse_date
from undercount.ingest.places import find_place, find_region
from undercount.ingest.values import ValueNotUnderstood, parse_age, parse_sex, parse_status
from undercount.names import name_columns, parse

EXTRA_CELLS_KEY = "_extra_cells"
NAME_FIELDS = ("full_name", "surname", "given", "patronymic")


@dataclass(frozen=True)
class Issue:
    row_number: int
    field: str | None
    column_name: str | None
    severity: str  # "error": a value was kept as written but not parsed; "warning"
    message: str


def unique_headers(header: list[str]) -> list[str]:
    """Header names made unique ("Дата", "Дата (2)") so the raw row can be a JSON object."""
    seen: dict[str, int] = {}
    unique = []
    for position, name in enumerate(header):
        base = name if name.strip() else f"column {position + 1}"
        seen[base] = seen.get(base, 0) + 1
        unique.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return unique


class RowParser:
    """Turns ``(row_number, cells)`` into a record dict and its issues."""

    def __init__(self, header: list[str], fields: dict[int, str]) -> None:
        self.keys = unique_headers(header)
        self.width = len(header)
        self.fields = sorted(fields.items())
        self.column_of = {field: self.keys[position] for position, field in self.fields}

    def parse(self, row_number: int, cells: list[str]) -> tuple[dict[str, Any], list[Issue]]:
        issues: list[Issue] = []
        raw: dict[str, Any] = dict(zip(self.keys, cells, strict=False))
        if len(cells) > self.width:
            raw[EXTRA_CELLS_KEY] = cells[self.width :]
            issues.append(
                self._issue(
                    row_number,
                    None,
                    "warning",
                    f"row has {len(cells)} fields, the header {self.width}; "
                    f"the extra values are kept in the raw row",
                )
            )
        elif cells and len(cells) < self.width:
            issues.append(
                self._issue(
                    row_number,
                    None,
                    "warning",
                    f"row has {len(cells)} fields, the header {self.width}",
                )
            )
        values = {
            field: cells[position].strip()
            for position, field in self.fields
            if position < len(cells) and cells[position].strip()
        }
        if not any(cell.strip() for cell in cells):
            issues.append(self._issue(row_number, None, "warning", "row is empty"))
        record: dict[str, Any] = {
            "row_number": row_number,
            "raw": json.dumps(raw, ensure_ascii=False),
            "source_record_id": values.get("source_record_id"),
            "circumstances": values.get("circumstances"),
            "perpetrator": values.get("perpetrator"),
        }
        self._names(record, values, row_number, cells, issues)
        self._sex(record, values, row_number, issues)
        self._age(record, values, row_number, issues)
        for field in ("birth_date", "death_date"):
            self._date(record, values, field, row_number, issues)
        self._place(record, values, row_number, issues)
        self._status(record, values, row_number, issues)
        return record, issues

    def _issue(self, row: int, field: str | None, severity: str, message: str) -> Issue:
        column = self.column_of.get(field) if field else None
        return Issue(row, field, column, severity, message)

    def _names(
        self,
        record: dict[str, Any],
        values: dict[str, str],
        row: int,
        cells: list[str],
        issues: list[Issue],
    ) -> None:
        parts = {field: values.get(field) for field in NAME_FIELDS}
        full_name = (
            parts["full_name"]
            or " ".join(
                part for part in (parts["surname"], parts["given"], parts["patronymic"]) if part
            )
            or None
        )
        if parts["full_name"] and not (parts["surname"] or parts["given"]):
            parsed = parse(parts["full_name"])
            parts.update(
                surname=parsed.surname,
                given=parsed.given,
                patronymic=parts["patronymic"] or parsed.patronymic,
            )
        record.update(
            full_name=full_name,
            surname=parts["surname"],
            given=parts["given"],
            patronymic=parts["patronymic"],
        )
        record.update(
            name_columns(
                parts["full_name"],
                surname=parts["surname"],
                given=parts["given"],
                patronymic=parts["patronymic"],
            )
        )
        if full_name is None and any(cell.strip() for cell in cells):
            issues.append(self._issue(row, "full_name", "warning", "no name in this row"))

    def _sex(
        self, record: dict[str, Any], values: dict[str, str], row: int, issues: list[Issue]
    ) -> None:
        text = values.get("sex")
        record["sex"] = None
        if text is None:
            return
        try:
            record["sex"] = parse_sex(text)
        except ValueNotUnderstood:
            issues.append(self._issue(row, "sex", "error", f"sex {text!r} not understood"))

    def _age(
        self, record: dict[str, Any], values: dict[str, str], row: int, issues: list[Issue]
    ) -> None:
        text = values.get("age")
        record.update(age_min=None, age_max=None, age_approximate=None)
        if text is None:
            return
        try:
            age = parse_age(text)
        except ValueNotUnderstood as why:
            issues.append(self._issue(row, "age", "error", f"age {text!r} not understood ({why})"))
            return
        record.update(age_min=age.low, age_max=age.high, age_approximate=age.approximate)

    def _date(
        self,
        record: dict[str, Any],
        values: dict[str, str],
        field: str,
        row: int,
        issues: list[Issue],
    ) -> None:
        text = values.get(field)
        record[field] = record[f"{field}_precision"] = None
        if text is None:
            return
        label = (
            field.replace("_", " ")
            .replace("death", "date of death")
            .replace("birth", "date of birth")
            .removesuffix(" date")
        )
        try:
            parsed = parse_date(text)
        except DateNotUnderstood as why:
            issues.append(
                self._issue(row, field, "error", f"{label} {text!r} is not a date ({why})")
            )
            return
        record[field], record[f"{field}_precision"] = parsed.value, parsed.precision
        if parsed.note:
            issues.append(self._issue(row, field, "warning", f"{label} {text!r}: {parsed.note}"))

    def _place(
        self, record: dict[str, Any], values: dict[str, str], row: int, issues: list[Issue]
    ) -> None:
        place_text, region_text = values.get("place"), values.get("region")
        place = find_place(place_text) if place_text else None
        record.update(place=place_text, place_id=place.id if place else None)
        region = None
        if region_text:
            region = find_region(region_text)
            if region is None:
                issues.append(
                    self._issue(
                        row,
                        "region",
                        "warning",
                        f"region {region_text!r} not in the gazetteer; kept as written",
                    )
                )
                region = region_text
            elif place and place.region != region:
                issues.append(
                    self._issue(
                        row, "region", "warning", f"region {region_text!r} disagrees with the place"
                    )
                )
        elif place:
            region = place.region
        record["region"] = region

    def _status(
        self, record: dict[str, Any], values: dict[str, str], row: int, issues: list[Issue]
    ) -> None:
        text = values.get("status")
        record["status"] = None
        if text is None:
            return
        try:
            record["status"] = parse_status(text)
        except ValueNotUnderstood:
            issues.append(self._issue(row, "status", "error", f"status {text!r} not understood"))
