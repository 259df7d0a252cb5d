"""Which record field each column holds, from headers in Kazakh, Russian or English.

Headers are compared after folding case, ё/е and punctuation away, so "Дата смерти:",
"ДАТА_СМЕРТИ" and "дата смерти" are one header. A ``--mapping`` TOML file names the rest:

    [columns]
    "Погибший" = "full_name"
    "Когда"    = "death_date"

Columns that map to nothing are still imported: every cell stays in the record's raw row.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from undercount.errors import MappingError

FIELDS = (
    "source_record_id",
    "full_name",
    "surname",
    "given",
    "patronymic",
    "sex",
    "age",
    "birth_date",
    "death_date",
    "place",
    "region",
    "circumstances",
    "status",
    "perpetrator",
)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_record_id": (
        "id",
        "record id",
        "row id",
        "no",
        "nr",
        "number",
        "#",
        "№",
        "№ п/п",
        "п/п",
        "номер",
        "номер записи",
        "нөмірі",
        "нөмір",
        "реттік нөмірі",
        "р/с",
        "source id",
        "case id",
    ),
    "full_name": (
        "фио",
        "ф.и.о.",
        "фамилия имя отчество",
        "фамилия, имя, отчество",
        "имя фамилия",
        "погибший",
        "аты-жөні",
        "аты жөні",
        "толық аты-жөні",
        "name",
        "full name",
        "victim",
        "victim name",
        "name of victim",
        "person",
    ),
    "surname": ("фамилия", "тегі", "тек", "surname", "last name", "family name", "lastname"),
    "given": (
        "имя",
        "аты",
        "есімі",
        "first name",
        "given name",
        "given names",
        "forename",
        "firstname",
    ),
    "patronymic": (
        "отчество",
        "әкесінің аты",
        "әкесінің есімі",
        "patronymic",
        "middle name",
        "father's name",
        "fathers name",
        "father name",
    ),
    "sex": ("пол", "жынысы", "жыныс", "sex", "gender"),
    "age": ("возраст", "возраст лет", "полных лет", "жасы", "жас", "age", "age at death"),
    "birth_date": (
        "дата рождения",
        "д.р.",
        "год рождения",
        "г.р.",
        "туған күні",
        "туған жылы",
        "туылған күні",
        "date of birth",
        "dob",
        "birth date",
        "birthdate",
        "born",
        "year of birth",
    ),
    "death_date": (
        "дата смерти",
        "дата гибели",
        "дата",
        "қайтыс болған күні",
        "қаза тапқан күні",
        "қайтыс болған уақыты",
        "date of death",
        "dod",
        "death date",
        "died",
        "date died",
        "date",
    ),
    "place": (
        "место",
        "место гибели",
        "место смерти",
        "населенный пункт",
        "город",
        "жері",
        "қаза тапқан жері",
        "қайтыс болған жері",
        "елді мекен",
        "қала",
        "place",
        "place of death",
        "location",
        "city",
        "town",
        "settlement",
    ),
    "region": ("область", "регион", "облыс", "өңір", "region", "oblast", "province"),
    "circumstances": (
        "обстоятельства",
        "обстоятельства гибели",
        "причина смерти",
        "мән-жайы",
        "жағдайы",
        "себебі",
        "circumstances",
        "cause of death",
        "cause",
        "description",
        "details",
    ),
    "status": (
        "статус",
        "категория",
        "мәртебесі",
        "санаты",
        "status",
        "category",
        "victim status",
    ),
    "perpetrator": (
        "виновник",
        "исполнитель",
        "кем убит",
        "кінәлі",
        "perpetrator",
        "alleged perpetrator",
        "killed by",
    ),
}


def fold_header(header: str) -> str:
    """A header reduced to letters and digits, lower case, ё as е."""
    text = unicodedata.normalize("NFC", header).casefold().replace("ё", "е")
    folded = re.sub(r"[\W_]+", "", text)
    # "№" and "#" fold away entirely; keep them as the id column's mark.
    return folded or text.strip()


_LOOKUP: dict[str, str] = {
    fold_header(synonym): field for field, synonyms in _SYNONYMS.items() for synonym in synonyms
}


def unique_headers(header: list[str]) -> list[str]:
    """Header names made unique ("Дата", "Дата (2)") so a raw row can be a JSON object."""
    seen: dict[str, int] = {}
    unique = []
    for position, name in enumerate(header):
        base = name if name.strip() else f"column {position + 1}"
        seen[base] = seen.get(base, 0) + 1
        unique.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return unique


@dataclass(frozen=True)
class ColumnPlan:
    """Which header position feeds which field; unmapped positions are only kept raw."""

    fields: dict[int, str]
    unmapped: list[str]

    def header_of(self, field: str, header: list[str]) -> str | None:
        for position, name in self.fields.items():
            if name == field:
                return header[position]
        return None


def load_mapping(path: Path) -> dict[str, str]:
    """Read a ``--mapping`` TOML file's ``[columns]`` table of header → field."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(f"{path}: no such mapping file.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"{path} is not valid TOML ({error}).") from None
    columns = document.get("columns")
    if not isinstance(columns, dict):
        raise MappingError(
            f"{path} has no [columns] table.",
            hint='Write e.g. [columns] then "Погибший" = "full_name".',
        )
    for header, field in columns.items():
        if field not in FIELDS:
            raise MappingError(
                f"{path}: column {header!r} maps to unknown field {field!r}.",
                hint=f"Fields are: {', '.join(FIELDS)}.",
            )
    return {str(header): str(field) for header, field in columns.items()}


def plan_columns(
    header: list[str], *, mapping: dict[str, str] | None = None, id_column: str | None = None
) -> ColumnPlan:
    """Assign fields to columns: the mapping first, then synonyms; each field to one column."""
    mapping = mapping or {}
    folded_mapping = {fold_header(name): field for name, field in mapping.items()}
    missing = [name for name in mapping if fold_header(name) not in map(fold_header, header)]
    if missing:
        raise MappingError(
            f"the mapping names column(s) not in the file: {', '.join(map(repr, missing))}.",
            hint=f"The file's columns are: {', '.join(map(repr, header))}.",
        )
    assigned: dict[int, str] = {}
    taken: set[str] = set()
    if id_column is not None:
        positions = [
            i for i, name in enumerate(header) if fold_header(name) == fold_header(id_column)
        ]
        if not positions:
            raise MappingError(
                f"--id-column {id_column!r} is not a column of the file.",
                hint=f"The file's columns are: {', '.join(map(repr, header))}.",
            )
        assigned[positions[0]] = "source_record_id"
        taken.add("source_record_id")
    for lookup in (folded_mapping, _LOOKUP):
        for position, name in enumerate(header):
            field = lookup.get(fold_header(name))
            if position in assigned or field is None or field in taken:
                continue
            assigned[position] = field
            taken.add(field)
    unmapped = [name for position, name in enumerate(header) if position not in assigned]
    return ColumnPlan(fields=assigned, unmapped=unmapped)
