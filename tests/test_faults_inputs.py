"""User mistakes that used to pass silently or end in an internal error (issue 21, items 3, 7
and 10): each is now a clear error of our own (exit 2 and one line on the command line)."""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pytest
import sympy

import gametheory_alliances as gta
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import (
    DomainError,
    ExpressionError,
    GameError,
    PayoffError,
    ProbabilityError,
    SolverError,
    TooLargeError,
)
from gametheory_alliances.expressions import parse_expression
from gametheory_alliances.parameters import Domain, Parameter, as_number
from gametheory_alliances.sweep import grid_values, parse_grid_option, sweep

TREE = """name = "chance-tree"
title = "A chance move in a parameter"
description = "A moves; after L, chance draws H with probability {p} and T with {r}."

[[parameters]]
name = "q"
domain = "real"
default = "1/2"

[game]
type = "sequential"
players = ["A", "B"]
root = "a"

[game.nodes]
a = {{ player = "A", actions = {{ L = "n", R = "r" }} }}
n = {{ chance = {{ H = ["{p}", "h"], T = ["{r}", "t"] }} }}
h = {{ payoffs = ["1", "0"] }}
t = {{ payoffs = ["0", "1"] }}
r = {{ payoffs = ["0", "0"] }}
"""

NORMAL = """name = "hostile"
title = "h"
description = "h"

[[parameters]]
name = "{name}"
domain = "{domain}"

[[parameters]]
name = "y"
domain = "real"
default = 1

[game]
type = "normal"
players = ["Row", "Column"]
strategies = [["C", "D"], ["C", "D"]]
payoffs = [
    {{ profile = ["C", "C"], payoffs = ["{payoff}", "{payoff}"] }},
    {{ profile = ["C", "D"], payoffs = ["0", "1"] }},
    {{ profile = ["D", "C"], payoffs = ["1", "0"] }},
    {{ profile = ["D", "D"], payoffs = ["2", "2"] }},
]
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(status: int, err: str) -> str:
    assert status == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gta: error: "), err
    assert "internal error" not in err and "Warning" not in err
    return lines[0]


# -- item 3: chance probabilities at every grid point ------------------------------------------


def test_a_sweep_refuses_chance_probabilities_outside_the_unit_interval(tmp_path, capsys):
    path = write(tmp_path, "tree.toml", TREE.format(p="q", r="1 - q"))
    status, out, err = run(capsys, "table", path, "--grid", "q=-1:2:4")
    line = one_line_error(status, err)
    assert "q=-1" in line and "probability of 'H' is -1" in line and out == ""


def test_a_sweep_refuses_chance_probabilities_that_do_not_sum_to_one(tmp_path):
    model = load_model(write(tmp_path, "tree.toml", TREE.format(p="q", r="q")))
    with pytest.raises(ProbabilityError, match=r"at q=1/4: .*sum to 1/2, expected 1"):
        sweep(model, {"q": "0.5,0.25"})
    # q = 1/2 is the one point where q, q is a probability vector
    assert sorted(sweep(model, {"q": "0.5"})["q"].unique()) == [0.5]


@pytest.mark.parametrize("concept", ["spe", "nash"])
def test_invalid_drop_skips_the_points_with_bad_chance_probabilities(tmp_path, concept):
    model = load_model(write(tmp_path, "tree.toml", TREE.format(p="q", r="1 - q")))
    df = sweep(model, {"q": "-1:2:7"}, invalid="drop", concept=concept)
    assert sorted(df["q"].unique()) == [0.0, 0.5, 1.0]
    for q in (0, 0.5, 1):
        exact = gta.solve(model.at(q=as_number(q)), concept)
        assert len(df[df["q"] == q]) == len(list(exact))


def test_probabilities_within_rounding_of_the_ends_are_decided_exactly(tmp_path):
    # 1 - 3*q at q = 1/3 is 0 exactly but not in floating point (it is -5.6e-17 there)
    model = load_model(write(tmp_path, "tree.toml", TREE.format(p="3*q", r="1 - 3*q")))
    df = sweep(model, {"q": "1/3,1/6"})
    assert sorted(df["q"].round(6).unique()) == [round(1 / 6, 6), round(1 / 3, 6)]
    with pytest.raises(ProbabilityError, match="q=1/2"):
        sweep(model, {"q": "1/3,1/2"})


# -- item 7: internal errors where the user made the mistake ----------------------------------


def test_payoffs_beyond_the_float_range_in_a_sweep_are_refused_as_solve_refuses_them(
    tmp_path, capsys
):
    path = write(tmp_path, "m.toml", NORMAL.format(name="x", domain="real", payoff="x*x"))
    for concept in ("nash", "pure"):
        status, _, err = run(
            capsys, "table", path, "--grid", "x=1e300:1e300:1", "--concept", concept
        )
        line = one_line_error(status, err)
        assert "x=1e+300" in line and "'Row' at (C, C)" in line
    with pytest.raises(PayoffError):
        sweep(load_model(path), {"x": [10**200, 10**300]}, method="regions")
    status, _, err = run(capsys, "solve", path, "--set", "x=1e300")
    one_line_error(status, err)


def test_a_domain_bound_beyond_the_float_range_is_refused(tmp_path, capsys):
    text = NORMAL.format(name="x", domain="[-1e999, 1e999]", payoff="x - y")
    status, _, err = run(capsys, "conditions", write(tmp_path, "m.toml", text))
    assert "larger in magnitude than the limit of 1e300" in one_line_error(status, err)
    with pytest.raises(GameError, match="1e300"):
        Domain.parse("(0, 1e400]")


@pytest.mark.parametrize("name", ["select", "abs", "maximum", "reduce", "where", "amax"])
def test_parameters_named_like_numpy_functions_sweep_correctly(tmp_path, name):
    payoff = f"Piecewise((Max({name}, 1) + Abs({name} - 3), {name} > 1), (0, True))"
    model = load_model(
        write(tmp_path, "m.toml", NORMAL.format(name=name, domain="real", payoff=payoff))
    )
    for method in ("numeric", "regions"):
        df = sweep(model, {name: "0:3:4"}, method=method)
        for value in (0, 1, 2, 3):
            rows = df[df[name] == value]
            assert len(rows) == len(list(gta.nash_equilibria(model.at(**{name: value}))))


@pytest.mark.parametrize("name", ["class", "def", "lambda", "return", "None"])
def test_python_keywords_cannot_name_parameters(tmp_path, capsys, name):
    with pytest.raises(GameError, match=r"keyword|reserved"):
        Parameter(name)
    text = NORMAL.format(name=name, domain="real", payoff="y")
    status, _, err = run(capsys, "show", write(tmp_path, "m.toml", text))
    assert repr(name) in one_line_error(status, err)


def test_no_runtime_warning_beside_an_error(tmp_path, capsys):
    path = write(tmp_path, "m.toml", NORMAL.format(name="x", domain="real", payoff="x*x"))
    with _no_warnings():
        status, _, err = run(
            capsys, "table", path, "--grid", "x=1e300:1e300:1", "--concept", "pure"
        )
    one_line_error(status, err)


class _no_warnings:
    def __enter__(self):
        import warnings

        self.catcher = warnings.catch_warnings(record=True)
        self.caught = self.catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        self.catcher.__exit__(*exc)
        assert [str(w.message) for w in self.caught if issubclass(w.category, RuntimeWarning)] == []
        return False


# -- item 10: smaller ------------------------------------------------------------------------------


def test_control_characters_in_labels_are_escaped_on_the_terminal(tmp_path, capsys):
    text = (
        'NFG 1 R "Evil \x1b[31mRED\x1b[0m" { "Row\x07" "Column" }\n'
        '{ { "C\x1b]0;title\x07" "D" }\n  { "C" "D\u202e" }\n}\n""\n\n3 3\n4 0\n0 4\n1 1\n'
    )
    status, out, _ = run(capsys, "solve", write(tmp_path, "evil.nfg", text))
    assert status == 0
    assert all(c.isprintable() or c == "\n" for c in out)
    assert "\\x1b[31mRED" in out and "Row\\x07" in out and "D\\u202e" in out


@pytest.mark.parametrize("text", ["𝑥 - ｙ", "ｘ", "x − y", "x*٣"])
def test_look_alike_characters_are_refused_not_folded(text):
    with pytest.raises(ExpressionError, match="non-ASCII character"):
        parse_expression(text, ["x", "y"])


def test_non_ascii_digits_are_refused_by_grid_and_set_alike(capsys):
    for spec in ("c=1:2:٣", "c=٣:4:2", "c=1,٣"):
        with pytest.raises(GameError, match=r"non-ASCII|ASCII digits"):
            parse_grid_option(spec)
    with pytest.raises(GameError, match="ASCII digits"):
        as_number("٣")
    status, _, err = run(capsys, "table", "burden-sharing", "--grid", "c=1:2:٣")
    one_line_error(status, err)
    status, _, err = run(capsys, "solve", "burden-sharing", "--set", "c=٣")
    one_line_error(status, err)


@pytest.mark.parametrize("spec", ["1,,2", "1,2,", ",1", "1, ,2"])
def test_an_empty_grid_entry_is_refused(spec):
    with pytest.raises(GameError, match="empty entry"):
        grid_values(spec, "c")


def test_misuse_of_the_python_api_raises_our_errors(tmp_path):
    chicken = load_model("chicken")
    with pytest.raises(SolverError, match="expected an ArrayTree, found NormalFormGame"):
        gta.backward_induction(chicken.at())
    for bad in (None, 3, ""):
        with pytest.raises(GameError, match="load_model"):
            load_model(bad)
    axis = "-3:-2:100000"
    with pytest.raises(TooLargeError, match="1000000000000000 points"):
        sweep(chicken, {"P": axis, "S": "-1:-0.5:100000", "R": "0:0.5:100000"})
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(GameError, match="cannot write"):
        sweep(chicken, {"P": "-3:-2:2"}, out=tmp_path / "missing" / "t.parquet")
    if not _is_root():
        with pytest.raises(GameError, match="not writable"):
            sweep(chicken, {"P": "-3:-2:2"}, out=locked / "t.parquet")


def _is_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.parametrize(
    "value", [sympy.nan, sympy.zoo, sympy.oo, sympy.I, sympy.I * sympy.Symbol("x"), sympy.sqrt(-2)]
)
def test_nan_infinities_and_imaginary_values_are_refused_as_expressions(value):
    with pytest.raises(ExpressionError):
        parse_expression(value, ["x"])
    with pytest.raises(GameError):
        gta.NormalFormGame([[[value, 1], [1, 1]], [[1, 1], [1, 1]]], parameters=["x"])


@pytest.mark.parametrize("text", ["nan", "I", "zoo", "oo", "x*I"])
def test_nan_and_friends_are_refused_as_text(text):
    with pytest.raises(ExpressionError):
        parse_expression(text, ["x"])


def test_the_sweep_package_imports_as_a_module_and_calls_as_the_function():
    import gametheory_alliances.sweep as package

    assert inspect.ismodule(package)
    df = package(load_model("chicken"), {"P": "-3:-2:2"})
    assert len(df) == 6 and math.isclose(df["P"].min(), -3)
    with pytest.raises(DomainError):
        package(load_model("chicken"), {"P": "5"})
