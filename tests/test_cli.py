"""Helpers of the command line: --set parsing, game lookup, binding."""

from fractions import Fraction

import pytest

from gametheory_alliances import NormalFormGame
from gametheory_alliances.cli import BadInput, bind, load_game, parse_settings
from gametheory_alliances.errors import GameError, UnknownParameterError
from gametheory_alliances.io import models_dir


def test_settings_are_exact_and_vectors_are_tuples():
    values = parse_settings(["c=0.3", "b=3/4", "w = 50, 40.5", "k=-2", "e=1e-3"])
    assert values == {
        "c": Fraction(3, 10),
        "b": Fraction(3, 4),
        "w": (50, Fraction(81, 2)),
        "k": -2,
        "e": Fraction(1, 1000),
    }


@pytest.mark.parametrize(
    ("items", "fragment"),
    [
        (["c"], "expected NAME=VALUE"),
        (["=1"], "expected NAME=VALUE"),
        (["1c=1"], "expected NAME=VALUE"),
        (["c="], "--set c: value"),
        (["c=inf"], "not a finite number"),
        (["c=1,,2"], "--set c: value"),
        (["c=1e5000"], "exponent"),
        (["c=1", "c=2"], "twice"),
    ],
)
def test_bad_settings(items, fragment):
    with pytest.raises(BadInput, match=fragment):
        parse_settings(items)


def test_load_game_prefers_files_then_the_catalogue(tmp_path):
    game = load_game(str(models_dir() / "games" / "chicken.nfg"))
    assert isinstance(game, NormalFormGame) and game.title == "Chicken"
    model = load_game("burden-sharing")
    assert hasattr(model, "at")
    with pytest.raises(BadInput, match="no such file"):
        load_game(str(tmp_path / "absent.nfg"))
    with pytest.raises(BadInput, match="no such catalogue model"):
        load_game("surely-not-a-model")


def test_bind_uses_at_and_refuses_unknown_parameters():
    game = NormalFormGame([[["b", 0]], [[1, "b"]]], parameters=["b"])
    assert bind(game, {"b": Fraction(1, 2)}).payoff_arrays(exact=True)[0][0, 0] == Fraction(1, 2)
    plain = NormalFormGame([[[1, 0]], [[0, 1]]])
    assert bind(plain, {}) is plain
    with pytest.raises(UnknownParameterError):
        bind(plain, {"b": 1})
    with pytest.raises(GameError):
        bind(object(), {"b": 1})
