"""Logit homotopy: one equilibrium of larger n-player games, refined and certified."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.errors import GameError
from gametheory_alliances.solvers.logit_homotopy import logit_homotopy
from gametheory_alliances.solvers.support_enumeration import support_enumeration


@st.composite
def games(draw: st.DrawFn, most: int) -> NormalFormGame:
    players = draw(st.integers(3, 4))
    shape = tuple(draw(st.lists(st.integers(2, most), min_size=players, max_size=players)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame([rng.integers(-50, 51, size=shape) for _ in range(players)])


@settings(max_examples=6, derandomize=True, deadline=None)
@given(games(most=2))
def test_the_refined_end_of_the_path_is_one_of_the_equilibria_support_enumeration_lists(game):
    result = logit_homotopy(game)
    (eq,) = result
    assert result.method == "logit homotopy"
    if result.options["refined"]:
        assert eq.certify().ok and eq.certify().exact
    else:
        assert max(eq.certify().regrets) == pytest.approx(result.options["regret"])
    listed = [np.concatenate(e.strategies) for e in support_enumeration(game)]
    assert any(np.allclose(np.concatenate(eq.strategies), x, atol=1e-2) for x in listed)


@settings(max_examples=4, derandomize=True, deadline=None)
@given(games(most=3))
def test_unrefined_path_end_has_small_stated_regret(game):
    result = logit_homotopy(game, refine=False)
    (eq,) = result
    assert not result.options["refined"] and not result.exact
    regret = max(float(r) for r in eq.certify().regrets)
    assert regret == pytest.approx(result.options["regret"])
    # lambda = 1e4 in units of the payoff range (100 here): regret about 100 / 1e4 at most.
    assert regret < 0.05
    assert "regret" in result.notes[0]


def test_bad_options_are_refused():
    game = NormalFormGame([np.zeros((2, 2, 2), int)] * 3)
    with pytest.raises(GameError, match="lambda_max"):
        logit_homotopy(game, lambda_max=-1)
    with pytest.raises(GameError, match="support_tolerance"):
        logit_homotopy(game, support_tolerance=2)
