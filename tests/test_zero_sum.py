"""Tests of zero_sum: classic games, exact certification, and pygambit's lp_solve as oracle."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit
import pytest

from gametheory_alliances import NormalFormGame, SolverError, zero_sum
from gametheory_alliances.solvers.zero_sum import ZeroSumSolution


def gambit_value(game: NormalFormGame) -> Fraction:
    g = game.to_pygambit()
    eq = pygambit.nash.lp_solve(g, rational=True).equilibria[0]
    return Fraction(str(eq.payoff(next(iter(g.players)))))


def test_matching_pennies_value_zero_and_even_mixtures():
    game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    solution = zero_sum(game)
    half = Fraction(1, 2)
    assert solution.exact_value == 0
    assert solution.exact_row_strategy == (half, half)
    assert solution.exact_column_strategy == (half, half)
    assert solution.is_exact
    assert repr(solution) == "ZeroSumSolution(value=0, Row: (1/2, 1/2), Column: (1/2, 1/2))"


def test_rock_paper_scissors_uniform():
    game = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    solution = zero_sum(game)
    third = Fraction(1, 3)
    assert solution.exact_row_strategy == (third,) * 3
    assert solution.exact_column_strategy == (third,) * 3
    assert solution.equilibrium.certify().ok


def test_weighted_rock_paper_scissors_known_solution():
    # Winning with Rock pays 2: the row player plays (1/4, 1/2, 1/4).
    game = NormalFormGame.from_bimatrix([[0, -1, 2], [1, 0, -1], [-2, 1, 0]])
    solution = zero_sum(game)
    assert solution.exact_value == 0
    assert solution.exact_row_strategy == (Fraction(1, 4), Fraction(1, 2), Fraction(1, 4))


def test_saddle_point_game():
    game = NormalFormGame.from_bimatrix([[4, 2, 5], [3, 1, 0], [6, 2, 3]])
    solution = zero_sum(game)
    assert solution.exact_value == 2
    assert solution.equilibrium.certify().ok


def value_of_strategies(a: np.ndarray, x, y) -> tuple[Fraction, Fraction]:
    """What x guarantees (min over columns) and what y concedes (max over rows)."""
    guaranteed = min(sum(x[i] * a[i, j] for i in range(a.shape[0])) for j in range(a.shape[1]))
    conceded = max(sum(y[j] * a[i, j] for j in range(a.shape[1])) for i in range(a.shape[0]))
    return guaranteed, conceded


def test_random_integer_games_match_gambit_and_minmax_exactly():
    rng = np.random.default_rng(30)
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        game = NormalFormGame.from_bimatrix(rng.integers(-9, 10, (m, n)))
        solution = zero_sum(game)
        assert solution.is_exact, solution.notes
        a = game.payoff_arrays(exact=True)[0]
        guaranteed, conceded = value_of_strategies(
            a, solution.exact_row_strategy, solution.exact_column_strategy
        )
        assert guaranteed == conceded == solution.exact_value
        assert solution.exact_value == gambit_value(game)
        assert solution.equilibrium.certify().ok


def test_random_float_games_value_against_nashpy_and_minmax():
    rng = np.random.default_rng(31)
    for _ in range(15):
        m, n = (int(v) for v in rng.integers(2, 6, 2))
        a = rng.normal(size=(m, n))
        game = NormalFormGame.from_bimatrix(a)
        solution = zero_sum(game)
        assert not solution.is_exact
        x, y = np.array(solution.row_strategy), np.array(solution.column_strategy)
        assert (x @ a).min() == pytest.approx(solution.value, abs=1e-8)
        assert (a @ y).max() == pytest.approx(solution.value, abs=1e-8)
        nash_x, nash_y = next(iter(game.to_nashpy().vertex_enumeration()))
        assert nash_x @ a @ nash_y == pytest.approx(solution.value, abs=1e-8)


def test_constant_sum_game_is_solved_by_shifting():
    a = np.array([[3, 1], [0, 2]])
    game = NormalFormGame([a, 5 - a])
    solution = zero_sum(game)
    assert solution.constant == 5
    assert solution.exact_value == Fraction(3, 2)
    assert solution.column_value == Fraction(7, 2)
    assert "constant-sum" in solution.notes[0]
    assert solution.equilibrium.exact_payoffs == (Fraction(3, 2), Fraction(7, 2))
    assert "constant=5" in repr(solution)


def test_degenerate_game_with_many_optimal_strategies_is_exact():
    game = NormalFormGame.from_bimatrix([[1, 1, 1], [1, 1, 1], [0, 2, 1]])
    solution = zero_sum(game)
    assert solution.exact_value == 1
    assert solution.equilibrium.certify().ok


def test_fraction_payoffs():
    game = NormalFormGame.from_bimatrix(
        [[Fraction(1, 3), Fraction(-1, 7)], [Fraction(-2, 9), Fraction(5, 13)]]
    )
    solution = zero_sum(game)
    assert solution.exact_value == gambit_value(game)


def test_not_zero_sum_is_refused_naming_a_profile():
    game = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    with pytest.raises(SolverError, match=r"not a zero-sum or constant-sum game.*at \(0, 1\)"):
        zero_sum(game)


def test_three_players_and_symbolic_are_refused():
    with pytest.raises(SolverError, match="2-player"):
        zero_sum(NormalFormGame([np.zeros((2, 2, 2), dtype=int)] * 3))
    symbolic = NormalFormGame([[["v", 0], [0, 1]], [["-v", 0], [0, -1]]], parameters=["v"])
    with pytest.raises(SolverError, match="unbound parameters v"):
        zero_sum(symbolic)
    assert zero_sum(symbolic.at(v=1)).exact_value == Fraction(1, 2)


def test_solution_is_frozen_and_has_html():
    solution = zero_sum(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]))
    assert isinstance(solution, ZeroSumSolution)
    with pytest.raises(AttributeError):
        solution.value = 3  # type: ignore[misc]
    assert "<table>" in solution._repr_html_()
