"""Grim trigger with mixed and deviator-specific punishments, checked against exact payoff streams."""

from fractions import Fraction

import pygambit
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import GameError
from gametheory_alliances.symbolic import equilibrium_regions, grim_trigger_threshold

F = Fraction


def gambit_equilibria(game):
    """Every extreme equilibrium by pygambit's enummixed, exact, as probability vectors."""
    result = pygambit.nash.enummixed_solve(game.to_pygambit(), rational=True)
    return [
        tuple(
            tuple(F(str(profile[s])) for s in player.strategies) for player in profile.game.players
        )
        for profile in result.equilibria
    ]


def expected(array, profile):
    return sum(
        profile[0][i] * profile[1][j] * F(array[i, j])
        for i in range(len(profile[0]))
        for j in range(len(profile[1]))
    )


def sustained(arrays, coop, punishments, delta):
    """Whether no one-shot deviation pays: (1 - delta) d + delta p <= c for every deviation."""
    for i, arr in enumerate(arrays):
        c = F(arr[coop])
        p = expected(arr, punishments[i])
        for k in range(arr.shape[i]):
            if k == coop[i]:
                continue
            cell = list(coop)
            cell[i] = k
            if (1 - delta) * F(arr[tuple(cell)]) + delta * p > c:
                return False
    return True


def test_mixed_reversion_in_the_alliance_dilemma_matches_the_textbook_chicken_threshold():
    model = load_model("alliance-dilemma")
    b, e, m, L = (model.parameters[n].symbol for n in "b e m L".split())
    mixed = next(eq for eq in equilibrium_regions(model) if not eq.is_pure)
    gt = grim_trigger_threshold(model.game, ("S", "S"), mixed)
    T, R = b, b + m - e
    u = gt.punishment_payoffs["Ally A"]
    assert sympy.simplify(gt.threshold - (T - R) / (T - u)) == 0
    assert sympy.simplify(gt.threshold - (L - m) / (L + b)) == 0
    for point in ({"b": 3, "e": 2, "m": 1, "L": 4}, {"b": 1, "e": 3, "m": 0, "L": 5}):
        game = model.at(**point)
        arrays = game.payoff_arrays(exact=True)
        (found,) = [q for q in gambit_equilibria(game) if all(0 < x < 1 for x in q[0])]
        for delta in (F(k, 20) for k in range(1, 20)):
            assert gt.condition.contains(**point, delta=delta) == sustained(
                arrays, (0, 0), (found, found), delta
            )


def test_deviator_specific_punishment_uses_each_deviators_worst_stage_equilibrium():
    model = load_model("alliance-dilemma")
    b, e, m = (model.parameters[n].symbol for n in "b e m".split())
    worst = {"Ally A": ("S", "D"), "Ally B": ("D", "S")}
    gt = grim_trigger_threshold(model.game, ("S", "S"), worst)
    assert sympy.simplify(gt.threshold - (e - m) / (b + e)) == 0
    assert gt.punishment == ("Ally A deviates: (S, D)", "Ally B deviates: (D, S)")
    pun = ((F(1), F(0)), (F(0), F(1))), ((F(0), F(1)), (F(1), F(0)))
    for point in ({"b": 3, "e": 2, "m": 1, "L": 4}, {"b": 3, "e": 2, "m": 1, "L": 2}):
        arrays = model.at(**point).payoff_arrays(exact=True)
        for delta in (F(k, 20) for k in range(1, 20)):
            assert gt.condition.contains(**point, delta=delta) == sustained(
                arrays, (0, 0), pun, delta
            )
    # below L = e the punishments are no stage equilibria: never sustained, however patient
    assert not gt.condition.contains(b=3, e=2, m=1, L=1, delta="99/100")


def test_the_boundary_discount_factor_is_included():
    chicken = NormalFormGame(
        [[[3, 1], [4, 0]], [[3, 4], [1, 0]]], strategies=[["C", "D"], ["C", "D"]]
    )
    half = (F(1, 2), F(1, 2))
    gt = grim_trigger_threshold(chicken, ("C", "C"), (half, half))
    assert gt.threshold == sympy.Rational(1, 2)
    assert gt.condition.contains(delta="1/2") and not gt.condition.contains(delta="49/100")


def test_bad_punishments_are_refused_with_the_reason():
    chicken = NormalFormGame(
        [[[3, 1], [4, 0]], [[3, 4], [1, 0]]], strategies=[["C", "D"], ["C", "D"]]
    )
    with pytest.raises(GameError, match="missing 'Column'"):
        grim_trigger_threshold(chicken, ("C", "C"), {"Row": ("C", "D")})
    with pytest.raises(GameError, match="do not sum to one"):
        grim_trigger_threshold(chicken, ("C", "C"), ((F(1, 2), F(1, 3)), "D"))
    with pytest.raises(GameError, match="not an equilibrium of the stage game"):
        grim_trigger_threshold(chicken, ("C", "C"), ("D", "D"))
    with pytest.raises(GameError, match="not parameters of the game"):
        grim_trigger_threshold(
            chicken, ("C", "C"), ((sympy.Symbol("q"), 1 - sympy.Symbol("q")), "D")
        )
    with pytest.raises(GameError, match="a number or a sympy expression"):
        grim_trigger_threshold(chicken, ("C", "C"), (("1/2", "1/2"), "D"))


small = st.integers(min_value=0, max_value=3)


@settings(max_examples=30, deadline=None)
@given(st.lists(small, min_size=8, max_size=8), st.integers(0, 3), st.integers(1, 19))
def test_every_stage_equilibrium_as_punishment_agrees_with_payoff_streams(values, cell, k):
    """Random (often degenerate) 2x2 games: each pygambit equilibrium as the punishment."""
    game = NormalFormGame(
        [[values[0:2], values[2:4]], [values[4:6], values[6:8]]],
        strategies=[["C", "D"], ["C", "D"]],
    )
    coop = (cell // 2, cell % 2)
    arrays = game.payoff_arrays(exact=True)
    delta = F(k, 20)
    for punishment in gambit_equilibria(game):
        gt = grim_trigger_threshold(game, coop, punishment)
        assert gt.condition.contains(delta=delta) == sustained(
            arrays, coop, (punishment, punishment), delta
        )
