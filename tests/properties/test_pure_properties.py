"""Property: pure_equilibria equals pygambit's enumpure on random and degenerate games."""

from __future__ import annotations

import numpy as np
import pygambit
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, pure_equilibria


@st.composite
def integer_games(draw, low: int, high: int, max_players: int = 4):
    """Games of 1..max_players players, 1..3 strategies each, integer payoffs in [low, high]."""
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    arrays = [
        np.array(draw(st.lists(st.integers(low, high), min_size=size, max_size=size))).reshape(
            shape
        )
        for _ in range(n)
    ]
    return NormalFormGame(arrays)


def gambit_pure(game: NormalFormGame) -> list[tuple[int, ...]]:
    g = game.to_pygambit()
    out = []
    for eq in pygambit.nash.enumpure_solve(g).equilibria:
        out.append(
            tuple(next(k for k, s in enumerate(p.strategies) if eq[s] == 1) for p in g.players)
        )
    return sorted(out)


def check(game: NormalFormGame) -> None:
    result = pure_equilibria(game)
    ours = [tuple(s.index(1.0) for s in eq.strategies) for eq in result]
    assert ours == sorted(ours)
    if game.n_players >= 2:
        assert ours == gambit_pure(game)
    for eq in result:
        certificate = eq.certify()
        assert certificate.ok and certificate.exact


@settings(max_examples=60)
@given(integer_games(-100, 100))
def test_equals_gambit_enumpure_on_random_integer_games(game):
    check(game)


@settings(max_examples=80)
@given(integer_games(0, 1))
def test_equals_gambit_enumpure_on_degenerate_games_with_many_ties(game):
    check(game)


@settings(max_examples=40)
@given(integer_games(-1, 1, max_players=3))
def test_float_mode_agrees_with_exact_mode_on_integer_payoffs(game):
    exact = pure_equilibria(game)
    floats = pure_equilibria(game, exact=False)
    assert [eq.strategies for eq in exact] == [eq.strategies for eq in floats]
