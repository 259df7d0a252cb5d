"""The figures of merit themselves, on cases small enough to work out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.names._evaluation import best_f1, largest_block, roc_auc


@pytest.mark.parametrize(
    ("scores", "labels", "auc"),
    [
        ([0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.75),  # scikit-learn's example
        ([0.9, 0.8, 0.1], [True, True, False], 1.0),
        ([0.1, 0.2, 0.9], [True, True, False], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.5),  # ties count half
    ],
)
def test_roc_auc_by_hand(scores: list[float], labels: list[bool], auc: float) -> None:
    assert roc_auc(scores, labels) == pytest.approx(auc)


def test_roc_auc_needs_both_classes() -> None:
    with pytest.raises(ValueError, match="both"):
        roc_auc([0.1, 0.2], [True, True])


def test_best_f1_by_hand() -> None:
    # >=0.9: F1 2/3; >=0.8: 1/2; >=0.7: P 2/3, R 1 -> 0.8; >=0.6: 2/3
    assert best_f1([0.9, 0.8, 0.7, 0.6], [True, False, True, False]) == pytest.approx((0.8, 0.7))


@given(
    st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=2).filter(
        lambda rows: 0 < sum(label for _, label in rows) < len(rows)
    )
)
def test_auc_is_a_probability_and_flips_with_the_scores(rows: list[tuple[float, bool]]) -> None:
    scores, labels = [s for s, _ in rows], [label for _, label in rows]
    auc = roc_auc(scores, labels)
    assert 0.0 <= auc <= 1.0
    assert roc_auc([-s for s in scores], labels) == pytest.approx(1.0 - auc)


def test_largest_block_counts_distinct_names() -> None:
    def initial(name: str) -> frozenset[str]:
        return frozenset({name[0]})

    assert largest_block(["Ana", "Asel", "Ana", "Bolat"], initial) == 2
