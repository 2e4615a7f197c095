"""The interface every game shares (game.Game) and getting the game of a model (game_of)."""

from __future__ import annotations

import pytest

import gametheory_alliances as gta
from gametheory_alliances.continuous import ContinuousGame
from gametheory_alliances.errors import GameError, SolverError
from gametheory_alliances.game import GAME_KINDS, Game, game_of
from gametheory_alliances.signalling import SignallingGame


def _beer_quiche(**kwargs):
    return SignallingGame.from_arrays(
        types=["Strong", "Weak"],
        priors=kwargs.get("priors", ["9/10", "1/10"]),
        messages=["Beer", "Quiche"],
        responses=["Duel", "Not duel"],
        payoffs=[
            [[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
            [[(0, 1), (2, 0)], [(1, 1), (3, 0)]],
        ],
        parameters=kwargs.get("parameters"),
    )


def _public_good():
    return ContinuousGame(
        ["A", "B"],
        ["q1", "q2"],
        [(0, "w"), (0, "w")],
        ["w - q1 + 2*log(1 + q1 + q2)", "w - q2 + log(1 + q1 + q2)"],
        parameters={"w": "positive", "unused": "positive"},
    )


def _games():
    return {
        "normal form": gta.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]]),
        "tree": gta.load_model("entrapment").game,
        "signalling": _beer_quiche(),
        "continuous": _public_good(),
    }


@pytest.mark.parametrize("kind", GAME_KINDS)
def test_every_game_class_is_a_game_of_its_kind(kind):
    game = _games()[kind]
    assert isinstance(game, Game)
    assert game.kind == kind
    assert game.is_tree == (kind in ("tree", "signalling"))
    assert game.n_players == len(game.players) >= 2
    assert isinstance(game.parameters, dict)


def test_the_game_classes_name_their_kinds():
    assert gta.NormalFormGame.kind == "normal form"
    assert gta.SequentialGame.kind == "tree"
    assert SignallingGame.kind == "signalling"
    assert ContinuousGame.kind == "continuous"


def test_signalling_game_answers_as_its_tree():
    game = _beer_quiche(priors=["p", "1 - p"], parameters={"p": "[0, 1]"})
    assert game.players == game.game.players == ("Sender", "Receiver")
    assert game.free_parameters == ("p",)
    assert not game.is_numeric
    bound = game.at(p="1/4")
    assert isinstance(bound, SignallingGame)
    assert bound.is_numeric and bound.free_parameters == ()


def test_continuous_game_free_parameters_and_binding():
    game = _public_good()
    assert game.free_parameters == ("w",)
    assert not game.is_numeric
    with pytest.raises(SolverError, match="unbound parameters w"):
        game.require_numeric()
    bound = game.at(w=5, unused=1)
    assert bound.is_numeric and bound.free_parameters == ()
    bound.require_numeric()
    assert str(bound.bounds[0][1]) == "5"
    with pytest.raises(gta.errors.UnknownParameterError):
        game.at(v=1)


def test_game_of_a_game_is_the_game():
    for game in _games().values():
        assert game_of(game) is game


def test_game_of_a_model_is_its_game():
    model = gta.load_model("prisoners-dilemma")
    assert game_of(model) is model.game
    assert game_of(gta.load_model("public-good")).kind == "continuous"


@pytest.mark.parametrize("bad", [3, "prisoners-dilemma", None, object()])
def test_game_of_refuses_what_is_neither_game_nor_model(bad):
    with pytest.raises(GameError, match="expected a game or a model"):
        game_of(bad)
