"""Tests of lemke_howson: certification, membership among all extreme equilibria, degeneracy."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit
import pytest

from gametheory_alliances import (
    GameError,
    NormalFormGame,
    SolverError,
    TooLargeError,
    lemke_howson,
)


def gambit_extreme_equilibria(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], ...]]:
    """Every extreme equilibrium, by pygambit's enummixed in rational arithmetic."""
    g = game.to_pygambit()
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players)
        for eq in result.equilibria
    }


def same_profile(a, b) -> bool:
    return all(np.allclose(x, y, atol=1e-9) for x, y in zip(a, b, strict=True))


def test_battle_of_the_sexes_labels_reach_both_pure_equilibria():
    game = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    reached = {lemke_howson(game, initial_label=k)[0].exact_strategies for k in range(4)}
    one = Fraction(1)
    zero = Fraction(0)
    assert reached == {((one, zero), (one, zero)), ((zero, one), (zero, one))}


def test_matching_pennies_reaches_the_mixed_equilibrium_exactly():
    game = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    result = lemke_howson(game, initial_label=2)
    half = Fraction(1, 2)
    assert result[0].exact_strategies == ((half, half), (half, half))
    assert result.method == "Lemke-Howson"
    assert result.exact
    assert result.options["initial_label"] == 2


def test_random_integer_games_every_label_finds_an_extreme_equilibrium():
    rng = np.random.default_rng(20)
    for _ in range(25):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        game = NormalFormGame([rng.integers(-5, 6, (m, n)), rng.integers(-5, 6, (m, n))])
        extreme = gambit_extreme_equilibria(game)
        for k in range(m + n):
            eq = lemke_howson(game, initial_label=k)[0]
            assert eq.certify().ok and eq.certify().exact
            assert eq.exact_strategies in extreme


def test_degenerate_games_terminate_for_every_label_in_both_modes():
    rng = np.random.default_rng(21)
    games = [NormalFormGame([np.zeros((4, 3), dtype=int), np.zeros((4, 3), dtype=int)])]
    games += [
        NormalFormGame([rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))])
        for m, n in [(3, 3), (4, 4), (5, 3), (6, 6)] * 6
    ]
    for game in games:
        extreme = gambit_extreme_equilibria(game)
        m, n = game.shape
        for k in range(m + n):
            exact = lemke_howson(game, initial_label=k)[0]
            assert exact.certify().ok
            assert exact.exact_strategies in extreme
            floating = lemke_howson(game, initial_label=k, exact=False)[0]
            assert floating.certify().ok
            assert same_profile(floating.strategies, exact.strategies)


def test_float_and_exact_modes_follow_the_same_path_on_nondegenerate_games():
    rng = np.random.default_rng(22)
    for _ in range(15):
        m, n = (int(v) for v in rng.integers(2, 7, 2))
        game = NormalFormGame([rng.integers(-1000, 1000, (m, n)) for _ in range(2)])
        for k in range(m + n):
            exact = lemke_howson(game, initial_label=k)
            floating = lemke_howson(game, initial_label=k, exact=False)
            assert exact.options["pivots"] == floating.options["pivots"]
            assert same_profile(floating[0].strategies, exact[0].strategies)


def test_large_float_game_is_solved_and_certifies():
    rng = np.random.default_rng(23)
    game = NormalFormGame([rng.normal(size=(60, 50)), rng.normal(size=(60, 50))])
    for k in (0, 59, 60, 109):
        result = lemke_howson(game, initial_label=k)
        assert not result.exact
        assert result[0].certify().ok


def test_exact_pivoting_handles_fractions_and_large_integers():
    game = NormalFormGame(
        [
            [[Fraction(1, 3), Fraction(-2, 7)], [Fraction(-1, 5), Fraction(5, 11)]],
            [[-(10**25), 10**25], [10**25 + 1, -(10**25)]],
        ]
    )
    eq = lemke_howson(game)[0]
    assert eq.certify().ok and eq.certify().exact
    # The game has no pure equilibrium, so its only equilibrium makes each player indifferent.
    (a00, a01), (a10, a11) = game.payoff_arrays(exact=True)[0]
    (b00, b01), (b10, b11) = game.payoff_arrays(exact=True)[1]
    q = (a11 - a01) / (a00 - a01 - a10 + a11)
    p = (b11 - b10) / (b00 - b10 - b01 + b11)
    assert eq.exact_strategies == ((p, 1 - p), (q, 1 - q))


def test_one_by_one_game():
    game = NormalFormGame([[[5]], [[-2]]])
    assert lemke_howson(game, initial_label=1)[0].exact_payoffs == (5, -2)


@pytest.mark.parametrize("label", [-1, 4, 1.0, True, "0"])
def test_initial_label_out_of_range_or_not_an_integer(label):
    game = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    with pytest.raises(GameError, match=r"initial_label must be an integer in 0\.\.3"):
        lemke_howson(game, initial_label=label)


def test_numpy_integer_label_is_accepted():
    game = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    assert lemke_howson(game, initial_label=np.int64(3)).options["initial_label"] == 3


def test_pivot_bound_is_announced():
    rng = np.random.default_rng(24)
    game = NormalFormGame([rng.normal(size=(20, 20)), rng.normal(size=(20, 20))])
    with pytest.raises(TooLargeError, match="max_pivots=2"):
        lemke_howson(game, max_pivots=2)
    with pytest.raises(GameError, match="max_pivots must be"):
        lemke_howson(game, max_pivots=0)


def test_three_player_and_symbolic_games_are_refused():
    three = NormalFormGame([np.zeros((2, 2, 2), dtype=int)] * 3)
    with pytest.raises(SolverError, match="expected a 2-player game, found 3 players"):
        lemke_howson(three)
    symbolic = NormalFormGame([[["v", 0]], [[0, 1]]], parameters=["v"])
    with pytest.raises(SolverError, match="unbound parameters v"):
        lemke_howson(symbolic)
    with pytest.raises(SolverError, match="exact=True"):
        lemke_howson(NormalFormGame([[[0.5]], [[0.5]]]), exact=True)


def test_label_zero_path_ends_where_gambits_lemke_howson_first_stops():
    # Gambit's lcp_solve follows the Lemke-Howson path of the first strategy first.
    rng = np.random.default_rng(25)
    for _ in range(12):
        m, n = (int(v) for v in rng.integers(2, 12, 2))
        game = NormalFormGame([rng.integers(-100, 100, (m, n)) for _ in range(2)])
        g = game.to_pygambit()
        first = pygambit.nash.lcp_solve(g, rational=True, stop_after=1).equilibria[0]
        expected = tuple(tuple(Fraction(str(first[s])) for s in p.strategies) for p in g.players)
        assert lemke_howson(game, initial_label=0)[0].exact_strategies == expected
