"""The name columns the import stage stores for every record, for the linkage stage to compare.

Contract (DESIGN.md, issue 3): exactly the keys of :data:`NAME_COLUMNS`. Surname and given
name are skeletons (:func:`undercount.names.romanize` letters, variants folded to one form),
so Splink can compare them exactly or with Jaro-Winkler/Levenshtein and every script meets.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from undercount.names._fold import fold_word
from undercount.names._lexicon import canonical_word
from undercount.names._parse import ParsedName, infer_sex, parse, split_units, undo_genitive
from undercount.names._words import (
    DAUGHTER_WORDS,
    SON_WORDS,
    Patronymic,
    detect_script,
    normalize_surname,
    read_patronymic,
    read_word,
    surname_sex_clue,
)

NAME_COLUMNS: Final[tuple[str, ...]] = (
    "name_script",
    "surname_norm",
    "given_norm",
    "father_norm",
    "sex_from_name",
    "name_order",
)


def name_columns(
    full_name: str | None = None,
    *,
    surname: str | None = None,
    given: str | None = None,
    patronymic: str | None = None,
) -> dict[str, str | None]:
    """Comparable name columns for one record; separate parts win over the full name.

    ``given`` may hold "Имя Отчество" (Russian lists often do): a patronymic in it is read as
    one. ``patronymic`` may be a Russian or Kazakh patronymic or a bare father's name.
    ``name_order`` is only known when the full name was read.
    """
    values = _name_columns(
        full_name if full_name and not full_name.isspace() else None,
        surname if surname and not surname.isspace() else None,
        given if given and not given.isspace() else None,
        patronymic if patronymic and not patronymic.isspace() else None,
    )
    return dict(zip(NAME_COLUMNS, values, strict=True))


@lru_cache(maxsize=1 << 18)
def _name_columns(
    full_name: str | None, surname: str | None, given: str | None, patronymic: str | None
) -> tuple[str | None, ...]:
    """The values of :data:`NAME_COLUMNS`, in order."""
    surname_skeleton: str | None = None
    given_parts: tuple[str, ...] = ()
    father: Patronymic | None = None
    order: str | None = None
    if full_name is not None:
        parsed = parse(full_name)
        # No parts, or the parts of this very parse (what ingest passes back): read as parsed.
        if (surname, given, patronymic) in (
            (None, None, None),
            (parsed.surname, parsed.given, parsed.patronymic),
        ):
            return _columns_of_parse(parsed)
        order = parsed.order if parsed.surname and parsed.given else None
        given_parts = parsed.given_parts
        if parsed.surname:
            surname_skeleton = "".join(canonical_word(w) for w in parsed.surname.split("-"))
        if parsed.father:
            father = Patronymic(parsed.father, _patronymic_sex(parsed.sex_evidence))
    if surname is not None:
        surname_skeleton = "".join(canonical_word(w) for w in _words(surname)) or None
    if given is not None and patronymic is not None:
        # A patronymic column exists, so every word of the given column is a given name.
        words = [read_word(w) for w in _words(given)]
        given_parts = tuple(p for w in words for p in w.parts)
    elif given is not None:
        units, _, in_given, _, _ = split_units(given)
        given_parts = tuple(p for u in units for p in u.parts)
        father = in_given or father
    if surname_skeleton and given_parts and surname_sex_clue(surname_skeleton) == "F":
        given_parts = undo_genitive(given_parts)
    if patronymic is not None:
        father = _read_father(patronymic) or father
    sex, _ = infer_sex(surname_skeleton, given_parts, father)
    text = " ".join(t for t in (full_name, surname, given, patronymic) if t)
    return (
        detect_script(text),
        normalize_surname(surname_skeleton) if surname_skeleton else None,
        "".join(given_parts) or None,
        father.father if father else None,
        sex,
        order,
    )


def _columns_of_parse(parsed: ParsedName) -> tuple[str | None, ...]:
    return (
        parsed.script,
        parsed.surname_norm,
        parsed.given_norm,
        parsed.father,
        parsed.sex,
        parsed.order if parsed.surname and parsed.given else None,
    )


def _words(text: str) -> list[str]:
    return [w for w in text.replace("-", " ").split() if w]


def _patronymic_sex(evidence: tuple[str, ...]) -> str | None:
    return next((e.split(":")[1] for e in evidence if e.startswith("patronymic:")), None)


@lru_cache(maxsize=1 << 14)
def _read_father(patronymic: str) -> Patronymic | None:
    """A patronymic column: -ович/-ұлы (with sex), "Серік ұлы", or a bare father's name."""
    words = _words(patronymic)
    if not words:
        return None
    marker = fold_word(words[-1])
    if len(words) > 1 and (marker in SON_WORDS or marker in DAUGHTER_WORDS):
        stem = "".join(canonical_word(w) for w in words[:-1])
        return Patronymic(stem, "M" if marker in SON_WORDS else "F")
    found = read_patronymic("".join(words))
    if found is not None:
        return found
    skeleton = "".join(canonical_word(w) for w in words)
    return Patronymic(skeleton, None) if skeleton else None
