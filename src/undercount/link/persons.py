"""The persons of a case with the records behind each: the output contract other tools read.

``[{"person_id": 7, "records": [{"record_id": 12, "source": "official",
"source_record_id": "12", ...fields}]}]``, persons in id order, records in record order.
"""

from __future__ import annotations

from typing import Any

from undercount.case import Case
from undercount.errors import UndercountError

PERSON_RECORD_FIELDS = (
    "record_id",
    "source",
    "source_record_id",
    "full_name",
    "surname",
    "given",
    "patronymic",
    "sex",
    "age_min",
    "age_max",
    "birth_date",
    "birth_date_precision",
    "death_date",
    "death_date_precision",
    "place",
    "place_id",
    "region",
    "status",
    "circumstances",
)


def list_persons(case: Case, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Every current person with its records (at most ``limit`` persons)."""
    linked = case.con.execute("SELECT count(*) FROM person_records").fetchone()
    if not linked or linked[0] == 0:
        raise UndercountError("the case has no persons yet.", hint="Run: undercount link CASE")
    columns = ", ".join(
        "s.name AS source" if f == "source" else f"r.{f}" for f in PERSON_RECORD_FIELDS
    )
    persons_sql = "SELECT person_id FROM persons WHERE retired_run IS NULL ORDER BY person_id"
    if limit is not None:
        persons_sql += f" LIMIT {int(limit)}"
    cursor = case.con.execute(
        f"""
        SELECT pr.person_id, {columns}
        FROM ({persons_sql}) p
        JOIN person_records pr USING (person_id)
        JOIN records r ON r.record_id = pr.record_id
        JOIN sources s ON s.source_id = r.source_id
        WHERE r.version = (SELECT max(version) FROM records v WHERE v.record_id = r.record_id)
        ORDER BY pr.person_id, r.record_id
        """
    )
    persons: list[dict[str, Any]] = []
    for row in cursor.fetchall():
        person_id, fields = row[0], dict(zip(PERSON_RECORD_FIELDS, row[1:], strict=True))
        if not persons or persons[-1]["person_id"] != person_id:
            persons.append({"person_id": person_id, "records": []})
        persons[-1]["records"].append(fields)
    return persons
