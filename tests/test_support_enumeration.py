"""Support enumeration: every Nash equilibrium of small n-player games."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pygambit
import pytest
import sympy

import gametheory_alliances as gta
from gametheory_alliances import NormalFormGame
from gametheory_alliances.errors import GameError, SolverError, TooLargeError
from gametheory_alliances.solvers.support_enumeration import (
    AlgebraicEquilibrium,
    support_enumeration,
)

IRRATIONAL = NormalFormGame(
    [
        [[[2, 3], [0, 0]], [[1, 2], [3, 1]]],
        [[[0, 0], [1, 1]], [[3, 1], [2, 2]]],
        [[[0, 2], [0, 0]], [[2, 1], [1, 2]]],
    ]
)


def pennies() -> NormalFormGame:
    a, b, c = np.indices((2, 2, 2))
    return NormalFormGame(
        [np.where(a == b, 1, -1), np.where(b == c, 1, -1), np.where(c != a, 1, -1)]
    )


def gambit_regret(game: NormalFormGame, strategies) -> float:
    g = game.to_pygambit()
    profile = g.mixed_strategy_profile(rational=False)
    for player, probs in zip(g.players, strategies, strict=True):
        for strategy, p in zip(player.strategies, probs, strict=True):
            profile[strategy] = float(p)
    return float(profile.max_regret())


def test_three_player_pennies_has_only_the_uniform_mixed_equilibrium():
    assert len(gta.pure_equilibria(pennies())) == 0
    result = gta.nash_equilibria(pennies())
    half = (F(1, 2), F(1, 2))
    assert [eq.exact_strategies for eq in result] == [(half, half, half)]
    assert result.method == "support enumeration" and result.exact and not result.notes


def test_irrational_equilibrium_is_exact_algebraic_and_certified():
    result = support_enumeration(IRRATIONAL)
    irrational = [eq for eq in result if isinstance(eq, AlgebraicEquilibrium)]
    assert len(irrational) == 1
    eq = irrational[0]
    root17 = sympy.sqrt(17)
    assert sympy.simplify(eq.algebraic_strategies[0][0] - (5 - root17) / 4) == 0
    assert eq.strategies[0][0] == pytest.approx((5 - 17**0.5) / 4, abs=1e-15)
    cert = eq.certify()
    assert cert.ok and cert.exact and all(r == 0 for r in cert.regrets)
    assert gambit_regret(IRRATIONAL, eq.strategies) < 1e-12
    assert "algebraic" in eq.to_dict()
    assert all(e.certify() for e in result)


def test_algebraic_certificate_detects_a_profitable_deviation():
    eq = support_enumeration(IRRATIONAL)[0]
    assert isinstance(eq, AlgebraicEquilibrium)
    # The same algebraic profile in a game where player 1's first strategy pays 1 more.
    arrays = [a.copy() for a in IRRATIONAL.payoff_arrays(exact=True)]
    arrays[0][0] += 1
    shifted = NormalFormGame(arrays)
    moved = AlgebraicEquilibrium(
        shifted,
        eq.strategies,
        eq.payoffs,
        algebraic_strategies=eq.algebraic_strategies,
        algebraic_payoffs=eq.algebraic_payoffs,
        minimal_polynomial=eq.minimal_polynomial,
        root=eq.root,
        polynomials=eq.polynomials,
    )
    cert = moved.certify()
    assert not cert.ok and cert.exact and float(cert.regrets[0]) > 0


def test_finds_an_irrational_equilibrium_that_pygambit_enumpoly_misses():
    # Found by the property tests: pygambit 16's enumpoly lists two of the three
    # equilibria; the third has zero regret by pygambit's own computation.
    rng = np.random.default_rng(17)
    game = NormalFormGame([rng.integers(-50, 51, size=(2, 2, 2)) for _ in range(3)])
    ours = support_enumeration(game)
    assert len(ours) == 3 and not ours.notes
    for eq in ours:
        assert eq.certify()
        assert gambit_regret(game, eq.strategies) < 1e-9
    theirs = pygambit.nash.enumpoly_solve(game.to_pygambit()).equilibria
    assert len(theirs) <= 3


def test_continuum_is_flagged_and_its_extreme_points_listed():
    # The entry game with a third player who has one strategy: the incumbent
    # fighting with any probability >= 2/3 deters entry (a segment).
    entry = NormalFormGame(
        [
            [[[0], [0]], [[2], [-1]]],
            [[[2], [2]], [[1], [0]]],
            [[[0], [0]], [[0], [0]]],
        ],
        strategies=[["Out", "In"], ["Accommodate", "Fight"], ["Watch"]],
    )
    result = support_enumeration(entry)
    assert {eq.exact_strategies[:2] for eq in result} == {
        ((F(1), F(0)), (F(1, 3), F(2, 3))),
        ((F(1), F(0)), (F(0), F(1))),
        ((F(0), F(1)), (F(1), F(0))),
    }
    assert any("continuum" in note and "Accommodate, Fight" in note for note in result.notes)
    assert all(eq.certify() for eq in result)
    # The same extreme points as vertex enumeration of the two-player game.
    two = NormalFormGame([a[..., 0] for a in entry.payoff_arrays(exact=True)[:2]])
    assert {eq.exact_strategies for eq in gta.nash_equilibria(two)} == {
        eq.exact_strategies[:2] for eq in result
    }


def test_bound_counts_support_profiles_and_says_the_number():
    game = NormalFormGame([np.zeros((3, 3, 3), int)] * 3)
    with pytest.raises(TooLargeError, match=r"343 support profiles.*max_supports=100"):
        support_enumeration(game, max_supports=100)
    with pytest.raises(TooLargeError, match="343"):
        gta.nash_equilibria(game, max_supports=100)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_bad_bound_is_refused(bad):
    with pytest.raises(GameError, match="max_supports"):
        support_enumeration(pennies(), max_supports=bad)


def test_float_payoffs_give_floats_that_agree_with_exact_mode():
    exact = support_enumeration(IRRATIONAL)
    floats = NormalFormGame([a.astype(float) + 0.0 for a in IRRATIONAL.payoff_arrays()])
    approx = support_enumeration(floats)
    assert not approx.exact and all(not eq.is_exact for eq in approx)
    assert len(approx) == len(exact)
    for a, b in zip(approx, exact, strict=True):
        assert np.allclose(np.concatenate(a.strategies), np.concatenate(b.strategies))
        assert a.certify()
    with pytest.raises(SolverError, match="exact=True"):
        support_enumeration(floats, exact=True)


def test_symbolic_game_is_refused():
    game = NormalFormGame(
        [np.array([[["b", 0], [0, 1]], [[1, 0], [0, 1]]], dtype=object)] * 3,
        parameters={"b": "positive"},
    )
    with pytest.raises(SolverError, match=r"game\.at"):
        support_enumeration(game)


def test_solve_dispatches_three_players_to_support_enumeration():
    result = gta.solve(pennies(), "nash")
    assert result.method == "support enumeration" and len(result) == 1


def test_strictly_dominated_supports_are_pruned():
    result = support_enumeration(pennies())
    assert result.options["examined"] < result.options["support_profiles"] == 27
