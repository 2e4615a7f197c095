"""Unit tests of nash_equilibria (vertex enumeration): known games, components, errors, order."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pygambit
import pytest

from gametheory_alliances import GameError, NormalFormGame, SolverError, TooLargeError
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria

F = Fraction


def gambit_extreme_equilibria(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], ...]]:
    """The oracle: pygambit's enummixed in rational arithmetic."""
    g = game.to_pygambit()
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players)
        for eq in result.equilibria
    }


def profiles(result) -> list[tuple[tuple[Fraction, ...], ...]]:
    return [eq.exact_strategies for eq in result]


def test_matching_pennies_has_one_mixed_equilibrium():
    pennies = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    result = nash_equilibria(pennies)
    assert profiles(result) == [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))]
    assert result.exact and result.method == "vertex enumeration"
    assert result[0].exact_payoffs == (0, 0)
    assert result.notes == ()


def test_battle_of_the_sexes_has_three_equilibria_in_order():
    bos = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    result = nash_equilibria(bos)
    assert profiles(result) == [
        ((1, 0), (1, 0)),
        ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))),
        ((0, 1), (0, 1)),
    ]
    assert [eq.component for eq in result] == [1, 2, 3]
    assert all(eq.component_size == 1 for eq in result)


def test_prisoners_dilemma_has_only_mutual_defection():
    pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    result = nash_equilibria(pd)
    assert profiles(result) == [((0, 1), (0, 1))]
    assert result[0].exact_payoffs == (1, 1)


def test_entry_deterrence_segment_is_one_component_with_a_note():
    # Chain-store stage game in normal form: the incumbent is indifferent when the
    # entrant stays out, so every threat fighting with probability >= 2/3 deters entry.
    entry = NormalFormGame(
        [[[0, 0], [2, -1]], [[2, 2], [1, 0]]],
        strategies=[["Out", "In"], ["Accommodate", "Fight"]],
    )
    result = nash_equilibria(entry)
    assert profiles(result) == [
        ((1, 0), (F(1, 3), F(2, 3))),
        ((1, 0), (0, 1)),
        ((0, 1), (1, 0)),
    ]
    assert [(eq.component, eq.component_size) for eq in result] == [(1, 2), (1, 2), (2, 1)]
    assert result.notes == (
        "component 1 is a set of equilibria, not a single point: 2 extreme points listed",
    )
    assert set(result.components) == {1, 2}
    assert set(profiles(result)) == gambit_extreme_equilibria(entry)


def test_all_equal_payoffs_every_pure_profile_is_extreme_and_one_component():
    game = NormalFormGame([np.full((3, 2), 4), np.full((3, 2), 4)])
    result = nash_equilibria(game)
    assert len(result) == 6
    assert all(eq.is_pure and eq.component == 1 and eq.component_size == 6 for eq in result)
    assert set(profiles(result)) == gambit_extreme_equilibria(game)


def test_degenerate_game_where_nashpy_support_enumeration_misses_an_equilibrium():
    a = [[0, 1, 0], [0, 0, 1], [2, 1, 1]]
    b = [[2, 1, 2], [0, 2, 1], [2, 0, 1]]
    game = NormalFormGame([a, b])
    result = nash_equilibria(game)
    expected = {((0, F(1, 2), F(1, 2)), (0, 0, 1)), ((0, 0, 1), (1, 0, 0))}
    assert set(profiles(result)) == expected == gambit_extreme_equilibria(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(nashpy.Game(np.array(a), np.array(b)).support_enumeration())
    missed = [
        eq
        for eq in result
        if not any(np.allclose(np.concatenate(eq.strategies), np.concatenate(s)) for s in found)
    ]
    assert [eq.exact_strategies for eq in missed] == [((0, F(1, 2), F(1, 2)), (0, 0, 1))]


def test_every_equilibrium_certifies_exactly_on_a_rectangular_degenerate_game():
    rng = np.random.default_rng(11)
    game = NormalFormGame([rng.integers(0, 2, (4, 3)), rng.integers(0, 2, (4, 3))])
    result = nash_equilibria(game)
    assert set(profiles(result)) == gambit_extreme_equilibria(game)
    for eq in result:
        certificate = eq.certify()
        assert certificate.ok and certificate.exact


def test_rational_payoffs_give_exact_fractions():
    game = NormalFormGame([[["1/3", 0], [0, "2/7"]], [["1/2", 0], [0, "5/3"]]])
    result = nash_equilibria(game)
    mixed = result[1]
    assert mixed.exact_strategies == ((F(10, 13), F(3, 13)), (F(6, 13), F(7, 13)))
    assert mixed.certify().exact


def test_float_game_uses_floating_point_and_matches_exact_mode():
    rng = np.random.default_rng(3)
    a, b = rng.integers(-5, 6, (4, 4)), rng.integers(-5, 6, (4, 4))
    exact = nash_equilibria(NormalFormGame([a, b]))
    floating = nash_equilibria(NormalFormGame([a.astype(float), b.astype(float)]))
    assert not floating.exact and floating.options["tolerance"] == pytest.approx(1e-9)
    assert len(floating) == len(exact)
    for e, f in zip(exact, floating, strict=True):
        assert np.allclose(np.concatenate(e.strategies), np.concatenate(f.strategies), atol=1e-9)
        assert (e.component, e.component_size) == (f.component, f.component_size)
        assert f.certify()


def test_exact_false_on_a_rational_game_returns_floats():
    bos = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    result = nash_equilibria(bos, exact=False)
    assert not result.exact
    assert all(not eq.is_exact for eq in result)
    assert result[1].strategies[0] == pytest.approx((0.6, 0.4))


def test_result_is_deterministic():
    rng = np.random.default_rng(8)
    game = NormalFormGame([rng.integers(0, 3, (5, 5)), rng.integers(0, 3, (5, 5))])
    first = nash_equilibria(game)
    second = nash_equilibria(game)
    assert profiles(first) == profiles(second)
    assert [eq.component for eq in first] == [eq.component for eq in second]
    keys = [tuple(-p for s in eq.exact_strategies for p in s) for eq in first]
    assert keys == sorted(keys)


def test_one_by_one_and_single_row_games():
    assert profiles(nash_equilibria(NormalFormGame([[[5]], [[-1]]]))) == [((1,), (1,))]
    single_row = NormalFormGame([[[0, 0, 0]], [[1, 3, 3]]])
    result = nash_equilibria(single_row)
    assert profiles(result) == [((1,), (0, 1, 0)), ((1,), (0, 0, 1))]
    assert result.notes == (
        "component 1 is a set of equilibria, not a single point: 2 extreme points listed",
    )


def test_many_labels_use_the_wide_label_sets():
    # 1 x 70: more than 62 labels, so label sets are packed bytes instead of one integer.
    rng = np.random.default_rng(2)
    a, b = rng.integers(0, 3, (1, 70)), rng.integers(0, 3, (1, 70))
    best = int((b == b.max()).sum())
    assert len(nash_equilibria(NormalFormGame([a, b]))) == best
    assert len(nash_equilibria(NormalFormGame([a * 1.0, b * 1.0]))) == best


def test_sequential_game_is_reduced_first():
    class Tree:
        def to_normal_form(self) -> NormalFormGame:
            return NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])

    assert profiles(nash_equilibria(Tree())) == [((0, 1), (0, 1))]


def test_three_players_go_to_support_enumeration_which_flags_a_continuum():
    # Every profile of this game is an equilibrium: the pure ones are listed
    # and the mixed ones are reported as continua, not silently dropped.
    game = NormalFormGame([np.zeros((2, 2, 2), int)] * 3)
    result = nash_equilibria(game)
    assert result.method == "support enumeration"
    pure = {eq.support for eq in result}
    assert pure == {tuple((k,) for k in profile) for profile in game.pure_profiles()}
    assert len(result) == 8
    assert result.notes and all("continuum" in note for note in result.notes)


def test_symbolic_game_is_refused_with_bind_advice():
    game = NormalFormGame([[["b", 0], [0, 1]], [[1, 0], [0, "b"]]], parameters={"b": "positive"})
    with pytest.raises(SolverError, match=r"game\.at"):
        nash_equilibria(game)
    assert len(nash_equilibria(game.at(b=2))) == 3


def test_exact_mode_on_a_float_game_is_refused():
    game = NormalFormGame([np.array([[0.5, 0.1]]), np.array([[0.3, 0.2]])])
    with pytest.raises(SolverError, match="exact=True"):
        nash_equilibria(game, exact=True)


def test_not_a_game_is_refused():
    with pytest.raises(SolverError, match="NormalFormGame"):
        nash_equilibria([[1, 2], [3, 4]])


def test_too_large_is_announced_with_the_way_out():
    game = NormalFormGame([np.eye(6, dtype=int), np.eye(6, dtype=int)])
    with pytest.raises(TooLargeError, match=r"1848 candidate bases.*max_vertices"):
        nash_equilibria(game, max_vertices=1000, method="bases")
    assert len(nash_equilibria(game, max_vertices=1848, method="bases")) == 63
    # Reverse search counts the bases it visits (64 per polytope here, the root included).
    with pytest.raises(TooLargeError, match=r"reached 41 bases.*max_vertices=40"):
        nash_equilibria(game, max_vertices=40, method="reverse_search")
    assert len(nash_equilibria(game, max_vertices=64, method="reverse_search")) == 63
    assert len(nash_equilibria(game, max_vertices=None)) == 63


def test_unknown_method_is_refused():
    game = NormalFormGame([[[1]], [[1]]])
    with pytest.raises(GameError, match="method must be one of"):
        nash_equilibria(game, method="lrs")


def test_bad_max_vertices_is_refused():
    game = NormalFormGame([[[1]], [[1]]])
    with pytest.raises(GameError, match="max_vertices"):
        nash_equilibria(game, max_vertices="many")
    with pytest.raises(GameError, match="max_vertices must be a positive integer"):
        nash_equilibria(game, max_vertices=0)


def test_random_float_game_where_nashpy_support_enumeration_finds_nothing():
    # A generic 4 x 4 float game; nashpy 0.0.43's support enumeration returns no
    # equilibrium at all here (its exact float comparisons fail).
    rng = np.random.default_rng(18)
    a, b = rng.random((4, 4)), rng.random((4, 4))
    ours = nash_equilibria(NormalFormGame([a, b]))
    to_fractions = np.vectorize(Fraction, otypes=[object])
    exact = nash_equilibria(NormalFormGame([to_fractions(a), to_fractions(b)]))
    assert len(ours) == len(exact) == 1
    assert ours[0].support == exact[0].support == ((1, 3), (1, 3))
    assert np.allclose(np.concatenate(ours[0].strategies), np.concatenate(exact[0].strategies))
    assert exact[0].certify().exact and ours[0].certify()
    (x, y), *_ = nashpy.Game(a, b).vertex_enumeration()
    assert np.allclose(np.concatenate([x, y]), np.concatenate(ours[0].strategies))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert list(nashpy.Game(a, b).support_enumeration()) == []
