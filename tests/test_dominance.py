"""Tests of iterated_elimination: textbook examples, domination by mixtures, invariance
of the Nash equilibria (pygambit's enummixed as oracle), order independence."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit
import pytest

from gametheory_alliances import (
    GameError,
    NormalFormGame,
    SolverError,
    iterated_elimination,
    pure_equilibria,
)
from gametheory_alliances.solvers import dominance
from gametheory_alliances.solvers.dominance import EliminationResult

PD = NormalFormGame(
    [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    strategies=[["C", "D"], ["C", "D"]],
)


def test_prisoners_dilemma_reduces_to_mutual_defection():
    result = iterated_elimination(PD)
    assert isinstance(result, EliminationResult)
    assert result.surviving == ((1,), (1,))
    assert result.surviving_labels == {"Row": ("D",), "Column": ("D",)}
    assert result.reduced.shape == (1, 1)
    assert result.reduced.strategies == (("D",), ("D",))
    assert [(s.player, s.strategy, s.dominated_by) for s in result.steps] == [
        (0, 0, ((1, Fraction(1)),)),
        (1, 0, ((1, Fraction(1)),)),
    ]
    assert result.exact


def test_strategy_dominated_only_by_a_mixture():
    game = NormalFormGame(
        [[[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]],
        strategies=[["T", "B", "M"], ["L", "R"]],
    )
    result = iterated_elimination(game)
    (step,) = result.steps
    assert (step.player, step.strategy) == (0, 2)
    assert not step.is_pure
    weights = dict(step.dominated_by)
    assert set(weights) == {0, 1}
    assert all(isinstance(p, Fraction) for p in weights.values())
    assert sum(weights.values()) == 1
    for column in range(2):  # the recorded mixture really dominates M, exactly
        a = game.payoff_arrays(exact=True)[0]
        assert sum(p * a[t, column] for t, p in weights.items()) > a[2, column]
    assert result.surviving == ((0, 1), (0, 1))
    assert iterated_elimination(game, mixed=False).surviving == ((0, 1, 2), (0, 1))


def test_gibbons_three_rounds():
    # Gibbons (1992), figure 1.1.4: Right, then Down, then Left are eliminated.
    game = NormalFormGame(
        [[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]],
        strategies=[["Up", "Down"], ["Left", "Middle", "Right"]],
    )
    result = iterated_elimination(game)
    assert result.surviving_labels == {"Row": ("Up",), "Column": ("Middle",)}
    assert [str(s) for s in result.steps] == [
        "Column: 'Right' dominated by 'Middle'",
        "Row: 'Down' dominated by 'Up'",
        "Column: 'Left' dominated by 'Middle'",
    ]


def test_weakly_dominated_strategies_are_kept():
    game = NormalFormGame([[[1, 1], [1, 0]], [[0, 0], [0, 0]]])
    result = iterated_elimination(game)
    assert result.steps == ()
    assert result.surviving == ((0, 1), (0, 1))


def test_float_margin_below_tolerance_does_not_count():
    game = NormalFormGame([[[1.0, 1.0], [1.0 + 1e-13, 1.0 + 1e-13]], [[0.5, 0.5], [0.5, 0.5]]])
    assert iterated_elimination(game).steps == ()
    assert iterated_elimination(game, tol=0.0).surviving == ((1,), (0, 1))
    float_mix = NormalFormGame(
        [[[3.0, 0.0], [0.0, 3.0], [1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]]
    )
    (step,) = iterated_elimination(float_mix).steps
    assert sum(p for _, p in step.dominated_by) == pytest.approx(1.0)
    assert not iterated_elimination(float_mix).exact


def test_three_player_game():
    # Player 3's second strategy is dominated; then player 1's first, then player 2's first.
    a1 = np.array([[[2, 0], [2, 0]], [[3, 1], [3, 1]]])  # player 1 prefers strategy 2
    a2 = np.array([[[1, 0], [0, 0]], [[0, 0], [1, 0]]])
    a3 = np.array([[[1, 0], [1, 0]], [[1, 0], [1, 0]]])
    result = iterated_elimination(NormalFormGame([a1, a2, a3]))
    assert result.surviving == ((1,), (1,), (0,))
    assert [(s.player, s.strategy) for s in result.steps] == [(0, 0), (2, 1), (1, 0)]


def extreme_equilibria(game: NormalFormGame) -> set:
    g = NormalFormGame(game.payoff_arrays(exact=True)).to_pygambit()
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players)
        for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria
    }


def lift(result: EliminationResult, profile) -> tuple:
    """A profile of the reduced game as a profile of the original game."""
    out = []
    for i, s in enumerate(profile):
        full = [Fraction(0)] * result.game.shape[i]
        for k, p in zip(result.surviving[i], s, strict=True):
            full[k] = p
        out.append(tuple(full))
    return tuple(out)


def test_random_two_player_games_keep_every_nash_equilibrium():
    rng = np.random.default_rng(50)
    eliminated = 0
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(2, 5, 2))
        game = NormalFormGame([rng.integers(-3, 4, (m, n)) for _ in range(2)])
        result = iterated_elimination(game)
        eliminated += len(result.steps)
        reduced = {lift(result, p) for p in extreme_equilibria(result.reduced)}
        assert reduced == extreme_equilibria(game)
    assert eliminated > 20  # the random games do exercise elimination


def test_random_n_player_games_keep_every_pure_equilibrium():
    rng = np.random.default_rng(51)
    for _ in range(30):
        n_players = int(rng.integers(2, 5))
        shape = tuple(int(v) for v in rng.integers(1, 4, n_players))
        game = NormalFormGame([rng.integers(-2, 3, shape) for _ in range(n_players)])
        result = iterated_elimination(game)
        original = [eq.exact_strategies for eq in pure_equilibria(game)]
        mapped = [lift(result, eq.exact_strategies) for eq in pure_equilibria(result.reduced)]
        assert mapped == original


def test_survivors_do_not_depend_on_the_order_of_strategies():
    rng = np.random.default_rng(52)
    for _ in range(20):
        a, b = rng.integers(-3, 4, (4, 4)), rng.integers(-3, 4, (4, 4))
        labels = [["r0", "r1", "r2", "r3"], ["c0", "c1", "c2", "c3"]]
        rows, cols = rng.permutation(4), rng.permutation(4)
        game = NormalFormGame([a, b], strategies=labels)
        shuffled = NormalFormGame(
            [a[np.ix_(rows, cols)], b[np.ix_(rows, cols)]],
            strategies=[[labels[0][k] for k in rows], [labels[1][k] for k in cols]],
        )
        first = {p: set(v) for p, v in iterated_elimination(game).surviving_labels.items()}
        second = {p: set(v) for p, v in iterated_elimination(shuffled).surviving_labels.items()}
        assert first == second


def test_unconfirmed_mixture_keeps_the_strategy(monkeypatch):
    game = NormalFormGame(
        [[[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]],
        strategies=[["T", "B", "M"], ["L", "R"]],
    )
    # A linear programme that claims domination by pure T: exact arithmetic refutes it.
    monkeypatch.setattr(dominance, "_mixture_lp", lambda own, target: (np.array([1.0, 0.0]), 1.0))
    result = iterated_elimination(game)
    assert result.steps == ()
    assert "could not be confirmed exactly" in result.notes[0]


def test_repr_lists_the_steps():
    text = repr(iterated_elimination(PD))
    assert text.splitlines()[0] == "EliminationResult(2 steps; surviving Row: D; Column: D)"
    assert "<ol>" in iterated_elimination(PD)._repr_html_()


def test_bad_input():
    with pytest.raises(SolverError, match="unbound parameters x"):
        iterated_elimination(NormalFormGame([[["x", 0]], [[0, 1]]], parameters=["x"]))
    with pytest.raises(GameError, match="mixed must be True or False"):
        iterated_elimination(PD, mixed="no")
    with pytest.raises(GameError, match="tol must be"):
        iterated_elimination(PD, tol=-1.0)


def test_exact_games_decide_tiny_margins_exactly():
    def game(margin):
        middle = Fraction(3, 2) - margin
        return NormalFormGame([[[3, 0], [0, 3], [middle, middle]], [[0, 0], [0, 0], [0, 0]]])

    # A margin of 1e-11 is below the float tolerance but is a strict domination exactly.
    assert iterated_elimination(game(Fraction(1, 10**11))).surviving[0] == (0, 1)
    # With margin 0 the mixture only weakly dominates: the strategy stays, without a note.
    tied = iterated_elimination(game(Fraction(0)))
    assert tied.surviving[0] == (0, 1, 2)
    assert tied.notes == ()
