"""From linked persons to capture histories: who is on which list, overall or per stratum.

A person is "on" a list when any of their records came from it; duplicates within a list count
once. A stratum value belongs to the person, not the record: when a person's records disagree
(one list says Almaty, another Almaty Region) the value most of them give wins, ties going to
the earliest-imported record, and a person none of whose records say is ``unknown``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from undercount.case import Case
from undercount.case.listing import CURRENT_RECORDS_SQL
from undercount.errors import UndercountError
from undercount.estimate import CaptureHistories

UNKNOWN = "unknown"
TOTAL = ""  # the stratum that holds everyone
PERSON_RECORDS = "person_records"

# Each stratifying field as SQL over a current record ``r``.
STRATA: dict[str, str] = {
    "region": "r.region",
    "place": "r.place_id",
    "status": "r.status",
    "sex": "coalesce(r.sex, r.sex_from_name)",
    "day": "CASE WHEN r.death_date_precision = 'day' THEN strftime(r.death_date, '%Y-%m-%d') END",
    "week": "CASE WHEN r.death_date_precision = 'day' THEN strftime(r.death_date, '%G-W%V') END",
    "age": (
        "CASE WHEN r.age_min IS NULL THEN NULL "
        "WHEN (r.age_min + r.age_max) / 2 < 18 THEN '0-17' "
        "WHEN (r.age_min + r.age_max) / 2 < 30 THEN '18-29' "
        "WHEN (r.age_min + r.age_max) / 2 < 45 THEN '30-44' "
        "WHEN (r.age_min + r.age_max) / 2 < 60 THEN '45-59' ELSE '60+' END"
    ),
}


@dataclass(frozen=True)
class HistoryTable:
    """Capture-history counts per stratum; the stratum ``""`` holds everyone when unstratified."""

    lists: tuple[str, ...]
    by: str | None
    counts: dict[str, dict[str, int]]  # stratum -> {"1010": people}

    def total(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for table in self.counts.values():
            for pattern, count in table.items():
                merged[pattern] = merged.get(pattern, 0) + count
        return dict(sorted(merged.items()))

    def named(self, stratum: str | None = None) -> CaptureHistories:
        """The histories with the lists' names, as the estimate library takes them."""
        table = self.total() if stratum is None else self.counts[stratum]
        return CaptureHistories.from_input(table, lists=self.lists)

    def documented(self, stratum: str | None = None) -> int:
        table = self.total() if stratum is None else self.counts.get(stratum, {})
        return sum(table.values())


def capture_histories(
    case: Case, *, by: str | None = None, assignment: str = PERSON_RECORDS
) -> HistoryTable:
    """Capture histories of the case's persons over all its lists, optionally per ``by``.

    ``assignment`` names the table of (``record_id``, ``person_id``) that says who is who: the
    case's own persons, or a linkage replicate's registered beside them.
    """
    if by is not None and by not in STRATA:
        raise UndercountError(f"cannot stratify by {by!r}.", hint=f"Choose {', '.join(STRATA)}.")
    con = case.con
    linked = con.execute(f"SELECT count(*) FROM {assignment}").fetchone()
    if not linked or not linked[0]:
        raise UndercountError(
            "the case has no persons yet.",
            hint=f"Link its records first: undercount link {case.path}",
        )
    sources = con.execute("SELECT source_id, name FROM sources ORDER BY source_id").fetchall()
    flags = ", ".join(
        f"CASE WHEN bool_or(r.source_id = {source_id}) THEN '1' ELSE '0' END"
        for source_id, _ in sources
    )
    stratum = "''" if by is None else f"coalesce(v.value, '{UNKNOWN}')"
    values = ""
    if by is not None:
        person_values = person_values_sql({"value": STRATA[by]}, assignment)
        values = f"LEFT JOIN ({person_values}) v USING (person_id)"
    rows = con.execute(
        f"""
        SELECT stratum, pattern, count(*) FROM (
            SELECT p.person_id, {stratum} AS stratum, concat({flags}) AS pattern
            FROM {assignment} p JOIN {CURRENT_RECORDS_SQL} r USING (record_id)
            {values}
            GROUP BY p.person_id, stratum
        ) GROUP BY ALL ORDER BY ALL
        """
    ).fetchall()
    counts: dict[str, dict[str, int]] = {}
    for name, pattern, count in rows:
        counts.setdefault(name, {})[pattern] = int(count)
    return HistoryTable(tuple(name for _, name in sources), by, counts)


def person_values_sql(fields: Mapping[str, str], assignment: str = PERSON_RECORDS) -> str:
    """SQL giving one row per person: ``person_id`` and, for each field, the person's value.

    ``fields`` maps a column name to a VARCHAR expression over a current record ``r``. A person's
    value is the one most of their records give, ties going to the earliest record; NULL when
    none says. The one place this rule lives: strata and the report both read persons by it.
    """
    columns = ", ".join(f"{expression} AS {name}" for name, expression in fields.items())
    winners = ", ".join(
        f"arg_max(value, (n, -first)) FILTER (WHERE field = '{name}') AS {name}" for name in fields
    )
    return f"""
        SELECT person_id, {winners} FROM (
            SELECT person_id, field, value, count(*) AS n, min(record_id) AS first
            FROM (UNPIVOT (SELECT p.person_id, r.record_id, {columns}
                           FROM {assignment} p JOIN {CURRENT_RECORDS_SQL} r USING (record_id))
                  ON {", ".join(fields)} INTO NAME field VALUE value)
            GROUP BY ALL
        ) GROUP BY person_id
    """
