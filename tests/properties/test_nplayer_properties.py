"""Properties of support enumeration (every Nash equilibrium of n-player games).

* Against pygambit's ``enumpoly_solve`` on random 3- and 4-player games with
  integer payoffs: every equilibrium pygambit lists is listed (to 1e-6), and
  every listed one has zero regret by pygambit's own computation. The sets
  are not asserted equal because pygambit 16's enumpoly sometimes misses an
  equilibrium that its own regret confirms (see tests/test_support_enumeration.py).
* Every equilibrium certifies exactly (rational or algebraic arithmetic).
* On degenerate games (ties) every listed profile is an equilibrium, every
  pure equilibrium (brute force: ``pure_equilibria``) is listed, and a note
  flags each support profile with a continuum of solutions.
"""

from __future__ import annotations

import numpy as np
import pygambit
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, pure_equilibria
from gametheory_alliances.solvers.support_enumeration import support_enumeration
from gametheory_alliances.testing import normal_form_games

SLOW = settings(max_examples=8, derandomize=True, deadline=None)


@st.composite
def integer_games(draw: st.DrawFn, players: int, most: int) -> NormalFormGame:
    """Games with 2 to ``most`` strategies a player and integer payoffs in [-50, 50].

    The payoffs come from a numpy generator seeded by hypothesis, so every
    example is a full random game (hypothesis would otherwise shrink the
    payoffs towards all-zero games).
    """
    shape = tuple(draw(st.lists(st.integers(2, most), min_size=players, max_size=players)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame([rng.integers(-50, 51, size=shape) for _ in range(players)])


def gambit_profiles(game: NormalFormGame) -> list[np.ndarray]:
    g = game.to_pygambit()
    result = pygambit.nash.enumpoly_solve(g)
    return [
        np.array([float(eq[s]) for p in g.players for s in p.strategies])
        for eq in result.equilibria
    ]


def gambit_regret(game: NormalFormGame, strategies) -> float:
    g = game.to_pygambit()
    profile = g.mixed_strategy_profile(rational=False)
    for player, probs in zip(g.players, strategies, strict=True):
        for strategy, p in zip(player.strategies, probs, strict=True):
            profile[strategy] = float(p)
    return float(profile.max_regret())


def check_against_gambit(game: NormalFormGame) -> None:
    result = support_enumeration(game)
    ours = [np.concatenate(eq.strategies) for eq in result]
    for theirs in gambit_profiles(game):
        assert any(np.allclose(theirs, mine, atol=1e-6) for mine in ours), (theirs, ours)
    scale = max(1.0, *(float(np.max(np.abs(a))) for a in game.payoff_arrays()))
    for eq in result:
        cert = eq.certify()
        assert cert.ok and cert.exact, eq
        assert gambit_regret(game, eq.strategies) <= 1e-9 * scale, eq


@SLOW
@given(integer_games(players=3, most=3))
def test_three_players_agree_with_gambit_enumpoly(game):
    check_against_gambit(game)


@settings(max_examples=3, derandomize=True, deadline=None)
@given(integer_games(players=4, most=2))
def test_four_players_agree_with_gambit_enumpoly(game):
    check_against_gambit(game)


@SLOW
@given(normal_form_games(players=3, strategies=(1, 2), degenerate=True))
def test_degenerate_games_list_only_equilibria_and_every_pure_one(game):
    result = support_enumeration(game)
    assert all(eq.certify() for eq in result)
    listed = {eq.support for eq in result if eq.is_pure}
    for pure in pure_equilibria(game):
        assert pure.support in listed
    # A player with two best responses at a pure equilibrium is indifferent
    # between them whatever it mixes: that support profile's conditions vanish
    # identically, and the continuum must be flagged.
    for eq in pure_equilibria(game):
        profile = [list(s) for s in eq.strategies]
        if any(len(game.best_responses(i, profile, exact=True)) > 1 for i in range(game.n_players)):
            assert any("continuum" in note for note in result.notes)


@settings(max_examples=8, derandomize=True, deadline=None)
@given(normal_form_games(players=3, strategies=(1, 2)))
def test_order_is_deterministic_and_sorted(game):
    first = support_enumeration(game)
    again = support_enumeration(game)
    assert [eq.strategies for eq in first] == [eq.strategies for eq in again]
    keys = [tuple(-p for s in eq.strategies for p in s) for eq in first]
    assert keys == sorted(keys)
