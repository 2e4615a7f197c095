"""Invariance properties of the equilibrium solvers.

The Nash equilibria of a game do not depend on how its strategies and
players are named or ordered, on the units of each player's payoffs, or on
strategies no one would play. Each property transforms a random game,
solves both games, and checks that the equilibria correspond exactly
(rational arithmetic, no tolerance):

* relabelling (permuting) a player's strategies permutes every equilibrium's
  probability vector and keeps the equilibrium components;
* permuting the players permutes the strategy vectors and the payoffs;
* a positive affine transformation of a player's payoffs, ``a * u + b`` with
  ``a > 0``, keeps the equilibria and maps that player's payoffs by it;
* adding a strategy strictly dominated by a mixture of a player's strategies
  adds a zero probability to every equilibrium and changes nothing else;
* the floating-point mode finds the same equilibria as the exact mode on
  integer games, to 1e-9.

Two-player games go through ``nash_equilibria`` (every extreme equilibrium,
degenerate games included); games with two to four players go through
``pure_equilibria``. Degenerate games (ties, duplicated and weakly dominated
strategies) get their own runs, since that is where the algorithms are
most fragile.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, nash_equilibria, pure_equilibria
from gametheory_alliances.testing import normal_form_games

EXAMPLES = settings(max_examples=60, deadline=None)

two_player = normal_form_games(players=2, strategies=(1, 4), payoffs="rational")
two_player_degenerate = normal_form_games(
    players=2, strategies=(1, 4), payoffs="integer", degenerate=True
)
n_player = normal_form_games(players=(2, 4), strategies=(1, 3), payoffs="rational")
n_player_degenerate = normal_form_games(
    players=(2, 4), strategies=(1, 3), payoffs="integer", degenerate=True
)
small_fractions = st.fractions(min_value=-5, max_value=5, max_denominator=6)
positive_fractions = st.fractions(min_value=Fraction(1, 6), max_value=6, max_denominator=6)


# -- transformations of games and of profiles ---------------------------------------------


def exact_arrays(game: NormalFormGame) -> list[np.ndarray]:
    return list(game.payoff_arrays(exact=True))


def permute_strategies(game: NormalFormGame, player: int, perm: list[int]) -> NormalFormGame:
    """The game whose strategy ``k`` of ``player`` is the old strategy ``perm[k]``."""
    arrays = [np.take(a, perm, axis=player) for a in exact_arrays(game)]
    labels = [list(s) for s in game.strategies]
    labels[player] = [game.strategies[player][k] for k in perm]
    return NormalFormGame(arrays, players=game.players, strategies=labels)


def permute_players(game: NormalFormGame, order: list[int]) -> NormalFormGame:
    """The game whose player ``j`` is the old player ``order[j]``."""
    arrays = exact_arrays(game)
    return NormalFormGame(
        [np.transpose(arrays[i], order) for i in order],
        players=[game.players[i] for i in order],
        strategies=[game.strategies[i] for i in order],
    )


def affine(game: NormalFormGame, scales: list[Fraction], shifts: list[Fraction]) -> NormalFormGame:
    arrays = [a * s + b for a, s, b in zip(exact_arrays(game), scales, shifts, strict=True)]
    return NormalFormGame(arrays, players=game.players, strategies=game.strategies)


def profiles(result) -> set[tuple[tuple[Fraction, ...], ...]]:
    keys = [eq.exact_strategies for eq in result]
    assert all(k is not None for k in keys), "an exact solve returned inexact strategies"
    assert len(set(keys)) == len(keys), "an equilibrium is listed twice"
    return set(keys)


def components(result, relabel=lambda key: key) -> set[frozenset]:
    """The partition of the (relabelled) extreme equilibria into components."""
    groups: dict[object, set] = {}
    for k, eq in enumerate(result):
        tag = eq.component if eq.component is not None else ("single", k)
        groups.setdefault(tag, set()).add(relabel(eq.exact_strategies))
    return {frozenset(g) for g in groups.values()}


def all_certify(result) -> bool:
    return all(eq.certify() for eq in result)


# -- relabelling strategies ----------------------------------------------------------------


def check_strategy_relabelling(game: NormalFormGame, data, solver) -> None:
    player = data.draw(st.integers(0, game.n_players - 1), label="player")
    perm = data.draw(st.permutations(range(game.shape[player])), label="permutation")
    before = solver(game, exact=True)
    after = solver(permute_strategies(game, player, perm), exact=True)

    def relabel(key):
        return tuple(tuple(s[k] for k in perm) if i == player else s for i, s in enumerate(key))

    assert {relabel(k) for k in profiles(before)} == profiles(after)
    assert components(before, relabel) == components(after)
    by_profile = {relabel(eq.exact_strategies): eq.exact_payoffs for eq in before}
    assert all(by_profile[eq.exact_strategies] == eq.exact_payoffs for eq in after)


@EXAMPLES
@given(two_player, st.data())
def test_relabelling_strategies_permutes_nash_equilibria(game, data):
    check_strategy_relabelling(game, data, nash_equilibria)


@EXAMPLES
@given(two_player_degenerate, st.data())
def test_relabelling_strategies_permutes_nash_equilibria_of_degenerate_games(game, data):
    check_strategy_relabelling(game, data, nash_equilibria)


@EXAMPLES
@given(n_player_degenerate, st.data())
def test_relabelling_strategies_permutes_pure_equilibria(game, data):
    check_strategy_relabelling(game, data, pure_equilibria)


# -- permuting players ---------------------------------------------------------------------


def check_player_permutation(game: NormalFormGame, order: list[int], solver) -> None:
    before = solver(game, exact=True)
    after = solver(permute_players(game, order), exact=True)

    def relabel(key):
        return tuple(key[i] for i in order)

    assert {relabel(k) for k in profiles(before)} == profiles(after)
    assert components(before, relabel) == components(after)
    payoffs = {relabel(eq.exact_strategies): eq.exact_payoffs for eq in before}
    for eq in after:
        assert eq.exact_payoffs == tuple(payoffs[eq.exact_strategies][i] for i in order)


@EXAMPLES
@given(st.one_of(two_player, two_player_degenerate))
def test_swapping_the_players_swaps_nash_equilibria(game):
    check_player_permutation(game, [1, 0], nash_equilibria)


@EXAMPLES
@given(st.one_of(n_player, n_player_degenerate), st.data())
def test_permuting_players_permutes_pure_equilibria(game, data):
    order = data.draw(st.permutations(range(game.n_players)), label="order")
    check_player_permutation(game, order, pure_equilibria)


# -- positive affine transformations -----------------------------------------------------------


def check_affine(game: NormalFormGame, data, solver) -> None:
    n = game.n_players
    scales = data.draw(st.lists(positive_fractions, min_size=n, max_size=n), label="scales")
    shifts = data.draw(st.lists(small_fractions, min_size=n, max_size=n), label="shifts")
    before = solver(game, exact=True)
    after = solver(affine(game, scales, shifts), exact=True)
    assert profiles(before) == profiles(after)
    assert components(before) == components(after)
    payoffs = {eq.exact_strategies: eq.exact_payoffs for eq in before}
    for eq in after:
        old = payoffs[eq.exact_strategies]
        assert eq.exact_payoffs == tuple(
            s * v + b for s, v, b in zip(scales, old, shifts, strict=True)
        )


@EXAMPLES
@given(st.one_of(two_player, two_player_degenerate), st.data())
def test_positive_affine_payoffs_keep_nash_equilibria(game, data):
    check_affine(game, data, nash_equilibria)


@EXAMPLES
@given(st.one_of(n_player, n_player_degenerate), st.data())
def test_positive_affine_payoffs_keep_pure_equilibria(game, data):
    check_affine(game, data, pure_equilibria)


# -- adding a strictly dominated strategy -------------------------------------------------------


def add_dominated_strategy(game: NormalFormGame, data) -> tuple[NormalFormGame, int, int]:
    """The game with a new strategy, strictly dominated by a mixture of a player's strategies.

    Returns the game, the player and the position of the new strategy.
    """
    player = data.draw(st.integers(0, game.n_players - 1), label="player")
    m = game.shape[player]
    weights = data.draw(
        st.lists(st.integers(0, 3), min_size=m, max_size=m).filter(any), label="mixture"
    )
    mix = [Fraction(w, sum(weights)) for w in weights]
    position = data.draw(st.integers(0, m), label="position")
    arrays = exact_arrays(game)
    others_shape = tuple(k for j, k in enumerate(game.shape) if j != player)
    size = int(np.prod(others_shape))
    gaps = data.draw(
        st.lists(
            st.fractions(min_value=Fraction(1, 100), max_value=3, max_denominator=100),
            min_size=size,
            max_size=size,
        ),
        label="gaps",
    )
    own = np.moveaxis(arrays[player], player, 0)
    dominated = sum((w * own[k] for k, w in enumerate(mix)), np.zeros(others_shape, dtype=object))
    dominated = dominated - np.array(gaps, dtype=object).reshape(others_shape)
    new_arrays = []
    for i, a in enumerate(arrays):
        if i == player:
            row = dominated
        else:
            values = data.draw(
                st.lists(small_fractions, min_size=size, max_size=size), label=f"payoffs {i}"
            )
            row = np.array(values, dtype=object).reshape(others_shape)
        moved = np.moveaxis(a, player, 0)
        grown = np.concatenate([moved[:position], row[None], moved[position:]], axis=0)
        new_arrays.append(np.moveaxis(grown, 0, player))
    return NormalFormGame(new_arrays), player, position


def check_dominated(game: NormalFormGame, data, solver) -> None:
    bigger, player, position = add_dominated_strategy(game, data)
    before = solver(game, exact=True)
    after = solver(bigger, exact=True)

    def widen(key):
        return tuple(
            (*s[:position], Fraction(0), *s[position:]) if i == player else s
            for i, s in enumerate(key)
        )

    assert {widen(k) for k in profiles(before)} == profiles(after)
    assert components(before, widen) == components(after)
    payoffs = {widen(eq.exact_strategies): eq.exact_payoffs for eq in before}
    assert all(payoffs[eq.exact_strategies] == eq.exact_payoffs for eq in after)


@EXAMPLES
@given(st.one_of(two_player, two_player_degenerate), st.data())
def test_a_strictly_dominated_strategy_changes_no_nash_equilibrium(game, data):
    check_dominated(game, data, nash_equilibria)


@EXAMPLES
@given(st.one_of(n_player, n_player_degenerate), st.data())
def test_a_strictly_dominated_strategy_changes_no_pure_equilibrium(game, data):
    check_dominated(game, data, pure_equilibria)


# -- exact and floating-point modes agree ----------------------------------------------------------


def check_modes_agree(game: NormalFormGame, solver) -> None:
    exact = solver(game, exact=True)
    floating = solver(game, exact=False)
    assert not floating.exact and exact.exact
    assert len(floating) == len(exact), (
        f"exact mode found {len(exact)} equilibria, floating-point mode {len(floating)}:\n"
        f"{game.table()}\nexact: {exact}\nfloat: {floating}"
    )
    unmatched = list(floating)
    for eq in exact:
        target = np.concatenate([np.array(s, dtype=float) for s in eq.exact_strategies])
        distance = [
            np.max(np.abs(np.concatenate([np.asarray(s) for s in f.strategies]) - target))
            for f in unmatched
        ]
        best = int(np.argmin(distance))
        assert distance[best] <= 1e-9, (
            f"no floating-point equilibrium within 1e-9 of {eq} in\n{game.table()}\n"
            f"float: {floating}"
        )
        unmatched.pop(best)
    sizes_exact = Counter(eq.component_size for eq in exact)
    sizes_float = Counter(eq.component_size for eq in floating)
    assert sizes_exact == sizes_float


@EXAMPLES
@given(normal_form_games(players=2, strategies=(1, 4), payoffs="integer"))
def test_exact_and_floating_point_nash_equilibria_agree(game):
    check_modes_agree(game, nash_equilibria)


@EXAMPLES
@given(two_player_degenerate)
def test_exact_and_floating_point_nash_equilibria_agree_on_degenerate_games(game):
    check_modes_agree(game, nash_equilibria)


@EXAMPLES
@given(st.one_of(n_player_degenerate, normal_form_games(players=(2, 4), strategies=(1, 3))))
def test_exact_and_floating_point_pure_equilibria_agree(game):
    check_modes_agree(game, pure_equilibria)


@settings(max_examples=30, deadline=None)
@given(st.one_of(two_player, two_player_degenerate))
def test_every_extreme_equilibrium_certifies_exactly(game):
    result = nash_equilibria(game, exact=True)
    assert len(result) >= 1
    assert all_certify(result)
