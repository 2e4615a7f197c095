"""Tests of pure_equilibria: known games, exact ties, errors, and a brute-force oracle."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from gametheory_alliances import NormalFormGame, SolverError, pure_equilibria


def profiles(result):
    return [tuple(s.index(1.0) for s in eq.strategies) for eq in result]


def brute_force(arrays, exact):
    """Every pure equilibrium by checking every unilateral deviation of every profile."""
    shape = arrays[0].shape
    out = []
    for profile in itertools.product(*(range(m) for m in shape)):
        ok = True
        for i, a in enumerate(arrays):
            for t in range(shape[i]):
                dev = (*profile[:i], t, *profile[i + 1 :])
                if (a[dev] > a[profile]) if exact else (a[dev] > a[profile] + 1e-9):
                    ok = False
        if ok:
            out.append(profile)
    return out


def test_stag_hunt_has_two_pure_equilibria_in_lexicographic_order():
    game = NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]])
    result = pure_equilibria(game)
    assert profiles(result) == [(0, 0), (1, 1)]
    assert result.method == "pure enumeration"
    assert result.exact
    assert [eq.exact_payoffs for eq in result] == [(4, 4), (3, 3)]
    assert all(eq.certify().ok and eq.certify().exact for eq in result)


def test_matching_pennies_has_no_pure_equilibrium():
    game = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert len(pure_equilibria(game)) == 0


def test_constant_game_every_profile_is_an_equilibrium():
    game = NormalFormGame([np.zeros((2, 3, 2), dtype=int)] * 3)
    assert profiles(pure_equilibria(game)) == list(itertools.product(range(2), range(3), range(2)))


def test_three_player_game_against_brute_force():
    rng = np.random.default_rng(7)
    arrays = [rng.integers(0, 3, (3, 2, 4)) for _ in range(3)]
    game = NormalFormGame(arrays)
    assert profiles(pure_equilibria(game)) == brute_force(arrays, exact=True)


def test_exact_mode_decides_ties_that_floats_cannot():
    # 2**60 + 1 and 2**60 are the same float; exactly, only the larger is a best response.
    big = 2**60
    game = NormalFormGame([[[big + 1, 0], [big, 0]], [[1, 0], [1, 0]]])
    assert profiles(pure_equilibria(game)) == [(0, 0)]
    float_result = pure_equilibria(game, exact=False)
    assert profiles(float_result) == [(0, 0), (1, 0)]
    assert not float_result.exact


def test_fraction_payoffs_that_are_equal_exactly_tie():
    third = Fraction(1, 3)
    game = NormalFormGame([[[third, 0], [Fraction(2, 6), Fraction(1, 10**20)]], [[1, 1], [1, 1]]])
    assert profiles(pure_equilibria(game)) == [(0, 0), (1, 0), (1, 1)]


def test_payoffs_beyond_int64_are_compared_exactly():
    huge = 10**30
    game = NormalFormGame([[[huge, huge + 1]], [[Fraction(1, huge), Fraction(2, huge)]]])
    assert profiles(pure_equilibria(game)) == [(0, 1)]


def test_float_game_uses_tolerance():
    game = NormalFormGame([[[1.0, 0.0], [1.0 - 1e-13, 0.0]], [[0.5, 0.2], [0.5, 0.2]]])
    assert profiles(pure_equilibria(game)) == [(0, 0), (1, 0)]
    assert profiles(pure_equilibria(game, tol=0.0)) == [(0, 0)]
    assert pure_equilibria(game).options["tol"] == 1e-9


def test_random_float_games_match_brute_force():
    rng = np.random.default_rng(11)
    for _ in range(30):
        shape = tuple(rng.integers(1, 4, 3))
        arrays = [rng.normal(size=shape).round(1) for _ in range(3)]
        game = NormalFormGame(arrays)
        assert profiles(pure_equilibria(game)) == brute_force(arrays, exact=False)


def test_one_player_game_picks_the_maxima():
    game = NormalFormGame([[2, 5, 5, 1]])
    assert profiles(pure_equilibria(game)) == [(1,), (2,)]


def test_symbolic_game_is_refused_naming_the_parameters():
    game = NormalFormGame(
        [[["b - c", 0], [0, 1]], [[1, 0], [0, 1]]], parameters={"b": "positive", "c": "positive"}
    )
    with pytest.raises(SolverError, match="unbound parameters b, c"):
        pure_equilibria(game)
    assert len(pure_equilibria(game.at(b=2, c=1))) == 2


def test_exact_on_float_game_is_refused():
    game = NormalFormGame([[[0.5, 0.25]], [[1.5, 1.0]]])
    with pytest.raises(SolverError, match="exact=True needs rational payoffs"):
        pure_equilibria(game, exact=True)


def test_not_a_game_is_refused():
    with pytest.raises(SolverError, match="expected a NormalFormGame"):
        pure_equilibria([[1, 2], [3, 4]])


def test_sequential_game_is_reduced_first():
    class Sequential:
        def to_normal_form(self):
            return NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])

    assert profiles(pure_equilibria(Sequential())) == [(0, 0), (1, 1)]


def test_bad_tolerance_is_refused():
    game = NormalFormGame([[[0.5]], [[1.5]]])
    with pytest.raises(ValueError, match="tol must be"):
        pure_equilibria(game, tol=float("nan"))
