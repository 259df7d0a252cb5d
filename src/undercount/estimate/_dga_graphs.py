"""The decomposable graphical models on a few lists, with their cliques and separators.

A decomposable (chordal) graph on the lists says which lists depend on each other; its
log-linear model has a closed-form marginal likelihood under a hyper-Dirichlet prior that
factorises over the maximal cliques and the separators of a junction tree (Dawid &
Lauritzen 1993). The R package dga ships these graphs as data (``graphs3``, ``graphs4``,
``graphs5``); here they are enumerated: every graph on p vertices is tested for chordality
by maximum cardinality search, which also yields its cliques in an order with the running
intersection property, and hence its separators.

A set of lists is a bitmask: bit j set means list j (0-based) is in the set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

import numpy as np

__all__ = ["DecomposableGraph", "decomposable_graphs", "subset_coefficients"]


@dataclass(frozen=True)
class DecomposableGraph:
    """One decomposable graph on ``n_lists`` lists.

    Attributes:
        n_lists: number of vertices (lists).
        edges: pairs ``(i, j)``, ``i < j``, of lists allowed to depend on each other.
        cliques: maximal cliques as bitmasks, in an order with the running intersection
            property.
        separators: ``cliques[k] & (cliques[0] | ... | cliques[k - 1])`` for k >= 1, with
            repeats; an empty separator (0) joins two unconnected parts.
    """

    n_lists: int
    edges: tuple[tuple[int, int], ...]
    cliques: tuple[int, ...]
    separators: tuple[int, ...]

    def label(self, names: tuple[str, ...] | None = None) -> str:
        """The cliques in the bracket notation of Rcapture and dga, e.g. ``[12][3]``.

        With ``names`` the lists are named (``[EXH, ABA][OSCE]``); otherwise numbered from 1.
        """
        parts = []
        for clique in self.cliques:
            members = [j for j in range(self.n_lists) if clique >> j & 1]
            if names is None:
                parts.append("".join(str(j + 1) for j in members))
            else:
                parts.append(", ".join(names[j] for j in members))
        return "".join(f"[{part}]" for part in parts)


def _maximum_cardinality_order(adjacency: tuple[int, ...]) -> list[int]:
    """Visit order of maximum cardinality search (ties to the lowest-numbered vertex)."""
    n = len(adjacency)
    weight = [0] * n
    visited = 0
    order = []
    for _ in range(n):
        vertex = max((v for v in range(n) if not visited >> v & 1), key=lambda v: weight[v])
        order.append(vertex)
        visited |= 1 << vertex
        for neighbour in range(n):
            if adjacency[vertex] >> neighbour & 1 and not visited >> neighbour & 1:
                weight[neighbour] += 1
    return order


def _is_clique(members: int, adjacency: tuple[int, ...]) -> bool:
    return all(
        members & ~(1 << v) & ~adjacency[v] == 0 for v in range(len(adjacency)) if members >> v & 1
    )


def _decompose(n_lists: int, edges: tuple[tuple[int, int], ...]) -> DecomposableGraph | None:
    """Cliques and separators of the graph, or ``None`` when it is not chordal.

    A graph is chordal exactly when, in maximum cardinality search order, the neighbours
    visited before each vertex form a clique (Tarjan & Yannakakis 1984). Each vertex with
    those earlier neighbours is then a clique; the maximal ones, ordered by their last
    visited vertex, have the running intersection property.
    """
    adjacency = [0] * n_lists
    for i, j in edges:
        adjacency[i] |= 1 << j
        adjacency[j] |= 1 << i
    frozen = tuple(adjacency)
    candidates = []
    earlier = 0
    for vertex in _maximum_cardinality_order(frozen):
        before = frozen[vertex] & earlier
        if not _is_clique(before, frozen):
            return None
        candidates.append(before | 1 << vertex)
        earlier |= 1 << vertex
    cliques = [
        c
        for index, c in enumerate(candidates)
        if not any(c != other and c & other == c for other in candidates[index + 1 :])
    ]
    separators = []
    covered = cliques[0]
    for clique in cliques[1:]:
        separators.append(clique & covered)
        covered |= clique
    return DecomposableGraph(n_lists, edges, tuple(cliques), tuple(separators))


@cache
def decomposable_graphs(n_lists: int) -> tuple[DecomposableGraph, ...]:
    """Every decomposable graph on ``n_lists`` labelled lists (8 for 3, 61 for 4, 822 for 5).

    Ordered by number of edges, so the independence graph comes first and the complete
    (saturated) graph last.
    """
    pairs = list(combinations(range(n_lists), 2))
    graphs = []
    for n_edges in range(len(pairs) + 1):
        for edges in combinations(pairs, n_edges):
            graph = _decompose(n_lists, edges)
            if graph is not None:
                graphs.append(graph)
    return tuple(graphs)


@cache
def subset_coefficients(n_lists: int) -> np.ndarray:
    """Matrix ``A`` (graphs x 2**n_lists): +1 per clique, -1 per separator of each graph.

    A graph's log marginal likelihood is ``A[g] @ component``, where ``component[s]`` is the
    log marginal likelihood of the marginal table over the lists in subset ``s``.
    """
    graphs = decomposable_graphs(n_lists)
    coefficients = np.zeros((len(graphs), 1 << n_lists))
    for row, graph in enumerate(graphs):
        for clique in graph.cliques:
            coefficients[row, clique] += 1.0
        for separator in graph.separators:
            coefficients[row, separator] -= 1.0
    coefficients.setflags(write=False)
    return coefficients
