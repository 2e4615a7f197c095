"""Continuous contribution games: closed forms by first-order conditions, checked numerically."""

import itertools
import math
from fractions import Fraction

import pytest
import sympy

from gametheory_alliances.continuous import ContinuousGame
from gametheory_alliances.errors import (
    DomainError,
    GameError,
    ShapeError,
    SolverError,
    UnknownParameterError,
)
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.symbolic.continuous import is_concave_in, solve_symbolic


def olson_zeckhauser():
    return ContinuousGame(
        players=["Ally 1", "Ally 2"],
        strategies=["q1", "q2"],
        bounds=[(0, "w1"), (0, "w2")],
        utilities=[
            "(1 - a)*log(w1 - q1) + a*log(q1 + q2)",
            "(1 - a)*log(w2 - q2) + a*log(q1 + q2)",
        ],
        parameters={"a": "(0, 1)", "w1": "positive", "w2": "positive"},
        title="Olson-Zeckhauser",
    )


def quasi_linear():
    return ContinuousGame(
        ["A", "B"],
        ["q1", "q2"],
        [(0, "w1"), (0, "w2")],
        ["w1 - q1 + t1*log(q1 + q2)", "w2 - q2 + t2*log(q1 + q2)"],
        parameters={"t1": "positive", "t2": "positive", "w1": "positive", "w2": "positive"},
    )


@pytest.fixture(scope="module")
def oz_result():
    return solve_symbolic(olson_zeckhauser())


def test_olson_zeckhauser_closed_form(oz_result):
    # Interior: (1 - a) Q = a (w_i - q_i) for both allies, so
    # Q = a W / (2 - a) and q_i = w_i - (1 - a) W / (2 - a); alone, q_i = a w_i.
    game = olson_zeckhauser()
    a, w1, w2 = (game.parameters[n].symbol for n in ("a", "w1", "w2"))
    by_cases = {s.cases: s for s in oz_result}
    assert set(by_cases) == {
        ("interior", "lower"),
        ("lower", "interior"),
        ("interior", "interior"),
    }
    both = by_cases[("interior", "interior")]
    total = a * (w1 + w2) / (2 - a)
    assert sympy.simplify(both.strategies[0] - (w1 - (1 - a) * (w1 + w2) / (2 - a))) == 0
    assert sympy.simplify(both.strategies[0] + both.strategies[1] - total) == 0
    alone = by_cases[("interior", "lower")]
    assert alone.strategies == (a * w1, 0)
    assert all(s.concave for s in oz_result)


@pytest.mark.parametrize(
    "point",
    [
        {"a": "1/2", "w1": 10, "w2": 8},
        {"a": "1/3", "w1": 10, "w2": 3},
        {"a": "3/4", "w1": 2, "w2": 9},
        {"a": "1/5", "w1": 4, "w2": 4},
    ],
)
def test_olson_zeckhauser_matches_the_numeric_solver(oz_result, point):
    game = olson_zeckhauser()
    predicted = oz_result.at(**point)
    assert len(predicted) == 1  # exactly one case holds off the boundaries
    solution, levels = predicted[0]
    numeric = solve_numeric(game.at(**point))
    assert numeric.converged
    assert all(r <= 1e-9 for r in numeric.regrets)
    for x, y in zip(levels, numeric.strategies, strict=True):
        assert math.isclose(x, y, rel_tol=1e-7, abs_tol=1e-7)
    # The interior condition is the textbook one: both contribute iff
    # each income exceeds (1 - a) times the other's.
    a, w1, w2 = (Fraction(point[k]) for k in ("a", "w1", "w2"))
    both = w2 > (1 - a) * w1 and w1 > (1 - a) * w2
    assert (solution.cases == ("interior", "interior")) == both


def test_quasi_linear_only_the_ally_valuing_defence_most_contributes():
    result = solve_symbolic(quasi_linear())
    for t1, t2 in [(3, 2), (2, 5), ("7/2", "1/2")]:
        point = {"t1": t1, "t2": t2, "w1": 10, "w2": 10}
        found = result.at(**point)
        assert len(found) == 1
        solution, levels = found[0]
        top = max(Fraction(t1), Fraction(t2))
        assert math.isclose(sum(levels), float(top))
        richer = "A" if Fraction(t1) > Fraction(t2) else "B"
        assert solution.contributors == (richer,)
        numeric = solve_numeric(quasi_linear().at(**point))
        assert all(
            math.isclose(x, y, abs_tol=1e-7)
            for x, y in zip(levels, numeric.strategies, strict=True)
        )


def test_quasi_linear_corner_at_the_income_bound():
    result = solve_symbolic(quasi_linear())
    found = result.at(t1=20, t2=1, w1=5, w2=10)
    assert [s.cases for s, _ in found] == [("upper", "interior")] or [
        s.cases for s, _ in found
    ] == [("upper", "lower")]
    _solution, levels = found[0]
    numeric = solve_numeric(quasi_linear().at(t1=20, t2=1, w1=5, w2=10))
    assert all(
        math.isclose(x, y, abs_tol=1e-7) for x, y in zip(levels, numeric.strategies, strict=True)
    )


def test_joint_product_game_cross_checked_on_a_grid():
    # Sandler's joint products: own spending also buys a private benefit.
    game = ContinuousGame(
        ["A", "B"],
        ["x", "y"],
        [(0, 10), (0, 10)],
        ["-x + b*log(1 + x + y) + c*log(1 + x)", "-y + b*log(1 + x + y) + c*log(1 + y)"],
        parameters={"b": "positive", "c": "nonnegative"},
    )
    result = solve_symbolic(game, contributors=["A", "B"])
    assert result.solutions, result.notes
    for b, c in itertools.product(["3/2", 3], ["1/2", 1]):
        found = result.at(b=b, c=c)
        numeric = solve_numeric(game.at(b=b, c=c))
        assert len(found) >= 1
        levels = found[0][1]
        assert all(
            math.isclose(x, y, abs_tol=1e-6)
            for x, y in zip(levels, numeric.strategies, strict=True)
        )


def test_contributors_filter_and_unknown_players():
    result = solve_symbolic(olson_zeckhauser(), contributors=["Ally 1"])
    assert [s.cases for s in result] == [("interior", "lower")]
    with pytest.raises(UnknownParameterError, match="Ally 3"):
        solve_symbolic(olson_zeckhauser(), contributors=["Ally 3"])


def test_concavity_check():
    q, w = sympy.symbols("q w", positive=True)
    a = sympy.Symbol("a", real=True)
    assert is_concave_in(sympy.log(w - q) + 3 * sympy.sqrt(q + 1) - q**2, q) is True
    assert is_concave_in(q**2, q) is None
    assert is_concave_in(a * sympy.log(q), q) is None  # sign of a unknown
    assert is_concave_in(sympy.exp(q), q) is None


def test_result_to_dict_is_json_ready(oz_result):
    import json

    data = json.loads(json.dumps(oz_result.to_dict()))
    assert data["players"] == ["Ally 1", "Ally 2"]
    assert len(data["regions"]) == 3
    assert {"cases", "strategies", "payoffs", "condition"} <= set(data["regions"][0])


def test_bad_input():
    with pytest.raises(ShapeError):
        ContinuousGame(["A", "B"], ["q1"], [(0, 1), (0, 1)], ["q1", "q1"])
    with pytest.raises(GameError, match="name of a parameter"):
        ContinuousGame(["A"], ["w"], [(0, 1)], ["w"], parameters=["w"])
    with pytest.raises(GameError, match="not below"):
        ContinuousGame(["A"], ["q"], [(2, 1)], ["q"])
    with pytest.raises(SolverError, match="numeric"):
        solve_numeric(olson_zeckhauser())
    with pytest.raises(DomainError):
        olson_zeckhauser().at(a=2, w1=1, w2=1)
    with pytest.raises(SolverError, match="bounded"):
        solve_numeric(ContinuousGame(["A"], ["q"], [(0, None)], ["-q"]))


@pytest.mark.parametrize(
    ("name", "new_home"),
    [
        ("solve_symbolic", "gametheory_alliances.symbolic.continuous"),
        ("is_concave_in", "gametheory_alliances.symbolic.continuous"),
        ("ContinuousResult", "gametheory_alliances.symbolic.continuous"),
        ("ContinuousSolution", "gametheory_alliances.symbolic.continuous"),
        ("solve_numeric", "gametheory_alliances.solvers.first_order"),
        ("NumericSolution", "gametheory_alliances.solvers.first_order"),
    ],
)
def test_moved_names_still_import_from_continuous_with_a_deprecation_warning(name, new_home):
    import sys

    import gametheory_alliances.continuous as continuous

    with pytest.warns(DeprecationWarning, match=f"moved to {new_home}.{name}"):
        old = getattr(continuous, name)
    assert old is getattr(sys.modules[new_home], name)


def test_from_import_of_a_moved_name_warns_and_gives_the_new_object():
    from gametheory_alliances.solvers import first_order
    from gametheory_alliances.symbolic import continuous as symbolic_continuous

    with pytest.warns(DeprecationWarning, match="moved to gametheory_alliances.symbolic"):
        from gametheory_alliances.continuous import solve_symbolic as old_symbolic
    with pytest.warns(DeprecationWarning, match="moved to gametheory_alliances.solvers"):
        from gametheory_alliances.continuous import solve_numeric as old_numeric
    assert old_symbolic is symbolic_continuous.solve_symbolic
    assert old_numeric is first_order.solve_numeric


def test_continuous_has_no_other_attributes_and_importing_the_game_does_not_warn():
    import warnings

    import gametheory_alliances.continuous as continuous

    with pytest.raises(AttributeError, match="no attribute 'solve_everything'"):
        continuous.solve_everything  # noqa: B018
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        from gametheory_alliances.continuous import ContinuousGame as game_class
    assert game_class is ContinuousGame
