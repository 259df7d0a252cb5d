"""Hierarchical models: enumeration as closedpMS counts it, names that round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.estimate.hierarchical import (
    addable_terms,
    enumerate_models,
    is_hierarchical,
    model_from_name,
    model_name,
    removable_terms,
)


@pytest.mark.parametrize(
    ("lists", "max_order", "count", "source"),
    [
        (3, 2, 8, "closedpMS.t, 3 lists"),
        (4, 3, 113, "closedpMS.t, 4 lists, default maxorder"),
        (4, 2, 64, "every set of the 6 pairs"),
        (5, 2, 1024, "closedpMS.t, 5 lists, maxorder 2"),
    ],
)
def test_model_counts_match_closedpms(lists: int, max_order: int, count: int, source: str) -> None:
    models = list(enumerate_models(lists, max_order))
    assert len(models) == len(set(models)) == count, source
    assert all(is_hierarchical(model) for model in models)


@pytest.mark.parametrize(
    ("name", "lists", "canonical"),
    [
        ("[123,14,34]", 4, "[123,14,34]"),
        ("[34,12]", 4, "[12,34]"),
        ("[12]", 3, "[12,3]"),
        ("[]", 3, "[1,2,3]"),
        ("[1.12,3]", 12, "[1.12,2,3,4,5,6,7,8,9,10,11]"),
        ("[10,11.12]", 12, "[1,2,3,4,5,6,7,8,9,10,11.12]"),
    ],
)
def test_names_are_written_as_rcapture_writes_them(name: str, lists: int, canonical: str) -> None:
    assert model_name(model_from_name(name, lists), lists) == canonical


@pytest.mark.parametrize("bad", ["12,3", "[15]", "[1x]", "[11]"])
def test_malformed_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        model_from_name(bad, 4)


@given(st.sets(st.sampled_from([3, 5, 6, 9, 10, 12, 7, 11]), max_size=5))
def test_names_round_trip_for_any_hierarchical_closure(terms: set[int]) -> None:
    model = model_from_name(
        "[" + ",".join("".join(str(j + 1) for j in range(4) if t >> j & 1) for t in terms) + "]",
        4,
    )
    assert is_hierarchical(model)
    assert model_from_name(model_name(model, 4), 4) == model


def test_moves_keep_models_hierarchical() -> None:
    model = model_from_name("[123,4]", 4)
    assert removable_terms(model) == [0b0111]
    assert set(addable_terms(model, 4, 3)) == {0b1001, 0b1010, 0b1100}
    assert 0b1011 not in addable_terms(model | {0b1001}, 4, 3)  # needs 24 too


@given(
    st.sets(
        st.integers(min_value=0, max_value=10).flatmap(
            lambda i: (
                st.integers(min_value=0, max_value=10)
                .filter(lambda j: j != i)
                .map(lambda j: (1 << i) | (1 << j))
            )
        ),
        max_size=6,
    )
)
def test_names_round_trip_with_ten_lists_or_more(pairs: set[int]) -> None:
    model = frozenset(pairs)
    assert model_from_name(model_name(model, 11), 11) == model
