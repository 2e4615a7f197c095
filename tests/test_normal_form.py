"""NormalFormGame: construction, validation, binding, conversions."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory_alliances import NormalFormGame
from gametheory_alliances.errors import (
    DomainError,
    ExpressionError,
    GameError,
    PayoffError,
    ShapeError,
    SolverError,
    UnboundParameterError,
    UnknownParameterError,
)


def burden_sharing():
    return NormalFormGame(
        [[["b2 - c", "b1 - c"], ["b1", 0]], [["b2 - c", "b1"], ["b1 - c", 0]]],
        players=["Ally A", "Ally B"],
        strategies=[["C", "F"], ["C", "F"]],
        parameters={"b1": "nonnegative", "b2": "nonnegative", "c": "positive"},
    )


def test_integer_payoffs_are_exact():
    game = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert game.is_numeric and game.is_exact
    assert game.payoff_arrays(exact=True)[0][1, 0] == Fraction(5)
    assert game.payoff_arrays()[1].dtype == np.float64
    assert game.players == ("Row", "Column")
    assert game.strategies == (("1", "2"), ("1", "2"))


def test_float_payoffs_are_numeric_but_not_exact():
    game = NormalFormGame([np.array([[0.5, 1.25]]), np.array([[1.0, 2.0]])])
    assert game.is_numeric and not game.is_exact
    with pytest.raises(SolverError, match="rational"):
        game.payoff_arrays(exact=True)


def test_fraction_and_text_payoffs_are_exact():
    game = NormalFormGame([[[Fraction(1, 3), "2/3"]], [["0.5", 1]]])
    assert game.is_exact
    assert list(game.payoff_arrays(exact=True)[1][0]) == [Fraction(1, 2), Fraction(1)]


def test_three_player_games():
    rng = np.random.default_rng(0)
    arrays = [rng.integers(-3, 4, size=(2, 3, 2)) for _ in range(3)]
    game = NormalFormGame(arrays)
    assert game.n_players == 3 and game.shape == (2, 3, 2)
    assert game.players == ("Player 1", "Player 2", "Player 3")
    profile = [[1, 0], [0, 0, 1], [Fraction(1, 2), Fraction(1, 2)]]
    expected = [Fraction(int(a[0, 2, 0]) + int(a[0, 2, 1]), 2) for a in arrays]
    assert game.expected_payoffs(profile, exact=True) == expected


def test_symbolic_game_binds_with_domains_and_defaults():
    game = burden_sharing()
    assert not game.is_numeric
    assert game.free_parameters == ("b1", "b2", "c")
    numeric = game.at(b1=1, b2=2.5, c=0.3)
    assert numeric.is_exact
    assert numeric.payoff_arrays(exact=True)[0][0, 0] == Fraction(11, 5)
    with pytest.raises(DomainError):
        game.at(b1=1, b2=2, c=0)
    with pytest.raises(UnknownParameterError, match="'k'"):
        game.at(b1=1, b2=2, c=1, k=3)
    with pytest.raises(UnboundParameterError):
        game.at(b1=1)
    with pytest.raises(SolverError, match="unbound parameters"):
        game.payoff_arrays()


def test_irrational_payoffs_after_binding_are_floats():
    game = NormalFormGame([[["log(w)", 0]], [[1, 1]]], parameters={"w": "positive"})
    numeric = game.at(w=2)
    assert numeric.is_numeric and not numeric.is_exact
    assert numeric.payoff_arrays()[0][0, 0] == pytest.approx(np.log(2))


def test_payoff_undefined_at_a_point_is_named():
    game = NormalFormGame([[["1/(b - 1)", 0]], [[1, 1]]], parameters={"b": "real"})
    with pytest.raises(PayoffError, match="undefined"):
        game.at(b=1)


@pytest.mark.parametrize(
    ("payoffs", "error"),
    [
        ([np.array([[1.0, np.nan]]), np.array([[1.0, 2.0]])], PayoffError),
        ([np.array([[1.0, np.inf]]), np.array([[1.0, 2.0]])], PayoffError),
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], ShapeError),
        ([[[1, 2]], [[1, 2], [3, 4]]], ShapeError),
        ([[1, 2], [3, 4]], ShapeError),
        ([[[1, None]], [[1, 2]]], PayoffError),
        ([[[1, "x"]], [[1, 2]]], ExpressionError),
        ([[[1, "__import__('os')"]], [[1, 2]]], ExpressionError),
        ([], ShapeError),
        ("payoffs", ShapeError),
    ],
)
def test_bad_payoffs_are_refused_with_our_errors(payoffs, error):
    with pytest.raises(error):
        NormalFormGame(payoffs)


def test_labels_are_checked():
    with pytest.raises(ShapeError, match="expected 2 strategy labels"):
        NormalFormGame([[[1, 2]], [[1, 2]]], strategies=[["A"], ["L"]])
    with pytest.raises(GameError, match="twice"):
        NormalFormGame([[[1, 2]], [[1, 2]]], strategies=[["A"], ["L", "L"]])
    with pytest.raises(ShapeError, match="player"):
        NormalFormGame([[[1, 2]], [[1, 2]]], players=["A"])


def test_best_responses_and_pure_payoffs():
    game = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert game.best_responses(0, [[1, 0], [1, 0]], exact=True) == (1,)
    assert list(game.pure_payoffs(1, [[Fraction(1, 2), Fraction(1, 2)], [1, 0]], exact=True)) == [
        Fraction(3, 2),
        Fraction(3),
    ]


def test_pygambit_round_trip_keeps_exact_payoffs_and_labels():
    game = NormalFormGame(
        [[[Fraction(1, 3), 2], [0, -1]], [[1, 0], [Fraction(7, 2), 2]]],
        players=["Patron", "Protege"],
        strategies=[["Defend", "Stay out"], ["Moderate", "Risky"]],
        title="test",
    )
    back = NormalFormGame.from_pygambit(game.to_pygambit())
    assert back.players == game.players and back.strategies == game.strategies
    for a, b in zip(game.payoff_arrays(exact=True), back.payoff_arrays(exact=True), strict=True):
        assert (a == b).all()


def test_nashpy_round_trip():
    game = NormalFormGame([[[1, 2], [3, 4]], [[0, 1], [1, 0]]])
    back = NormalFormGame.from_nashpy(game.to_nashpy())
    assert all(
        (a == b).all() for a, b in zip(game.payoff_arrays(), back.payoff_arrays(), strict=True)
    )


def test_payoff_expressions_of_numeric_game_are_sympy():
    game = NormalFormGame([[[1, 2]], [["1/2", 0]]])
    assert game.payoff_expressions()[1][0, 0] == sympy.Rational(1, 2)


def test_display():
    game = burden_sharing()
    html = game._repr_html_()
    assert "Ally A" in html and "b2 - c" in html
    assert "(C, F)" in game.table()


def test_pygambit_conversion_keeps_labels_that_reorder_its_defaults():
    game = NormalFormGame([[[1, 2]], [[3, 4]]], strategies=[["x"], ["2", "1"]])
    assert NormalFormGame.from_pygambit(game.to_pygambit()).strategies == (("x",), ("2", "1"))


def test_zero_sum_from_one_matrix_of_expressions():
    game = NormalFormGame.from_bimatrix([["b", 1], [0, "2*b"]], parameters={"b": "positive"})
    a, b = game.payoff_expressions()
    assert ((a + b) == 0).all()
