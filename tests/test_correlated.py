"""Tests of correlated_equilibrium: Aumann's Chicken, Nash equilibria as product
distributions, an independently written LP as oracle, n players, objective errors."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pygambit
import pytest
from scipy.optimize import linprog

from gametheory_alliances import (
    GameError,
    NormalFormGame,
    PayoffError,
    ShapeError,
    SolverError,
    correlated_equilibrium,
)
from gametheory_alliances.solvers.correlated import CorrelatedEquilibrium

CHICKEN = NormalFormGame(
    [[[6, 2], [7, 0]], [[6, 7], [2, 0]]],
    strategies=[["Chicken", "Dare"], ["Chicken", "Dare"]],
)


def reference_optimum(game: NormalFormGame, coefficients: np.ndarray, maximize: bool) -> float:
    """The optimum by a plain loop-built dense LP over the profiles."""
    profiles = list(itertools.product(*(range(m) for m in game.shape)))
    arrays = game.payoff_arrays()
    a_ub = []
    for i, m in enumerate(game.shape):
        for s, t in itertools.permutations(range(m), 2):
            row = []
            for prof in profiles:
                if prof[i] != s:
                    row.append(0.0)
                else:
                    dev = (*prof[:i], t, *prof[i + 1 :])
                    row.append(arrays[i][dev] - arrays[i][prof])
            a_ub.append(row)
    c = np.array([coefficients[p] for p in profiles]) * (-1 if maximize else 1)
    res = linprog(
        c,
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=np.zeros(len(a_ub)) if a_ub else None,
        A_eq=np.ones((1, len(profiles))),
        b_eq=[1],
        bounds=(0, None),
        method="highs-ipm",
    )
    assert res.status == 0
    return float(c @ res.x) * (-1 if maximize else 1)


def nash_equilibria_by_gambit(game: NormalFormGame) -> list[list[list[Fraction]]]:
    g = game.to_pygambit()
    return [
        [[Fraction(str(eq[s])) for s in p.strategies] for p in g.players]
        for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria
    ]


def product_distribution(game: NormalFormGame, profile) -> np.ndarray:
    out = np.empty(game.shape, dtype=object)
    for prof in itertools.product(*(range(m) for m in game.shape)):
        value = Fraction(1)
        for i, k in enumerate(prof):
            value *= profile[i][k]
        out[prof] = value
    return out


def test_aumann_chicken_welfare_maximum_beats_the_mixed_equilibrium():
    ce = correlated_equilibrium(CHICKEN)
    assert ce.is_exact
    assert ce.exact_objective_value == Fraction(21, 2)
    assert ce.exact_payoffs == (Fraction(21, 4), Fraction(21, 4))
    assert ce.exact_distribution[1, 1] == 0
    assert ce.exact_distribution[0, 0] == Fraction(1, 2)
    mixed_welfare = 2 * Fraction(14, 3)
    assert ce.exact_objective_value > mixed_welfare
    assert ce.certify().ok and ce.certify().exact
    assert ce.support == ((0, 0), (0, 1), (1, 0))


def test_chicken_player_objective_and_minimisation():
    best_for_row = correlated_equilibrium(CHICKEN, "Row")
    assert best_for_row.objective == "Row"
    assert best_for_row.exact_objective_value == 7  # the pure equilibrium (Dare, Chicken)
    worst = correlated_equilibrium(CHICKEN, maximize=False)
    # Below every Nash equilibrium (welfare 9, 9 and 28/3): (Dare, Dare) with
    # probability 1/5 and never (Chicken, Chicken); told Dare, a driver is indifferent.
    assert worst.exact_objective_value == Fraction(36, 5)
    assert worst.exact_distribution[0, 0] == 0
    assert worst.certify().ok
    assert float(worst.exact_objective_value) == pytest.approx(
        reference_optimum(CHICKEN, sum(CHICKEN.payoff_arrays()), False)
    )


def test_every_nash_equilibrium_satisfies_the_obedience_constraints():
    rng = np.random.default_rng(40)
    for _ in range(10):
        m, n = (int(v) for v in rng.integers(2, 5, 2))
        game = NormalFormGame([rng.integers(-4, 5, (m, n)) for _ in range(2)])
        best = correlated_equilibrium(game)
        worst = correlated_equilibrium(game, maximize=False)
        for profile in nash_equilibria_by_gambit(game):
            dist = product_distribution(game, profile)
            payoffs = tuple(sum((a * dist).flat, Fraction(0)) for a in game.payoff_arrays(True))
            as_ce = CorrelatedEquilibrium(
                game,
                np.vectorize(float, otypes=[float])(dist),
                tuple(map(float, payoffs)),
                float(sum(payoffs)),
                exact_distribution=dist,
                exact_payoffs=payoffs,
            )
            assert as_ce.certify().ok and as_ce.certify().exact
            assert worst.exact_objective_value <= sum(payoffs) <= best.exact_objective_value


def test_a_distribution_that_is_not_a_correlated_equilibrium_fails_certify():
    dist = np.zeros((2, 2), dtype=object)
    dist[:] = Fraction(0)
    dist[0, 0] = Fraction(1)  # (Chicken, Chicken) for sure: each driver would rather Dare
    fake = CorrelatedEquilibrium(
        CHICKEN, np.array([[1.0, 0], [0, 0]]), (6.0, 6.0), 12.0, exact_distribution=dist
    )
    certificate = fake.certify()
    assert not certificate.ok
    assert certificate.regrets == (1, 1)


def test_random_games_match_an_independent_lp_for_two_three_and_four_players():
    rng = np.random.default_rng(41)
    for n_players in (2, 3, 4):
        for _ in range(4):
            shape = tuple(int(v) for v in rng.integers(1, 4, n_players))
            game = NormalFormGame([rng.integers(-5, 6, shape) for _ in range(n_players)])
            coefficients = rng.integers(-3, 4, shape)
            for objective in ("welfare", coefficients):
                for maximize in (True, False):
                    ce = correlated_equilibrium(game, objective, maximize=maximize)
                    weights = sum(game.payoff_arrays()) if isinstance(objective, str) else objective
                    expected = reference_optimum(game, weights, maximize)
                    assert ce.objective_value == pytest.approx(expected, abs=1e-7)
                    assert ce.certify().ok
                    assert ce.is_exact, ce.notes
                    assert float(ce.exact_objective_value) == pytest.approx(expected, abs=1e-7)


def test_float_game_three_players():
    rng = np.random.default_rng(42)
    game = NormalFormGame([rng.normal(size=(2, 3, 2)) for _ in range(3)])
    ce = correlated_equilibrium(game)
    assert not ce.is_exact
    assert ce.certify().ok
    assert ce.distribution.shape == (2, 3, 2)
    assert ce.objective_value == pytest.approx(
        reference_optimum(game, sum(game.payoff_arrays()), True), abs=1e-7
    )
    assert ce.distribution.sum() == pytest.approx(1.0)


def test_distribution_is_read_only_and_repr_names_profiles():
    ce = correlated_equilibrium(CHICKEN)
    with pytest.raises(ValueError):
        ce.distribution[0, 0] = 1.0
    assert "(Chicken, Dare): 1/4" in repr(ce)
    assert "<table>" in ce._repr_html_()


def test_objective_errors():
    with pytest.raises(GameError, match="objective 'utility' is not 'welfare' or a player"):
        correlated_equilibrium(CHICKEN, "utility")
    with pytest.raises(ShapeError, match=r"shape \(3,\); expected the game's shape \(2, 2\)"):
        correlated_equilibrium(CHICKEN, [1, 2, 3])
    with pytest.raises(PayoffError, match=r"profile \(0, 1\) is nan"):
        correlated_equilibrium(CHICKEN, [[1, float("nan")], [0, 0]])
    with pytest.raises(PayoffError, match="must hold numbers"):
        correlated_equilibrium(CHICKEN, [["a", "b"], ["c", "d"]])
    with pytest.raises(GameError, match="maximize must be True or False"):
        correlated_equilibrium(CHICKEN, maximize="yes")


def test_symbolic_game_is_refused():
    game = NormalFormGame([[["c", 0]], [[1, 1]]], parameters=["c"])
    with pytest.raises(SolverError, match="unbound parameters c"):
        correlated_equilibrium(game)


def test_one_player_game_maximises_its_payoff():
    ce = correlated_equilibrium(NormalFormGame([[1, 4, 2]]))
    assert ce.exact_payoffs == (4,)
