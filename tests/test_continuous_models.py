"""Continuous games in the model file format, the continuous catalogue models and `gta solve`."""

import json
from fractions import Fraction

import pytest
import sympy

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.continuous import ContinuousGame
from gametheory_alliances.errors import DomainError, FileFormatError, GameError
from gametheory_alliances.io.model_file import parse_model, with_players, write_model
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.symbolic.continuous import solve_symbolic

CONTINUOUS = [
    "public-good",
    "public-good-quasilinear",
    "joint-product",
    "joint-product-spillin",
]

HEADER = """
name = "toy"
title = "Toy"

[[parameters]]
name = "a"
domain = "(0, 1)"
default = "1/2"
"""

GAME = """
[game]
type = "continuous"
n = 2
strategy = "q"
total = "Q"
bounds = [0, "w_i"]
utility = "(1 - a)*log(w_i - q_i) + a*log(Q)"
vector_parameters = [{ name = "w", domain = "positive", default = [50, 40] }]
"""


def toy(game=GAME, header=HEADER):
    return parse_model(header + game, path="toy.toml")


@pytest.mark.parametrize("name", CONTINUOUS)
def test_catalogue_models_load_with_citations_and_vector_parameters(name):
    model = load_model(name)
    assert isinstance(model.game, ContinuousGame)
    assert model.citations and model.notes and model.grid
    assert model.game.vectors
    for vector, elements in model.game.vectors.items():
        assert elements == tuple(f"{vector}_{i + 1}" for i in range(model.game.n_players))
        assert all(e in model.parameters for e in elements)
    assert model.at().is_numeric


def test_template_expands_own_partner_and_total():
    model = load_model("joint-product-spillin")
    q1, q2 = model.game.variables
    s, t1, w1 = (model.parameters[n].symbol for n in ("s", "theta_1", "w_1"))
    assert sympy.expand(model.game.utilities[0] - (w1 - q1 + t1 * sympy.log(q1 + s * q2))) == 0
    pg = load_model("public-good")
    a = pg.parameters["a"].symbol
    w2 = pg.parameters["w_2"].symbol
    expected = (1 - a) * sympy.log(w2 - q2) + a * sympy.log(q1 + q2)
    assert sympy.expand(pg.game.utilities[1] - expected) == 0
    assert pg.game.bounds[1] == (0, w2)


def test_vector_values_bind_elements_and_wrong_lengths_are_refused():
    model = load_model("public-good")
    game = model.at(a="1/2", w=(50, 40))
    assert game.bounds == ((0, 50), (0, 40))
    same = model.at(w=60)
    assert same.bounds == ((0, 60), (0, 60))
    with pytest.raises(DomainError, match="'a' is not a vector parameter"):
        model.at(a=(1, 2))
    with pytest.raises(DomainError, match="w_1 is given both alone and in w"):
        model.at(w=(50, 40), w_1=3)
    with pytest.raises(DomainError, match="w_2"):
        model.at(w=(50, -1))


def test_a_vector_of_another_length_sets_the_number_of_allies():
    model = load_model("public-good")
    game = model.at(a="1/2", w=(60, 50, 40))
    assert game.players == ("Ally 1", "Ally 2", "Ally 3")
    assert game.bounds == ((0, 60), (0, 50), (0, 40))
    # Interior Nash with three contributors: Q = a W / (a + n (1 - a)) = 75/2, and
    # q_i = w_i - (1 - a) Q / a; best responses checked numerically as well.
    numeric = solve_numeric(game, tol=1e-10)
    assert numeric.strategies == pytest.approx((22.5, 12.5, 2.5), abs=1e-6)
    assert model.at(n=3, w=(60, 50, 40)).bounds == game.bounds
    assert model.at(n=3, w=30).bounds == ((0, 30),) * 3
    # n alone, where the vector's defaults are per ally, asks for the vector too
    with pytest.raises(DomainError, match="n = 3 allies, but the defaults of w are for 2; give w"):
        model.at(n=3)
    with pytest.raises(DomainError, match="n = 2, but w has 3 values"):
        model.at(n=2, w=(1, 2, 3))
    with pytest.raises(DomainError, match="n must be a whole number"):
        model.at(n="5/2", w=1)
    with pytest.raises(DomainError, match="does not declare its number of players"):
        load_model("stag-hunt").at(n=3)
    # the model itself is unchanged, and fixing values resizes as binding does
    assert model.game.n_players == 2
    sliced = model.fix(w=(60, 50, 40))
    assert list(sliced.parameters) == ["a"] and sliced.game.n_players == 3


def test_vectors_of_different_lengths_are_refused():
    model = load_model("joint-product")
    with pytest.raises(DomainError, match="different lengths: a has 3 values, b has 2"):
        model.at(a=(1, 1, 1), b=(1, 1))
    three = model.at(a=(1, 1, 1), b=(1, 1, 1), w=(10, 10, 10))
    assert three.n_players == 3


def test_cobb_douglas_nash_matches_hand_formula_and_best_responses():
    # Interior Nash: q_i = (w_i - (1 - a) w_j) / (2 - a).
    model = load_model("public-good")
    game = model.at(a="1/2", w=(50, 40))
    [solution] = [s for s in solve_symbolic(game) if s.region.condition is sympy.true]
    assert solution.strategies == (20, 10)
    numeric = solve_numeric(game, tol=1e-8)
    assert numeric.strategies == pytest.approx((20, 10), abs=1e-6)


def test_with_players_rebuilds_for_n_allies():
    model = load_model("public-good")
    three = with_players(model, 3, w=[30, 30, 30])
    assert three.game.players == ("Ally 1", "Ally 2", "Ally 3")
    assert three.parameters["w_3"].default == Fraction(30)
    # Symmetric interior Nash: q = a w / (a + n (1 - a)) = 15 / 2 at a = 1/2, w = 30, n = 3.
    numeric = solve_numeric(three.at(a="1/2"), tol=1e-8)
    assert numeric.strategies == pytest.approx((7.5, 7.5, 7.5), abs=1e-5)
    with pytest.raises(FileFormatError, match="one default per player"):
        with_players(model, 3)
    with pytest.raises(FileFormatError, match="needs a continuous model"):
        with_players(load_model("stag-hunt"), 3)


@pytest.mark.parametrize("name", CONTINUOUS)
def test_write_model_round_trips(name):
    model = load_model(name)
    again = parse_model(write_model(model))
    assert again.game.players == model.game.players
    assert again.game.variables == model.game.variables
    assert again.game.bounds == model.game.bounds
    assert all(
        sympy.expand(u - v) == 0
        for u, v in zip(again.game.utilities, model.game.utilities, strict=True)
    )
    assert again.game.vectors == model.game.vectors
    assert {n: (p.domain.text(), p.default) for n, p in again.parameters.items()} == {
        n: (p.domain.text(), p.default) for n, p in model.parameters.items()
    }


def test_write_model_of_a_bare_continuous_game_with_an_open_end():
    game = ContinuousGame(
        ["A", "B"],
        ["x", "y"],
        [(0, None), (0, "k")],
        ["k*x - x**2 + y", "log(1 + x + y) - y"],
        parameters={"k": "positive"},
        title="Bare game",
    )
    again = parse_model(write_model(game))
    assert again.name == "bare-game"
    assert again.game.bounds == game.bounds
    assert again.game.utilities == game.utilities


def test_explicit_form_reads():
    game = """
[[parameters]]
name = "w_1"
domain = "positive"
default = 10

[[parameters]]
name = "w_2"
domain = "positive"
default = 10

[game]
type = "continuous"
players = ["North", "South"]
strategies = ["x", "y"]
bounds = [[0, "w_1"], [0, "w_2"]]
utilities = ["w_1 - x + 3*log(x + y)", "w_2 - y + 2*log(x + y)"]
vectors = ["w"]
"""
    model = toy(game)
    assert model.game.players == ("North", "South")
    assert model.at(w=(10, 10)).bounds == ((0, 10), (0, 10))
    [solution] = [s for s in solve_symbolic(model.at()) if s.region.condition is sympy.true]
    assert solution.strategies == (3, 0)


@pytest.mark.parametrize(
    ("game", "fragment"),
    [
        (
            GAME.replace('strategy = "q"', 'strategy = "q"\nutilty = "q_i"'),
            "game: unknown field 'utilty'",
        ),
        (GAME.replace('bounds = [0, "w_i"]\n', ""), "game: missing required field 'bounds'"),
        (GAME.replace("n = 2", "n = 0"), "game.n: expected a whole number"),
        (GAME.replace("n = 2", 'n = "two"'), "game.n: expected a whole number"),
        (
            GAME.replace("n = 2", "n = 3"),
            r"game.vector_parameters\[0\] \(w\).default: expected one default per player \(3\)",
        ),
        (GAME.replace("a*log(Q)", "a*log(Q) + __import__('os')"), "game.utility"),
        (GAME.replace("a*log(Q)", "b*log(Q)"), "game.utility"),
        (
            GAME.replace("w_i - q_i", "w_j - q_i")
            .replace("n = 2", "n = 3")
            .replace("[50, 40]", "50"),
            "game.utility: 'w_j' .*needs two players",
        ),
        (
            GAME.replace('bounds = [0, "w_i"]', "bounds = [0]"),
            "game.bounds: expected \\[lower, upper\\]",
        ),
        (GAME.replace('bounds = [0, "w_i"]', 'bounds = [0, "zz_i"]'), r"game.bounds\[1\]"),
        (
            GAME.replace('strategy = "q"', 'strategy = "w"'),
            r"game.strategies\[0\]: strategy variable 'w_1' has the name of a parameter",
        ),
        (GAME.replace('total = "Q"', 'total = "a"'), "game.total: 'a' is already a parameter"),
        (
            GAME.replace('domain = "positive"', 'domain = "sideways"'),
            r"game.vector_parameters\[0\] \(w\)",
        ),
        (GAME.replace("[50, 40]", "[50, true]"), "default: expected a number"),
        (GAME.replace("[50, 40]", "[50, -40]"), "w_2"),
        (
            GAME.replace('strategy = "q"', 'strategy = "q"\nstrategies = ["x", "y"]'),
            "game.strategies: give either",
        ),
        (
            GAME + 'vectors = ["v"]\n',
            r"game.vectors\[0\]: vector 'v' needs the parameters v_1, v_2",
        ),
        (GAME.replace('type = "continuous"', 'type = "continuos"'), "game.type: 'continuos'"),
    ],
)
def test_bad_continuous_model_files_are_refused_naming_the_field(game, fragment):
    with pytest.raises(FileFormatError, match=fragment) as info:
        toy(game)
    assert "toy.toml" in str(info.value)


def test_bad_explicit_form_names_the_field():
    game = """
[game]
type = "continuous"
players = ["A", "B"]
strategies = ["x"]
bounds = [[0, 1], [0, 1]]
utilities = ["x", "y"]
"""
    with pytest.raises(
        FileFormatError, match=r"game.strategies: expected one entry per player \(2\), found 1"
    ):
        toy(game)


def test_gta_solve_public_good_prints_the_nash_contributions(capsys):
    assert main(["solve", "public-good", "--set", "a=0.5", "--set", "w=50,40"]) == 0
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines()]
    assert ["Ally", "1", "(q_1)", "20", "0.4", "3.4012"] in lines
    assert ["Ally", "2", "(q_2)", "10", "0.25", "3.4012"] in lines
    assert ["total", "30"] in lines
    assert main(["solve", "public-good", "--set", "a=0.5", "--set", "w=50,40", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [eq] = data["equilibria"]
    assert eq["strategies"] == [20.0, 10.0]
    assert eq["burdens"] == [0.4, 0.25]
    assert eq["exact"] == {"strategies": ["20", "10"], "total": "30"}
    assert data["players"] == ["Ally 1", "Ally 2"] and data["concept"] == "nash"


def test_gta_solve_corner_and_bad_input(capsys):
    assert main(["solve", "public-good", "--set", "w=90,10", "--json"]) == 0
    [eq] = json.loads(capsys.readouterr().out)["equilibria"]
    assert eq["strategies"] == [45.0, 0.0]
    assert main(["solve", "public-good", "--set", "n=2", "--set", "w=50,40,30"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "n = 2, but w has 3 values" in err
    assert main(["solve", "public-good", "--set", "w=50,40", "--set", "w_1=3"]) == 2
    assert "w_1 is given both alone and in w" in capsys.readouterr().err
    assert main(["solve", "public-good", "--concept", "pure"]) == 2
    assert "continuous game" in capsys.readouterr().err


def test_gta_solve_reads_a_bad_model_file_with_exit_status_2(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(HEADER + GAME.replace("a*log(Q)", "a*log(Q) + exec('1')"), encoding="utf-8")
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err
    assert "game.utility" in err and "bad.toml" in err


def test_sweep_of_a_continuous_model_follows_the_contributor_regions():
    from gametheory_alliances.sweep import sweep

    df = sweep("public-good", {"w_1": [50, 100]}, {"a": "1/2", "w_2": 40})
    assert list(df["label"]) == ["Ally 1, Ally 2", "Ally 1"]
    # Interior at w = (50, 40): (20, 10); Ally 1 alone at w_1 = 100 >= 40 / (1 - a): a w_1 = 50.
    assert list(df["Ally 1:q_1"]) == [20.0, 50.0]
    assert list(df["Ally 2:q_2"]) == [10.0, 0.0]
    with pytest.raises(GameError, match="nash only"):
        sweep("public-good", {"w_1": [50]}, concept="pure")
