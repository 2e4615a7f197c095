"""The model file format: reading, writing, and refusing bad files with the field named."""

from fractions import Fraction

import pytest

from gametheory_alliances import NormalFormGame, list_models
from gametheory_alliances.errors import FileFormatError
from gametheory_alliances.io.model_file import parse_model, read_model, write_model

GOOD = """
name = "toy"
title = "Toy"

[[parameters]]
name = "c"
domain = "positive"
default = 1
description = "a cost"

[[assumptions]]
condition = "c < 10"

[game]
type = "normal"
players = ["A", "B"]
strategies = [["X", "Y"], ["L"]]
payoffs = [
    { profile = ["X", "L"], payoffs = ["2 - c", 1] },
    { profile = ["Y", "L"], payoffs = [0, "c/2"] },
]
"""


def test_a_good_file_gives_the_game():
    model = parse_model(GOOD)
    game = model.game
    assert game.players == ("A", "B") and game.strategies == (("X", "Y"), ("L",))
    numeric = model.at(c="1/2")
    assert numeric.payoff_arrays(exact=True)[0][0, 0] == Fraction(3, 2)
    assert numeric.payoff_arrays(exact=True)[1][1, 0] == Fraction(1, 4)


def _mutate(old, new):
    assert old in GOOD
    return GOOD.replace(old, new)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (_mutate('domain = "positive"', 'domain = "sometimes"'), "parameters[0] (c)"),
        (_mutate('domain = "positive"\n', ""), "missing required field 'domain'"),
        (_mutate('title = "Toy"', 'title = "Toy"\ncolour = "red"'), "unknown field 'colour'"),
        (_mutate('"2 - c"', "\"__import__('os').system('x')\""), "game.payoffs[0].payoffs[0]"),
        (_mutate('"2 - c"', '"2 - k"'), "unknown name 'k'"),
        (_mutate('"2 - c"', '"9**9**9"'), "tower"),
        (_mutate("default = 1", "default = -1"), "outside its domain"),
        (_mutate("default = 1", "default = 20"), "violate the assumption"),
        (_mutate('{ profile = ["Y", "L"], payoffs = [0, "c/2"] },', ""), "has no payoffs"),
        (_mutate('["Y", "L"]', '["Z", "L"]'), "'Z' is not a strategy of 'A'"),
        (_mutate('["Y", "L"]', '["X", "L"]'), "given twice"),
        (_mutate('payoffs = [0, "c/2"]', "payoffs = [0]"), "expected 2 payoffs"),
        (_mutate('name = "toy"', 'name = "Toy Model"'), "lower-case"),
        (_mutate('type = "normal"', 'type = "magic"'), "game.type"),
        (_mutate('condition = "c < 10"', 'condition = "c"'), "assumptions[0].condition"),
        ('name = "toy"\ntitle = [\n', "not valid TOML"),
        (_mutate('players = ["A", "B"]', 'players = ["A", "A"]'), "player labels must differ"),
        (_mutate('players = ["A", "B"]', 'players = ["A", " "]'), "game.players[1]"),
        (_mutate('players = ["A", "B"]', 'players = ["A", 2]'), "game.players[1]"),
        (
            _mutate('[["X", "Y"], ["L"]]', '[["X", "X"], ["L"]]'),
            "strategy labels of 'A' must differ",
        ),
    ],
)
def test_bad_files_are_refused_naming_the_field(text, fragment):
    with pytest.raises(FileFormatError) as info:
        parse_model(text, path="toy.toml")
    message = str(info.value)
    assert message.startswith("toy.toml")
    assert fragment in message


def test_toml_syntax_errors_carry_the_line():
    with pytest.raises(FileFormatError) as info:
        parse_model('name = "toy"\ntitle = "T"\n[game\n', path="m.toml")
    assert info.value.line == 3


def test_write_then_read_gives_the_same_model():
    model = parse_model(GOOD)
    again = parse_model(write_model(model))
    assert again.describe() == model.describe()
    for a, b in zip(again.game.payoff_expressions(), model.game.payoff_expressions(), strict=True):
        assert (a == b).all()


def test_any_parameterised_game_can_be_saved():
    game = NormalFormGame(
        [[["b - c", 0]], [["b", "c**2"]]],
        parameters={"b": "nonnegative", "c": "positive"},
        title="Saved game",
    )
    back = parse_model(write_model(game)).game
    assert back.title == "Saved game"
    assert [p.domain for p in back.parameters.values()] == [
        p.domain for p in game.parameters.values()
    ]
    assert (back.payoff_expressions()[1] == game.payoff_expressions()[1]).all()


def test_unreadable_files_are_game_errors(tmp_path):
    with pytest.raises(FileFormatError, match="cannot read"):
        read_model(tmp_path / "missing.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(FileFormatError, match="UTF-8"):
        read_model(binary)


TREE = """
name = "entry"
title = "Entry"

[[parameters]]
name = "k"
domain = "positive"
default = 1

[game]
type = "sequential"
players = ["Entrant", "Incumbent"]
root = "start"

[game.nodes]
start = { player = "Entrant", actions = { "Stay out" = "out", Enter = "in" } }
out = { payoffs = [1, 5] }
in = { player = "Incumbent", actions = { Fight = "war", Acquiesce = "share" } }
war = { payoffs = ["-k", "-k"] }
share = { chance = { Good = ["1/2", "good"], Bad = ["1/2", "bad"] } }
good = { payoffs = [3, 3] }
bad = { payoffs = [1, 1] }
"""


def test_a_tree_file_gives_the_sequential_game():
    model = parse_model(TREE)
    form = model.at(k=2).to_normal_form()
    assert form.strategies == (("Stay out", "Enter"), ("Fight", "Acquiesce"))
    assert form.payoff_arrays(exact=True)[0][1, 0] == -2
    assert form.payoff_arrays(exact=True)[1][1, 1] == 2


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (
            "bad = { payoffs = [1, 1] }",
            "bad = { payoffs = [1, 1] }\nlost = { payoffs = [0, 0] }",
            "not reachable",
        ),
        ('Fight = "war"', 'Fight = "out"', "already follows"),
        ('Fight = "war"', 'Fight = "nowhere"', "'nowhere' is not a node"),
        ('Fight = "war"', 'Fight = "start"', "root"),
        ('war = { payoffs = ["-k", "-k"] }', 'war = { payoffs = ["-k"] }', "expected 2 payoffs"),
        ('Good = ["1/2", "good"]', 'Good = ["2/3", "good"]', "sum"),
        ('player = "Incumbent"', 'player = "Nobody"', "not one of the players"),
        ("out = { payoffs = [1, 5] }", 'out = { colour = "red" }', "game.nodes.out"),
        ('root = "start"', 'root = "nowhere"', "game.root"),
        ('["Entrant", "Incumbent"]', '["Entrant", "Entrant"]', "player labels must differ"),
        ('["Entrant", "Incumbent"]', "[]", "at least one player"),
    ],
)
def test_bad_trees_are_refused_naming_the_node(old, new, fragment):
    assert old in TREE
    with pytest.raises(FileFormatError) as info:
        parse_model(TREE.replace(old, new), path="tree.toml")
    assert fragment in str(info.value)


def _same_game(first, second):
    """Same players, labels and payoff expressions (sequential games via their reduced forms)."""
    import sympy

    from gametheory_alliances.continuous import ContinuousGame
    from gametheory_alliances.sequential import SequentialGame

    assert type(first) is type(second)
    assert first.players == second.players
    assert dict(first.parameters) == dict(second.parameters)
    if isinstance(first, ContinuousGame):
        assert [str(v) for v in first.variables] == [str(v) for v in second.variables]
        assert all(
            sympy.simplify(a - b) == 0
            for a, b in zip(first.utilities, second.utilities, strict=True)
        )
        return
    if isinstance(first, SequentialGame):
        assert first.n_nodes == second.n_nodes
        assert [first.node_path(k) for k in range(first.n_nodes)] == [
            second.node_path(k) for k in range(second.n_nodes)
        ]
        # Node by node (the reduced normal form of a large tree has millions of cells).
        for a, b in zip(first.nodes, second.nodes, strict=True):
            assert (a.kind, a.player, a.actions) == (b.kind, b.player, b.actions)
            assert all(sympy.simplify(x - y) == 0 for x, y in zip(a.probs, b.probs, strict=True))
            assert all(
                sympy.simplify(x - y) == 0 for x, y in zip(a.payoffs, b.payoffs, strict=True)
            )
        assert [i.nodes for i in first.infosets] == [i.nodes for i in second.infosets]
        return
    assert first.strategies == second.strategies
    for a, b in zip(first.payoff_expressions(), second.payoff_expressions(), strict=True):
        assert all(sympy.simplify(x - y) == 0 for x, y in zip(a.flat, b.flat, strict=True))


@pytest.mark.parametrize("name", [name for name, _ in list_models()])
def test_every_catalogue_game_round_trips_through_write_game(name, tmp_path):
    import gametheory_alliances as gta

    model = gta.load_model(name)
    path = tmp_path / f"{name}.toml"
    gta.write_game(model.game, path)
    again = gta.read_game(path)
    _same_game(model.game, again.game)
    # a whole model keeps its documentation, assumptions and grid as well
    text = write_model(model)
    whole = parse_model(text)
    _same_game(model.game, whole.game)
    assert (whole.title, whole.description, whole.citations) == (
        model.title,
        model.description,
        model.citations,
    )
    assert [str(c) for c, _ in whole.assumptions] == [str(c) for c, _ in model.assumptions]
    assert whole.grid == model.grid


def test_infosets_and_chance_survive_the_round_trip():
    model = parse_model(TREE)
    text = write_model(model)
    again = parse_model(text)
    assert "chance = {" in text
    _same_game(model.game, again.game)
    audience = __import__("gametheory_alliances").load_model("audience-costs")
    again = parse_model(write_model(audience))

    def infosets(game):
        return sorted((h.player, tuple(game.node_path(k) for k in h.nodes)) for h in game.infosets)

    assert infosets(again.game) == infosets(audience.game)
