"""The sweep's compiled expressions: numpy closures equal to ``sympy.lambdify``, cached by
content, so that a second sweep reuses them and a changed model never meets a stale one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy

from gametheory_alliances import NormalFormGame, nash_equilibria
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.io import models_dir
from gametheory_alliances.sweep import sweep
from gametheory_alliances.sweep.compiled import array_code, boolean_code, numpy_function

x, y, z = sympy.symbols("x y z", real=True)
SYMBOLS = (x, y, z)

EXPRESSIONS = [
    x - 3 * y / 7,
    x**2 * y - sympy.Rational(1, 3) * z**3 + 5,
    (x + y) ** -2 - 1 / (z - 4),
    sympy.sqrt(x * x + 1) * sympy.Float(0.25) + y,
    sympy.Rational(7, 3),
    sympy.Integer(-2) * x * y * z,
    (x - y) * (y - z) * (z - x) + sympy.Rational(10**20 + 1, 3),
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
def test_the_closure_computes_what_lambdify_computes(expr: sympy.Expr) -> None:
    rng = np.random.default_rng(7)
    args = [rng.uniform(-3, 3, 200) for _ in SYMBOLS]
    code = array_code(expr, {s: k for k, s in enumerate(SYMBOLS)})
    assert code is not None
    expected = sympy.lambdify(SYMBOLS, expr, "numpy")(*args)
    np.testing.assert_allclose(code(args), expected, rtol=1e-13, atol=1e-13)


def test_functions_outside_the_arithmetic_are_left_to_lambdify() -> None:
    position = {s: k for k, s in enumerate(SYMBOLS)}
    assert array_code(sympy.Max(x, y), position) is None
    assert array_code(x ** sympy.Rational(1, 3), position) is None
    # Still one numpy function for all: lambdify computes the tuple.
    f = numpy_function((sympy.Max(x, y), x + 1), SYMBOLS)
    out = f(np.array([1.0, 5.0]), np.array([2.0, 3.0]), np.array([0.0, 0.0]))
    assert [list(v) for v in out] == [[2.0, 5.0], [2.0, 6.0]]


def test_a_condition_on_relations_is_decided_as_lambdify_decides_it() -> None:
    cond = ((x > 0) & ~((x > 0) & (y >= x))) | sympy.And(z < 1, y >= x, sympy.Not(x > 2))
    # The relations as the sweep plan lists them: the condition's atoms.
    rels = tuple(sorted(cond.atoms(sympy.core.relational.Relational), key=str))
    code = boolean_code(cond, {r: k for k, r in enumerate(rels)})
    assert code is not None
    rng = np.random.default_rng(3)
    truths = [rng.random(64) < 0.5 for _ in rels]
    flags = sympy.symbols(f"f0:{len(rels)}")
    expected = sympy.lambdify(flags, cond.xreplace(dict(zip(rels, flags, strict=True))))(*truths)
    assert np.array_equal(code(truths), expected)


def _model_text(cost: str) -> str:
    text = (models_dir() / "burden-sharing.toml").read_text(encoding="utf-8")
    return text.replace('"b1 - c", "b1"', f'"b1 - {cost}", "b1"').replace(
        '"b1", "b1 - c"', f'"b1", "b1 - {cost}"'
    )


def test_a_changed_model_file_does_not_meet_a_stale_compiled_function(tmp_path: Path) -> None:
    grid = {"b2": "3:8:6", "c": "0.5:5:5"}
    path = tmp_path / "burden-sharing.toml"
    path.write_text(_model_text("c"), encoding="utf-8")
    first = sweep(load_model(path), grid)
    hits = numpy_function.cache_info().hits
    again = sweep(load_model(path), grid)
    assert numpy_function.cache_info().hits > hits  # the second sweep reuses the set-up
    assert again.to_csv(index=False) == first.to_csv(index=False)
    # The same file, a contributor's cost doubled where it contributes alone.
    path.write_text(_model_text("2*c"), encoding="utf-8")
    changed = sweep(load_model(path), grid)
    assert changed.to_csv(index=False) != first.to_csv(index=False)
    # Every row agrees with the solver at its point, in the changed game.
    model = load_model(path)
    for (b2, c), rows in changed.groupby(["b2", "c"]):
        found = nash_equilibria(model.at(b2=b2, c=c))
        probs = sorted(round(float(eq.strategies[0][0]), 6) for eq in found)
        assert sorted(round(v, 6) for v in rows["Ally A:C"]) == probs, (b2, c)


def test_games_with_the_same_payoffs_share_one_compiled_function() -> None:
    payoffs = [[["a - 1", "0"], ["2", "a"]], [["a", "1"], ["0", "2*a"]]]
    one = NormalFormGame(payoffs, parameters=["a"])
    other = NormalFormGame(payoffs, parameters=["a"], title="another game, same payoffs")
    sweep(one, {"a": "0:2:5"})
    misses = numpy_function.cache_info().misses
    table = sweep(other, {"a": "0:2:5"})
    assert numpy_function.cache_info().misses == misses
    changed = NormalFormGame(
        [[["a - 1", "0"], ["2", "a"]], [["a", "1"], ["0", "3*a"]]], parameters=["a"]
    )
    assert sweep(changed, {"a": "0:2:5"}).to_csv() != table.to_csv()
