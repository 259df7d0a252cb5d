"""Hierarchical log-linear models: which interactions between lists a model allows.

A hierarchical model contains every main effect (each list catches at its own rate) and a set of
interaction terms closed under taking subsets: if lists 1, 2 and 3 interact, so do each pair of
them. An interaction between lists ``i`` and ``j`` lets being on ``i`` change the odds of being on
``j`` (a referral between two NGOs, a morgue list copied into an official list), which is the main
way multiple systems estimation goes wrong.

A term is a bit mask over the lists (list ``j`` is bit ``j``); a model is a frozenset of interaction
masks. Names follow Rcapture's ``closedpMS``: the generating class in brackets with lists numbered
from 1, e.g. ``"[12,13,4]"``; with 10 lists or more the numbers inside a term are separated by
dots, ``"[1.12,3]"``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

__all__ = [
    "Model",
    "addable_terms",
    "enumerate_models",
    "interaction_design",
    "model_from_name",
    "model_name",
    "removable_terms",
]

Model = frozenset[int]


def _members(mask: int) -> list[int]:
    return [j for j in range(mask.bit_length()) if mask >> j & 1]


def _order(mask: int) -> int:
    return mask.bit_count()


def _proper_subterms(mask: int) -> list[int]:
    """Interaction terms one list smaller than ``mask`` (empty for a pair)."""
    if _order(mask) <= 2:
        return []
    return [mask & ~(1 << j) for j in _members(mask)]


def is_hierarchical(model: Model) -> bool:
    return all(sub in model for term in model for sub in _proper_subterms(term))


def model_name(model: Model, n_lists: int) -> str:
    """Rcapture-style name: the maximal terms and the lists in no interaction."""
    maximal = [
        term for term in model if not any(term != other and term & other == term for other in model)
    ]
    covered = 0
    for term in model:
        covered |= term
    singles = [1 << j for j in range(n_lists) if not covered >> j & 1]
    separator = "." if n_lists >= 10 else ""
    ordered = sorted(_members(term) for term in maximal + singles)
    return "[" + ",".join(separator.join(str(j + 1) for j in members) for members in ordered) + "]"


def model_from_name(name: str, n_lists: int) -> Model:
    """Parse ``"[12,13,4]"`` (or ``"[1.12,3]"``) into the hierarchical closure of its terms.

    Raises:
        ValueError: a malformed name or a list number out of range.
    """
    text = name.strip()
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(f"A log-linear model name looks like '[12,13,4]', not {name!r}.")
    model: set[int] = set()
    for label in filter(None, (part.strip() for part in text[1:-1].split(","))):
        numbers = label.split(".") if n_lists >= 10 else list(label)
        try:
            members = {int(number) - 1 for number in numbers}
        except ValueError:
            raise ValueError(
                f"Term {label!r} of model {name!r} is not made of list numbers."
            ) from None
        if not all(0 <= j < n_lists for j in members) or len(members) != len(numbers):
            raise ValueError(f"Term {label!r} of model {name!r} names lists outside 1..{n_lists}.")
        model |= _closure(sum(1 << j for j in members))
    return frozenset(model)


def _closure(mask: int) -> set[int]:
    """Every interaction term contained in ``mask`` (itself included, if an interaction)."""
    members = _members(mask)
    return {
        sum(1 << j for j in subset)
        for size in range(2, len(members) + 1)
        for subset in itertools.combinations(members, size)
    }


def candidate_terms(n_lists: int, max_order: int) -> list[int]:
    """All interaction terms of order 2..max_order, lower orders first."""
    return [
        sum(1 << j for j in subset)
        for size in range(2, max_order + 1)
        for subset in itertools.combinations(range(n_lists), size)
    ]


def enumerate_models(n_lists: int, max_order: int) -> Iterator[Model]:
    """Every hierarchical model with all main effects and interactions up to ``max_order``.

    Terms are decided in order of increasing size, so a term is only offered once all its subterms
    have been decided: each hierarchical model is produced exactly once (8 for 3 lists, 113 for 4
    lists up to order 3, 1024 for 5 lists up to order 2, as ``closedpMS.t`` counts them).
    """
    terms = candidate_terms(n_lists, max_order)

    def extend(index: int, chosen: frozenset[int]) -> Iterator[Model]:
        if index == len(terms):
            yield chosen
            return
        term = terms[index]
        yield from extend(index + 1, chosen)
        if all(sub in chosen for sub in _proper_subterms(term)):
            yield from extend(index + 1, chosen | {term})

    yield from extend(0, frozenset())


def addable_terms(model: Model, n_lists: int, max_order: int) -> list[int]:
    """Terms whose addition keeps the model hierarchical."""
    return [
        term
        for term in candidate_terms(n_lists, max_order)
        if term not in model and all(sub in model for sub in _proper_subterms(term))
    ]


def removable_terms(model: Model) -> list[int]:
    """Terms whose removal keeps the model hierarchical (no larger term contains them)."""
    return [
        term for term in model if not any(other != term and other & term == term for other in model)
    ]


def interaction_design(cells: np.ndarray, n_lists: int, terms: list[int]) -> np.ndarray:
    """Design over ``cells``: intercept, one main effect per list, then one column per term."""
    cells = np.asarray(cells, dtype=np.int64)
    columns = [np.ones(len(cells))]
    columns += [((cells >> j) & 1).astype(np.float64) for j in range(n_lists)]
    columns += [((cells & term) == term).astype(np.float64) for term in terms]
    return np.column_stack(columns)
