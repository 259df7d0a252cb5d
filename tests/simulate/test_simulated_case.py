"""The files ``simulate_case`` writes: determinism, truth consistency, encodings, headers,
and that every writing system and format really occurs."""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undercount.errors import UndercountError
from undercount.simulate import SimulatedCase, SimulatedSource, simulate_case
from undercount.simulate.fields import STATUS_LABELS
from undercount.simulate.render import HEADERS
from undercount.simulate.transliteration import SPELLING_BASE, NameSystem, write_name
from undercount.simulate.victims import STATUSES
from undercount.simulate.vocabulary import decree_surname, feminine_surname, load_vocabulary

ID_COLUMNS = {"ru": "Номер", "kk": "Нөмірі", "en": "id"}


def read_rows(source: SimulatedSource) -> list[list[str]]:
    with source.path.open(encoding=source.encoding, newline="") as file:
        return list(csv.reader(file, delimiter=source.delimiter))


def read_dicts(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    cases = [simulate_case(tmp_path / name, victims=300, seed=seed) for name, seed in
             (("a", 4), ("b", 4), ("c", 5))]  # fmt: skip
    files = sorted(p.name for p in cases[0].out_dir.iterdir())
    assert files == sorted(p.name for p in cases[1].out_dir.iterdir())
    for name in files:
        assert (cases[0].out_dir / name).read_bytes() == (cases[1].out_dir / name).read_bytes()
    assert (cases[0].out_dir / "ngo.csv").read_bytes() != (
        cases[2].out_dir / "ngo.csv"
    ).read_bytes()


def test_adding_a_list_leaves_the_earlier_lists_byte_identical(tmp_path: Path) -> None:
    three = simulate_case(tmp_path / "three", victims=300, sources=3, seed=9)
    four = simulate_case(tmp_path / "four", victims=300, sources=4, seed=9)
    for before, after in zip(three.sources, four.sources, strict=False):
        assert before.path.read_bytes() == after.path.read_bytes()


def test_every_record_is_in_the_truth_once_with_ids_unique_within_its_list(
    simulated: SimulatedCase,
) -> None:
    truth = read_dicts(simulated.truth_csv)
    persons = {row["person_id"] for row in read_dicts(simulated.persons_csv)}
    assert len(persons) == simulated.true_total
    for source in simulated.sources:
        rows = read_rows(source)
        ids = [row[0] for row in rows[1:]]
        assert len(ids) == len(set(ids)) == source.records
        mine = {row["source_record_id"]: row["person_id"] for row in truth
                if row["source"] == source.name}  # fmt: skip
        assert sorted(mine) == sorted(ids)
        assert set(mine.values()) <= persons
        assert len(set(mine.values())) == source.persons
    assert len(truth) == sum(source.records for source in simulated.sources)


def test_some_lists_hold_the_same_person_twice(all_lists: SimulatedCase) -> None:
    truth = read_dicts(all_lists.truth_csv)
    per_list = Counter((row["source"], row["person_id"]) for row in truth)
    twice = Counter(source for (source, _), count in per_list.items() if count > 1)
    assert twice["family"] >= 10
    assert twice["ngo"] >= 5


SEX_FIELDS = {"Пол": ("м", "муж"), "Жынысы": ("ер",), "sex": ("M", "male")}


def test_each_record_describes_its_true_person(simulated: SimulatedCase) -> None:
    """Sex is never mis-recorded, so every written sex must be the true person's; this catches
    any misalignment between a list's rows and the truth."""
    truth = {(r["source"], r["source_record_id"]): r["person_id"]
             for r in read_dicts(simulated.truth_csv)}  # fmt: skip
    sex = {row["person_id"]: row["sex"] for row in read_dicts(simulated.persons_csv)}
    checked = 0
    for source in simulated.sources:
        header, *rows = read_rows(source)
        column = next((i for i, name in enumerate(header) if name in SEX_FIELDS), None)
        if column is None:
            continue
        male_labels = SEX_FIELDS[header[column]]
        for row in rows:
            if row[column]:
                written = "male" if row[column] in male_labels else "female"
                assert written == sex[truth[source.name, row[0]]], (source.name, row)
                checked += 1
    assert checked > 1000


def test_truth_json_totals_add_up(simulated: SimulatedCase) -> None:
    truth = json.loads(simulated.truth_json.read_text("utf-8"))
    total, documented = truth["total"], truth["documented"]
    assert total == simulated.true_total == 1000
    assert documented == simulated.documented < total
    for breakdown in ("region", "status", "day", "sex"):
        assert sum(truth[f"by_{breakdown}"].values()) == total
        assert sum(truth[f"documented_by_{breakdown}"].values()) == documented
    histories = truth["capture_histories"]
    assert sum(histories.values()) == total
    assert histories["00000"] == total - documented
    assert all(len(history) == len(simulated.sources) for history in histories)
    by_region = truth["capture_histories_by_region"]
    assert {region: sum(h.values()) for region, h in by_region.items()} == truth["by_region"]
    assert set(truth["by_day"]) <= {f"2022-01-{day:02d}" for day in range(4, 12)}
    listed = [sum(c for h, c in histories.items() if h[j] == "1") for j in range(5)]
    assert listed == [source.persons for source in simulated.sources]


def test_files_decode_in_their_declared_encodings(simulated: SimulatedCase) -> None:
    assert simulated.source("ngo").encoding == "cp1251"
    assert simulated.source("official").encoding == "utf-8-sig"
    for source in simulated.sources:
        raw = source.path.read_bytes()
        raw.decode(source.encoding)
        assert raw.startswith(b"\xef\xbb\xbf") == (source.encoding == "utf-8-sig")
        if source.encoding == "cp1251":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")


def test_headers_are_only_the_names_the_importer_maps(all_lists: SimulatedCase) -> None:
    for source in all_lists.sources:
        header, *rows = read_rows(source)
        assert header[0] == source.id_column == ID_COLUMNS[source.language]
        assert set(header) <= set(HEADERS[source.language].values())
        assert all(len(row) == len(header) for row in rows)


def test_bad_arguments_are_refused_with_a_hint(tmp_path: Path) -> None:
    assert len(simulate_case(tmp_path, victims=50, sources=2).sources) == 2
    for bad in (1, 9):
        with pytest.raises(UndercountError, match="2 to 8 sources"):
            simulate_case(tmp_path, victims=50, sources=bad)
    with pytest.raises(UndercountError, match="at least one victim"):
        simulate_case(tmp_path, victims=0)
    with pytest.raises(UndercountError, match="non-negative"):
        simulate_case(tmp_path, seed=-1)


def _spellings_only(system: NameSystem) -> set[str]:
    """Name parts this system writes that no other system writes."""
    vocabulary = load_vocabulary()

    def parts(other: NameSystem) -> set[str]:
        base = SPELLING_BASE[other]
        names = [getattr(g, base) for g in vocabulary.given]
        names += [getattr(s, base) for s in vocabulary.surnames]
        names += [feminine_surname(getattr(s, base)) for s in vocabulary.surnames]
        return {write_name(name, other) for name in names}

    others = set().union(*(parts(other) for other in NameSystem if other is not system))
    return parts(system) - others


@pytest.mark.parametrize("system", list(NameSystem))
def test_every_writing_system_occurs(all_lists: SimulatedCase, system: NameSystem) -> None:
    words = set()
    for source in all_lists.sources:
        for row in read_rows(source)[1:]:
            words.update(word for cell in row[1:4] for word in cell.split(" "))
    assert words & _spellings_only(system)


FORMS = [
    ("dd.mm.yyyy dates", r"\b0[4-9]\.01\.2022\b"),
    ("ISO dates", r"\b2022-01-0[4-9]\b"),
    ("Russian long dates", r"\b\d{1,2} января 2022\b"),
    ("Kazakh long dates", r"\b\d{1,2} қаңтар 2022\b"),
    ("English long dates", r"\bJanuary \d{1,2}, 2022\b"),
    ("Russian month-only dates", r"\bянварь 2022\b"),
    ("Kazakh month-only dates", r"(^|,)қаңтар 2022\b"),
    ("year-only dates", r",2022,"),
    ("approximate ages with a tilde", r",~\d\d,"),
    ("approximate ages in Russian", r";около \d\d;"),
    ("age ranges in Russian", r";\d\d–\d\d лет;"),
    ("Kazakh patronymics written solid", r"[а-яәіңғүұқөһ]ұлы\b"),
    ("Kazakh patronymics written apart", r" ұлы\b"),
    ("Russian patronymics", r"\b[А-Я][а-я]+овна\b"),
    ("the old name of Almaty", r"Алма-Ата"),
    ("Soviet Дж- surnames", r"\b(Дж[а-я]{3,}|Dzh[a-z]{3,}|DZH[A-Z]{3,})"),
    ("Almaty city filed under Almaty Region", r"Алматы;Алматинская область"),
]


@pytest.mark.parametrize("pattern", [f[1] for f in FORMS], ids=[f[0] for f in FORMS])
def test_every_documented_form_occurs(all_lists: SimulatedCase, pattern: str) -> None:
    text = "\n".join(s.path.read_text(s.encoding) for s in all_lists.sources)
    assert re.search(pattern, text, re.MULTILINE)


@settings(max_examples=15, deadline=None)
@given(
    victims=st.integers(1, 40),
    sources=st.integers(2, 8),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_small_case_is_consistent(victims: int, sources: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        case = simulate_case(Path(directory), victims=victims, sources=sources, seed=seed)
        truth = read_dicts(case.truth_csv)
        summary = json.loads(case.truth_json.read_text("utf-8"))
        for source in case.sources:
            header, *rows = read_rows(source)
            assert len(rows) == source.records == sum(r["source"] == source.name for r in truth)
            assert all(len(row) == len(header) for row in rows)
    assert summary["total"] == victims == sum(summary["capture_histories"].values())
    assert summary["documented"] == victims - summary["capture_histories"].get("0" * sources, 0)


def test_kazakh_surnames_also_appear_without_their_russian_suffix(
    all_lists: SimulatedCase,
) -> None:
    """Read against the truth: most decree forms are also given names (Серік, Болат)."""
    truth = {(r["source"], r["source_record_id"]): r["person_id"]
             for r in read_dicts(all_lists.truth_csv)}  # fmt: skip
    surnames = {row["person_id"]: row["surname"] for row in read_dicts(all_lists.persons_csv)}
    _, *rows = read_rows(all_lists.source("family"))
    decree_written = 0
    for row in rows:
        true = surnames[truth["family", row[0]]]
        words = set(" ".join(row[1:]).replace(",", " ").split())
        decree = decree_surname(true)
        decree_written += decree != true and decree in words and true not in words
    assert decree_written >= 3


def test_some_one_column_names_are_written_in_the_other_order(all_lists: SimulatedCase) -> None:
    """The ngo list writes surname first; about a tenth of its names start with a given name."""
    vocabulary = load_vocabulary()
    surnames = {s.ru for s in vocabulary.surnames} | {s.ru_variant for s in vocabulary.surnames}
    given_names = {g.ru for g in vocabulary.given} - surnames
    header, *rows = read_rows(all_lists.source("ngo"))
    first_words = [row[header.index("ФИО")].split(" ")[0] for row in rows]
    share = np.mean([word in given_names for word in first_words])
    assert 0.03 < share < 0.15


def test_status_is_misrecorded_at_the_documented_rate(all_lists: SimulatedCase) -> None:
    truth = {(r["source"], r["source_record_id"]): r["person_id"]
             for r in read_dicts(all_lists.truth_csv)}  # fmt: skip
    status = {row["person_id"]: row["status"] for row in read_dicts(all_lists.persons_csv)}
    labels = dict(zip(STATUS_LABELS["ru"], STATUSES, strict=True))
    header, *rows = read_rows(all_lists.source("ngo"))
    column = header.index("Статус")
    wrong = [labels[row[column]] != status[truth["ngo", row[0]]] for row in rows]
    assert np.mean(wrong) == pytest.approx(0.10, abs=0.035)
