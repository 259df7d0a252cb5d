"""Link a simulated case end to end; beside it, plain Splink fed lower-cased raw names.

    python benchmarks/link_simulated.py [--victims 520000] [--seed 7] [--no-baseline]
        [--engine duckdb|spark] [--reuse] [--blocking-recall]

About 1.93 records per victim: 520,000 victims make about 1,000,000 records. Floors (issue 4):
pairwise F1 ≥ 0.98, persons within ±1 % of the truth, 1,000,000 records linked in ≤ 120 s
and ≤ 3 GB peak. The simulated case is built (simulate + import) in a child process, so the
peak memory printed for linking is linking's own; each figure is printed with the load average,
because the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import time
from pathlib import Path

OUT = Path(__file__).parent / "out" / "link_simulated"


def build_case(victims: int, seed: int, root: Path) -> dict[str, float]:
    from undercount.case import init_case
    from undercount.ingest import import_list
    from undercount.simulate import simulate_case

    shutil.rmtree(root, ignore_errors=True)
    clock = time.perf_counter()
    simulated = simulate_case(root / "lists", victims=victims, sources=5, seed=seed)
    simulated_s = time.perf_counter() - clock
    clock = time.perf_counter()
    with init_case(root / "case.undercount") as case:
        for source in simulated.sources:
            import_list(
                case, source.path, source=source.name, kind=source.kind, id_column=source.id_column
            )
    return {"simulate_s": simulated_s, "import_s": time.perf_counter() - clock}


def link_with_undercount(root: Path, engine: str = "duckdb") -> dict[str, object]:
    from undercount.case import open_case
    from undercount.link import evaluate_linkage, link_case

    with open_case(root / "case.undercount") as case:
        clock = time.perf_counter()
        result = link_case(
            case,
            engine=engine,
            progress=lambda step: print(
                f"  {time.perf_counter() - clock:6.1f} s  {step}  "
                f"(rss {_peak_rss_mb()} MB peak so far, cpu {_cpu_s():.0f} s, "
                f"load {os.getloadavg()[0]:.1f})",
                flush=True,
            ),
        )
        seconds, cpu = time.perf_counter() - clock, _cpu_s()
        report = evaluate_linkage(case, root / "lists" / "truth.csv")
    return {
        "records": result.records,
        "link_s": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "stages_s": {k: round(v, 1) for k, v in result.seconds.items()},
        "pairs_kept": result.pairs_kept,
        "peak_rss_mb": _peak_rss_mb(),
        **report["pairwise"],
        **report["clusters"],
    }


def blocking_recall(root: Path) -> dict[str, object]:
    """The share of true pairs among the candidate pairs blocking makes, and how many it makes."""
    from undercount.case import open_case
    from undercount.link.blocking import CANDIDATES_TABLE, blocking_rules, candidate_pairs
    from undercount.link.features import build_input_table
    from undercount.link.scoring import _scratch_catalog

    with open_case(root / "case.undercount") as case, _scratch_catalog(case.con) as catalog:
        features = build_input_table(case.con, catalog)
        candidates = candidate_pairs(case.con, blocking_rules(features))
        row = case.con.execute(
            f"""
            WITH truth AS (
                SELECT r.record_id, t.person_id
                FROM read_csv('{root / "lists" / "truth.csv"}', all_varchar = true) t
                JOIN {catalog}.sources s ON s.name = t.source
                JOIN (SELECT DISTINCT record_id, source_id, source_record_id
                      FROM {catalog}.records) r
                  ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id
            )
            SELECT (SELECT count(*) FROM truth a JOIN truth b
                      ON a.person_id = b.person_id AND a.record_id < b.record_id),
                   (SELECT count(*) FROM {CANDIDATES_TABLE} c
                      JOIN truth a ON a.record_id = c.join_key_l
                      JOIN truth b ON b.record_id = c.join_key_r
                    WHERE a.person_id = b.person_id)
            """
        ).fetchone()
    assert row is not None
    true_pairs, found = row
    return {
        "candidates": candidates,
        "true_pairs": true_pairs,
        "recall": round(found / true_pairs, 5),
    }


def link_with_plain_splink(root: Path) -> dict[str, object]:
    """Splink as a user would set it up without our names stage: lower-cased names as written."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from undercount.case import open_case

    with open_case(root / "case.undercount", read_only=True) as case:
        records = case.con.execute(
            """
            SELECT record_id,
                   lower(coalesce(surname, split_part(full_name, ' ', 1))) AS surname,
                   lower(coalesce(given, split_part(full_name, ' ', 2))) AS given,
                   lower(patronymic) AS patronymic, sex, birth_date, death_date, place_id
            FROM records
            """
        ).to_arrow_table()
        truth = case.con.execute(
            f"""
            SELECT r.record_id, t.person_id AS truth
            FROM read_csv('{root / "lists" / "truth.csv"}', all_varchar = true) t
            JOIN sources s ON s.name = t.source
            JOIN records r ON r.source_id = s.source_id AND r.source_record_id = t.source_record_id
            """
        ).to_arrow_table()
    con = duckdb.connect()
    clock = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.NameComparison("given").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
            cl.AbsoluteDateDifferenceAtThresholds(
                "death_date", input_is_string=False, metrics=["day", "day"], thresholds=[1, 3]
            ),
            cl.ExactMatch("place_id"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname", "given"),
            block_on("surname", "birth_date"),
            block_on("given", "patronymic"),
            block_on("given", "death_date", "place_id"),
        ],
    )
    linker = Linker(DuckDBAPI(connection=con).register(records), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname", "given", "birth_date")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date"), max_pairs=2e6
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname", "given"), max_pairs=2e6
    )
    predictions = linker.inference.predict(threshold_match_probability=0.01)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.9
    ).as_pyarrow_table()
    seconds, cpu = time.perf_counter() - clock, _cpu_s()
    con.register("clusters", clusters.select(["record_id", "cluster_id"]))
    con.register("truth", truth)
    return {
        "link_s": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "peak_rss_mb": _peak_rss_mb(),
        **_pairwise(con),
    }


def _pairwise(con) -> dict[str, object]:  # type: ignore[no-untyped-def]
    found, true, correct, persons, persons_true = con.execute(
        """
        WITH j AS (
            SELECT c.cluster_id AS found, t.truth FROM clusters c JOIN truth t USING (record_id)
        )
        SELECT
          (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) n FROM j GROUP BY found)),
          (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) n FROM j GROUP BY truth)),
          (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) n FROM j GROUP BY found, truth)),
          (SELECT count(DISTINCT found) FROM j), (SELECT count(DISTINCT truth) FROM j)
        """
    ).fetchone()
    precision, recall = correct / found, correct / true
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4),
        "persons_found": persons,
        "persons_true": persons_true,
        "relative_difference": round((persons - persons_true) / persons_true, 4),
    }


def _peak_rss_mb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _cpu_s() -> float:
    """CPU seconds of this process so far: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _in_child(function, *args):  # type: ignore[no-untyped-def]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--victims", type=int, default=520_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--reuse", action="store_true", help="Reuse an earlier case of this size.")
    parser.add_argument("--root", type=Path, help="A directory holding lists/ and case.undercount.")
    parser.add_argument(
        "--blocking-recall", action="store_true", help="Also measure blocking recall."
    )
    args = parser.parse_args()
    root = args.root or OUT / f"victims_{args.victims}_seed_{args.seed}"
    if not (args.reuse and (root / "case.undercount").exists()):
        print("build", json.dumps(_in_child(build_case, args.victims, args.seed, root)))
    print(f"load average before linking: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("undercount", json.dumps(_in_child(link_with_undercount, root, args.engine)))
    if args.blocking_recall:
        print("blocking", json.dumps(_in_child(blocking_recall, root)))
    if not args.no_baseline:
        print(
            "plain splink, lower-cased raw names",
            json.dumps(_in_child(link_with_plain_splink, root)),
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
