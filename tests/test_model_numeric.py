"""The numeric reading of catalogue models (``gta solve MODEL`` without sympy) against the symbolic one.

:func:`~gametheory_alliances.expressions.evaluate_exact` must give the value
sympy gives wherever it gives one, and decline (``NotEvaluated``) wherever the
symbolic reader refuses the text; :func:`catalogue_game_at` must give the game
``Model.at`` gives, or ``None``, and ``gta solve`` must print the same thing
either way, errors included.
"""

from __future__ import annotations

import contextlib
import io
import random
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory_alliances import cli
from gametheory_alliances.catalogue import list_models, load_model
from gametheory_alliances.errors import ExpressionError, GameError
from gametheory_alliances.expressions import (
    NotEvaluated,
    evaluate_exact,
    parse_condition,
    parse_expression,
)
from gametheory_alliances.io.model_numeric import catalogue_game_at, model_game_at
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.sweep.grid import parse_grid_spec

NAMES = ["x", "y", "z"]
SYMBOLS = {name: Parameter(name).symbol for name in NAMES}


def _symbolic_value(text: str, values: dict[str, Fraction], condition: bool = False) -> Any:
    """The symbolic reader's value at ``values``, or the ExpressionError it raises."""
    try:
        expr = (parse_condition if condition else parse_expression)(text, NAMES)
    except ExpressionError as exc:
        return exc
    subs = {SYMBOLS[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items()}
    try:
        return expr.xreplace(subs)
    except (TypeError, ValueError, ArithmeticError) as exc:  # undefined at the point
        return exc


def _agrees(text: str, values: dict[str, Fraction], condition: bool = False) -> bool:
    """Check evaluate_exact against sympy; True when evaluate_exact gave a value."""
    symbolic = _symbolic_value(text, values, condition)
    try:
        value = evaluate_exact(text, values, condition=condition)
    except NotEvaluated:
        return False
    assert not isinstance(symbolic, Exception), (text, symbolic)
    if condition:
        assert symbolic in (sympy.true, sympy.false), (text, symbolic)
        assert value is (symbolic is sympy.true), (text, values)
    else:
        assert isinstance(value, Fraction)
        assert symbolic.is_Rational, (text, symbolic)
        assert value == Fraction(int(symbolic.p), int(symbolic.q)), (text, values, symbolic)
    return True


# -- the evaluator against sympy ------------------------------------------------------------

values_st = st.fixed_dictionaries(
    {
        name: st.fractions(min_value=-5, max_value=5, max_denominator=6)
        | st.sampled_from([Fraction(0), Fraction(1), Fraction(-1)])
        for name in NAMES
    }
)


@st.composite
def expressions(draw: st.DrawFn, depth: int = 3) -> str:
    leaves = st.sampled_from([*NAMES, "0", "1", "2", "3", "0.5", "1e-3", "7/3", "pi", "E"])
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(leaves)
    kind = draw(st.integers(0, 6))
    a = draw(expressions(depth - 1))
    if kind == 0:
        return f"-({a})"
    if kind == 1:
        b = draw(expressions(depth - 1))
        op = draw(st.sampled_from(["+", "-", "*", "/"]))
        return f"({a}) {op} ({b})"
    if kind == 2:
        n = draw(st.sampled_from(["2", "3", "-1", "-2", "0", "1/2", "x", "(1+1)", "40"]))
        return f"({a})**{n}"
    if kind == 3:
        return f"Abs({a})"
    if kind == 4:
        b = draw(expressions(depth - 1))
        return f"{draw(st.sampled_from(['Max', 'Min']))}({a}, {b})"
    if kind == 5:
        b = draw(expressions(depth - 1))
        return f"Piecewise(({a}, {draw(conditions(1))}), ({b}, True))"
    return f"{draw(st.sampled_from(['sqrt', 'log', 'exp']))}({a})"


@st.composite
def conditions(draw: st.DrawFn, depth: int = 2) -> str:
    if depth == 0 or draw(st.booleans()):
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        return f"({draw(expressions(1))}) {op} ({draw(expressions(1))})"
    kind = draw(st.integers(0, 2))
    a = draw(conditions(depth - 1))
    if kind == 0:
        return f"~({a})"
    b = draw(conditions(depth - 1))
    return f"({a}) {'&' if kind == 1 else '|'} ({b})"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=expressions(), values=values_st)
def test_the_exact_value_is_sympys_value_or_none(text: str, values: dict[str, Fraction]) -> None:
    _agrees(text, values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=conditions(), values=values_st)
def test_a_condition_is_decided_as_sympy_decides_it(text: str, values: dict[str, Fraction]) -> None:
    _agrees(text, values, condition=True)


def test_the_rational_grammar_is_evaluated() -> None:
    # The checks above could pass by declining everything: these must give values.
    v = {"x": Fraction(3), "y": Fraction(-1, 2), "z": Fraction(0)}
    for text in [
        "x*y - 1/4",
        "(x + y)**3 / 7",
        "x**-2",
        "Abs(y) + Max(x, y, z) - Min(x, 2)",
        "Piecewise((x, y > 0), (z, True))",
        "0.25 + 1e-2",
        "-(x - y)**(1+1)",
    ]:
        assert _agrees(text, v), text
    for text in ["(x >= y) & ~(z != 0)", "(x < 0) | True", "x**2 == 9"]:
        assert _agrees(text, v, condition=True), text


@pytest.mark.parametrize(
    "text",
    [
        "sqrt(4)",  # irrational in general: left to sympy
        "log(x)",
        "pi*x",
        "E",
        "x**(1/2)",
        "x**y",
        "1/(x - x)",
        "1/z",
        "z**-1",
        "(x + y + 1)**101",  # degree above MAX_DEGREE: refused by the symbolic reader
        "(x + y + z + 1)**40",  # too many terms
        "x**10001",
        "2**2**2",
        "9" * 61,
        "1e-1001",
        "Piecewise((1, x < 0))",  # undefined at this point
        "Max(" + ", ".join(["x"] * 13) + ")",
        "__import__('os').system('false')",
        "x.real",
        "[x][0]",
        "lambda: 1",
        "x if y else z",
        "(x > 1)",
        "x and y",
        "'s'",
        "1j",
        "é",
        "x\x00",
        "unknown + 1",
        "",
        "x" * 10_001,
    ],
)
def test_what_the_evaluator_declines(text: str) -> None:
    v = {"x": Fraction(3), "y": Fraction(2), "z": Fraction(0)}
    with pytest.raises(NotEvaluated):
        evaluate_exact(text, v)


def test_the_degree_bound_is_never_below_sympys() -> None:
    # A degree or term count the symbolic reader refuses must be declined here too.
    v = {"x": Fraction(1), "y": Fraction(1), "z": Fraction(1)}
    for text in ["(x + 1)**101", "x**60 * y**41", "Abs(x**101)", "(x*y)**51"]:
        assert isinstance(_symbolic_value(text, v), ExpressionError), text
        with pytest.raises(NotEvaluated):
            evaluate_exact(text, v)


# -- catalogue models: the numeric game is the symbolic game at the point ------------------------

MODELS = [name for name, _ in list_models()]


def _points(name: str) -> list[dict[str, Fraction]]:
    model = load_model(name)
    rng = random.Random(name)
    points: list[dict[str, Fraction]] = [{}]
    for _ in range(2):
        points.append(
            {k: Fraction(rng.choice(parse_grid_spec(v))) for k, v in sorted(model.grid.items())}
        )
    return points


@contextlib.contextmanager
def _symbolic_only() -> Iterator[None]:
    original = cli._catalogue_game_at
    cli._catalogue_game_at = lambda spec, values: None
    try:
        yield
    finally:
        cli._catalogue_game_at = original


def _gta(argv: list[str], fast: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if not fast:
            stack.enter_context(_symbolic_only())
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _argv(name: str, point: dict[str, Fraction], *extra: str) -> list[str]:
    return ["solve", name, *[a for k, v in point.items() for a in ("--set", f"{k}={v}")], *extra]


@pytest.mark.parametrize("name", MODELS)
def test_a_catalogue_model_binds_as_the_symbolic_model(name: str) -> None:
    model = load_model(name)
    kind = model.game.kind
    for k, point in enumerate(_points(name)):
        game = catalogue_game_at(name, point)
        if kind not in ("normal form", "tree"):
            assert game is None, "continuous models are left to the symbolic path"
            continue
        assert game is not None, (name, point)
        symbolic = model.at(**point)
        assert game.players == symbolic.players
        assert game.title == symbolic.title
        if kind == "normal form":
            assert list(game.parameters) == list(symbolic.parameters)
            assert game.strategies == symbolic.strategies
            for mine, theirs in zip(
                game.payoff_arrays(exact=True), symbolic.payoff_arrays(exact=True), strict=True
            ):
                assert mine.tolist() == theirs.tolist()
        # What gta solve prints is the same, text and JSON.
        extras: list[tuple[str, ...]] = [()] if k else [(), ("--json",)]
        for extra in extras:
            assert _gta(_argv(name, point, *extra), True) == _gta(
                _argv(name, point, *extra), False
            ), (name, point, extra)


@pytest.mark.parametrize(
    ("name", "settings", "fragment"),
    [
        ("burden-sharing", ["b1=3", "b2=2"], "assumption"),  # b2 >= b1 violated
        ("burden-sharing", ["c=-1"], "outside its domain"),
        ("burden-sharing", ["nope=1"], "unknown parameter"),
        ("burden-sharing", ["c=b1"], None),  # a tie: the symbolic path binds it
        ("entrapment", ["r_R=r_M"], None),
        ("public-good", ["w=60,50,40"], None),  # a vector, a continuous model
        ("prisoners-dilemma", ["T=1e-400"], None),
        ("no-such-model", [], "no such"),
    ],
)
def test_gta_solve_is_the_same_with_or_without_the_numeric_path(
    name: str, settings: list[str], fragment: str | None
) -> None:
    argv = ["solve", name, *[a for s in settings for a in ("--set", s)]]
    fast, symbolic = _gta(argv, True), _gta(argv, False)
    assert fast == symbolic
    if fragment is not None:
        assert fast[0] != 0 and fragment in fast[2], fast


def test_the_numeric_path_declines_what_it_cannot_certify() -> None:
    assert catalogue_game_at("burden-sharing", {"b1": Fraction(3), "b2": Fraction(2)}) is None
    assert catalogue_game_at("burden-sharing", {"c": Fraction(-1)}) is None
    assert catalogue_game_at("burden-sharing", {"c": "b1"}) is None
    assert catalogue_game_at("burden-sharing", {"c": 0.5}) is None
    assert catalogue_game_at("public-good", {}) is None
    assert catalogue_game_at("../models/burden-sharing", {}) is None
    assert catalogue_game_at("Burden-Sharing", {}) is None
    assert catalogue_game_at("burden-sharing", {"b2": Fraction(5)}) is not None


def test_a_model_file_with_an_unreadable_payoff_is_left_to_the_symbolic_reader(tmp_path) -> None:
    text = (load_model("burden-sharing").path or "").strip()
    source = open(text, encoding="utf-8").read()
    bad = tmp_path / "bad.toml"
    bad.write_text(source.replace('"b1 - c", "b1"', '"b1 - c", "__import__(\'os\')"'))
    assert model_game_at(bad, {}) is None
    with pytest.raises(GameError):
        load_model(str(bad))
    bad.write_text(source.replace('"b1 - c", "b1"', '"b1 - c", "b1/(c - c)"'))
    assert model_game_at(bad, {}) is None
    good = tmp_path / "good.toml"
    good.write_text(source)
    assert model_game_at(good, {}) is not None


CONCEPTS = {
    "normal form": [
        ("--concept", "pure"),
        ("--exact",),
        ("--concept", "correlated"),
        ("--concept", "qre", "--lam", "2"),
    ],
    "tree": [("--concept", "nash"), ("--concept", "spe", "--mixed"), ("--concept", "sequential")],
}


@pytest.mark.parametrize(
    "name",
    [
        "burden-sharing",
        "chicken",
        "alliance-dilemma-adversary",
        "entrapment",
        "coalition-formation-power",
        "extended-deterrence-one-sided",
    ],
)
def test_every_concept_prints_the_same_from_either_path(name: str) -> None:
    kind = load_model(name).game.kind
    point = _points(name)[1]
    for extra in CONCEPTS[kind]:
        fast, symbolic = (
            _gta(_argv(name, point, *extra), True),
            _gta(_argv(name, point, *extra), False),
        )
        assert fast == symbolic, (name, extra)
