"""How fast `undercount.names` is: romanize + parse a million names (issue 3's floor: 100,000/s).

    .venv/bin/python benchmarks/names.py [--rows 1000000]

Names are drawn with repetition from a tenth as many distinct ones, as real lists repeat names;
``name_columns`` (what the importer calls) is timed on the distinct names with cold caches and
on the repeated ones.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from undercount.names import name_columns, parse, romanize


def report_speed(rows: int, seed: int) -> None:
    rng = random.Random(seed)
    spellings = _cyrillic_spellings()
    distinct = [
        f"{rng.choice(spellings['surname'])} {rng.choice(spellings['given'])} "
        f"{rng.choice(spellings['given'])}ович"
        for _ in range(rows // 10)
    ]
    drawn = [rng.choice(distinct) for _ in range(rows)]
    given, surnames = len(spellings["given"]), len(spellings["surname"])
    print(f"== speed ({given} given and {surnames} surname spellings)")
    _time(f"romanize + parse, {rows:,} names ({len(set(drawn)):,} distinct)", drawn,
          lambda n: (romanize(n), parse(n)))  # fmt: skip
    _clear_caches()
    unique = list(dict.fromkeys(distinct))
    _time(f"name_columns, {len(unique):,} distinct names, cold caches", unique, name_columns)
    _time(f"name_columns, {rows:,} records drawn from them", drawn, name_columns)


def _cyrillic_spellings() -> dict[str, list[str]]:
    data = json.loads(
        resources.files("undercount.data").joinpath("kazakh_names.json").read_text("utf-8")
    )
    given = [e[k] for e in data["male_given"] for k in ("kk", "ru")]
    surnames = [e[k] for e in data["surnames"] for k in ("kk", "ru")]
    return {"given": given, "surname": surnames}


def _clear_caches() -> None:
    from undercount.names import _columns, _fold, _parse, _romanize, _words

    for function in (
        _fold.fold_word, _fold.transcribe_word, _words.read_word, _words._word_kind,
        _parse._parse_cached, _romanize.romanize, _columns._name_columns,
    ):  # fmt: skip
        function.cache_clear()


def _time(label: str, names: list[str], call: Callable[[str], object]) -> None:
    start = time.perf_counter()
    for name in names:
        call(name)
    elapsed = time.perf_counter() - start
    print(f"  {label}: {elapsed:.2f} s, {len(names) / elapsed:,.0f} per second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    report_speed(args.rows, args.seed)
    print(f"  (machine load while measuring: {_load()})")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
