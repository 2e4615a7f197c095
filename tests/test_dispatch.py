"""The one dispatch from a solution concept to its solver (solvers.dispatch)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import gametheory_alliances as gta
from gametheory_alliances.errors import GameError, SolverError
from gametheory_alliances.solvers.dispatch import CONCEPTS, default_concept, solve
from gametheory_alliances.testing import normal_form_games


def _profiles(result):
    return [tuple(tuple(s) for s in eq.strategies) for eq in result]


@settings(max_examples=25, deadline=None)
@given(normal_form_games(players=2, strategies=(1, 3), degenerate=True))
def test_nash_and_pure_are_the_named_solvers(game):
    assert _profiles(solve(game, "nash")) == _profiles(gta.nash_equilibria(game))
    assert _profiles(solve(game, "pure")) == _profiles(gta.pure_equilibria(game))
    assert _profiles(solve(game)) == _profiles(gta.nash_equilibria(game))


def test_defaults_by_kind_of_game():
    two = gta.load_model("prisoners-dilemma").at()
    tree = gta.load_model("entrapment").at()
    assert default_concept(two) == "nash"
    assert default_concept(tree) == "spe"
    three = gta.NormalFormGame([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    assert default_concept(three) == "pure"
    assert default_concept(gta.load_model("public-good")) == "nash"
    # a model is asked through its game
    assert default_concept(gta.load_model("entrapment")) == "spe"


def test_spe_of_a_tree_is_backward_induction():
    tree = gta.load_model("entrapment").at()
    got = solve(tree)
    expected = gta.subgame_perfect_equilibria(tree)
    assert [eq.path for eq in got] == [eq.path for eq in expected]
    assert got.method == expected.method


def test_nash_of_a_tree_uses_its_reduced_form():
    tree = gta.load_model("extended-deterrence").at()
    assert tree.n_players == 2
    assert _profiles(solve(tree, "nash")) == _profiles(gta.nash_equilibria(tree.to_normal_form()))


def test_exact_flag_is_passed_on():
    game = gta.NormalFormGame([[["1/2", 0], [0, 1]], [[1, 0], [0, 1]]])
    assert solve(game, "nash", exact=False).exact is False
    assert solve(game, "nash").exact is True


@pytest.mark.parametrize(
    ("concept", "message"),
    [
        ("spe", "needs a sequential game"),
        ("pbe", "needs a sequential game"),
        ("qre-ish", "unknown concept 'qre-ish'"),
    ],
)
def test_concepts_that_do_not_apply_are_refused(concept, message):
    game = gta.load_model("prisoners-dilemma").at()
    with pytest.raises(SolverError, match=message):
        solve(game, concept)


def test_continuous_games_and_non_games_are_refused():
    with pytest.raises(SolverError, match="first-order conditions"):
        solve(gta.load_model("public-good").at())
    with pytest.raises(GameError, match="expected a game or a model, found str"):
        solve("prisoners-dilemma")


def test_every_concept_is_listed_once():
    assert len(set(CONCEPTS)) == len(CONCEPTS)
    assert set(CONCEPTS) >= {"nash", "pure", "spe", "pbe", "correlated"}
