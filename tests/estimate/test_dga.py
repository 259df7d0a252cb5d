"""dga: decomposable graphs, the closed-form posterior, published numbers, recovery of known N."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import gammaln

from undercount.estimate import CaptureHistories, EstimationError, NotFittedError, estimate
from undercount.estimate import dga as dga_module
from undercount.estimate._dga_graphs import decomposable_graphs, subset_coefficients
from undercount.estimate.dga import DGA, fit_dga, focus_posterior, posterior_on_grid

REFERENCE = Path(__file__).parents[1] / "reference"


def histories_from_cells(cells: np.ndarray) -> CaptureHistories:
    """Histories from a full table in cell order (list 1 varies fastest)."""
    n_lists = cells.size.bit_length() - 1
    mapping = {
        "".join(str(cell >> j & 1) for j in range(n_lists)): int(count)
        for cell, count in enumerate(cells)
        if cell and count
    }
    return CaptureHistories.from_input(mapping)


def simulate_table(rng: np.random.Generator, n_total: int, cell_probabilities: np.ndarray):
    """Multinomial full table with cell 0 (on no list) hidden."""
    cells = rng.multinomial(n_total, cell_probabilities)
    cells[0] = 0
    return cells


def edge_dependent_probabilities(marginals: list[float], pair: tuple[int, int], odds_ratio: float):
    """Cell probabilities of independent lists except one dependent pair (a decomposable model)."""
    n_lists = len(marginals)
    probabilities = np.ones(1 << n_lists)
    for cell in range(1 << n_lists):
        for j, p in enumerate(marginals):
            probabilities[cell] *= p if cell >> j & 1 else 1 - p
        if cell >> pair[0] & 1 and cell >> pair[1] & 1:
            probabilities[cell] *= odds_ratio
    return probabilities / probabilities.sum()


# --- the graphs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_lists", "count"),
    [(2, 2), (3, 8), (4, 61), (5, 822)],
    ids=["2 lists", "3 lists (dga graphs3)", "4 lists (graphs4)", "5 lists (graphs5)"],
)
def test_enumerates_every_decomposable_graph(n_lists: int, count: int) -> None:
    assert len(decomposable_graphs(n_lists)) == count


def test_the_four_cycle_is_not_decomposable() -> None:
    edges = {graph.edges for graph in decomposable_graphs(4)}
    assert ((0, 1), (0, 2), (1, 3), (2, 3)) not in edges
    assert ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)) in edges


@pytest.mark.parametrize("n_lists", [3, 4, 5])
def test_cliques_are_maximal_complete_and_cover_every_edge(n_lists: int) -> None:
    for graph in decomposable_graphs(n_lists):
        adjacent = {frozenset(edge) for edge in graph.edges}
        for clique in graph.cliques:
            members = [j for j in range(n_lists) if clique >> j & 1]
            assert all(frozenset(pair) in adjacent for pair in itertools.combinations(members, 2))
        for a, b in itertools.combinations(graph.cliques, 2):
            assert a & b not in (a, b), f"{graph.label()} has nested cliques"
        for i, j in graph.edges:
            assert any(clique >> i & 1 and clique >> j & 1 for clique in graph.cliques)
        assert len(graph.cliques) - len(graph.separators) == 1


@pytest.mark.parametrize("n_lists", [3, 4, 5])
def test_clique_and_separator_marginals_make_a_distribution(n_lists: int) -> None:
    """prod_C q(x_C) / prod_S q(x_S) sums to 1 only if the separators are right (junction tree)."""
    rng = np.random.default_rng(n_lists)
    q = rng.dirichlet(np.ones(1 << n_lists))
    cells = np.arange(1 << n_lists)

    def marginal(subset: int) -> np.ndarray:
        return np.bincount(cells & subset, weights=q, minlength=q.size)[cells & subset]

    for graph in decomposable_graphs(n_lists):
        joint = np.ones(q.size)
        for clique in graph.cliques:
            joint *= marginal(clique)
        for separator in graph.separators:
            joint /= marginal(separator)
        assert joint.sum() == pytest.approx(1.0, abs=1e-12), graph.label()


def test_graph_labels_name_the_lists() -> None:
    graph = next(g for g in decomposable_graphs(3) if g.edges == ((0, 1),))
    assert graph.label() == "[12][3]"
    assert graph.label(("EXH", "ABA", "OSCE")) == "[EXH, ABA][OSCE]"


# --- the closed form ------------------------------------------------------------------------


def dirichlet_log_marginal(counts: np.ndarray, prior: float) -> float:
    """log of the Dirichlet-multinomial probability of an ordered sample (no coefficient)."""
    return float(
        gammaln(prior * counts.size)
        - gammaln(counts.sum() + prior * counts.size)
        + (gammaln(counts + prior) - gammaln(prior)).sum()
    )


def test_saturated_and_independence_scores_match_direct_dirichlet_formulas() -> None:
    """Checks the subset components against the textbook formulas, graph by graph."""
    table = np.array([0, 60, 49, 4, 247, 112, 142, 12], dtype=float)
    delta, n_missing = 0.25, np.array([0, 40, 300])
    posterior = posterior_on_grid(table, n_missing, delta)
    coefficients = subset_coefficients(3)
    for column, missing in enumerate(n_missing):
        full = table.copy()
        full[0] = missing
        saturated = dirichlet_log_marginal(full, delta)
        margins = [np.bincount(np.arange(8) >> j & 1, weights=full) for j in range(3)]
        independence = sum(dirichlet_log_marginal(m, delta * 4) for m in margins)
        scores = coefficients @ posterior.components[:, column]
        assert scores[-1] == pytest.approx(saturated, rel=1e-12)
        assert scores[0] == pytest.approx(independence, rel=1e-12)


def test_reproduces_the_published_madigan_york_five_list_posteriors() -> None:
    reference = json.loads((REFERENCE / "dga_madigan_york_5lists.json").read_text())
    first, last = reference["n_missing_grid"]
    grid = np.arange(first, last + 1)
    table = np.array(reference["table_cells_list1_fastest"])
    posterior = posterior_on_grid(table, grid, reference["delta"])
    tolerance = reference["tolerance"]
    top = np.argsort(posterior.graph_probabilities)[::-1][:5]
    shift = reference["published_offset"] - posterior.n_total[0] + grid[0]
    for index, published in zip(top, reference["top_graphs"], strict=True):
        probability = posterior.graph_probabilities[index]
        assert probability == pytest.approx(published["probability"], abs=tolerance["probability"])
        pmf = posterior.graph_pmf(index)
        labelled = grid + reference["published_offset"]
        bayes = (pmf / labelled).sum() / (pmf / labelled**2).sum()
        assert bayes == pytest.approx(published["bayes_estimate"], abs=tolerance["bayes_estimate"])
        assert posterior.n_total[np.argmax(pmf)] + shift == published["mode"]
        q025, q975 = posterior.quantile(np.array([0.025, 0.975]), pmf) + shift
        assert (q025, q975) == (published["q025"], published["q975"])


def test_focused_grid_gives_the_same_posterior_as_the_full_grid() -> None:
    probabilities = edge_dependent_probabilities([0.5, 0.4, 0.45, 0.5], (0, 1), odds_ratio=1.0)
    table = simulate_table(np.random.default_rng(5), 20000, probabilities)
    n_max = 5 * int(table.sum())
    full = posterior_on_grid(table, np.arange(n_max + 1), 1 / 16)
    focused = focus_posterior(table, n_max, 1 / 16)
    assert focused.n_missing.size < full.n_missing.size / 4
    np.testing.assert_allclose(focused.pmf, full.pmf[focused.n_missing], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(focused.graph_probabilities, full.graph_probabilities, atol=1e-12)
    levels = np.array([0.025, 0.5, 0.975])
    np.testing.assert_array_equal(focused.quantile(levels), full.quantile(levels))


def test_focused_grid_stays_exact_when_the_coarse_pass_is_too_coarse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Four coarse points around a narrow posterior: the stretch kept must still contain it."""
    monkeypatch.setattr(dga_module, "_COARSE_POINTS", 4)
    probabilities = edge_dependent_probabilities([0.6, 0.5, 0.55], (0, 1), odds_ratio=1.0)
    table = simulate_table(np.random.default_rng(8), 3000, probabilities)
    n_max = 5 * int(table.sum())
    full = posterior_on_grid(table, np.arange(n_max + 1), 0.125)
    focused = focus_posterior(table, n_max, 0.125)
    levels = np.array([0.025, 0.5, 0.975])
    np.testing.assert_array_equal(focused.quantile(levels), full.quantile(levels))
    np.testing.assert_allclose(focused.graph_probabilities, full.graph_probabilities, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(st.integers(0, 300), min_size=7, max_size=7).filter(lambda c: sum(c) > 0),
    delta=st.sampled_from([1 / 64, 1 / 8, 1.0]),
)
def test_posterior_is_a_distribution_over_graphs_and_totals(cells: list[int], delta: float) -> None:
    table = np.array([0, *cells])
    posterior = posterior_on_grid(table, np.arange(0, 400), delta)
    assert posterior.pmf.sum() == pytest.approx(1.0)
    assert posterior.graph_probabilities.sum() == pytest.approx(1.0)
    assert (posterior.pmf >= 0).all() and (posterior.graph_probabilities >= 0).all()
    lower, median, upper = posterior.quantile(np.array([0.025, 0.5, 0.975]))
    assert sum(cells) <= lower <= median <= upper <= sum(cells) + 399


# --- fit_dga ------------------------------------------------------------------------------


def test_recovers_known_population_from_a_decomposable_model() -> None:
    """20 populations of 3,000 from a 4-list model where lists 1 and 2 depend on each other."""
    probabilities = edge_dependent_probabilities([0.3, 0.25, 0.2, 0.35], (0, 1), odds_ratio=4.0)
    rng = np.random.default_rng(20261125)
    covered, dependent_found = 0, 0
    for _ in range(20):
        histories = histories_from_cells(simulate_table(rng, 3000, probabilities))
        result = fit_dga(histories, seed=1)
        covered += result.lower <= 3000 <= result.upper
        dependent_found += "list1, list2" in result.diagnostics["top_graphs"][0]["graph"]
    assert covered >= 18
    assert dependent_found >= 18


@pytest.mark.parametrize(
    ("histories", "words"),
    [
        ({"10": 5, "01": 7, "11": 2}, "3 to 5 lists"),
        ({"100000": 5, "010000": 4, "110000": 2, "000001": 3, "000011": 1}, "3 to 5 lists"),
    ],
    ids=["2 lists", "6 lists"],
)
def test_refuses_outside_three_to_five_lists(histories: dict[str, int], words: str) -> None:
    with pytest.raises(EstimationError, match=words):
        estimate(histories, method="dga")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"delta": 0}, "delta"),
        ({"delta": -1.0}, "delta"),
        ({"n_missing_max": 0}, "n_missing_max"),
        ({"draws": 0}, "draws"),
        ({"level": 0.0}, "level must be between 0 and 1"),
    ],
    ids=["zero delta", "negative delta", "empty grid", "no draws", "level of 0 %"],
)
def test_rejects_bad_options(options: dict[str, float], message: str) -> None:
    histories = CaptureHistories.from_input({"100": 5, "010": 4, "001": 3, "110": 2, "011": 1})
    with pytest.raises(ValueError, match=message):
        fit_dga(histories, **options)


def test_estimate_reports_median_interval_draws_and_graphs() -> None:
    histories = histories_from_cells(
        np.array([0, 27, 37, 19, 4, 4, 1, 1, 97, 22, 37, 25, 2, 1, 3, 5])
    )
    result = estimate(histories, method="dga", seed=7)
    assert result.method == "dga"
    assert result.model == "average over 61 decomposable graphs, delta=0.0625"
    assert result.n_observed == histories.n_observed <= result.lower < result.n_hat < result.upper
    assert result.draws.shape == (4000,)
    assert np.quantile(result.draws, 0.5) == pytest.approx(result.n_hat, rel=0.01)
    top = result.diagnostics["top_graphs"]
    assert len(top) == 5
    assert [row["probability"] for row in top] == sorted(
        (row["probability"] for row in top), reverse=True
    )
    assert sum(result.diagnostics["graph_probabilities"].values()) == pytest.approx(1.0)
    deltas = [row["delta"] for row in result.diagnostics["delta_sensitivity"]]
    assert deltas == [1 / 64, 1 / 16, 1 / 4]
    text = result.summary().as_text()
    assert "top graphs" in text and "delta sensitivity" in text


def test_draws_are_reproducible_for_a_seed() -> None:
    histories = {"100": 40, "010": 30, "001": 20, "110": 10, "101": 8, "011": 6, "111": 3}
    first = estimate(histories, method="dga", seed=3)
    again = estimate(histories, method="dga", seed=3)
    other = estimate(histories, method="dga", seed=4)
    np.testing.assert_array_equal(first.draws, again.draws)
    assert not np.array_equal(first.draws, other.draws)
    assert (first.n_hat, first.lower, first.upper) == (other.n_hat, other.lower, other.upper)


def test_warns_when_the_posterior_reaches_the_grid_end() -> None:
    """No overlap between lists: nothing bounds N, and the grid end decides the upper limit."""
    result = estimate({"100": 30, "010": 30, "001": 30, "110": 1}, method="dga", n_missing_max=200)
    assert result.diagnostics["tail_mass_at_grid_end"] > 0.01
    assert any("last tenth of the grid" in warning for warning in result.warnings)


def test_warns_when_the_saturated_graph_dominates() -> None:
    """Strong three-way structure in a large table: only the saturated graph fits."""
    table = np.array([0, 4000, 4000, 50, 4000, 50, 50, 3000])
    result = fit_dga(histories_from_cells(table))
    assert result.diagnostics["top_graphs"][0]["graph"] == "[list1, list2, list3]"
    assert any("joining every list" in warning for warning in result.warnings)


def test_estimator_object_follows_the_fit_contract() -> None:
    model = DGA(delta=0.1, seed=2)
    with pytest.raises(NotFittedError, match="not fitted"):
        _ = model.n_hat
    histories = {"100": 40, "010": 30, "001": 20, "110": 10, "101": 8, "011": 6, "111": 3}
    assert model.fit(histories) is model
    assert model.get_params() == {
        "delta": 0.1,
        "n_missing_max": None,
        "draws": 4000,
        "seed": 2,
        "level": 0.95,
    }
    assert model.conf_int() == (model.estimate_.lower, model.estimate_.upper)
    assert model.estimate_.diagnostics["delta"] == 0.1
    assert sum(model.graph_probabilities_.values()) == pytest.approx(1.0)
    assert "<table>" in model.summary()._repr_html_()
