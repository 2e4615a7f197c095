"""Tests of the public hypothesis strategies in gametheory_alliances.testing.

Each strategy is checked against what it promises: generated objects are
valid, respect ranges, domains and assumptions; degeneracy is really present
when asked for (checked by brute force over pure profiles); orderings are met
by construction (a chain of strict orderings that rejection could not
satisfy draws without health-check failures); and runs are reproducible.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, Parameter
from gametheory_alliances.catalogue import list_models, load_model
from gametheory_alliances.continuous import ContinuousGame
from gametheory_alliances.errors import GameError
from gametheory_alliances.expressions import parse_condition
from gametheory_alliances.io.model import Model
from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.testing import (
    DENOMINATORS,
    models,
    normal_form_games,
    parameter_points,
    parameterised_games,
    sequential_games,
)

FEW = settings(max_examples=40, deadline=None)


def has_pure_tie(game: NormalFormGame) -> bool:
    """Whether some player has two pure best responses to a pure profile of the others."""
    arrays = game.payoff_arrays(exact=game.is_exact)
    for i, m in enumerate(game.shape):
        if m < 2:
            continue
        axes = [range(k) for j, k in enumerate(game.shape) if j != i]
        for others in itertools.product(*axes):
            values = [arrays[i][(*others[:i], k, *others[i:])] for k in range(m)]
            best = max(values)
            if sum(v == best for v in values) >= 2:
                return True
    return False


def draws(strategy, count: int = 60) -> list:
    """Examples of a strategy, drawn reproducibly (no shrinking, unlike ``find``)."""
    out: list = []

    @settings(max_examples=count, deadline=None, database=None)
    @given(strategy)
    def collect(value):
        out.append(value)

    collect()
    return out


def tree_depth(tree: SequentialGame) -> int:
    return max(len(tree.node_path(k)) for k in range(tree.n_nodes))


def model_with(parameters: list[Parameter], conditions: list[str]) -> Model:
    """A model with the given parameters and assumptions (a trivial 1 x 1 game)."""
    game = NormalFormGame([[[0]], [[0]]], parameters=parameters)
    assumptions = tuple((parse_condition(c, game.parameters), c) for c in conditions)
    return Model(name="test-model", title="Test model", game=game, assumptions=assumptions)


# -- normal_form_games ------------------------------------------------------------------


@FEW
@given(normal_form_games(players=(2, 3), strategies=(1, 3)))
def test_integer_games_respect_players_strategies_and_payoff_range(game):
    assert 2 <= game.n_players <= 3
    assert all(1 <= m <= 3 for m in game.shape)
    assert game.is_exact
    for arr in game.payoff_arrays(exact=True):
        assert all(f.denominator == 1 and -10 <= f <= 10 for f in arr.flat)


@FEW
@given(normal_form_games(payoffs="rational", payoff_range=(-2, 3)))
def test_rational_games_are_exact_with_small_denominators(game):
    assert game.is_exact
    for arr in game.payoff_arrays(exact=True):
        assert all(-2 <= f <= 3 and f.denominator in DENOMINATORS for f in arr.flat)


@FEW
@given(normal_form_games(payoffs="float", payoff_range=(-1, 1)))
def test_float_games_are_not_exact_and_stay_in_range(game):
    assert game.is_numeric and not game.is_exact
    for arr in game.payoff_arrays():
        assert arr.dtype == np.float64
        assert np.all((arr >= -1) & (arr <= 1))


@FEW
@given(normal_form_games(shape=(2, 3, 1), labels=True))
def test_fixed_shape_and_drawn_labels(game):
    assert game.shape == (2, 3, 1)
    assert len(set(game.players)) == 3
    for labels, m in zip(game.strategies, game.shape, strict=True):
        assert len(set(labels)) == len(labels) == m
        assert all(label and label.strip() == label for label in labels)


@pytest.mark.parametrize("payoffs", ["integer", "rational", "float"])
@pytest.mark.parametrize("players", [2, 3])
def test_degenerate_games_have_a_pure_best_response_tie(payoffs, players):
    @settings(max_examples=40, deadline=None)
    @given(normal_form_games(players=players, strategies=(1, 3), payoffs=payoffs, degenerate=True))
    def check(game):
        assert max(game.shape) >= 2
        assert has_pure_tie(game)
        lo, hi = -10, 10
        assert all(np.all((a >= lo) & (a <= hi)) for a in game.payoff_arrays())

    check()


def test_every_degenerate_structure_is_reachable():
    strategy = normal_form_games(strategies=(2, 3), degenerate=True)

    def constant(g):
        return any(len(set(a.flat)) == 1 for a in g.payoff_arrays(exact=True))

    def duplicated_rows(g):
        a, b = g.payoff_arrays(exact=True)
        rows = [(tuple(a[k]), tuple(b[k])) for k in range(g.shape[0])]
        return len(set(rows)) < len(rows) and len(set(a.flat)) > 1

    def weakly_dominated_not_duplicate(g):
        a, _ = g.payoff_arrays(exact=True)
        return any(
            np.all(a[j] <= a[k]) and np.any(a[j] < a[k]) and np.any(a[j] == a[k])
            for j in range(g.shape[0])
            for k in range(g.shape[0])
            if j != k
        )

    games = draws(strategy, 150)
    for condition in (constant, duplicated_rows, weakly_dominated_not_duplicate):
        assert any(condition(g) for g in games), condition.__name__


def test_nondegenerate_draws_are_not_forced_to_tie():
    games = draws(normal_form_games(strategies=3, payoff_range=(-100, 100)), 30)
    assert any(not has_pure_tie(g) for g in games)


def test_games_are_reproducible_under_a_seed():
    def record() -> list[tuple]:
        seen: list[tuple] = []

        @seed(20261125)
        @settings(max_examples=15, database=None, deadline=None, derandomize=False)
        @given(normal_form_games(players=(2, 3), payoffs="rational", degenerate=True))
        def collect(game):
            seen.append((game.shape, tuple(tuple(a.flat) for a in game.payoff_arrays(exact=True))))

        collect()
        return seen

    first, second = record(), record()
    assert first == second and len(first) >= 10


@pytest.mark.parametrize(
    "kwargs",
    [
        {"payoffs": "complex"},
        {"payoff_range": (5, 1)},
        {"payoff_range": (Fraction(1, 3), Fraction(2, 3))},
        {"payoff_range": "0:1"},
        {"strategies": 0},
        {"strategies": (3, 2)},
        {"players": True},
        {"strategies": 1, "degenerate": True},
        {"shape": (1, 1), "degenerate": True},
        {"shape": (2, 0)},
        {"degenerate": "yes"},
    ],
)
def test_bad_arguments_raise_game_errors(kwargs):
    with pytest.raises(GameError):
        normal_form_games(**kwargs)


# -- sequential_games -------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_sequential_games_have_the_drawn_depth_and_valid_structure(data):
    depth = data.draw(st.integers(1, 4), label="depth")
    tree = data.draw(sequential_games(players=(2, 3), depth=depth), label="tree")
    assert isinstance(tree, SequentialGame)
    assert 2 <= tree.n_players <= 3
    assert tree_depth(tree) == depth
    assert tree.is_exact
    assert tree.is_perfect_information
    pays, probs = tree.numbers()
    assert all(not p for p in probs)  # no chance node without chance=True
    leaves = [p for p in pays if p]
    assert len(leaves) <= max(16, 1 + depth * 2)
    assert all(-10 <= v <= 10 and v.denominator == 1 for p in leaves for v in p)


@settings(max_examples=40, deadline=None)
@given(sequential_games(depth=(1, 3), chance=True, information_sets=True, payoffs="rational"))
def test_sequential_games_with_chance_and_information_sets_reduce_to_normal_form(tree):
    _, probs = tree.numbers()
    for p in probs:
        if p:
            assert sum(p) == 1 and all(x > 0 for x in p)
    for h in tree.infosets:
        # Perfect recall: no member of an information set lies below another.
        paths = [tree.node_path(k) for k in h.nodes]
        assert not any(p != q and q[: len(p)] == p for p in paths for q in paths)
    normal = tree.to_normal_form()
    assert normal.n_players == tree.n_players and normal.is_exact


def test_information_sets_and_chance_nodes_are_reachable():
    strategy = sequential_games(players=2, depth=(2, 3), chance=True, information_sets=True)
    trees = draws(strategy, 60)
    assert any(not t.is_perfect_information for t in trees)
    assert any(any(t.numbers()[1]) for t in trees)


def test_sequential_bad_arguments_raise_game_errors():
    with pytest.raises(GameError):
        sequential_games(depth=(3, 1))
    with pytest.raises(GameError):
        sequential_games(max_terminals=0)
    with pytest.raises(GameError):
        sequential_games(payoffs="decimal")


# -- parameter_points ---------------------------------------------------------------------


CATALOGUE = [name for name, _ in list_models()]


@pytest.mark.parametrize("name", CATALOGUE)
def test_points_of_catalogue_models_satisfy_domains_and_assumptions(name):
    model = load_model(name)

    @settings(max_examples=30, deadline=None)
    @given(parameter_points(model))
    def check(values):
        assert list(values) == list(model.parameters)
        for p_name, value in values.items():
            assert isinstance(value, Fraction)
            assert model.parameters[p_name].domain.contains(value)
            assert abs(value) <= 20
        model.check_assumptions(values)
        bound = model.at(**values)
        if isinstance(bound, ContinuousGame):  # no payoff table: exactness is the solver's
            assert bound.is_numeric
        else:
            assert bound.is_exact

    check()


@pytest.mark.parametrize("name", ["chicken", "burden-sharing-asymmetric", "stag-hunt"])
def test_float_points_satisfy_assumptions_after_decimal_reading(name):
    model = load_model(name)

    @settings(max_examples=30, deadline=None)
    @given(parameter_points(model, exact=False))
    def check(values):
        assert all(isinstance(v, float) for v in values.values())
        model.at(**values)  # reads each float as its decimal and checks everything

    check()


def test_a_long_strict_chain_is_drawn_by_construction():
    # Rejection would keep one point in 720: hypothesis would fail its
    # filter_too_much health check long before 50 examples.
    names = ["u", "v", "w", "x", "y", "z"]
    model = model_with(
        [Parameter(n, "real") for n in names], ["(u < v) & (v < w)", "(w < x) & (x < y) & (y < z)"]
    )

    @settings(max_examples=50, deadline=None, suppress_health_check=[])
    @given(parameter_points(model))
    def check(values):
        drawn = [values[n] for n in names]
        assert drawn == sorted(drawn) and len(set(drawn)) == len(drawn)

    check()


def test_partial_orders_are_met_in_every_linear_extension():
    model = model_with(
        [Parameter(n, "[0, 1]") for n in "abcd"], ["a <= b", "a <= c", "c < d", "b < d"]
    )
    seen_orders = set()

    @settings(max_examples=60, deadline=None, suppress_health_check=[])
    @given(parameter_points(model))
    def check(values):
        assert values["a"] <= values["b"] < values["d"]
        assert values["a"] <= values["c"] < values["d"]
        seen_orders.add(values["b"] < values["c"])

    check()
    assert seen_orders == {True, False}


def test_orderings_between_different_domains_and_open_ends():
    model = model_with(
        [
            Parameter("x", "[0, 1]"),
            Parameter("y", "positive"),
            Parameter("z", "(1/2, 2]"),
            Parameter("k", "(0, 1)"),
        ],
        ["(x <= y) & (y < z)", "k > 1/4", "2*k < 3/2"],
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=[])
    @given(parameter_points(model))
    def check(values):
        x, y, z, k = (values[n] for n in "xyzk")
        assert 0 <= x <= 1 and 0 < y and Fraction(1, 2) < z <= 2
        assert x <= y < z
        assert Fraction(1, 4) < k < Fraction(3, 4)

    check()


def test_open_ends_are_never_drawn_in_float_mode():
    model = model_with([Parameter("p", "(0, 1/3)"), Parameter("q", "(-oo, 0)")], [])

    @settings(max_examples=60, deadline=None)
    @given(parameter_points(model, exact=False))
    def check(values):
        p, q = Fraction(repr(values["p"])), Fraction(repr(values["q"]))
        assert 0 < p < Fraction(1, 3)
        assert -10 <= q < 0

    check()


def test_boundary_values_are_reachable_where_the_domain_is_closed():
    model = model_with(
        [Parameter("b1", "nonnegative"), Parameter("b2", "nonnegative")], ["b2 >= b1"]
    )
    points = draws(parameter_points(model), 60)
    assert any(v["b1"] == v["b2"] > 0 for v in points)
    assert any(v["b1"] < v["b2"] for v in points)


def test_unbounded_domains_get_the_span():
    model = model_with([Parameter("r", "real"), Parameter("s", "[5, oo)")], [])

    @settings(max_examples=40, deadline=None)
    @given(parameter_points(model, span=3))
    def check(values):
        assert -3 <= values["r"] <= 3
        assert 5 <= values["s"] <= 8

    check()


def test_other_conditions_are_filtered():
    model = load_model("burden-sharing")

    @settings(max_examples=30, deadline=None)
    @given(parameter_points(model, assumptions=["b2 < 2*b1", "(c > 1) | (b1 > 3)"]))
    def check(values):
        assert values["b1"] <= values["b2"] < 2 * values["b1"]
        assert values["c"] > 1 or values["b1"] > 3

    check()


def test_assumptions_are_ignored_on_request():
    model = load_model("prisoners-dilemma")
    points = draws(parameter_points(model, respect_assumptions=False), 30)
    assert any(v["S"] > v["T"] for v in points)


def test_points_of_a_game_and_of_a_parameter_list():
    game = load_model("burden-sharing").game
    for point in draws(parameter_points(game), 10):
        assert list(point) == ["b1", "b2", "c"] and point["c"] > 0
    assert draws(parameter_points([Parameter("t", "[2, 2]")]), 3)[0] == {"t": 2}
    assert draws(parameter_points([]), 3)[0] == {}


@pytest.mark.parametrize(
    ("parameters", "conditions"),
    [
        ([Parameter("x", "real"), Parameter("y", "real")], ["(x < y) & (y < x)"]),
        (
            [Parameter("x", "real"), Parameter("y", "real"), Parameter("z", "real")],
            ["(x < y) & (y <= z) & (z <= x)"],
        ),
        ([Parameter("s", "[0, 2]")], ["s > 3"]),
        ([Parameter("s", "positive")], ["s < 0"]),
        ([Parameter("x", "[0, 1]"), Parameter("y", "[-1, 0]")], ["x < y"]),
        ([Parameter("x", "[1, 1]"), Parameter("y", "[1, 1]")], ["x < y"]),
        ([Parameter("x", "[0, 1]"), Parameter("y", "(0, 1]")], ["(x < y) & (y <= 0)"]),
    ],
)
def test_unsatisfiable_assumptions_raise_game_errors(parameters, conditions):
    model = model_with(parameters, conditions)
    with pytest.raises(GameError):
        # Contradictions in bounds and orderings are reported when the strategy is made.
        parameter_points(model)


def test_parameter_points_bad_arguments():
    with pytest.raises(GameError):
        parameter_points(load_model("stag-hunt"), span=0)
    with pytest.raises(GameError):
        parameter_points(load_model("stag-hunt"), assumptions=["t > 1"])
    with pytest.raises(GameError):
        parameter_points(load_model("stag-hunt"), assumptions=[42])


def test_points_are_reproducible_under_a_seed():
    model = load_model("chicken")

    def record() -> list[dict]:
        seen: list[dict] = []

        @seed(7)
        @settings(max_examples=15, database=None, deadline=None, derandomize=False)
        @given(parameter_points(model))
        def collect(values):
            seen.append(values)

        collect()
        return seen

    assert record() == record()


# -- models and parameterised games -----------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(models())
def test_models_come_from_the_catalogue(model):
    assert isinstance(model, Model)
    assert model.name in CATALOGUE


def test_models_can_be_restricted_and_refuse_unknown_names():
    chosen = set()

    @settings(max_examples=20, deadline=None)
    @given(models(["stag-hunt", "chicken"]))
    def collect(model):
        chosen.add(model.name)

    collect()
    assert chosen == {"stag-hunt", "chicken"}
    with pytest.raises(GameError):
        models(["no-such-model"])
    with pytest.raises(GameError):
        models([])


@settings(max_examples=30, deadline=None)
@given(parameterised_games(n_params=(1, 3), players=(2, 3), strategies=(1, 2)))
def test_parameterised_games_are_affine_in_their_parameters(game):
    assert 1 <= len(game.parameters) <= 3
    symbols = [p.symbol for p in game.parameters.values()]
    for p in game.parameters.values():
        assert p.default is not None and p.domain.contains(p.default)
    for arr in game.payoff_expressions():
        for e in arr.flat:
            assert sympy.Poly(e, *symbols).total_degree() <= 1
    numeric = game.at()
    assert numeric.is_exact and numeric.shape == game.shape


def test_parameterised_game_bad_arguments():
    with pytest.raises(GameError):
        parameterised_games(n_params=(1, 20))
    with pytest.raises(GameError):
        parameterised_games(domains=[])
    with pytest.raises(GameError):
        parameterised_games(coefficient=-1)
    with pytest.raises(GameError):
        parameterised_games(domains=["(1, 0)"])


def test_health_checks_stay_on_for_models_and_points():
    # Drawing a point of every catalogue model needs no heavy rejection.
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(models().flatmap(lambda m: parameter_points(m).map(lambda v: (m, v))))
    def check(pair):
        model, values = pair
        model.check_assumptions(values)

    check()
