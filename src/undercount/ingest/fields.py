"""Parse each distinct value of a mapped column once, and say what is wrong with it.

Each ``*_lookup`` takes the distinct cell values (or tuples of them) found in a list and returns
an Arrow table keyed by those values, with the parsed fields and, where a value would not parse,
a severity and a message. The importer joins these back to every row. Messages may quote dates,
ages, sexes, statuses and places as written, never names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa

from undercount.ingest.dates import DateNotUnderstood, parse_date
from undercount.ingest.places import find_place, find_region
from undercount.ingest.values import ValueNotUnderstood, parse_age, parse_sex, parse_status
from undercount.names import name_columns, parse

Outcome = tuple[dict[str, Any], str | None, str | None]  # (fields, severity, message)

_ISSUE_FIELDS = [("severity", pa.string()), ("message", pa.string())]


def _lookup(
    keys: Iterable[tuple[str, ...]],
    key_names: list[str],
    outputs: list[tuple[str, pa.DataType]],
    parse_one: Callable[..., Outcome],
) -> pa.Table:
    schema = pa.schema([(name, pa.string()) for name in key_names] + outputs + _ISSUE_FIELDS)
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for key in keys:
        fields, severity, message = parse_one(*(part.strip() for part in key))
        for name, part in zip(key_names, key, strict=True):
            columns[name].append(part)
        for name, _ in outputs:
            columns[name].append(fields.get(name))
        columns["severity"].append(severity)
        columns["message"].append(message)
    return pa.Table.from_pydict(columns, schema=schema)


def sex_lookup(values: Iterable[tuple[str]]) -> pa.Table:
    def one(text: str) -> Outcome:
        if not text:
            return {}, None, None
        try:
            return {"sex": parse_sex(text)}, None, None
        except ValueNotUnderstood:
            return {}, "error", f"sex {text!r} not understood"

    return _lookup(values, ["k0"], [("sex", pa.string())], one)


def age_lookup(values: Iterable[tuple[str]]) -> pa.Table:
    def one(text: str) -> Outcome:
        if not text:
            return {}, None, None
        try:
            age = parse_age(text)
        except ValueNotUnderstood as why:
            return {}, "error", f"age {text!r} not understood ({why})"
        return (
            {"age_min": age.low, "age_max": age.high, "age_approximate": age.approximate},
            None,
            None,
        )

    outputs = [("age_min", pa.int16()), ("age_max", pa.int16()), ("age_approximate", pa.bool_())]
    return _lookup(values, ["k0"], outputs, one)


def date_lookup(values: Iterable[tuple[str]], field: str) -> pa.Table:
    """``field`` is ``birth_date`` or ``death_date``; the outputs take its name."""
    label = {"birth_date": "date of birth", "death_date": "date of death"}[field]

    def one(text: str) -> Outcome:
        if not text:
            return {}, None, None
        try:
            parsed = parse_date(text)
        except DateNotUnderstood as why:
            return {}, "error", f"{label} {text!r} is not a date ({why})"
        fields = {field: parsed.value, f"{field}_precision": parsed.precision}
        if parsed.note:
            return fields, "warning", f"{label} {text!r}: {parsed.note}"
        return fields, None, None

    outputs = [(field, pa.date32()), (f"{field}_precision", pa.string())]
    return _lookup(values, ["k0"], outputs, one)


def status_lookup(values: Iterable[tuple[str]]) -> pa.Table:
    def one(text: str) -> Outcome:
        if not text:
            return {}, None, None
        try:
            return {"status": parse_status(text)}, None, None
        except ValueNotUnderstood as why:
            return {}, "error", f"status {text!r} not understood ({why})"

    return _lookup(values, ["k0"], [("status", pa.string())], one)


def place_lookup(pairs: Iterable[tuple[str, str]]) -> pa.Table:
    """Keyed by (place as written, region as written): the place id and the region to keep."""

    def one(place_text: str, region_text: str) -> Outcome:
        place = find_place(place_text) if place_text else None
        fields: dict[str, Any] = {
            "place_id": place.id if place else None,
            "region": place.region if place else None,
        }
        if not region_text:
            return fields, None, None
        named = find_region(region_text)
        if named is None:
            kept = "used the place's region" if place else "kept as written"
            fields["region"] = fields["region"] or region_text
            return fields, "warning", f"region {region_text!r} not in the gazetteer; {kept}"
        if place and named != place.region:
            # Lists confuse Almaty city with Almaty Region; the place is the sharper witness.
            return (
                fields,
                "warning",
                (f"region {region_text!r} disagrees with the place; kept the place's region"),
            )
        fields["region"] = named
        return fields, None, None

    outputs = [("place_id", pa.string()), ("region", pa.string())]
    return _lookup(pairs, ["k0", "k1"], outputs, one)


NAME_OUTPUTS = [
    ("full_name", pa.string()),
    ("surname", pa.string()),
    ("given", pa.string()),
    ("patronymic", pa.string()),
    ("name_script", pa.string()),
    ("surname_norm", pa.string()),
    ("given_norm", pa.string()),
    ("father_norm", pa.string()),
    ("sex_from_name", pa.string()),
    ("name_order", pa.string()),
]


def name_lookup(tuples: Iterable[tuple[str, str, str, str]]) -> pa.Table:
    """Keyed by (full name, surname, given, patronymic) as written; empty where no column."""

    def one(full: str, surname: str, given: str, patronymic: str) -> Outcome:
        parts = {
            "surname": surname or None,
            "given": given or None,
            "patronymic": patronymic or None,
        }
        composed = " ".join(p for p in (surname, given, patronymic) if p)
        if not (full or composed):
            return {}, None, None
        if full and not (surname or given):
            parsed = parse(full)
            parts.update(
                surname=parsed.surname,
                given=parsed.given,
                patronymic=parts["patronymic"] or parsed.patronymic,
            )
        fields = {"full_name": full or composed, **parts}
        fields.update(
            name_columns(
                full or None,
                surname=surname or None,
                given=given or None,
                patronymic=patronymic or None,
            )
        )
        return fields, None, None

    return _lookup(tuples, ["k0", "k1", "k2", "k3"], NAME_OUTPUTS, one)
