"""Capture histories built from persons match the simulator's own, person for person."""

from __future__ import annotations

import pytest

from undercount.errors import UndercountError
from undercount.toll import STRATA, capture_histories


def observed(table: dict[str, int]) -> dict[str, int]:
    return {pattern: count for pattern, count in table.items() if "1" in pattern}


def test_total_equals_the_true_capture_histories(truth_linked) -> None:
    case, simulated, truth = truth_linked
    table = capture_histories(case)
    assert table.lists == tuple(truth["list_order"])
    assert table.total() == observed(truth["capture_histories"])
    assert table.documented() == simulated.documented


def test_by_region_matches_truth_for_nearly_every_person(truth_linked) -> None:
    case, _, truth = truth_linked
    table = capture_histories(case, by="region")
    true_by_region = {r: observed(t) for r, t in truth["capture_histories_by_region"].items()}
    assert table.total() == observed(truth["capture_histories"])  # strata partition everyone
    agree = sum(
        min(count, true_by_region.get(region, {}).get(pattern, 0))
        for region, patterns in table.counts.items()
        for pattern, count in patterns.items()
    )
    # Lists misstate regions now and then; the majority over a person's records corrects most.
    assert agree >= 0.97 * table.documented()


@pytest.mark.parametrize("field", sorted(STRATA))
def test_every_stratum_field_partitions_the_persons(truth_linked, field: str) -> None:
    case, simulated, _ = truth_linked
    table = capture_histories(case, by=field)
    assert table.documented() == simulated.documented
    assert all(sum(t.values()) > 0 for t in table.counts.values())


def test_unknown_stratum_and_unlinked_case_are_explained(truth_linked, case) -> None:
    linked, _, _ = truth_linked
    with pytest.raises(UndercountError, match="cannot stratify by 'colour'"):
        capture_histories(linked, by="colour")
    with pytest.raises(UndercountError, match="undercount link"):
        capture_histories(case)
