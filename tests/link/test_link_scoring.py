"""Scoring: every pair inside a group of records the kept pairs join is compared, whether
blocking made it or not, so that clustering never merges on silence."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from undercount.link.scoring import _pairs_within_components, score_case_pairs


def test_pairs_within_components_are_every_pair_of_each_strong_component() -> None:
    # Components of the ≥ 0.5 graph: {1, 2, 3} (a chain), {4, 5, 6, 7} (a chain), {8, 9};
    # 1-8 is under the threshold and joins nothing. Components of two are their own kept pair.
    kept = pa.table(
        {
            "record_id_l": [1, 2, 4, 5, 6, 8, 1],
            "record_id_r": [2, 3, 5, 6, 7, 9, 8],
            "match_probability": [0.9, 0.8, 0.9, 0.9, 0.9, 0.9, 0.2],
        }
    )
    within = _pairs_within_components(kept, 0.5)
    assert within is not None
    assert sorted(zip(*within.to_pydict().values(), strict=True)) == [
        (1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7)
    ]  # fmt: skip


def test_every_pair_inside_a_would_be_person_is_scored_or_known_under_the_floor(opened) -> None:
    scored = score_case_pairs(opened.con, threshold=0.5)
    pairs = scored.pairs
    kept = set(zip(*pairs.select(["record_id_l", "record_id_r"]).to_pydict().values(), strict=True))
    low = set(zip(*scored.below_floor.to_pydict().values(), strict=True))
    assert len(kept) == pairs.num_rows, "a pair scored twice"
    assert not kept & low
    within = _pairs_within_components(pairs, 0.5)
    assert within is not None
    inside = set(zip(*within.to_pydict().values(), strict=True))
    assert inside <= kept | low
    assert low, "nothing inside a component spoke against a merge: the case tests nothing"
    probabilities = pairs.column("match_probability").to_numpy()
    assert np.all(probabilities >= 0.01)
