"""How well `undercount.names` matches names: prints the figures for docs/names.md.

    .venv/bin/python benchmarks/names_eval.py [--victims 3000]

1. The labelled evaluation set ``tests/data/name_pairs.tsv``: ROC AUC, best F1 and its
   threshold, blocking-key recall and largest block, overall, per rule and on held-out names.
2. An independent check on a simulated case (``undercount.simulate``, written by another hand
   with its own transliteration and typos): every cross-list pair of one victim is a match;
   pairs of different victims who share a surname skeleton, and relatives, are the non-matches.
   Also the agreement rates of the stored ``surname_norm``/``given_norm`` columns on true pairs,
   which is what the linkage stage's Splink comparisons see.
Speed is measured by ``benchmarks/names.py``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import tempfile
from collections import defaultdict
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from undercount.names import keys, name_columns, similarity
from undercount.names._evaluation import (
    LabelledPair,
    best_f1,
    evaluate_pairs,
    largest_block,
    read_pairs,
    roc_auc,
)

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "name_pairs.tsv"
FULL_NAME_HEADERS = {"ФИО", "full name", "Аты-жөні", "name", "Full name"}
PART_HEADERS = {
    "surname": {"Фамилия", "Тегі", "surname", "Surname"},
    "given": {"Имя", "Аты", "given name", "Given name", "first name"},
    "patronymic": {"Отчество", "Әкесінің аты", "patronymic", "Patronymic"},
}


def report_evaluation_set() -> None:
    pairs = read_pairs(PAIRS)
    print(f"== evaluation set {PAIRS.name}: {len(pairs)} pairs")
    _print_evaluation("all pairs", pairs)
    _print_evaluation("held-out names only", [p for p in pairs if "held_out" in p.rule])
    result = evaluate_pairs(pairs, similarity, keys)
    threshold = result.best_threshold
    by_rule: dict[str, list[LabelledPair]] = defaultdict(list)
    for pair in pairs:
        by_rule[pair.rule.split(":")[0]].append(pair)
    print(f"  accuracy per rule at threshold {threshold:.3f}:")
    for rule, members in sorted(by_rule.items()):
        right = sum((similarity(p.name_a, p.name_b) >= threshold) == p.match for p in members)
        print(f"    {rule:18s} {right:4d}/{len(members):<4d}")


def _print_evaluation(label: str, pairs: list[LabelledPair]) -> None:
    result = evaluate_pairs(pairs, similarity, keys)
    print(
        f"  {label:22s} pairs {result.pairs:5d}  matches {result.matches:5d}  "
        f"AUC {result.roc_auc:.4f}  best F1 {result.best_f1:.4f} at {result.best_threshold:.3f}  "
        f"key recall {result.blocking_recall:.4f}  largest block {result.largest_block}"
    )


def report_simulated_case(victims: int, seed: int) -> None:
    from undercount.simulate import simulate_case  # the benchmark may cross layers

    with tempfile.TemporaryDirectory() as folder:
        case = simulate_case(Path(folder), victims=victims, sources=5, seed=seed)
        records = _read_simulated_records(case)
        with case.persons_csv.open(encoding="utf-8") as handle:
            relatives = {
                (row["person_id"], row["relative_id"]): row["relation"]
                for row in csv.DictReader(handle)
                if row["relative_id"]
            }
    print(f"== simulated case: {victims} victims, 5 lists, seed {seed}: {len(records)} records")
    by_person: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for person, source, text, columns in records:
        by_person[person].append((source, text, columns))
    positives = [
        (a, b)
        for group in by_person.values()
        for a, b in itertools.combinations(group, 2)
        if a[0] != b[0]
    ]
    by_surname: dict[str, list[tuple[str, str, str, dict]]] = defaultdict(list)
    for record in records:
        if record[3]["surname_norm"]:
            by_surname[record[3]["surname_norm"]].append(record)
    rng = random.Random(seed)
    negatives = []
    for group in by_surname.values():
        for a, b in itertools.combinations(group, 2):
            if a[0] != b[0] and a[1] != b[1]:
                negatives.append(((a[1], a[2], a[3]), (b[1], b[2], b[3])))
    negatives = rng.sample(negatives, min(len(negatives), 4 * len(positives)))
    scores = [similarity(a[1], b[1]) for a, b in positives + negatives]
    labels = [True] * len(positives) + [False] * len(negatives)
    f1, threshold = best_f1(scores, labels)
    recall = sum(1 for a, b in positives if keys(a[1]) & keys(b[1])) / len(positives)
    block = largest_block([r[2] for r in records], keys)
    print(
        f"  {len(positives)} true cross-list pairs, {len(negatives)} same-surname-skeleton "
        f"non-matches: AUC {roc_auc(scores, labels):.4f}  best F1 {f1:.4f} at {threshold:.3f}"
    )
    print(f"  blocking keys: recall {recall:.4f} of true pairs, largest block {block} records")
    _report_relatives(records, positives, relatives)
    for column in ("surname_norm", "given_norm", "father_norm"):
        both = [(a[2][column], b[2][column]) for a, b in positives if a[2][column] and b[2][column]]
        exact = sum(x == y for x, y in both) / max(len(both), 1)
        close = sum(JaroWinkler.similarity(x, y) >= 0.9 for x, y in both) / max(len(both), 1)
        print(
            f"  {column:13s} on true pairs where both present ({len(both)}): "
            f"exact {exact:.4f}, Jaro-Winkler >= 0.9 {close:.4f}"
        )
    misses = [
        (s, a[1], b[1]) for s, (a, b) in zip(scores, positives, strict=False) if s < threshold
    ]
    for score, a, b in sorted(misses)[:8]:
        print(f"    missed {score:.3f}: {a} | {b}")


def _report_relatives(records: list, positives: list, relatives: dict) -> None:
    """The hardest non-matches: the simulator's siblings, fathers and sons, and namesakes."""
    by_person: dict[str, list] = defaultdict(list)
    for record in records:
        by_person[record[0]].append(record)
    negatives: dict[str, list] = defaultdict(list)
    for (person, relative), relation in relatives.items():
        for a in by_person.get(person, []):
            for b in by_person.get(relative, []):
                negatives[relation].append((a[2], b[2]))
    pooled = [pair for pairs in negatives.values() for pair in pairs]
    if not pooled:
        return
    scores = [similarity(a[1], b[1]) for a, b in positives] + [similarity(a, b) for a, b in pooled]
    labels = [True] * len(positives) + [False] * len(pooled)
    f1, threshold = best_f1(scores, labels)
    counts = ", ".join(f"{len(pairs)} {relation}" for relation, pairs in sorted(negatives.items()))
    print(
        f"  true pairs vs relatives' record pairs ({counts}): "
        f"AUC {roc_auc(scores, labels):.4f}  best F1 {f1:.4f} at {threshold:.3f}"
    )
    for relation, pairs in sorted(negatives.items()):
        above = sum(similarity(a, b) >= threshold for a, b in pairs)
        print(f"    {relation:9s} scored as one person at that threshold: {above}/{len(pairs)}")


def _read_simulated_records(case) -> list[tuple[str, str, str, dict]]:
    truth: dict[tuple[str, str], str] = {}
    with case.truth_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            truth[(row["source"], row["source_record_id"])] = row["person_id"]
    records = []
    for source in case.sources:
        with source.path.open(encoding=source.encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=source.delimiter)
            header = next(reader)
            id_index = header.index(source.id_column)
            full = next((i for i, h in enumerate(header) if h in FULL_NAME_HEADERS), None)
            parts = {
                role: next((i for i, h in enumerate(header) if h in names), None)
                for role, names in PART_HEADERS.items()
            }
            for row in reader:
                person = truth[(source.name, row[id_index])]
                if full is not None:
                    text = row[full]
                    columns = name_columns(text)
                else:
                    values = {r: row[i] if i is not None else None for r, i in parts.items()}
                    text = " ".join(v for v in values.values() if v)
                    columns = name_columns(text, **values)
                records.append((person, source.name, text, columns))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--victims", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    report_evaluation_set()
    report_simulated_case(args.victims, args.seed)


if __name__ == "__main__":
    main()
