"""Problems of the table itself that weaken any estimate from it, in words a user can act on.

Every method learns about the people no list recorded from the people several lists recorded, so
all of them suffer when overlaps are missing, tiny or trivial. These checks run before every
estimate and their messages go into ``Estimate.warnings``; method-specific problems (a sparse fit,
a posterior against its bound) are added by the method.
"""

from __future__ import annotations

import itertools

from .histories import CaptureHistories

__all__ = ["describe_table_problems", "people"]

FEW_OVERLAPPING = 10
SMALL_OVERLAP = 5


def people(count: int) -> str:
    """``"1 person"``, ``"12 people"``."""
    return f"{count:,} person" if count == 1 else f"{count:,} people"


def describe_table_problems(histories: CaptureHistories) -> list[str]:
    """Warnings about the lists and their overlaps, most serious first."""
    problems: list[str] = []
    totals = histories.list_totals()
    with_records = [name for name, total in zip(histories.lists, totals, strict=True) if total]
    empty = [name for name, total in zip(histories.lists, totals, strict=True) if not total]
    if empty:
        problems.append(f"No one is on {', '.join(empty)}: it adds nothing to the estimate.")
    if len(with_records) < 3:
        problems.append(
            f"Only {len(with_records)} lists have records: the estimate assumes they are "
            "independent, which cannot be tested with fewer than 3 lists."
        )
    on_several = int(histories.counts[histories.patterns.sum(axis=1) > 1].sum())
    if on_several < FEW_OVERLAPPING:
        problems.append(
            f"Only {people(on_several)} on more than one list; the estimate rests on them "
            "and is fragile. Check the record linkage before trusting it."
        )
    patterns = histories.patterns.astype(bool)
    for i, j in itertools.combinations(range(histories.n_lists), 2):
        if not totals[i] or not totals[j]:
            continue
        first, second = histories.lists[i], histories.lists[j]
        shared = int(histories.counts[patterns[:, i] & patterns[:, j]].sum())
        if shared == 0:
            problems.append(f"Lists {first} and {second} share nobody.")
        elif shared < SMALL_OVERLAP:
            problems.append(f"Lists {first} and {second} share only {people(shared)}.")
        if shared == totals[i] == totals[j]:
            problems.append(
                f"Lists {first} and {second} hold exactly the same people: they are one source "
                "counted twice. Merge them."
            )
            continue
        for inner, outer, size in ((first, second, totals[i]), (second, first, totals[j])):
            if shared == size:
                problems.append(
                    f"Everyone on {inner} is also on {outer}: {inner} may have been compiled "
                    f"from {outer}, and then it says nothing about who {outer} missed. "
                    "Consider merging the two lists."
                )
    return problems
